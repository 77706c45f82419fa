// Run-time settings, read from /config.json beside the site, so that one build serves
// the local runner ("local" sign-in) and AWS (Cognito) alike.

export type AuthMode = 'local' | 'cognito';

export interface SiteConfig {
  apiBaseUrl: string;
  authMode: AuthMode;
  cognito?: { region: string; userPoolId: string; clientId: string };
}

export class ConfigError extends Error {}

/** Checks and normalises the raw JSON; throws ConfigError with a message for the operator. */
export function parseConfig(raw: unknown): SiteConfig {
  if (!raw || typeof raw !== 'object') throw new ConfigError('config.json is not a JSON object.');
  const r = raw as Record<string, unknown>;
  const base = typeof r.api_base_url === 'string' && r.api_base_url.trim() ? r.api_base_url.trim() : '/api';
  const mode = r.auth_mode ?? 'local';
  if (mode !== 'local' && mode !== 'cognito') {
    throw new ConfigError(`config.json: auth_mode must be "local" or "cognito", not ${JSON.stringify(mode)}.`);
  }
  const config: SiteConfig = { apiBaseUrl: base.replace(/\/+$/, ''), authMode: mode };
  if (mode === 'cognito') {
    const region = r.cognito_region;
    const userPoolId = r.cognito_user_pool_id;
    const clientId = r.cognito_client_id;
    if (typeof userPoolId !== 'string' || typeof clientId !== 'string' || !userPoolId || !clientId) {
      throw new ConfigError('config.json: cognito mode needs cognito_user_pool_id and cognito_client_id.');
    }
    config.cognito = {
      // The pool id starts with its region ("eu-west-1_AbC"), so the region is optional.
      region: typeof region === 'string' && region ? region : userPoolId.split('_')[0],
      userPoolId,
      clientId,
    };
  }
  return config;
}

let loading: Promise<SiteConfig> | undefined;

/** Fetches /config.json once per page. */
export function loadConfig(): Promise<SiteConfig> {
  loading ??= (async () => {
    let response: Response;
    try {
      // no-store: the operator may change settings without a new build.
      response = await fetch('/config.json', { cache: 'no-store', credentials: 'same-origin' });
    } catch {
      throw new ConfigError("Can't reach the server, check your connection and try again");
    }
    if (!response.ok) throw new ConfigError(`The site's settings (config.json) could not be loaded (HTTP ${response.status}).`);
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new ConfigError("The site's settings (config.json) are not valid JSON.");
    }
    return parseConfig(json);
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

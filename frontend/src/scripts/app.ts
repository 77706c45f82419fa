// Page start-up shared by every page: settings, sign-in state, the API client, header.

import { createApi, type Api } from '../lib/api';
import { loadConfig, type SiteConfig } from '../lib/config';
import { localAuth } from '../lib/auth/local';
import { tokenStorage } from '../lib/auth/storage';
import type { AuthProvider } from '../lib/auth/types';
import type { Me } from '../lib/types';
import { byId, say } from './dom';

export interface Ctx {
  config: SiteConfig;
  auth: AuthProvider;
  api: Api;
}

const RETURN_KEY = 'ca.returnTo';
const ME_KEY = 'ca.me';
export const SIGN_IN_PATH = '/signin/';

let authPromise: Promise<AuthProvider> | undefined;

export function getAuth(config: SiteConfig): Promise<AuthProvider> {
  authPromise ??= (async () => {
    const storage = tokenStorage();
    if (config.authMode === 'cognito' && config.cognito) {
      // Loaded on demand: local mode never downloads the Cognito library.
      const { cognitoAuth } = await import('../lib/auth/cognito');
      return cognitoAuth(config.cognito, storage);
    }
    return localAuth(storage);
  })();
  return authPromise;
}

/** Remembers where the person was (a same-site path only) and goes to sign-in. */
export function goToSignIn(): void {
  forgetMe();
  const here = location.pathname + location.search;
  if (!here.startsWith(SIGN_IN_PATH) && here !== '/') tokenStorage().setItem(RETURN_KEY, here);
  location.replace(SIGN_IN_PATH);
}

/** Where to go after signing in: back to the page that sent us, else home for this role. */
export function takeReturnPath(): string | null {
  const storage = tokenStorage();
  const path = storage.getItem(RETURN_KEY);
  storage.removeItem(RETURN_KEY);
  // Only a path on this site: "/album/?id=x", never "//evil.example" or "https://…".
  return path && /^\/(?![/\\])/.test(path) ? path : null;
}

export function makeApi(config: SiteConfig, auth: AuthProvider): Api {
  let redirecting = false;
  return createApi({
    baseUrl: config.apiBaseUrl,
    getToken: () => auth.getToken(),
    onUnauthorized: () => {
      if (redirecting) return;
      redirecting = true;
      signOut(auth, false);
      goToSignIn();
    },
  });
}

export async function getMe(api: Api): Promise<Me> {
  const storage = tokenStorage();
  try {
    const cached = JSON.parse(storage.getItem(ME_KEY) ?? 'null') as Me | null;
    if (cached && typeof cached.email === 'string') return cached;
  } catch {
    // Fall through and ask.
  }
  const me = await api.me();
  storage.setItem(ME_KEY, JSON.stringify(me));
  return me;
}

/** Drops the cached /me answer: the next person to sign in in this tab may be someone else. */
export function forgetMe(): void {
  tokenStorage().removeItem(ME_KEY);
}

export function signOut(auth: AuthProvider, go = true): void {
  auth.signOut();
  forgetMe();
  const storage = tokenStorage();
  // In-flight "Download All" requests belong to this person only.
  for (let i = storage.length - 1; i >= 0; i--) {
    const key = storage.key(i);
    if (key?.startsWith('ca.download.')) storage.removeItem(key);
  }
  if (go) location.assign(SIGN_IN_PATH);
}

/** Fills in the header for a signed-in person. */
function showHeader(ctx: Ctx, me: Me | null): void {
  const nav = document.getElementById('site-nav');
  if (!nav) return;
  nav.hidden = false;
  if (me) {
    byId('nav-user').textContent = me.name || me.email;
    byId('nav-user').title = me.email;
    byId('nav-studio').hidden = !me.is_admin;
  }
  byId('sign-out').addEventListener('click', () => signOut(ctx.auth));
}

/** Shows a page-level problem (settings missing, server down) in the page's alert area. */
export function pageError(text: string): void {
  const node = document.getElementById('page-error');
  if (node) say(node, text);
}

/**
 * Start of every signed-in page: loads settings, sends the signed-out to sign-in,
 * fills the header. Resolves to null when the page should do nothing more.
 */
export async function startSignedInPage(): Promise<(Ctx & { me: Me | null }) | null> {
  let config: SiteConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    pageError((error as Error).message);
    return null;
  }
  const auth = await getAuth(config);
  if (!(await auth.getToken())) {
    goToSignIn();
    return null;
  }
  const api = makeApi(config, auth);
  const ctx = { config, auth, api };
  let me: Me | null = null;
  try {
    me = await getMe(api);
  } catch {
    // The header can live without a name; the page's own request will report problems.
  }
  showHeader(ctx, me);
  return { ...ctx, me };
}

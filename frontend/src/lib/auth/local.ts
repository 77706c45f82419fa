// Sign-in against the local runner's stand-in for Cognito: POST /local-auth/token at the
// site's own origin (not under api_base_url) answers {"id_token","expires_in"}.

import { NETWORK_MESSAGE, errorFromResponse } from '../api';
import { AuthError, WRONG_CREDENTIALS, type AuthProvider, type SignInResult } from './types';

const KEY = 'ca.local.session';
/** Treat a token as expired this long before it is, so a request never races its expiry. */
const MARGIN_MS = 30_000;

interface LocalSession {
  idToken: string;
  expiresAt: number;
}

export function localAuth(storage: Storage, doFetch: typeof fetch = (i, init) => fetch(i, init)): AuthProvider {
  function read(): LocalSession | null {
    try {
      const s = JSON.parse(storage.getItem(KEY) ?? 'null') as LocalSession | null;
      return s && typeof s.idToken === 'string' && typeof s.expiresAt === 'number' ? s : null;
    } catch {
      return null;
    }
  }

  return {
    async signIn(email: string, password: string): Promise<SignInResult> {
      let response: Response;
      try {
        response = await doFetch('/local-auth/token', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ email, password }),
          credentials: 'same-origin',
        });
      } catch {
        throw new AuthError(NETWORK_MESSAGE, 'NETWORK');
      }
      if (response.status === 401 || response.status === 403) throw new AuthError(WRONG_CREDENTIALS, 'WRONG_CREDENTIALS');
      if (!response.ok) {
        const error = await errorFromResponse(response);
        throw new AuthError(error.message, error.code);
      }
      const body = (await response.json()) as { id_token?: string; expires_in?: number };
      if (!body.id_token) throw new AuthError('The sign-in service sent no token. Please try again.', 'BAD_RESPONSE');
      // The local runner issues no refresh token: when this one expires, sign in again.
      const session: LocalSession = { idToken: body.id_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 };
      storage.setItem(KEY, JSON.stringify(session));
      return { kind: 'signed_in' };
    },

    async getToken() {
      const s = read();
      if (!s) return null;
      if (Date.now() > s.expiresAt - MARGIN_MS) {
        storage.removeItem(KEY);
        return null;
      }
      return s.idToken;
    },

    signOut() {
      storage.removeItem(KEY);
    },
  };
}

// Sign-in against Amazon Cognito with amazon-cognito-identity-js (SRP: the password never
// leaves the browser). Loaded only in "cognito" mode, as its own chunk.

import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type IAuthenticationCallback,
} from 'amazon-cognito-identity-js';
import { NETWORK_MESSAGE } from '../api';
import { AuthError, WRONG_CREDENTIALS, type AuthProvider, type SignInResult } from './types';

/** Refresh the ID token this long before it expires (Cognito's last one hour). */
const REFRESH_MARGIN_S = 5 * 60;

/** Cognito's error codes → words a client understands. */
export function cognitoMessage(error: unknown): AuthError {
  const e = (error ?? {}) as { code?: string; name?: string; message?: string };
  const code = e.code ?? e.name ?? 'UNKNOWN';
  switch (code) {
    case 'NotAuthorizedException':
      if (/attempts exceeded/i.test(e.message ?? '')) {
        return new AuthError('Too many attempts. Wait a few minutes, then try again.', code);
      }
      return new AuthError(WRONG_CREDENTIALS, code);
    case 'UserNotFoundException':
      return new AuthError(WRONG_CREDENTIALS, code);
    case 'PasswordResetRequiredException':
      return new AuthError('Your password must be reset. Ask your photographer for a new invitation.', code);
    case 'UserNotConfirmedException':
      return new AuthError('Your account is not confirmed yet. Ask your photographer for a new invitation.', code);
    case 'InvalidPasswordException':
    case 'InvalidParameterException':
      return new AuthError(e.message || 'That password does not meet the rules.', code);
    case 'TooManyRequestsException':
    case 'LimitExceededException':
      return new AuthError('Too many attempts. Wait a few minutes, then try again.', code);
    case 'NetworkError':
      return new AuthError(NETWORK_MESSAGE, code);
    default:
      return new AuthError(e.message || 'Sign-in failed. Please try again.', code);
  }
}

export function cognitoAuth(settings: { userPoolId: string; clientId: string }, storage: Storage): AuthProvider {
  // The library keeps its tokens in the Storage we give it: sessionStorage (see storage.ts).
  const pool = new CognitoUserPool({ UserPoolId: settings.userPoolId, ClientId: settings.clientId, Storage: storage });

  function callbacks(user: CognitoUser, resolve: (r: SignInResult) => void, reject: (e: unknown) => void): IAuthenticationCallback {
    return {
      onSuccess: () => resolve({ kind: 'signed_in' }),
      onFailure: (err) => reject(cognitoMessage(err)),
      newPasswordRequired: (userAttributes: Record<string, unknown>) => {
        // Cognito refuses these attributes when they come back with the new password.
        delete userAttributes.email_verified;
        delete userAttributes.email;
        resolve({
          kind: 'new_password_required',
          complete: (newPassword: string) =>
            new Promise<SignInResult>((res, rej) =>
              user.completeNewPasswordChallenge(newPassword, {}, callbacks(user, res, rej)),
            ),
        });
      },
      mfaRequired: () => reject(new AuthError('This account needs a second sign-in step that this site does not support.', 'MFA')),
      totpRequired: () => reject(new AuthError('This account needs a second sign-in step that this site does not support.', 'MFA')),
    };
  }

  function currentSession(user: CognitoUser): Promise<CognitoUserSession | null> {
    // getSession itself refreshes an already expired session with the refresh token.
    return new Promise((resolve) =>
      user.getSession((error: Error | null, session: CognitoUserSession | null) => resolve(error ? null : session)),
    );
  }

  function refresh(user: CognitoUser, session: CognitoUserSession): Promise<CognitoUserSession | null> {
    return new Promise((resolve) =>
      user.refreshSession(session.getRefreshToken(), (error: unknown, fresh: CognitoUserSession) => resolve(error ? null : fresh)),
    );
  }

  return {
    signIn(email: string, password: string) {
      const user = new CognitoUser({ Username: email.trim(), Pool: pool, Storage: storage });
      const details = new AuthenticationDetails({ Username: email.trim(), Password: password });
      return new Promise<SignInResult>((resolve, reject) => user.authenticateUser(details, callbacks(user, resolve, reject)));
    },

    async getToken() {
      const user = pool.getCurrentUser();
      if (!user) return null;
      let session = await currentSession(user);
      if (!session) return null;
      // Refresh before expiry rather than after, so that a long poll or an upload that
      // asks for a token never sends one that dies on its way to the API.
      const secondsLeft = session.getIdToken().getExpiration() - Date.now() / 1000;
      if (secondsLeft < REFRESH_MARGIN_S) {
        const fresh = await refresh(user, session);
        if (fresh) session = fresh;
        else if (secondsLeft <= 0) return null;
      }
      return session.getIdToken().getJwtToken();
    },

    signOut() {
      pool.getCurrentUser()?.signOut();
    },
  };
}

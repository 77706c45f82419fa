// What a sign-in method offers the pages, whichever it is (local runner or Cognito).

export type SignInResult =
  | { kind: 'signed_in' }
  /** Cognito's NEW_PASSWORD_REQUIRED: an invited client must choose their own password. */
  | { kind: 'new_password_required'; complete: (newPassword: string) => Promise<SignInResult> };

export interface AuthProvider {
  signIn(email: string, password: string): Promise<SignInResult>;
  /** A valid ID token, refreshed first when it is close to expiry; null when signed out. */
  getToken(): Promise<string | null>;
  signOut(): void;
}

/** A sign-in failure with a message meant for the person at the keyboard. */
export class AuthError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export const WRONG_CREDENTIALS = 'Wrong email or password';

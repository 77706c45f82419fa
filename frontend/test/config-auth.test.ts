import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/lib/config';
import { localAuth } from '../src/lib/auth/local';
import { memoryStorage } from '../src/lib/auth/storage';
import { AuthError, WRONG_CREDENTIALS } from '../src/lib/auth/types';
import { cognitoMessage } from '../src/lib/auth/cognito';
import { NETWORK_MESSAGE } from '../src/lib/api';

describe('config.json', () => {
  it('reads local mode', () => {
    expect(parseConfig({ api_base_url: '/api/', auth_mode: 'local' })).toEqual({ apiBaseUrl: '/api', authMode: 'local' });
    expect(parseConfig({})).toEqual({ apiBaseUrl: '/api', authMode: 'local' });
  });

  it('reads cognito mode, the region defaulting from the pool id', () => {
    expect(
      parseConfig({ api_base_url: 'https://x.execute-api.eu-west-1.amazonaws.com', auth_mode: 'cognito', cognito_user_pool_id: 'eu-west-1_AbC', cognito_client_id: 'cid' }),
    ).toEqual({
      apiBaseUrl: 'https://x.execute-api.eu-west-1.amazonaws.com',
      authMode: 'cognito',
      cognito: { region: 'eu-west-1', userPoolId: 'eu-west-1_AbC', clientId: 'cid' },
    });
  });

  it('says what is wrong', () => {
    expect(() => parseConfig(null)).toThrow(ConfigError);
    expect(() => parseConfig({ auth_mode: 'saml' })).toThrow(/auth_mode/);
    expect(() => parseConfig({ auth_mode: 'cognito' })).toThrow(/cognito_user_pool_id/);
  });
});

function storage(): Storage {
  const s = memoryStorage();
  s.clear();
  return s;
}

describe('local sign-in', () => {
  it('posts to /local-auth/token at the site origin and keeps the token', async () => {
    const calls: Array<[string, RequestInit]> = [];
    const s = storage();
    const auth = localAuth(s, (async (url: string, init: RequestInit) => {
      calls.push([url, init]);
      return new Response(JSON.stringify({ id_token: 'jwt', expires_in: 3600 }), { status: 200 });
    }) as typeof fetch);
    await expect(auth.signIn('anna@example.com', 'pw')).resolves.toEqual({ kind: 'signed_in' });
    expect(calls[0][0]).toBe('/local-auth/token');
    expect(JSON.parse(calls[0][1].body as string)).toEqual({ email: 'anna@example.com', password: 'pw' });
    expect(await auth.getToken()).toBe('jwt');
    auth.signOut();
    expect(await auth.getToken()).toBeNull();
  });

  it('401 → "Wrong email or password"; network → can\'t reach', async () => {
    const wrong = localAuth(storage(), (async () => new Response('{}', { status: 401 })) as typeof fetch);
    await expect(wrong.signIn('a@b.c', 'x')).rejects.toThrow(WRONG_CREDENTIALS);
    const down = localAuth(storage(), (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    await expect(down.signIn('a@b.c', 'x')).rejects.toThrow(NETWORK_MESSAGE);
  });

  it('forgets an expired token', async () => {
    const s = storage();
    const auth = localAuth(s, (async () => new Response(JSON.stringify({ id_token: 'jwt', expires_in: 10 }), { status: 200 })) as typeof fetch);
    await auth.signIn('a@b.c', 'x');
    expect(await auth.getToken()).toBeNull(); // 10 s is inside the 30 s safety margin
  });
});

describe('cognito messages', () => {
  it('maps Cognito error codes to plain words', () => {
    expect(cognitoMessage({ code: 'NotAuthorizedException', message: 'Incorrect username or password.' }).message).toBe(WRONG_CREDENTIALS);
    expect(cognitoMessage({ code: 'UserNotFoundException' }).message).toBe(WRONG_CREDENTIALS);
    expect(cognitoMessage({ code: 'NotAuthorizedException', message: 'Password attempts exceeded' }).message).toMatch(/Too many attempts/);
    expect(cognitoMessage({ code: 'NetworkError' }).message).toBe(NETWORK_MESSAGE);
    expect(cognitoMessage({ code: 'InvalidPasswordException', message: 'Password must have symbols' }).message).toBe('Password must have symbols');
    expect(cognitoMessage(undefined)).toBeInstanceOf(AuthError);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { ApiError, NETWORK_MESSAGE, createApi, messageOf } from '../src/lib/api';

function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function apiWith(respond: (url: string, init: RequestInit) => Response | Promise<Response>, token: string | null = 'tok') {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const onUnauthorized = vi.fn();
  const api = createApi({
    baseUrl: '/api',
    getToken: async () => token,
    onUnauthorized,
    fetch: (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return respond(url, init);
    }) as typeof fetch,
  });
  return { api, calls, onUnauthorized };
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an ApiError');
}

describe('API client', () => {
  it('sends the token as a Bearer header, never in the URL', async () => {
    const { api, calls } = apiWith(() => json(200, { albums: [] }), 'secret.jwt');
    await api.albums();
    expect(calls[0].url).toBe('/api/albums');
    expect(calls[0].url).not.toContain('secret');
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer secret.jwt');
  });

  it('encodes path segments and queries', async () => {
    const { api, calls } = apiWith(() => new Response(null, { status: 204 }));
    await api.grant('smith-wedding', 'a+b@x.com');
    expect(calls[0].url).toBe('/api/admin/albums/smith-wedding/users/a%2Bb%40x.com');
    expect(calls[0].init.method).toBe('PUT');
    const r = apiWith(() => json(200, { status: 'ready', download_url: 'u' }));
    await r.api.downloadPhoto('a1', 'Ceremony/IMG 1.jpg');
    expect(r.calls[0].url).toBe('/api/albums/a1/download?file_name=Ceremony%2FIMG+1.jpg');
  });

  it('sends JSON bodies', async () => {
    const { api, calls } = apiWith(() => json(201, { album_id: 'x' }));
    await api.registerAlbum('x-album', 'X');
    expect(calls[0].init.method).toBe('POST');
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ album_id: 'x-album', name: 'X' });
    expect((calls[0].init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('keeps a favourite change alive past the page, and nothing else', async () => {
    const { api, calls } = apiWith(() => json(200, { paths: ['a.jpg'] }));
    await api.setFavourites('a1', ['a.jpg'], true);
    await api.favourites('a1');
    expect(calls[0].init.keepalive).toBe(true);
    expect(calls[1].init.keepalive).toBeUndefined();
  });

  it('uses the message of {"error":{code,message}}', async () => {
    const { api } = apiWith(() => json(404, { error: { code: 'NOT_FOUND', message: 'Album smith-wedding was not found.' } }));
    const e = await caught(api.album('smith-wedding'));
    expect(e.message).toBe('Album smith-wedding was not found.');
    expect(e.code).toBe('NOT_FOUND');
    expect(e.status).toBe(404);
    expect(e.kind).toBe('not_found');
  });

  it('maps a network failure to the "can\'t reach" message', async () => {
    const { api } = apiWith(() => {
      throw new TypeError('Failed to fetch');
    });
    const e = await caught(api.albums());
    expect(e.message).toBe(NETWORK_MESSAGE);
    expect(e.kind).toBe('network');
    expect(e.status).toBe(0);
  });

  it('calls onUnauthorized on a 401 and says to sign in again', async () => {
    const { api, onUnauthorized } = apiWith(() => json(401, { message: 'Unauthorized' }));
    const e = await caught(api.me());
    expect(e.kind).toBe('unauthorized');
    expect(e.message).toMatch(/sign in again/);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('falls back to a message by status when the body is not the error shape', async () => {
    const cases: Array<[number, RegExp, string]> = [
      [403, /don't have access/, 'forbidden'],
      [409, /already exists/, 'conflict'],
      [400, /not valid/, 'invalid'],
      [500, /server had a problem/, 'server'],
      [502, /server had a problem/, 'server'],
      [429, /Too many requests/, 'other'],
    ];
    for (const [status, text, kind] of cases) {
      const { api } = apiWith(() => new Response('<html>Bad Gateway</html>', { status }));
      const e = await caught(api.adminAlbums());
      expect(e.message).toMatch(text);
      expect(e.kind).toBe(kind);
    }
    const blank = apiWith(() => json(500, { error: { code: 'INTERNAL', message: '  ' } }));
    expect((await caught(blank.api.albums())).message).toMatch(/server had a problem/);
  });

  it('reads 204 as no content and rejects unreadable success bodies', async () => {
    const { api } = apiWith(() => new Response(null, { status: 204 }));
    await expect(api.revoke('a-b', 'x@y.z')).resolves.toBeUndefined();
    const bad = apiWith(() => new Response('not json', { status: 200 }));
    expect((await caught(bad.api.albums())).code).toBe('BAD_RESPONSE');
  });

  it('omits Authorization when signed out', async () => {
    const { api, calls } = apiWith(() => json(200, { email: 'a', name: 'b', is_admin: false }), null);
    await api.me();
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('messageOf gives a sentence for anything thrown', () => {
    expect(messageOf(new ApiError('x', 400, 'BAD_REQUEST', 'invalid'))).toBe('x');
    expect(messageOf(new Error('plain'))).toBe('plain');
    expect(messageOf(42)).toMatch(/Something went wrong/);
  });
});

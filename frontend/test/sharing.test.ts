import { describe, expect, it } from 'vitest';
import { ApiError, createApi } from '../src/lib/api';
import {
  GALLERY_EXPIRED,
  LOCKED,
  NOT_VALID,
  PIN_WRONG,
  endOfDay,
  formOf,
  keepGuest,
  keepVisitorId,
  keepVisitorSession,
  linkState,
  liveGuest,
  photoSize,
  shareChanges,
  shareDetails,
  shareFields,
  sizesAllowed,
  tokenOfPath,
  type ShareForm,
  visitorIdFor,
} from '../src/lib/sharing';
import type { Share } from '../src/lib/types';

function storage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
}

const apiError = (status: number, code: ApiError['code']) => new ApiError('raw server words', status, code, 'other');

describe('what a download permission offers', () => {
  it('offers the sizes it allows, originals first, and nothing for view only', () => {
    expect(sizesAllowed('both')).toEqual(['original', 'web']);
    expect(sizesAllowed('web')).toEqual(['web']);
    expect(sizesAllowed('original')).toEqual(['original']);
    expect(sizesAllowed('none')).toEqual([]);
    // A server from before permissions sends none: originals, as then.
    expect(sizesAllowed(undefined)).toEqual(['original']);
  });

  it('downloads a single photo in the original when allowed, else in web size, else not at all', () => {
    expect(photoSize('both')).toBe('original');
    expect(photoSize('web')).toBe('web');
    expect(photoSize('none')).toBeNull();
  });
});

describe('the share-link form', () => {
  const now = new Date('2026-06-01T12:00:00');
  const form: ShareForm = { label: '  Smith family  ', pin: '', expires: '', downloads: 'web', limit: '' };

  it('sends only what was filled in, the label trimmed', () => {
    expect(shareFields(form, now)).toEqual({ ok: true, value: { label: 'Smith family', downloads: 'web' } });
    expect(shareFields({ ...form, pin: '0042', limit: '3', expires: '2026-06-14' }, now)).toEqual({
      ok: true,
      value: { label: 'Smith family', downloads: 'web', pin: '0042', download_limit: 3, expires_at: new Date('2026-06-14T23:59:59').toISOString() },
    });
  });

  it('refuses a PIN that is not 4 to 8 digits, a past expiry, a limit out of range and an empty or long label', () => {
    for (const pin of ['123', '123456789', '12a4', '12 34']) expect(shareFields({ ...form, pin }, now), pin).toMatchObject({ ok: false, problem: expect.stringContaining('4 to 8 digits') });
    expect(shareFields({ ...form, pin: '12345678' }, now).ok).toBe(true);
    expect(shareFields({ ...form, expires: '2026-05-31' }, now)).toMatchObject({ ok: false, problem: expect.stringContaining('future') });
    expect(shareFields({ ...form, expires: '2026-06-01' }, now).ok).toBe(true); // until the end of today
    for (const limit of ['0', '10001', '2.5', 'x']) expect(shareFields({ ...form, limit }, now).ok, limit).toBe(false);
    expect(shareFields({ ...form, label: ' ' }, now).ok).toBe(false);
    expect(shareFields({ ...form, label: 'x'.repeat(101) }, now).ok).toBe(false);
  });

  it('reads the end of the chosen day where the photographer is', () => {
    expect(endOfDay('2026-06-14')?.getHours()).toBe(23);
    expect(endOfDay('14/06/2026')).toBeNull();
  });

  it('edits send every field, clear the expiry and limit with null, and touch the PIN only when asked', () => {
    expect(shareChanges(form, false, now)).toEqual({ ok: true, value: { label: 'Smith family', downloads: 'web', expires_at: null, download_limit: null } });
    expect(shareChanges({ ...form, pin: '9999' }, false, now)).toMatchObject({ ok: true, value: { pin: '9999' } });
    expect(shareChanges({ ...form, pin: '9999' }, true, now)).toMatchObject({ ok: true, value: { pin: null } });
  });

  it('fills the form from a listed link without its PIN', () => {
    const share: Share = {
      share_id: 's1', label: 'Guests', has_pin: true, expires_at: new Date('2026-06-14T23:59:59').toISOString(), downloads: 'both',
      download_limit: 5, downloads_used: 1, sessions: 2, last_used_at: null, created_at: '2026-06-01T00:00:00Z', state: 'active',
    };
    expect(formOf(share)).toEqual({ label: 'Guests', pin: '', expires: '2026-06-14', downloads: 'both', limit: '5' });
  });
});

describe('a link in the studio list', () => {
  const share: Share = {
    share_id: 's1', label: 'Guests', has_pin: true, expires_at: null, downloads: 'web', download_limit: 3, downloads_used: 1,
    sessions: 4, last_used_at: '2026-06-02T10:00:00Z', created_at: '2026-06-01T00:00:00Z', state: 'active',
  };

  it('says what it allows and how it was used', () => {
    const [allows, used] = shareDetails(share, 'en-GB');
    expect(allows).toBe('PIN · no expiry · Web size');
    expect(used).toMatch(/^Opened 4 times, last .+ · 1 of 3 downloads used$/);
    expect(shareDetails({ ...share, sessions: 0, has_pin: false, downloads: 'none', download_limit: null }, 'en-GB')).toEqual([
      'No PIN · no expiry · View only',
      'Not opened yet',
    ]);
  });
});

describe('the guest page', () => {
  it('takes the token from the last segment of /s/{token}', () => {
    expect(tokenOfPath('/s/AbC-_12')).toBe('AbC-_12');
    expect(tokenOfPath('/s/AbC-_12/')).toBe('AbC-_12');
    expect(tokenOfPath('/s/')).toBe('');
    expect(tokenOfPath('/album/')).toBe('');
  });

  it('keeps a session per link for the tab and drops it shortly before it ends', () => {
    const s = storage();
    const now = 1_000_000;
    keepGuest(s, 'tok', { guest_token: 'g', album_id: 'a', expires_in: 3600, label: 'L', downloads: 'web' }, now);
    expect(liveGuest(s, 'tok', now + 60_000)).toMatchObject({ guest_token: 'g', album_id: 'a', downloads: 'web', label: 'L' });
    expect(liveGuest(s, 'other', now)).toBeNull();
    expect(liveGuest(s, 'tok', now + 3600_000 - 10_000)).toBeNull();
    expect(s.length).toBe(0); // the stale one is gone
    s.setItem('ca.guest.bad', '{not json');
    expect(liveGuest(s, 'bad', now)).toBeNull();
  });

  it("takes the token that carries the guest's name in place of the kept one, for the rest of the tab", () => {
    const s = storage();
    const now = 1_000_000;
    const kept = keepGuest(s, 'tok', { guest_token: 'g', album_id: 'a', expires_in: 60, label: 'L', downloads: 'web' }, now);
    keepVisitorSession(s, 'tok', kept, { guest_token: 'g2', expires_in: 3600, visitor_id: 'v'.repeat(22), name: 'Ann' }, now);
    expect(kept.guest_token).toBe('g2'); // the page's API client reads this object
    expect(liveGuest(s, 'tok', now + 600_000)).toMatchObject({ guest_token: 'g2', album_id: 'a', label: 'L' });
  });

  it('remembers the visitor per link, and only a well-formed id', () => {
    const lasting = storage();
    expect(visitorIdFor(lasting, 'tok')).toBeNull();
    keepVisitorId(lasting, 'tok', 'AbCdEfGhIjKlMnOpQrSt_-');
    expect(visitorIdFor(lasting, 'tok')).toBe('AbCdEfGhIjKlMnOpQrSt_-');
    expect(visitorIdFor(lasting, 'other')).toBeNull();
    keepVisitorId(lasting, 'bad', 'not an id');
    expect(visitorIdFor(lasting, 'bad')).toBeNull();
    lasting.setItem('ca.visitor.forged', 'x'.repeat(200));
    expect(visitorIdFor(lasting, 'forged')).toBeNull();
  });

  it('turns every refusal into a page of its own, never the server’s words', () => {
    expect(linkState(apiError(401, 'PIN_REQUIRED'))).toEqual({ kind: 'pin', message: '' });
    expect(linkState(apiError(401, 'PIN_INCORRECT'))).toEqual({ kind: 'pin', message: PIN_WRONG });
    expect(linkState(apiError(429, 'LINK_LOCKED'))).toEqual({ kind: 'pin', message: LOCKED });
    expect(linkState(apiError(404, 'NOT_FOUND'))).toMatchObject({ kind: 'closed', title: NOT_VALID });
    expect(linkState(apiError(410, 'GALLERY_EXPIRED'))).toMatchObject({ kind: 'closed', title: GALLERY_EXPIRED });
    const titles = (['LINK_EXPIRED', 'LINK_REVOKED', 'DOWNLOAD_LIMIT_REACHED'] as const).map((code) => {
      const state = linkState(apiError(410, code));
      expect(state.kind, code).toBe('closed');
      return state.kind === 'closed' ? state.title : '';
    });
    expect(new Set(titles).size).toBe(3);
    for (const t of titles) expect(t).not.toContain('raw server words');
    expect(linkState(apiError(401, 'UNAUTHORIZED'))).toMatchObject({ kind: 'closed' });
    expect(linkState(apiError(503, 'UNAVAILABLE'))).toEqual({ kind: 'problem', message: 'raw server words' });
  });
});

describe('the API for sharing', () => {
  function recording() {
    const calls: Array<{ url: string; method: string; body: unknown; auth: string | null }> = [];
    const api = createApi({
      baseUrl: '/api',
      getToken: async () => 'guest-jwt',
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined, auth: (init.headers as Record<string, string>).Authorization ?? null });
        return new Response(JSON.stringify({ status: 'ready', download_url: 'u', shares: [] }), { status: 200 });
      }) as typeof fetch,
    });
    return { api, calls };
  }

  it('asks for the web size only when it is wanted, for the archive and for one photo', async () => {
    const { api, calls } = recording();
    await api.download('a1');
    await api.download('a1', undefined, 'web');
    await api.downloadPhoto('a1', 'Ceremony/IMG 1.CR2', 'web');
    expect(calls.map((c) => c.url)).toEqual([
      '/api/albums/a1/download',
      '/api/albums/a1/download?size=web',
      '/api/albums/a1/download?file_name=Ceremony%2FIMG+1.CR2&size=web',
    ]);
    expect(calls[0].auth).toBe('Bearer guest-jwt');
  });

  it('sends the PIN only when there is one, and a grant’s permission as its body', async () => {
    const { api, calls } = recording();
    await api.guestSession('tok');
    await api.guestSession('tok', '1234');
    await api.grant('a1', 'x@y.z', 'web');
    await api.grant('a1', 'x@y.z');
    await api.revokeShare('a1', 's/1');
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['POST', '/api/share/session', { token: 'tok' }],
      ['POST', '/api/share/session', { token: 'tok', pin: '1234' }],
      ['PUT', '/api/admin/albums/a1/users/x%40y.z', { downloads: 'web' }],
      ['PUT', '/api/admin/albums/a1/users/x%40y.z', undefined],
      ['DELETE', '/api/admin/albums/a1/shares/s%2F1', undefined],
    ]);
  });

  it("sends the browser's visitor with a session, and a guest's name (e-mail only when given)", async () => {
    const { api, calls } = recording();
    await api.guestSession('tok', undefined, 'AbCdEfGhIjKlMnOpQrSt_-');
    await api.guestSession('tok', '1234', null);
    await api.visitor('Ann Lee');
    await api.visitor('Ann Lee', 'ann@example.com');
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['POST', '/api/share/session', { token: 'tok', visitor_id: 'AbCdEfGhIjKlMnOpQrSt_-' }],
      ['POST', '/api/share/session', { token: 'tok', pin: '1234' }],
      ['POST', '/api/share/visitor', { name: 'Ann Lee' }],
      ['POST', '/api/share/visitor', { name: 'Ann Lee', email: 'ann@example.com' }],
    ]);
  });
});

describe('the API for favourites', () => {
  function recording() {
    const calls: Array<{ url: string; method: string; body: unknown }> = [];
    const api = createApi({
      baseUrl: '/api',
      getToken: async () => 'jwt',
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined });
        return new Response(JSON.stringify({ paths: [], count: 0, status: 'pending', download_url: null }), { status: 200 });
      }) as typeof fetch,
    });
    return { api, calls };
  }

  it('reads, changes and sends the favourites on their routes', async () => {
    const { api, calls } = recording();
    await api.favourites('a1');
    await api.setFavourites('a1', ['Ceremony/IMG 1.jpg'], true);
    await api.setFavourites('a1', ['x.jpg', 'y.jpg'], false);
    await api.submitFavourites('a1');
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['GET', '/api/albums/a1/favourites', undefined],
      ['POST', '/api/albums/a1/favourites', { paths: ['Ceremony/IMG 1.jpg'], favourite: true }],
      ['POST', '/api/albums/a1/favourites', { paths: ['x.jpg', 'y.jpg'], favourite: false }],
      ['POST', '/api/albums/a1/favourites/submit', undefined],
    ]);
  });

  it("asks for the favourites' archive with selection=favourites, in either size; the album's without it", async () => {
    const { api, calls } = recording();
    await api.download('a1', undefined, 'original', 'favourites');
    await api.download('a1', undefined, 'web', 'favourites');
    await api.download('a1', undefined, 'original', 'all');
    expect(calls.map((c) => c.url)).toEqual([
      '/api/albums/a1/download?selection=favourites',
      '/api/albums/a1/download?selection=favourites&size=web',
      '/api/albums/a1/download',
    ]);
  });
});

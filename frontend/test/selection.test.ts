import { describe, expect, it } from 'vitest';
import { ApiError, createApi, type ServerErrorCode } from '../src/lib/api';
import {
  FavouriteHearts,
  SENT,
  favouriteMessage,
  formatDay,
  isStale,
  selectionStatus,
  submitQuestion,
  visiblePhotos,
  visitorFields,
} from '../src/lib/selection';
import type { Photo } from '../src/lib/types';

const photo = (path: string): Photo => ({ path, size: 1, view_url: '', thumbnail_url: null, preview_url: null, previews_ready: true });

describe('the hearts while changes are on their way', () => {
  it('shows a change at once and keeps it when its answer comes', () => {
    const hearts = new FavouriteHearts(['a.jpg']);
    const change = hearts.begin('b.jpg', true);
    expect(hearts.has('b.jpg')).toBe(true);
    expect(hearts.count).toBe(2);
    expect(hearts.saving).toBe(true);
    hearts.settle(change, { paths: ['a.jpg', 'b.jpg'] });
    expect([...hearts.shown()].sort()).toEqual(['a.jpg', 'b.jpg']);
    expect(hearts.saving).toBe(false);
  });

  it('undoes a refused change and nothing else', () => {
    const hearts = new FavouriteHearts(['a.jpg', 'b.jpg']);
    const add = hearts.begin('c.jpg', true);
    const remove = hearts.begin('a.jpg', false);
    hearts.settle(add, null);
    expect(hearts.has('c.jpg')).toBe(false);
    expect(hearts.has('a.jpg')).toBe(false); // still on its way
    hearts.settle(remove, { paths: ['b.jpg'] });
    expect([...hearts.shown()]).toEqual(['b.jpg']);
  });

  it('keeps later taps shown over the answer to an earlier one', () => {
    const hearts = new FavouriteHearts();
    const first = hearts.begin('a.jpg', true);
    hearts.begin('b.jpg', true);
    const undo = hearts.begin('a.jpg', false);
    // The answer to the first change knows nothing of the later two.
    hearts.settle(first, { paths: ['a.jpg'] });
    expect(hearts.has('a.jpg')).toBe(false);
    expect(hearts.has('b.jpg')).toBe(true);
    expect(hearts.count).toBe(1);
    hearts.settle(undo, { paths: ['b.jpg'] });
    expect(hearts.count).toBe(1);
    expect(hearts.saving).toBe(true); // b.jpg has no answer yet
  });

  it('takes a fresh list from the server under the changes still on their way', () => {
    const hearts = new FavouriteHearts(['a.jpg']);
    hearts.begin('c.jpg', true);
    hearts.replace(['x.jpg']);
    expect([...hearts.shown()].sort()).toEqual(['c.jpg', 'x.jpg']);
  });
});

describe('the selection status', () => {
  const none = { limit: null, due: null, submitted_at: null };

  it('counts favourites when the album has no terms', () => {
    expect(selectionStatus(none, 0)).toBe('0 favourites');
    expect(selectionStatus(none, 1)).toBe('1 favourite');
    expect(selectionStatus(none, 1200)).toBe('1,200 favourites');
  });

  it('says how many of the limit are chosen, and by when', () => {
    expect(selectionStatus({ ...none, limit: 40 }, 12)).toBe('12 of 40 chosen');
    expect(selectionStatus({ ...none, limit: 40, due: '2027-03-01' }, 12, 'en-GB')).toBe('12 of 40 chosen · due 1 March 2027');
    expect(selectionStatus({ ...none, due: '2027-03-01' }, 3, 'en-GB')).toBe('3 favourites · due 1 March 2027');
  });

  it('says the selection was sent, and no longer when it is due', () => {
    const sent = selectionStatus({ limit: 40, due: '2027-03-01', submitted_at: '2027-02-10T09:30:00Z' }, 12, 'en-GB');
    expect(sent).toContain(SENT);
    expect(sent).toContain('10 February 2027');
    expect(sent).toContain('12 of 40 chosen');
    expect(sent).not.toContain('due');
  });

  it('reads a due date as the calendar day written, wherever the reader is', () => {
    expect(formatDay('2027-03-01', 'en-GB')).toBe('1 March 2027');
    expect(formatDay('2027-12-31', 'en-US')).toBe('December 31, 2027');
    expect(formatDay('1 March', 'en-GB')).toBe('');
    expect(formatDay(null)).toBe('');
  });

  it('asks before sending, naming how many photos', () => {
    expect(submitQuestion(1)).toMatch(/^Send your 1 photo to the photographer\?/);
    expect(submitQuestion(40)).toMatch(/^Send your 40 photos/);
  });
});

describe('the favourites filter', () => {
  it('shows every photo, or only the favourites in the album order', () => {
    const photos = ['a.jpg', 'Ceremony/b.jpg', 'c.jpg'].map(photo);
    const favourites = new Set(['c.jpg', 'Ceremony/b.jpg', 'gone.jpg']);
    expect(visiblePhotos(photos, favourites, false)).toBe(photos);
    expect(visiblePhotos(photos, favourites, true).map((p) => p.path)).toEqual(['Ceremony/b.jpg', 'c.jpg']);
  });
});

describe("what the page says for the server's refusals", () => {
  const refusal = (status: number, code: ServerErrorCode, message = '') =>
    new ApiError(message, status, code, status === 409 ? 'conflict' : 'invalid');

  it("passes on the server's words for the limit, which name it", () => {
    const error = refusal(409, 'SELECTION_LIMIT_REACHED', 'You can choose up to 3 photos. Remove one to choose another.');
    expect(favouriteMessage(error)).toBe('You can choose up to 3 photos. Remove one to choose another.');
    expect(isStale(error)).toBe(true);
  });

  it('explains a locked selection, a photo gone, none chosen, and a missing name in its own words', () => {
    expect(favouriteMessage(refusal(409, 'SELECTION_SUBMITTED', 'Selection submitted'))).toMatch(/sent to the photographer.*reopen/);
    expect(isStale(refusal(409, 'SELECTION_SUBMITTED'))).toBe(true);
    expect(favouriteMessage(refusal(400, 'PHOTO_NOT_IN_ALBUM'))).toMatch(/no longer in the album/);
    expect(favouriteMessage(refusal(404, 'NO_FAVOURITES'))).toMatch(/no favourites/);
    expect(favouriteMessage(refusal(400, 'NAME_REQUIRED'))).toMatch(/name/);
    expect(isStale(refusal(400, 'PHOTO_NOT_IN_ALBUM'))).toBe(false);
  });

  it('reads the codes from real answers of the API client', async () => {
    const api = createApi({
      baseUrl: '/api',
      getToken: async () => 't',
      fetch: (async () =>
        new Response(JSON.stringify({ error: { code: 'SELECTION_SUBMITTED', message: 'Selection submitted' } }), { status: 409 })) as typeof fetch,
    });
    const error = await api.setFavourites('a', ['x.jpg'], true).catch((e: unknown) => e);
    expect(isStale(error)).toBe(true);
    expect(favouriteMessage(error)).toMatch(/reopen/);
  });
});

describe("a guest's name", () => {
  it('is trimmed, and the e-mail is optional', () => {
    expect(visitorFields('  Ann Lee ', '')).toEqual({ ok: true, name: 'Ann Lee', email: null });
    expect(visitorFields('Ann', ' ann@example.com ')).toEqual({ ok: true, name: 'Ann', email: 'ann@example.com' });
  });

  it('is refused empty, too long, or with invisible characters; a malformed e-mail too', () => {
    expect(visitorFields('   ', '')).toMatchObject({ ok: false, field: 'name' });
    expect(visitorFields('x'.repeat(81), '')).toMatchObject({ ok: false, field: 'name' });
    expect(visitorFields('x'.repeat(80), '')).toMatchObject({ ok: true });
    expect(visitorFields('Ann\u200bLee', '')).toMatchObject({ ok: false, field: 'name' });
    expect(visitorFields('Ann\u0007', '')).toMatchObject({ ok: false, field: 'name' });
    expect(visitorFields('Ann', 'ann@')).toMatchObject({ ok: false, field: 'email' });
  });
});

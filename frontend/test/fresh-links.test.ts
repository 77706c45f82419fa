import { describe, expect, it } from 'vitest';
import { FreshLinks, albumLinks, coverLinks, imageKey, type LinkTable } from '../src/lib/fresh-links';
import type { AlbumDetail } from '../src/lib/types';

const table = (entries: Record<string, string>): LinkTable => new Map(Object.entries(entries));

/** A clock the test moves, and a listing that answers with a new signature each time. */
function setup(minAgeMs = 15_000) {
  let now = 1_000_000;
  let loads = 0;
  const listing = () => table({ 'thumb:a.jpg': `a?sig=${loads}`, 'thumb:b.jpg': `b?sig=${loads}` });
  const links = new FreshLinks(listing(), {
    reload: async () => {
      loads++;
      return listing();
    },
    now: () => now,
    minAgeMs,
  });
  return { links, advance: (ms: number) => (now += ms), loads: () => loads };
}

describe('fresh image links', () => {
  it('an image whose link expired gets a new one from one reload of the listing', async () => {
    const { links, advance, loads } = setup();
    advance(10 * 60_000);
    expect(await links.renew('thumb:a.jpg', 'a?sig=0')).toBe('a?sig=1');
    expect(loads()).toBe(1);
    expect(links.get('thumb:b.jpg')).toBe('b?sig=1');
  });

  it('images failing together share one reload, and a later failure of an old link needs none', async () => {
    const { links, advance, loads } = setup();
    advance(10 * 60_000);
    const [a, b] = await Promise.all([links.renew('thumb:a.jpg', 'a?sig=0'), links.renew('thumb:b.jpg', 'b?sig=0')]);
    expect([a, b]).toEqual(['a?sig=1', 'b?sig=1']);
    advance(60_000);
    expect(await links.renew('thumb:b.jpg', 'b?sig=0')).toBe('b?sig=1');
    expect(loads()).toBe(1);
  });

  it('an image failing soon after the listing was loaded is broken, not expired: no reload, no loop', async () => {
    const { links, advance, loads } = setup();
    advance(5_000);
    expect(await links.renew('thumb:a.jpg', 'a?sig=0')).toBeNull();
    expect(loads()).toBe(0);

    advance(10 * 60_000);
    expect(await links.renew('thumb:a.jpg', 'a?sig=0')).toBe('a?sig=1');
    // The new link fails too, at once: the image gives up rather than reloading again.
    expect(await links.renew('thumb:a.jpg', 'a?sig=1')).toBeNull();
    expect(loads()).toBe(1);
  });

  it('a listing that cannot be loaded again (offline, access revoked) leaves the image without a link, and is not asked again at once', async () => {
    let calls = 0;
    let now = 0;
    const links = new FreshLinks(table({ 'cover:x': 'x?sig=0' }), {
      reload: async () => {
        calls++;
        throw new Error('404');
      },
      now: () => now,
    });
    now += 10 * 60_000;
    expect(await links.renew('cover:x', 'x?sig=0')).toBeNull();
    expect(await links.renew('cover:x', 'x?sig=0')).toBeNull();
    expect(calls).toBe(1);
  });

  it('a photo that is gone from the new listing gets no link', async () => {
    let now = 0;
    const links = new FreshLinks(table({ 'view:gone.jpg': 'g?sig=0' }), { reload: async () => table({}), now: () => now });
    now += 10 * 60_000;
    expect(await links.renew('view:gone.jpg', 'g?sig=0')).toBeNull();
  });

  it('keys an album page by kind and path, and covers by album', () => {
    const album: AlbumDetail = {
      album_id: 'a',
      name: 'A',
      photo_count: 2,
      created_at: '',
      photos: [
        { path: 'x/1.jpg', size: 1, view_url: 'v1', thumbnail_url: 't1', preview_url: 'p1', previews_ready: true },
        { path: '2.jpg', size: 1, view_url: 'v2', thumbnail_url: null, preview_url: null, previews_ready: false },
      ],
    };
    expect(albumLinks(album)).toEqual(
      table({ 'view:x/1.jpg': 'v1', 'thumb:x/1.jpg': 't1', 'preview:x/1.jpg': 'p1', 'view:2.jpg': 'v2' }),
    );
    expect(coverLinks([{ album_id: 'a', name: 'A', photo_count: 1, cover_url: 'c', created_at: '' }, { album_id: 'b', name: 'B', photo_count: 0, cover_url: null, created_at: '' }])).toEqual(
      table({ [imageKey('cover', 'a')]: 'c' }),
    );
  });
});

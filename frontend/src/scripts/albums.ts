// "My albums": one card per album the client may see.

import { messageOf } from '../lib/api';
import { formatDate, plural } from '../lib/format';
import { FreshLinks, coverLinks, imageKey } from '../lib/fresh-links';
import type { AlbumSummary } from '../lib/types';
import { startSignedInPage } from './app';
import { byId, h, say } from './dom';
import { lazyImage } from './lazy';

function card(album: AlbumSummary, links: FreshLinks): HTMLLIElement {
  const cover = h('div', { class: 'album-cover' });
  if (album.cover_url && !album.expired) cover.append(lazyImage(links, imageKey('cover', album.album_id), ''));
  const date = formatDate(album.created_at);
  return h(
    'li',
    { class: 'album-card' },
    h(
      'a',
      { href: `/album/?id=${encodeURIComponent(album.album_id)}` },
      cover,
      h(
        'div',
        { class: 'album-card-body' },
        h('h2', { text: album.name || album.album_id }),
        h('p', { class: 'album-meta' }, plural(album.photo_count ?? 0, 'photo'), date ? ` · ${date}` : ''),
        album.expired ? h('p', { class: 'album-meta', text: 'This gallery has expired' }) : null,
      ),
    ),
  );
}

export async function startAlbums(): Promise<void> {
  const ctx = await startSignedInPage();
  const status = byId('albums-status');
  if (!ctx) return void (status.hidden = true);
  const list = byId('albums');
  try {
    const albums = await ctx.api.albums();
    status.hidden = true;
    if (albums.length === 0) {
      list.replaceWith(
        h(
          'div',
          { class: 'empty' },
          h('h2', { text: 'No albums yet' }),
          h('p', {
            text: ctx.me?.is_admin
              ? 'Albums you share with clients appear on their page. Manage albums in the studio.'
              : 'When your photographer shares an album with you, it appears here.',
          }),
          ctx.me?.is_admin ? h('a', { class: 'btn', href: '/studio/', text: 'Open the studio' }) : null,
        ),
      );
      return;
    }
    // Newest first: the latest shoot is what a client comes for.
    albums.sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? ''));
    const links = new FreshLinks(coverLinks(albums), { reload: async () => coverLinks(await ctx.api.albums()) });
    list.append(...albums.map((album) => card(album, links)));
  } catch (error) {
    status.hidden = true;
    say(byId('page-error'), messageOf(error));
  }
}

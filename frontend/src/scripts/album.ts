// The album page: header, gallery sections, viewer, favourites, Download All and Download
// favourites, Save to Photos on phones; the guest page shows the same view (showAlbum) with its
// guest session.

import { ApiError, messageOf, type Api } from '../lib/api';
import { formatDate, plural } from '../lib/format';
import { FreshLinks, albumLinks, imageKey } from '../lib/fresh-links';
import { fileNameOf, sectionsOf } from '../lib/photos';
import { visiblePhotos } from '../lib/selection';
import { GALLERY_EXPIRED, isGalleryExpired, photoSize } from '../lib/sharing';
import type { AlbumDetail, Photo } from '../lib/types';
import { startSignedInPage } from './app';
import { byId, h, say } from './dom';
import { setupDownloadAll } from './download-all';
import { setupFavourites, type FavouritesView } from './favourites';
import { setupReceipts } from './receipts';
import { lazyImage } from './lazy';
import { setupSaveToPhotos } from './save-photos';
import { setupViewer, type OpenViewer } from './viewer';

function tile(photo: Photo, index: number, total: number, links: FreshLinks, open: (i: number) => void): HTMLLIElement {
  const name = fileNameOf(photo.path);
  const box = h('div', { class: 'box' });
  if (photo.previews_ready !== false && photo.thumbnail_url) box.append(lazyImage(links, imageKey('thumb', photo.path), name));
  else box.append(h('span', { class: 'pending', text: 'Preview coming soon' }));
  const item = h(
    'li',
    { class: 'tile', 'data-path': photo.path },
    h('button', { type: 'button', 'aria-label': `Open ${name} (${index + 1} of ${total})`, onclick: () => open(index) }, box),
    // Shown once the viewer's favourites are known (scripts/favourites.ts).
    h('button', { type: 'button', class: 'heart', 'data-path': photo.path, 'aria-pressed': 'false', 'aria-label': 'Add to favourites', hidden: true }),
  );
  return item;
}

function renderGallery(album: AlbumDetail, root: HTMLElement, links: FreshLinks, open: (i: number) => void): Photo[] {
  const sections = sectionsOf(album.photos ?? []);
  const ordered = sections.flatMap((s) => s.photos);
  let index = 0;
  const showHeadings = sections.length > 1 || sections[0]?.folder !== '';
  for (const section of sections) {
    const list = h('ul', { class: 'gallery' });
    for (const photo of section.photos) list.append(tile(photo, index++, ordered.length, links, open));
    root.append(
      h(
        'section',
        { class: 'gallery-section', 'aria-label': section.title },
        h(
          'h2',
          { class: showHeadings ? null : 'visually-hidden' },
          section.title,
          h('span', { class: 'count', text: plural(section.photos.length, 'photo') }),
        ),
        list,
      ),
    );
  }
  return ordered;
}

/** What the album page and the guest page tell the album view. */
export interface AlbumViewOptions {
  /** The album again (fresh image links). */
  reload: () => Promise<AlbumDetail>;
  /**
   * A refusal met while the album is open (a 410 of a link revoked or a gallery expired since, a
   * session ended): true when the page took over and the view should say nothing more.
   */
  onRefused?: (error: unknown) => boolean;
  /** False for a guest: see DownloadAllOptions.sizeOnButton. */
  sizeOnButton?: boolean;
  /** A guest without a name is asked for one before their first favourite (see FavouritesOptions.askName). */
  askName?: () => Promise<boolean>;
  /** The share link a guest came by: their receipt pages find the guest's session by it. */
  linkToken?: string;
}

/** The favourites filter on the gallery: only favourites' tiles, and only sections that still have one. */
function filterGallery(gallery: HTMLElement, favourites: Set<string>, filterOn: boolean): void {
  for (const section of gallery.querySelectorAll<HTMLElement>('.gallery-section')) {
    let shown = 0;
    for (const tile of section.querySelectorAll<HTMLElement>('.tile')) {
      tile.hidden = filterOn && !favourites.has(tile.dataset.path ?? '');
      if (!tile.hidden) shown++;
    }
    section.hidden = shown === 0;
  }
}

/** Fills in the album view (components/AlbumView.astro) for an album the viewer may see. */
export function showAlbum(api: Api, album: AlbumDetail, options: AlbumViewOptions): void {
  const gallery = byId('gallery');
  const title = album.name || album.album_id;
  document.title = `${title} · Client albums`;
  byId('album-name').textContent = title;
  const date = formatDate(album.created_at);
  byId('album-meta').textContent = `${plural(album.photos?.length ?? album.photo_count ?? 0, 'photo')}${date ? ` · ${date}` : ''}`;

  if (!album.photos?.length) {
    gallery.append(h('div', { class: 'empty' }, h('h2', { text: 'No photos yet' }), h('p', { text: 'Photos appear here as soon as they are added.' })));
    return;
  }

  // The gallery's links live minutes; one that expired while the page was open is asked for again.
  const links = new FreshLinks(albumLinks(album), { reload: async () => albumLinks(await options.reload()) });
  let open: OpenViewer = () => {};
  /** The photos the gallery shows now (all, or the favourites under the filter): the viewer pages through these. */
  let shown: Photo[] = [];
  const ordered = renderGallery(album, gallery, links, (i) => {
    const at = shown.indexOf(ordered[i]);
    if (at < 0) open(i);
    else open(at, shown);
  });
  shown = ordered;
  let favourites: FavouritesView | null = null;
  open = setupViewer(api, album.album_id, ordered, links, {
    size: photoSize(album.downloads),
    onRefused: options.onRefused,
    onShow: (photo) => favourites?.showInViewer(photo.path),
  });
  const downloads = setupDownloadAll(api, album, { onRefused: options.onRefused, sizeOnButton: options.sizeOnButton });
  void setupReceipts(api, album.album_id, options.linkToken);
  const saving = setupSaveToPhotos(api, album, ordered, options.onRefused);
  void setupFavourites(api, album.album_id, {
    onRefused: options.onRefused,
    askName: options.askName,
    onChange: (chosen, filterOn) => {
      filterGallery(gallery, chosen, filterOn);
      shown = visiblePhotos(ordered, chosen, filterOn);
      downloads.favouritesChanged(chosen.size);
      saving.update(chosen, filterOn);
    },
  }).then((view) => (favourites = view));
}

/** A page of its own instead of the album: "This gallery has expired", or not available. */
export function showClosed(title: string, text: string): void {
  byId('album-meta').textContent = '';
  byId('album-name').textContent = title;
  byId('gallery').replaceChildren(h('div', { class: 'empty' }, h('p', { text })));
}

export async function startAlbum(): Promise<void> {
  const ctx = await startSignedInPage();
  const meta = byId('album-meta');
  if (!ctx) return void (meta.textContent = '');
  const albumId = new URLSearchParams(location.search).get('id')?.trim() ?? '';
  if (!albumId) {
    meta.textContent = '';
    say(byId('page-error'), 'No album was chosen. Go back to My albums and pick one.');
    return;
  }

  let album: AlbumDetail;
  try {
    album = await ctx.api.album(albumId);
  } catch (error) {
    if (isGalleryExpired(error)) {
      return showClosed(GALLERY_EXPIRED, 'The photographer can extend it if you still need the photos.');
    }
    meta.textContent = '';
    const text =
      error instanceof ApiError && (error.kind === 'not_found' || error.kind === 'forbidden')
        ? "This album isn't available. It may have been removed, or your access may have changed."
        : messageOf(error);
    byId('album-name').textContent = 'Album not available';
    say(byId('page-error'), text);
    return;
  }

  showAlbum(ctx.api, album, {
    reload: () => ctx.api.album(albumId),
    onRefused: (error) => {
      if (!isGalleryExpired(error)) return false;
      showClosed(GALLERY_EXPIRED, 'The photographer can extend it if you still need the photos.');
      byId('download-panel').hidden = true;
      return true;
    },
  });
}

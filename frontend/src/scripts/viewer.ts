// Full-screen preview in a <dialog>: next/previous by buttons, arrow keys and swipe;
// Escape closes (the dialog's own behaviour); one-photo download.

import type { Api } from '../lib/api';
import { imageKey, type FreshLinks } from '../lib/fresh-links';
import { messageOf } from '../lib/api';
import { fileNameOf, webFileName } from '../lib/photos';
import { formatCount } from '../lib/format';
import type { Photo, PhotoSize } from '../lib/types';
import { byId, pathLine, say, startDownload } from './dom';

const SWIPE_PX = 50;

export interface ViewerOptions {
  /** The size "Download photo" gets, as the viewer's permission allows; null: no button (view only). */
  size: PhotoSize | null;
  /** A refusal the page takes over (see AlbumViewOptions). */
  onRefused?: (error: unknown) => boolean;
  /** Each photo as it is shown (its heart follows it). */
  onShow?: (photo: Photo) => void;
}

/** Opens the viewer at a photo of `within` (the album's photos unless the gallery shows fewer: the favourites filter). */
export type OpenViewer = (index: number, within?: Photo[]) => void;

export function setupViewer(api: Api, albumId: string, albumPhotos: Photo[], links: FreshLinks, options: ViewerOptions): OpenViewer {
  const dialog = byId<HTMLDialogElement>('viewer');
  const img = byId<HTMLImageElement>('viewer-img');
  const title = byId('viewer-title');
  const status = byId('viewer-status');
  const prev = byId<HTMLButtonElement>('viewer-prev');
  const next = byId<HTMLButtonElement>('viewer-next');
  const download = byId<HTMLButtonElement>('viewer-download');
  const message = byId('viewer-message');
  let current = 0;
  /** The photos paged through: those the gallery showed when the viewer was opened. */
  let photos = albumPhotos;
  download.hidden = options.size == null;

  // Previews are screen-sized; the original (view_url) only when no preview exists.
  const keyOf = (p: Photo) => imageKey(p.previews_ready !== false && p.preview_url ? 'preview' : 'view', p.path);
  const srcOf = (p: Photo) => links.get(keyOf(p)) ?? '';
  /** The image on show: its link, and whether an expired link was already asked for again. */
  let shown = { key: '', src: '', renewed: false };

  img.addEventListener('error', async () => {
    const failed = shown;
    if (!failed.src || failed.renewed) return;
    failed.renewed = true;
    const fresh = await links.renew(failed.key, failed.src);
    // The person may have moved on while the listing was asked for.
    if (!fresh || shown !== failed) return;
    failed.src = fresh;
    img.src = fresh;
  });

  function show(index: number): void {
    current = Math.max(0, Math.min(photos.length - 1, index));
    const photo = photos[current];
    say(message, '');
    shown = { key: keyOf(photo), src: srcOf(photo), renewed: false };
    img.src = shown.src;
    img.alt = fileNameOf(photo.path);
    title.replaceChildren(pathLine(photo.path, ' / '));
    status.textContent = `${formatCount(current + 1)} of ${formatCount(photos.length)}`;
    prev.disabled = current === 0;
    next.disabled = current === photos.length - 1;
    options.onShow?.(photo);
    // Warm the cache for the neighbours so next/previous feels instant.
    for (const n of [current + 1, current - 1]) {
      const src = photos[n] ? srcOf(photos[n]) : '';
      if (src) new Image().src = src;
    }
  }

  function open(index: number, within: Photo[] = albumPhotos): void {
    photos = within.length ? within : albumPhotos;
    show(index);
    if (!dialog.open) dialog.showModal();
  }

  prev.addEventListener('click', () => show(current - 1));
  next.addEventListener('click', () => show(current + 1));
  byId('viewer-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowRight') show(current + 1);
    else if (event.key === 'ArrowLeft') show(current - 1);
    else return;
    event.preventDefault();
  });
  dialog.addEventListener('close', () => {
    // Stop a big original from loading on after the viewer is closed.
    shown = { key: '', src: '', renewed: true };
    img.removeAttribute('src');
  });

  let startX = 0;
  let startY = 0;
  const stage = byId('viewer-stage');
  stage.addEventListener(
    'touchstart',
    (event) => {
      if (event.touches.length !== 1) return;
      startX = event.touches[0].clientX;
      startY = event.touches[0].clientY;
    },
    { passive: true },
  );
  stage.addEventListener(
    'touchend',
    (event) => {
      const touch = event.changedTouches[0];
      if (!touch) return;
      const dx = touch.clientX - startX;
      const dy = touch.clientY - startY;
      if (Math.abs(dx) < SWIPE_PX || Math.abs(dx) < Math.abs(dy)) return;
      show(current + (dx < 0 ? 1 : -1));
    },
    { passive: true },
  );

  download.addEventListener('click', async () => {
    const photo = photos[current];
    const size = options.size;
    if (!size) return;
    download.disabled = true;
    say(message, '');
    try {
      const answer = await api.downloadPhoto(albumId, photo.path, size);
      if (!answer.download_url) throw new Error('This photo cannot be downloaded right now. Please try again.');
      startDownload(answer.download_url, size === 'web' ? webFileName(photo.path) : fileNameOf(photo.path));
    } catch (error) {
      if (options.onRefused?.(error)) return;
      say(message, messageOf(error));
    } finally {
      download.disabled = false;
    }
  });

  return open;
}

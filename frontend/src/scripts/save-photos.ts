// "Save to Photos" on a phone: the chosen photos (or all) handed to the system share sheet in
// batches of ten (each share needs a tap of its own), fetched one batch at a time so a phone never
// holds more than ten photos; where the browser cannot share files, one download per photo.

import { messageOf, type Api } from '../lib/api';
import {
  DOWNLOAD_SPACING_MS,
  PHONE_QUERY,
  batchLabel,
  batches,
  fetchProgress,
  howToSave,
  mediaType,
  saveSize,
  saveTargets,
  savedName,
} from '../lib/save-photos';
import { formatCount, plural } from '../lib/format';
import type { AlbumDetail, Photo, PhotoSize } from '../lib/types';
import { byId, say, startDownload } from './dom';

/** Photos fetched at once while a batch is prepared. */
const FETCHES_AT_ONCE = 3;

export interface SaveToPhotos {
  /** The favourites or the filter changed: the button's label (and what it saves) follows. */
  update(favourites: Set<string>, filterOn: boolean): void;
}

export function setupSaveToPhotos(api: Api, album: AlbumDetail, photos: Photo[], onRefused?: (error: unknown) => boolean): SaveToPhotos {
  const button = byId<HTMLButtonElement>('save-to-photos');
  const progress = byId('save-progress');
  const text = byId('save-text');
  const next = byId<HTMLButtonElement>('save-batch');
  const message = byId('favourites-message');
  const size = saveSize(album.downloads);
  const phone = window.matchMedia(PHONE_QUERY);
  let targets = saveTargets(photos, new Set(), false);
  let busy = false;

  function show(): void {
    button.hidden = !(phone.matches && size && photos.length > 0);
    button.textContent = targets.label;
    button.disabled = busy || targets.photos.length === 0;
  }
  phone.addEventListener('change', show);

  /** A photo as a File: its name and type, its bytes in the size the viewer may download. */
  async function fileOf(photo: Photo, as: PhotoSize): Promise<File> {
    const answer = await api.downloadPhoto(album.album_id, photo.path, as);
    if (!answer.download_url) throw new Error(`${photo.path} cannot be fetched right now. Please try again.`);
    const response = await fetch(answer.download_url);
    if (!response.ok) throw new Error(`${photo.path} could not be fetched (HTTP ${response.status}). Please try again.`);
    const name = savedName(photo.path, as);
    return new File([await response.blob()], name, { type: mediaType(name, response.headers.get('Content-Type')) });
  }

  async function fetchBatch(batch: Photo[], as: PhotoSize, first: number, total: number): Promise<File[]> {
    const files: File[] = new Array(batch.length);
    let done = 0;
    let nextIndex = 0;
    text.textContent = fetchProgress(first, total);
    const worker = async () => {
      while (nextIndex < batch.length) {
        const i = nextIndex++;
        files[i] = await fileOf(batch[i], as);
        done++;
        text.textContent = fetchProgress(first + done, total);
      }
    };
    await Promise.all(Array.from({ length: Math.min(FETCHES_AT_ONCE, batch.length) }, worker));
    return files;
  }

  /** Waits for a tap on the batch button (a share needs the person's own gesture). */
  function tapFor(label: string): Promise<void> {
    next.textContent = label;
    next.hidden = false;
    next.focus();
    return new Promise((resolve) => next.addEventListener('click', () => resolve(), { once: true }));
  }

  async function shareAll(chosen: Photo[], as: PhotoSize): Promise<void> {
    const groups = batches(chosen);
    let first = 0;
    for (const group of groups) {
      const files = await fetchBatch(group, as, first, chosen.length);
      // The tap on Save to Photos may still count as the person's gesture for the first batch (a share
      // uses the gesture up); every later batch, or a first one that took too long to fetch, gets a tap of its own.
      const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation;
      let shared = false;
      if (first === 0 && activation?.isActive) shared = await tryShare(files);
      while (!shared) {
        text.textContent = `${formatCount(first + group.length)} of ${formatCount(chosen.length)} ready.`;
        await tapFor(batchLabel(first, group.length));
        next.hidden = true;
        shared = await tryShare(files);
      }
      first += group.length;
    }
    text.textContent = `${plural(chosen.length, 'photo')} handed to your phone.`;
    progress.dataset.state = 'done';
  }

  /** False when the share did not happen (the sheet was dismissed, or the browser wanted a fresh tap): that batch is offered again. */
  async function tryShare(files: File[]): Promise<boolean> {
    try {
      await navigator.share({ files });
      return true;
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'AbortError' || name === 'NotAllowedError') return false;
      throw error;
    }
  }

  async function downloadAll(chosen: Photo[], as: PhotoSize): Promise<void> {
    for (let i = 0; i < chosen.length; i++) {
      text.textContent = `Downloading ${formatCount(i + 1)} of ${plural(chosen.length, 'photo')}…`;
      const answer = await api.downloadPhoto(album.album_id, chosen[i].path, as);
      if (!answer.download_url) throw new Error(`${chosen[i].path} cannot be downloaded right now. Please try again.`);
      startDownload(answer.download_url, savedName(chosen[i].path, as));
      // Spaced out: browsers let a page start several downloads only a little apart.
      if (i < chosen.length - 1) await new Promise((resolve) => setTimeout(resolve, DOWNLOAD_SPACING_MS));
    }
    text.textContent = `${plural(chosen.length, 'photo')} downloaded. Your browser keeps them with its downloads.`;
    progress.dataset.state = 'done';
  }

  button.addEventListener('click', async () => {
    if (busy || !size || targets.photos.length === 0) return;
    const chosen = targets.photos;
    busy = true;
    show();
    say(message, '');
    progress.hidden = false;
    progress.dataset.state = 'working';
    next.hidden = true;
    try {
      const first = savedName(chosen[0].path, size);
      const sample = [new File([], first, { type: mediaType(first) })];
      if (howToSave(navigator, sample) === 'share') await shareAll(chosen, size);
      else await downloadAll(chosen, size);
    } catch (error) {
      progress.hidden = true;
      if (!onRefused?.(error)) say(message, messageOf(error));
    } finally {
      next.hidden = true;
      busy = false;
      show();
    }
  });

  show();
  return {
    update(favourites: Set<string>, filterOn: boolean): void {
      targets = saveTargets(photos, favourites, filterOn);
      show();
    },
  };
}

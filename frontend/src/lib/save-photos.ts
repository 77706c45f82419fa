// "Save to Photos" on a phone without a DOM: which photos, in which size, under which names, in
// batches the share sheet takes, and whether the browser can share files at all or the photos
// are downloaded one by one instead.

import { formatCount, plural } from './format';
import { fileNameOf, webFileName } from './photos';
import { photoSize } from './sharing';
import type { Downloads, Photo, PhotoSize } from './types';

/** Files per share: the share sheet takes one batch per tap, and iOS and Android both handle ten well. */
export const SHARE_BATCH = 10;
/** Between two automatic downloads: browsers let a page start several when they are spaced out. */
export const DOWNLOAD_SPACING_MS = 700;
/** A narrow screen (or a touch-first device) gets the button; the desktop keeps Download All. */
export const PHONE_QUERY = '(max-width: 700px), (pointer: coarse)';

/** Consecutive slices of at most `size` items, in order. */
export function batches<T>(items: readonly T[], size = SHARE_BATCH): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The photos the button saves and how its label says so. */
export interface SaveTargets {
  photos: Photo[];
  label: string;
}

/** The favourites when the filter is on or there are some; otherwise every photo of the album. */
export function saveTargets(photos: Photo[], favourites: Set<string>, filterOn: boolean): SaveTargets {
  const chosen = photos.filter((p) => favourites.has(p.path));
  if (filterOn || chosen.length > 0) {
    return { photos: chosen, label: `Save ${plural(chosen.length, 'favourite')} to Photos` };
  }
  return { photos, label: photos.length === 1 ? 'Save the photo to Photos' : `Save all ${formatCount(photos.length)} to Photos` };
}

/** The size a phone saves: the original when the viewer may download it, else web size; null: nothing (view only). */
export function saveSize(downloads: Downloads | null | undefined): PhotoSize | null {
  return photoSize(downloads);
}

/** The name a saved photo gets: its file name, or its web-size name (a JPEG) for web size. */
export function savedName(path: string, size: PhotoSize): string {
  return size === 'web' ? webFileName(path) : fileNameOf(path);
}

const TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  m4v: 'video/x-m4v',
  pdf: 'application/pdf',
};

/**
 * A saved file's media type: the server's when it names one, else by the name's extension. The
 * share sheet offers "Save Image" only for image types, so a generic type is the last resort.
 */
export function mediaType(name: string, served?: string | null): string {
  const given = served?.split(';')[0].trim().toLowerCase() ?? '';
  if (given && given !== 'application/octet-stream' && given !== 'binary/octet-stream') return given;
  const dot = name.lastIndexOf('.');
  return (dot >= 0 && TYPES[name.slice(dot + 1).toLowerCase()]) || 'application/octet-stream';
}

/** The part of `navigator` the decision needs (a test stands in for it). */
export interface ShareCapable {
  share?: (data: ShareData) => Promise<void>;
  canShare?: (data: ShareData) => boolean;
}

/**
 * Share the files when the browser says it can share these very files; otherwise download them
 * one by one. A browser with `share` but no `canShare` shares only text and links (older
 * desktop browsers), so that is not taken as sharing files.
 */
export function howToSave(nav: ShareCapable, sample: File[]): 'share' | 'download' {
  if (typeof nav.share !== 'function' || typeof nav.canShare !== 'function') return 'download';
  try {
    return nav.canShare({ files: sample }) ? 'share' : 'download';
  } catch {
    return 'download';
  }
}

/** The button for the next batch: "Save photos 11–20" (or "Save photo 21" for a batch of one). */
export function batchLabel(first: number, count: number): string {
  if (count === 1) return `Save photo ${formatCount(first + 1)}`;
  return `Save photos ${formatCount(first + 1)}–${formatCount(first + count)}`;
}

/** Progress while the photos are fetched: "Getting photos ready… 3 of 12". */
export function fetchProgress(done: number, total: number): string {
  return `Getting photos ready… ${formatCount(done)} of ${formatCount(total)}`;
}

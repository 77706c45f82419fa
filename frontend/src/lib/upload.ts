// Browser uploads: which files, under which album paths, and a queue that sends them
// through presigned URLs with bounded concurrency and retries. No DOM here: the page
// supplies `presign` (admin API) and `put` (XHR with progress), tests supply fakes.

import { compareNatural } from './photos';
import type { PresignedUpload, UploadRequestFile } from './types';

// ---- Paths ---------------------------------------------------------------------------

// The rules below are the API's and the scripts' too, all checked against rules/shared-rules.json.

/**
 * Finder, Explorer and camera cards leave these beside photos; they are not photos. Lower-cased;
 * "Icon\r" is the macOS folder-icon file, the last two the folders Windows keeps on every drive.
 */
export const SYSTEM_NAMES: ReadonlySet<string> = new Set([
  'thumbs.db',
  'ehthumbs.db',
  'desktop.ini',
  '__macosx',
  'icon\r',
  '$recycle.bin',
  'system volume information',
]);

/** True when any folder or file name in the path starts with '.' or is a system name. */
export function isHiddenOrSystem(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.') || SYSTEM_NAMES.has(part.toLowerCase()));
}

/** Longest folder or file name of a new photo, in UTF-8 bytes (client file systems take 255). */
export const MAX_NAME_BYTES = 200;
/** S3's limit on a key, albums/{album_id}/photos/{path}. */
export const MAX_KEY_BYTES = 1024;
/** S3's limit on one PUT. */
export const MAX_FILE_BYTES = 5 * 1024 ** 3;
/** Upload links asked for at once: URLs expire, so not all 1,000 up front; the API takes up to 500. */
export const PRESIGN_BATCH = 50;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** Null when a photo can be stored at this album path, else why not (naming the limit). */
export function uploadNameProblem(albumId: string, path: string): string | null {
  for (const name of path.split('/')) {
    const bytes = utf8Bytes(name);
    if (bytes > MAX_NAME_BYTES) {
      return `the name “${name}” is ${bytes} bytes long; folder and file names may have at most ${MAX_NAME_BYTES} bytes (UTF-8)`;
    }
  }
  const keyBytes = utf8Bytes(`albums/${albumId}/photos/${path}`);
  return keyBytes > MAX_KEY_BYTES ? `the path is too long (${keyBytes} of at most ${MAX_KEY_BYTES} bytes with the album’s folder)` : null;
}

/** A clean relative path with "/" separators, NFC (as the ZIP will name it); null if unusable. */
export function normalizePath(raw: string): string | null {
  const parts = raw
    .normalize('NFC')
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..')) return null;
  return parts.join('/');
}

/**
 * When everything sits in one top folder (a dropped album folder, or the folder picked
 * with webkitdirectory, whose paths start with its name), that folder is the album
 * itself: drop it, so "Wedding/Ceremony/IMG_1.jpg" becomes "Ceremony/IMG_1.jpg".
 */
export function stripCommonRoot(paths: string[]): string[] {
  if (paths.length === 0 || !paths.every((p) => p.includes('/'))) return paths;
  const root = paths[0].slice(0, paths[0].indexOf('/') + 1);
  return paths.every((p) => p.startsWith(root)) ? paths.map((p) => p.slice(root.length)) : paths;
}

/**
 * What an album may hold, by extension (lower case): photos, camera RAW, video and PDF, each with
 * the content type its upload is signed for. SVG, HTML, XML, scripts and anything else are left
 * out here and refused by the API (rules/shared-rules.json, upload_types).
 */
export const UPLOAD_TYPES: Readonly<Record<string, string>> = {
  // Photos
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  heic: 'image/heic',
  heif: 'image/heif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  // Camera RAW
  dng: 'image/x-adobe-dng',
  cr2: 'image/x-canon-cr2',
  cr3: 'image/x-canon-cr3',
  crw: 'image/x-canon-crw',
  nef: 'image/x-nikon-nef',
  nrw: 'image/x-nikon-nrw',
  arw: 'image/x-sony-arw',
  srf: 'image/x-sony-srf',
  sr2: 'image/x-sony-sr2',
  raf: 'image/x-fuji-raf',
  orf: 'image/x-olympus-orf',
  rw2: 'image/x-panasonic-rw2',
  pef: 'image/x-pentax-pef',
  srw: 'image/x-samsung-srw',
  x3f: 'image/x-sigma-x3f',
  '3fr': 'image/x-hasselblad-3fr',
  fff: 'image/x-hasselblad-fff',
  iiq: 'image/x-phaseone-iiq',
  rwl: 'image/x-leica-rwl',
  mos: 'image/x-leaf-mos',
  erf: 'image/x-epson-erf',
  mrw: 'image/x-minolta-mrw',
  kdc: 'image/x-kodak-kdc',
  // Video
  mp4: 'video/mp4',
  m4v: 'video/x-m4v',
  mov: 'video/quicktime',
  avi: 'video/x-msvideo',
  mts: 'video/mp2t',
  m2ts: 'video/mp2t',
  '3gp': 'video/3gpp',
  mkv: 'video/x-matroska',
  webm: 'video/webm',
  // Documents
  pdf: 'application/pdf',
};

/** The type the upload is signed for, by the file's extension alone; null when the album cannot hold it. */
export function contentTypeOf(path: string): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const extension = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  // hasOwn: "x.constructor" must not find Object.prototype's.
  return Object.hasOwn(UPLOAD_TYPES, extension) ? UPLOAD_TYPES[extension] : null;
}

export interface PickedFile {
  /** Path as picked: webkitRelativePath, a dropped entry's fullPath, or the bare name. */
  path: string;
  file: Blob;
}

/** A picked file that cannot be uploaded as it is, and why. */
export interface Refusal {
  path: string;
  problem: string;
}

/**
 * Picked files → upload items with album paths; counts the hidden and system files left out, lists
 * the files of types an album does not hold (SVG, HTML, …: left out too, so a stray file in a
 * folder does not stop the album), and lists the files the album cannot take as named (a name
 * too long, a file too large), so that the page can refuse them all before anything is sent.
 */
export function prepareFiles(
  picked: PickedFile[],
  albumId: string,
): { items: UploadItem[]; skipped: number; notAccepted: string[]; refused: Refusal[] } {
  const visible = picked
    .map((p) => ({ ...p, path: normalizePath(p.path) }))
    .filter((p): p is { path: string; file: Blob } => p.path !== null && !isHiddenOrSystem(p.path));
  const notAccepted = visible.filter((p) => contentTypeOf(p.path) === null).map((p) => p.path);
  const usable = visible.filter((p) => contentTypeOf(p.path) !== null);
  const paths = stripCommonRoot(usable.map((p) => p.path));
  const seen = new Set<string>();
  const items: UploadItem[] = [];
  usable.forEach((p, i) => {
    const path = paths[i];
    if (seen.has(path)) return; // the same file picked twice
    seen.add(path);
    items.push(newItem(path, p.file));
  });
  // In the order the gallery will show them: the list reads like the album.
  items.sort((a, b) => compareNatural(a.path, b.path));
  const refused: Refusal[] = [];
  for (const item of items) {
    const problem =
      uploadNameProblem(albumId, item.path) ?? (item.size > MAX_FILE_BYTES ? `it is larger than ${MAX_FILE_BYTES / 1024 ** 3} GB` : null);
    if (problem) refused.push({ path: item.path, problem });
  }
  return { items, skipped: picked.length - items.length - notAccepted.length, notAccepted, refused };
}

// ---- The queue ---------------------------------------------------------------------

export type ItemState = 'queued' | 'uploading' | 'retrying' | 'done' | 'failed';

export interface UploadItem {
  path: string;
  file: Blob;
  size: number;
  contentType: string;
  state: ItemState;
  /** Bytes sent in the current attempt. */
  loaded: number;
  attempts: number;
  error: string;
}

export function newItem(path: string, file: Blob): UploadItem {
  // prepareFiles leaves out what has no type; octet-stream here would be refused by the API all the same.
  const contentType = contentTypeOf(path) ?? 'application/octet-stream';
  return { path, file, size: file.size, contentType, state: 'queued', loaded: 0, attempts: 0, error: '' };
}

export interface QueueOptions {
  presign: (files: UploadRequestFile[]) => Promise<PresignedUpload[]>;
  put: (target: PresignedUpload, item: UploadItem, onProgress: (loaded: number) => void) => Promise<void>;
  /** An error no retry can fix (signed out, album gone): stop everything. */
  isFatal?: (error: unknown) => boolean;
  messageOf?: (error: unknown) => string;
  onChange?: (item: UploadItem) => void;
  sleep?: (ms: number) => Promise<void>;
  concurrency?: number;
  maxRetries?: number;
  /** How many upload URLs to ask for at once (URLs expire, so not all 1,000 up front). */
  batchSize?: number;
  retryDelayMs?: (attempt: number) => number;
}

export interface Totals {
  files: number;
  done: number;
  failed: number;
  bytes: number;
  bytesDone: number;
}

export function totals(items: UploadItem[]): Totals {
  const t: Totals = { files: items.length, done: 0, failed: 0, bytes: 0, bytesDone: 0 };
  for (const item of items) {
    t.bytes += item.size;
    if (item.state === 'done') {
      t.done++;
      t.bytesDone += item.size;
    } else {
      if (item.state === 'failed') t.failed++;
      t.bytesDone += Math.min(item.loaded, item.size);
    }
  }
  return t;
}

/**
 * Uploads every queued item: at most `concurrency` at a time, each retried up to
 * `maxRetries` times with a growing pause, each retry with a fresh URL. Resolves when
 * every item is done or failed; never rejects.
 */
export async function runQueue(items: UploadItem[], options: QueueOptions): Promise<Totals> {
  const {
    presign,
    put,
    isFatal = () => false,
    messageOf = (e) => (e instanceof Error ? e.message : String(e)),
    onChange = () => {},
    sleep = (ms) => new Promise<void>((r) => setTimeout(r, ms)),
    concurrency = 4,
    maxRetries = 3,
    batchSize = PRESIGN_BATCH,
    retryDelayMs = (attempt) => 1000 * 2 ** (attempt - 1),
  } = options;

  const urls = new Map<string, PresignedUpload>();
  let inflight: Promise<void> | null = null;
  let fatal: string | null = null;

  async function urlFor(item: UploadItem): Promise<PresignedUpload> {
    for (let asked = false; ; ) {
      const url = urls.get(item.path);
      if (url) {
        urls.delete(item.path); // one use: a retry asks again, in case the URL expired
        return url;
      }
      if (inflight) {
        await inflight.catch(() => {});
        continue;
      }
      if (asked) throw new Error('The server gave no upload link for this file.');
      asked = true;
      // This item plus the next queued ones that have no URL yet.
      const batch = [item, ...items.filter((i) => i !== item && i.state === 'queued' && !urls.has(i.path))].slice(0, batchSize);
      inflight = presign(batch.map((i) => ({ path: i.path, size: i.size, content_type: i.contentType }))).then((answer) => {
        for (const u of answer) urls.set(u.path, u);
      });
      try {
        await inflight;
      } finally {
        inflight = null;
      }
    }
  }

  async function uploadOne(item: UploadItem): Promise<void> {
    while (!fatal) {
      item.attempts++;
      item.state = 'uploading';
      item.loaded = 0;
      item.error = '';
      onChange(item);
      try {
        const target = await urlFor(item);
        await put(target, item, (loaded) => {
          item.loaded = loaded;
          onChange(item);
        });
        item.state = 'done';
        item.loaded = item.size;
        onChange(item);
        return;
      } catch (error) {
        item.loaded = 0;
        item.error = messageOf(error);
        if (isFatal(error)) {
          fatal = item.error;
        } else if (item.attempts <= maxRetries) {
          item.state = 'retrying';
          onChange(item);
          await sleep(retryDelayMs(item.attempts));
          continue;
        }
        item.state = 'failed';
        onChange(item);
        return;
      }
    }
  }

  let next = 0;
  async function worker(): Promise<void> {
    while (!fatal) {
      const item = items.slice(next).find((i) => i.state === 'queued');
      if (!item) return;
      next = items.indexOf(item) + 1;
      await uploadOne(item);
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (fatal) {
    for (const item of items) {
      if (item.state === 'queued' || item.state === 'retrying' || item.state === 'uploading') {
        item.state = 'failed';
        item.error = fatal;
        onChange(item);
      }
    }
  }
  return totals(items);
}

/** Puts failed items back in the queue for another round (the "Retry failed" button). */
export function requeueFailed(items: UploadItem[]): number {
  let n = 0;
  for (const item of items) {
    if (item.state !== 'failed') continue;
    item.state = 'queued';
    item.attempts = 0;
    item.loaded = 0;
    item.error = '';
    n++;
  }
  return n;
}

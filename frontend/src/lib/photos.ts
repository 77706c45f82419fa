// Turning the album's flat photo list into what the gallery shows: sections by
// sub-folder (a photo's path "Ceremony/IMG_1.jpg" puts it in "Ceremony"), in natural
// order ("IMG_2" before "IMG_10"), each photo with the aspect ratio of its box.

import type { Photo } from './types';

export interface Section {
  /** Folder path without a trailing slash; "" for photos at the album's top level. */
  folder: string;
  /** Heading text: "Ceremony / Details". */
  title: string;
  photos: Photo[];
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function compareNatural(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function folderOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut < 0 ? '' : path.slice(0, cut);
}

export function fileNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Sections in reading order: top-level photos first, then folders, each sorted naturally. */
export function sectionsOf(photos: Photo[]): Section[] {
  const byFolder = new Map<string, Photo[]>();
  for (const photo of photos) {
    const folder = folderOf(photo.path);
    const list = byFolder.get(folder);
    if (list) list.push(photo);
    else byFolder.set(folder, [photo]);
  }
  const folders = [...byFolder.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : compareNatural(a, b)));
  return folders.map((folder) => ({
    folder,
    title: folder ? folder.split('/').join(' / ') : 'Photos',
    photos: byFolder.get(folder)!.sort((a, b) => compareNatural(a.path, b.path)),
  }));
}

// Files the web-size download keeps as they are (when the album includes them): a video or a PDF.
const KEPT_AS_IS = /\.(mp4|mov|m4v|avi|mkv|webm|pdf)$/i;

/**
 * A photo's path in web size: a JPEG, so any other image extension becomes .jpg (the server's
 * WebRendition.renditionPath); videos and PDFs keep theirs.
 */
export function webPath(path: string): string {
  if (KEPT_AS_IS.test(path)) return path;
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash + 1) return `${path}.jpg`;
  const extension = path.slice(dot + 1).toLowerCase();
  return extension === 'jpg' || extension === 'jpeg' ? path : `${path.slice(0, dot)}.jpg`;
}

/** The file name a single web-size download is saved under. */
export function webFileName(path: string): string {
  return fileNameOf(webPath(path));
}

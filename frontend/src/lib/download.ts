// What the "Download All" area shows for an answer of GET /albums/{id}/download.
// Pure: the page renders the view; tests check the decisions.

import { formatBytes, formatCount, formatEta, formatPreparing, plural } from './format';
import type { ArchivePart, DownloadResponse, Progress } from './types';

export type DownloadView =
  | { kind: 'ready'; url: string | null; size: string; parts: ArchivePart[]; label: string; expiresIn: number }
  | { kind: 'preparing'; text: string; value: number; max: number; eta: string }
  | { kind: 'error'; message: string };

export const DOWNLOAD_ALL = 'Download All';

/** The button's name: "Download All", or "Download All (1.2 GB)" once the size is known. */
export function buttonLabel(zipSize: number | null | undefined): string {
  const size = zipSize && zipSize > 0 ? formatBytes(zipSize) : '';
  return size ? `${DOWNLOAD_ALL} (${size})` : DOWNLOAD_ALL;
}

function partsOf(r: DownloadResponse): ArchivePart[] {
  return (r.parts ?? []).filter((p) => p && p.download_url);
}

/** True when the archive can be downloaded now (one file or several parts). */
export function isReady(r: DownloadResponse): boolean {
  return r.status === 'ready' && (!!r.download_url || partsOf(r).length > 0);
}

/** Polling stops on these answers. */
export function isSettled(r: DownloadResponse): boolean {
  return isReady(r) || r.status === 'error';
}

/** Changes whenever the build moved: the poller resets its back-off on a new key. */
export function progressKey(r: DownloadResponse): string {
  const p = r.progress;
  return `${r.status}:${p?.files_done ?? 0}:${p?.bytes_done ?? 0}`;
}

/**
 * @param photoCount the album's photo count, for "0 of M" before the build reports totals
 */
export function describe(r: DownloadResponse, photoCount = 0): DownloadView {
  if (isReady(r)) {
    const parts = partsOf(r);
    const total = r.zip_size ?? (parts.length ? parts.reduce((sum, p) => sum + (p.size || 0), 0) : null);
    return {
      kind: 'ready',
      url: r.download_url ?? null,
      size: formatBytes(total),
      parts: parts.length > 1 ? parts : [],
      label: buttonLabel(total),
      expiresIn: r.expires_in ?? 0,
    };
  }
  if (r.status === 'error') {
    return {
      kind: 'error',
      message: r.message?.trim() || 'The archive could not be prepared. Press Retry to try again.',
    };
  }
  const p = r.progress;
  const filesTotal = p?.files_total || r.file_count || photoCount;
  const filesDone = p?.files_done ?? 0;
  // The bar follows bytes when known (a big photo takes longer than a small one),
  // while the text counts photos, which is what people think in.
  const useBytes = !!p && p.bytes_total > 0;
  return {
    kind: 'preparing',
    text: formatPreparing(filesDone, filesTotal),
    value: useBytes ? Math.min(p!.bytes_done, p!.bytes_total) : Math.min(filesDone, filesTotal),
    max: useBytes ? p!.bytes_total : Math.max(filesTotal, 1),
    eta: formatEta(p?.eta_seconds) || (filesDone > 0 ? '' : 'Starting…'),
  };
}

/** One part of a build in parts, as a line of the list: its file name, where it stands, its bar. */
export interface PartLine {
  name: string;
  detail: string;
  value: number;
  max: number;
  ready: boolean;
}

/**
 * The parts of a build under way, each on its own line; none for a build of one archive (or one
 * not yet planned), which the single bar already shows. The bar follows bytes, as the album's does.
 */
export function buildingParts(p: Progress | null | undefined): PartLine[] {
  const parts = p?.parts ?? [];
  if (parts.length < 2) return [];
  return parts.map((part, i) => {
    const files = Math.max(0, part.file_count);
    const done = part.ready ? files : Math.min(Math.max(0, part.files_done), files);
    const size = formatBytes(part.size);
    const where = part.ready ? `Ready · ${plural(files, 'photo')}` : `${formatCount(done)} of ${plural(files, 'photo')}`;
    const useBytes = part.bytes_total > 0;
    return {
      name: part.name || `Part ${i + 1} of ${parts.length}`,
      detail: size ? `${where} · ${size}` : where,
      value: useBytes ? (part.ready ? part.bytes_total : Math.min(Math.max(0, part.bytes_done), part.bytes_total)) : done,
      max: useBytes ? part.bytes_total : Math.max(files, 1),
      ready: part.ready,
    };
  });
}

/** The part of a fresh answer with the same file name ("… (part 2 of 5).zip"): none when the archive changed since. */
export function samePart(r: DownloadResponse, name: string): ArchivePart | undefined {
  return isReady(r) ? partsOf(r).find((p) => p.name === name) : undefined;
}

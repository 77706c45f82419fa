// Receipts without a DOM: the album page's list of them, the receipt page's address and words,
// and the commands that check an unzipped folder against the manifest.

import { formatBytes, formatDateTime, plural } from './format';
import type { Receipt, ReceiptSummary } from './types';

/**
 * The receipt page of a delivery. A guest's page carries the share link's token too (`link`):
 * the guest session is kept per link in the tab, and the page finds it by that token.
 */
export function receiptPath(albumId: string, deliveryId: string, linkToken?: string | null): string {
  const query = new URLSearchParams({ album: albumId, delivery: deliveryId });
  if (linkToken) query.set('link', linkToken);
  return `/album/receipt/?${query.toString()}`;
}

export interface ReceiptAddress {
  albumId: string;
  deliveryId: string;
  /** The share link's token for a guest; empty for a signed-in client. */
  link: string;
}

/** The receipt page's query, or null when it does not name an album and a delivery. */
export function receiptAddress(search: string): ReceiptAddress | null {
  const query = new URLSearchParams(search);
  const albumId = query.get('album')?.trim() ?? '';
  const deliveryId = query.get('delivery')?.trim() ?? '';
  if (!albumId || !deliveryId) return null;
  return { albumId, deliveryId, link: query.get('link')?.trim() ?? '' };
}

/** One line of the album page's list: "Smith Wedding.zip · 412 photos · 1.2 GB · 12 Mar 2026, 14:05". */
export function receiptLine(receipt: Pick<ReceiptSummary, 'archive' | 'photo_count' | 'size' | 'completed_at'>, locale?: string): string {
  return [receipt.archive, plural(receipt.photo_count, 'photo'), formatBytes(receipt.size), formatDateTime(receipt.completed_at, locale)]
    .filter(Boolean)
    .join(' · ');
}

/** The name the manifest is saved under: the server's, else the receipt's, else the archive's with .sfv. */
export function manifestFileName(fromServer: string, receipt: Pick<Receipt, 'manifest_name' | 'archive'>): string {
  if (fromServer) return fromServer;
  if (receipt.manifest_name) return receipt.manifest_name;
  return `${receipt.archive.replace(/\.zip$/i, '') || 'download'}.sfv`;
}

/**
 * How to check the unzipped folder, short. cksfv (Linux; Homebrew on macOS) reads the manifest as it
 * is: `-g` checks the files beside it, so the manifest is saved into the unzipped folder first;
 * RapidCRC and TeraCopy open .sfv files on Windows. The photographer's check-download.py checks
 * each size too and names the files that are missing. FOLDER stands for the unzipped folder.
 */
export function checkCommands(manifestName: string): { label: string; command: string }[] {
  const quoted = shellQuote(manifestName);
  return [
    { label: 'With cksfv, after saving the manifest into the unzipped folder:', command: `cksfv -g FOLDER/${quoted}` },
    { label: 'With check-download.py, which the photographer can send you (Python 3):', command: `python3 check-download.py ${quoted} FOLDER` },
  ];
}

/** A word for a POSIX shell: as it is when it is plain, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9._\-/]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** A SHA-256 in groups of eight, so a person comparing by eye does not lose their place (copied whole). */
export function groupedDigest(sha256: string): string {
  return sha256.match(/.{1,8}/g)?.join(' ') ?? sha256;
}

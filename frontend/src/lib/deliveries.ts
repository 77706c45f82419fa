// The studio's deliveries without a DOM: who took what in words, how much reached them, when,
// the line about links never used, and the CSV export.

import { csvCell } from './favourites';
import { formatBytes, formatCount, formatDateTime, plural } from './format';
import type { DeliveredKind, Delivery } from './types';

/** The recipient as the table names them: a client's label (their name or e-mail), a link's label. */
export function recipientLabel(delivery: Pick<Delivery, 'recipient_label' | 'email' | 'recipient'>): string {
  return delivery.recipient_label || delivery.email || delivery.recipient;
}

/** "Ann, Bob" for the names guests of a link gave; empty for a client or a link nobody named themselves on. */
export function visitorsLabel(delivery: Pick<Delivery, 'recipient_kind' | 'visitors'>): string {
  if (delivery.recipient_kind !== 'link') return '';
  return [...new Set((delivery.visitors ?? []).map((v) => v.trim()).filter(Boolean))].join(', ');
}

const KIND_NAMES: Record<DeliveredKind, string> = { album: 'Album', favourites: 'Favourites', photo: 'Photo' };

/**
 * What they took: "Album", "Album · Web size", "Favourites · 3 parts", "Photo · IMG_1.jpg".
 * Originals are what a download is unless it says otherwise, so only web size is named.
 */
export function whatLabel(delivery: Pick<Delivery, 'kind' | 'photo_size' | 'archive' | 'parts'>): string {
  const words = [KIND_NAMES[delivery.kind] ?? delivery.kind];
  if (delivery.photo_size === 'web') words.push('Web size');
  if (delivery.kind === 'photo' && delivery.archive) words.push(delivery.archive);
  const parts = delivery.parts?.length ?? 0;
  if (parts > 1) words.push(`${formatCount(parts)} parts`);
  return words.join(' · ');
}

/**
 * The share of the bytes served, 0–100, rounded down as the server does: a delivery one byte
 * short reads 99 %, never a 100 % that is not complete.
 */
export function percentOf(served: number, size: number): number {
  if (!Number.isFinite(served) || !Number.isFinite(size) || size <= 0 || served <= 0) return 0;
  return Math.min(100, Math.floor((Math.min(served, size) * 100) / size));
}

/** "1.2 GB of 2.4 GB · 50 %". */
export function servedLabel(delivery: Pick<Delivery, 'bytes_served' | 'size' | 'percent'>): string {
  const percent = delivery.percent ?? percentOf(delivery.bytes_served, delivery.size);
  return `${formatBytes(delivery.bytes_served)} of ${formatBytes(delivery.size)} · ${percent} %`;
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Infinity],
];

/** "5 minutes ago", "yesterday", "3 weeks ago" (English, as the rest of the copy); empty for no date. */
export function formatRelative(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '';
  let value = (then - now.getTime()) / 1000;
  // A clock a little ahead of the server's: "just now", not "in 3 seconds".
  if (Math.abs(value) < 45) return 'just now';
  const words = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) return words.format(Math.round(value), unit);
    value /= size;
  }
  return '';
}

/** The table's time cells: the local date and time, and how long ago. */
export function whenLabel(iso: string | null | undefined, now: Date = new Date(), locale?: string): { at: string; ago: string } {
  return { at: formatDateTime(iso, locale), ago: formatRelative(iso, now) };
}

/** "phone, desktop" (the device types the links were handed to). */
export function devicesLabel(devices: readonly string[] | null | undefined): string {
  return [...new Set(devices ?? [])].join(', ');
}

/** "2 links handed out not yet used"; empty when every one was used. */
export function unstartedLabel(unstarted: number | null | undefined): string {
  if (!unstarted || unstarted < 1) return '';
  return `${plural(unstarted, 'link')} handed out not yet used`;
}

/** What "complete" means, under the panel's title. */
export const COMPLETE_MEANS =
  'Complete means every byte reached them, as the delivery network’s logs show; logs arrive within about an hour of a download.';

// ---- CSV -------------------------------------------------------------------------------------

export const DELIVERIES_CSV_COLUMNS = [
  'recipient',
  'kind',
  'archive',
  'size bytes',
  'bytes served',
  'percent',
  'complete',
  'first_at',
  'last_at',
  'devices',
] as const;

/**
 * A row per delivery with a header, in the favourites CSV's form: RFC 4180 quoting, CRLF, a byte
 * order mark for Excel, and cells a spreadsheet would run as formulas kept as text (a link's label
 * and a guest's name are typed by people). Sizes in bytes, times as the API's ISO-8601 instants.
 */
export function deliveriesCsv(deliveries: readonly Delivery[]): string {
  const rows: string[][] = [[...DELIVERIES_CSV_COLUMNS]];
  for (const d of deliveries) {
    const who = visitorsLabel(d);
    rows.push([
      who ? `${recipientLabel(d)} (${who})` : recipientLabel(d),
      d.photo_size === 'web' ? `${d.kind} (web size)` : d.kind,
      d.archive,
      String(d.size),
      String(d.bytes_served),
      String(d.percent ?? percentOf(d.bytes_served, d.size)),
      d.complete ? 'yes' : 'no',
      d.first_at ?? '',
      d.last_at ?? '',
      devicesLabel(d.devices),
    ]);
  }
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function deliveriesCsvFileName(albumId: string): string {
  return `${albumId}-deliveries.csv`;
}

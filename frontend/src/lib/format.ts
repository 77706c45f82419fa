// Formatting of numbers, sizes, dates and the archive progress line.
// Pure functions: no DOM, so they are unit-tested directly.

// The interface copy is English, so numbers use English grouping ("1,000") everywhere,
// whatever the browser's locale; dates follow the browser's locale (see formatDate).
const count = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return count.format(n);
}

/** "1 photo", "1,000 photos". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/**
 * A byte count as people read it: "0 B", "532 KB", "1.2 GB", "12.3 GB".
 * Decimal units (1 KB = 1000 B), as macOS, iOS and Android show file sizes, so the
 * figure matches what the client's own device reports after the download.
 */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  // Rounding can reach the next unit: 999.96 KB shows as "1 MB", not "1000 KB".
  if (Math.round(value * 10) / 10 >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const text = value < 100 ? (Math.round(value * 10) / 10).toFixed(1) : Math.round(value).toString();
  return `${text.replace(/\.0$/, '')} ${UNITS[unit]}`;
}

/**
 * Time left as a short phrase: "about 40 s left", "about 3 min left", "about 2 h 10 min left".
 * Seconds are rounded to 5 s above 10 s: a figure that jumps by one every poll looks
 * nervous and is no more true than the estimate behind it.
 */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.ceil(seconds);
  if (s < 60) {
    const shown = s <= 10 ? Math.max(1, s) : Math.min(55, Math.round(s / 5) * 5);
    return `about ${shown} s left`;
  }
  const minutes = Math.round(s / 60);
  if (minutes < 120) return `about ${minutes} min left`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `about ${h} h left` : `about ${h} h ${m} min left`;
}

/** "Preparing… 412 of 1,000 photos". */
export function formatPreparing(filesDone: number, filesTotal: number): string {
  const done = Math.min(Math.max(0, filesDone), Math.max(0, filesTotal));
  return `Preparing… ${formatCount(done)} of ${plural(filesTotal, 'photo')}`;
}

/** An ISO-8601 instant as a calendar date in the reader's locale, e.g. "12 March 2026". */
export function formatDate(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(date);
}

/** An ISO-8601 instant with time of day, for the studio's tables. */
export function formatDateTime(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A duration in seconds for the build history: "42 s", "3 min 5 s". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m < 60) return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${m % 60} min`;
}

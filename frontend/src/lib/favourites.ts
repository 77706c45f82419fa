// The studio's favourites without a DOM: who picked what in words, the picks' file names in the
// forms photo editors paste into their filters, the CSV export, and the album's proofing terms.

import { formatCount, formatDate, plural } from './format';
import { suggestAlbumId } from './studio';
import { localDay, type Checked } from './sharing';
import type { AdminAlbum, AlbumSettings, PersonFavourites } from './types';

// ---- Copy file names ----------------------------------------------------------------------------

export type NamesFormat = 'lightroom' | 'capture-one' | 'plain';

export const NAMES_FORMATS: readonly NamesFormat[] = ['lightroom', 'capture-one', 'plain'];

/** The button's words and how to paste what it copies, shown beside the copied text. */
export const NAMES_FORMAT_INFO: Record<NamesFormat, { button: string; howTo: string }> = {
  lightroom: {
    button: 'Lightroom Classic',
    howTo:
      'For Lightroom Classic: in the Library, open the Library Filter’s Text tab, choose Filename and Contains, and paste. ' +
      'The names are without extensions, so raw files match too; Contains matches part of a name, so a longer one may show too.',
  },
  'capture-one': {
    button: 'Capture One',
    howTo:
      'For Capture One: in the Library, paste into the search field of the Filters tool. ' +
      'The names are without extensions, so raw files match too; a name with a space in it may not match whole.',
  },
  plain: {
    button: 'Plain list',
    howTo: 'One file name per line, for an e-mail, a spreadsheet or any other program.',
  },
};

/**
 * How each format joins the names. Lightroom Classic's text filter ("Filename", "Contains")
 * takes several terms separated by commas, one line, and matches a term anywhere in the file
 * name, so names without their extension also find the raw files a catalog holds (a photo
 * gallery's maintainers changed their "for Lightroom" export to exactly this, comma-separated
 * on one line without extensions, after a photographer reported that one name per line and
 * gallery extensions did not work in Lightroom's search field). Capture One's Filters tool
 * search takes space-separated terms, the form proofing galleries offer for it; Capture One's
 * own manual was not found to confirm a separator, so the panel says a name with a space may
 * not match and the plain list is always there.
 */
const SEPARATORS: Record<NamesFormat, string> = { lightroom: ',', 'capture-one': ' ', plain: '\n' };

/** What a separator would cut one name into: a comma for Lightroom, white space for Capture One. */
const CUTS: Record<NamesFormat, RegExp | null> = { lightroom: /,/, 'capture-one': /\s/, plain: null };

export interface CopiedNames {
  text: string;
  /** How many names the text holds. */
  count: number;
  /** Names that more than one chosen photo has (same name in two folders): the filter shows each of them. */
  shared: string[];
  /** Names the format's separator cuts apart, so the program may not match them whole. */
  cut: string[];
  /**
   * File names of the album's other photos that a filter term would also find if the program
   * matches a term anywhere in a name, as Lightroom's Contains does (IMG_1 finds IMG_10).
   */
  alsoFound: string[];
}

/** A photo's file name: the last component of its album path. */
export function fileNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A file name without its extension ("IMG_1.jpg" → "IMG_1"); a leading dot is not an extension. */
export function stemOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * The chosen photos' names in one format. The plain list names every photo, one a line, even
 * two with the same name in different folders (they are different photos). The filter forms
 * name each name once: one term already finds every photo of that name, and a repeated term
 * would only make the list longer.
 */
export function copiedNames(paths: readonly string[], format: NamesFormat, albumPaths: readonly string[] = []): CopiedNames {
  const names = paths.map(fileNameOf).map((n) => (format === 'plain' ? n : stemOf(n)));
  const seen = new Map<string, number>();
  for (const name of names) seen.set(name, (seen.get(name) ?? 0) + 1);
  const shared = [...seen].filter(([, n]) => n > 1).map(([name]) => name);
  const listed = format === 'plain' ? names : [...seen.keys()];
  const cuts = CUTS[format];
  return {
    text: listed.join(SEPARATORS[format]),
    count: listed.length,
    shared,
    cut: cuts ? [...seen.keys()].filter((name) => cuts.test(name)) : [],
    alsoFound: format === 'plain' ? [] : alsoFound(listed, paths, albumPaths),
  };
}

/** The album's photos, not among the chosen, whose name contains a term (case aside, as the filters compare). */
function alsoFound(terms: readonly string[], chosen: readonly string[], albumPaths: readonly string[]): string[] {
  const picked = new Set(chosen);
  const lower = terms.map((t) => t.toLowerCase());
  return albumPaths
    .filter((path) => !picked.has(path))
    .map(fileNameOf)
    .filter((name) => lower.some((term) => name.toLowerCase().includes(term)));
}

/**
 * What the panel says under the text: whether it is on the clipboard (else how to copy it by
 * hand), which program it is for and how to paste it, and any name to check.
 */
export function copiedNote(copied: CopiedNames, format: NamesFormat, onClipboard: boolean): string {
  const names = plural(copied.count, 'name');
  const notes = [
    onClipboard ? `Copied ${names}.` : `${names} selected above: press Ctrl+C (⌘C) to copy ${copied.count === 1 ? 'it' : 'them'}.`,
    NAMES_FORMAT_INFO[format].howTo,
  ];
  if (copied.shared.length) {
    notes.push(`Photos in different folders share ${copied.shared.length === 1 ? 'the name' : 'the names'} ${quoteList(copied.shared)}: the filter shows each of them.`);
  }
  if (copied.alsoFound.length) {
    const [count, shown] = [copied.alsoFound.length, copied.alsoFound.slice(0, 5)];
    const more = count > shown.length ? ` and ${formatCount(count - shown.length)} more` : '';
    notes.push(`The filter may also show ${plural(count, 'other photo')} of this album whose name contains a chosen one: ${quoteList(shown)}${more}.`);
  }
  if (copied.cut.length) {
    const what = format === 'lightroom' ? 'a comma' : 'a space';
    notes.push(`${quoteList(copied.cut)} ${copied.cut.length === 1 ? 'has' : 'have'} ${what} in the name, which the program reads as a separator: find ${copied.cut.length === 1 ? 'it' : 'them'} by hand.`);
  }
  return notes.join(' ');
}

const quoteList = (names: string[]) => names.map((n) => `“${n}”`).join(', ');

// ---- A person's favourites in words -------------------------------------------------------------

/** "Client", or "Guest via “Smith family”" (the share link's label). */
export function kindLabel(person: Pick<PersonFavourites, 'kind' | 'share_label'>): string {
  if (person.kind === 'client') return 'Client';
  return person.share_label ? `Guest via “${person.share_label}”` : 'Guest';
}

/** "12 of 40" under a limit (and "45 of 40, over the limit" after the limit was lowered), else "12 favourites". */
export function countLabel(count: number, limit: number | null | undefined): string {
  if (limit) {
    const of = `${formatCount(count)} of ${formatCount(limit)}`;
    return count > limit ? `${of}, over the limit` : of;
  }
  return plural(count, 'favourite');
}

/** "Sent 1 March 2027" for a submitted selection; empty before. */
export function submittedLabel(submittedAt: string | null | undefined, locale?: string): string {
  const day = formatDate(submittedAt, locale);
  return day ? `Sent ${day}` : '';
}

/** A due day (yyyy-mm-dd) in words, "1 March 2027", the same day wherever the reader is. */
export function dueLabel(due: string | null | undefined, locale?: string): string {
  if (!due || !/^\d{4}-\d{2}-\d{2}$/.test(due)) return '';
  const day = new Date(`${due}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(day);
}

/** The album's proofing terms above the list: "Up to 40 photos each, due 1 March 2027." */
export function termsLabel(limit: number | null | undefined, due: string | null | undefined, locale?: string): string {
  const day = dueLabel(due, locale);
  if (!limit && !day) return 'No selection limit or due date: each person’s favourites are their selection. Set them in Album settings.';
  const parts = [limit ? `Up to ${plural(limit, 'photo')} each` : 'No limit', day ? `due ${day}` : ''].filter(Boolean);
  return `${parts.join(', ')}.`;
}

// ---- CSV -------------------------------------------------------------------------------------

export const CSV_COLUMNS = ['person', 'e-mail', 'kind', 'link', 'path', 'file name', 'submitted_at'] as const;

/** Spreadsheets run a cell starting with one of these as a formula (OWASP's list: = + - @, tab, CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: a leading apostrophe when a spreadsheet would take it for a formula (a guest
 * chooses their own name, so "=HYPERLINK(…)" must stay text), then RFC 4180 quoting when it
 * holds a comma, a quote or a line break.
 */
export function csvCell(value: string | null | undefined): string {
  let cell = value ?? '';
  if (FORMULA_START.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * Everyone's favourites (or one person's), a row per chosen photo, with a header. CRLF line ends
 * as RFC 4180 has them, and a byte order mark so Excel reads UTF-8 (accents in names) rightly.
 * Someone whose every pick has left the album still has a row, with no path, so they are not lost.
 */
export function favouritesCsv(people: readonly PersonFavourites[]): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const person of people) {
    const who = [person.name, person.email ?? '', person.kind, person.share_label ?? ''];
    const paths = person.paths.length ? person.paths : [''];
    for (const path of paths) rows.push([...who, path, path ? fileNameOf(path) : '', person.submitted_at ?? '']);
  }
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** "smith-wedding-favourites.csv", or "smith-wedding-favourites-ann-lee.csv" for one person. */
export function csvFileName(albumId: string, person?: Pick<PersonFavourites, 'name'>): string {
  if (!person) return `${albumId}-favourites.csv`;
  return `${albumId}-favourites-${suggestAlbumId(person.name) || 'person'}.csv`;
}

// ---- Proofing terms --------------------------------------------------------------------------

/** The most favourites a limit may allow: Proofing.MAX_FAVOURITES in common, the API's rule. */
export const SELECTION_LIMIT_MAX = 2_000;

/** The proofing fields as typed: digits or empty, and a date input's yyyy-mm-dd or empty. */
export interface ProofingForm {
  limit: string;
  due: string;
}

export function proofingForm(album: Pick<AdminAlbum, 'selection_limit' | 'selection_due'> | null): ProofingForm {
  return { limit: album?.selection_limit ? String(album.selection_limit) : '', due: album?.selection_due ?? '' };
}

/**
 * Only the proofing fields that changed, as PATCH takes them (null clears), or the first problem.
 * The due date is a calendar day, sent as typed: it is shown to clients, not enforced.
 */
export function proofingChanges(
  form: ProofingForm,
  album: Pick<AdminAlbum, 'selection_limit' | 'selection_due'> | null,
): Checked<Pick<AlbumSettings, 'selection_limit' | 'selection_due'>> {
  const typed = form.limit.trim();
  let limit: number | null = null;
  if (typed) {
    if (!/^\d+$/.test(typed) || Number(typed) < 1 || Number(typed) > SELECTION_LIMIT_MAX) {
      return { ok: false, problem: `The selection limit is a whole number from 1 to ${formatCount(SELECTION_LIMIT_MAX)}, or empty for no limit.` };
    }
    limit = Number(typed);
  }
  const due = form.due.trim();
  // A real calendar day: Date would roll 31 February over into March.
  if (due && (!/^\d{4}-\d{2}-\d{2}$/.test(due) || localDay(new Date(`${due}T00:00:00`)) !== due)) {
    return { ok: false, problem: 'The selection due date is not a date.' };
  }
  const value: Pick<AlbumSettings, 'selection_limit' | 'selection_due'> = {};
  if (limit !== (album?.selection_limit ?? null)) value.selection_limit = limit;
  if ((due || null) !== (album?.selection_due ?? null)) value.selection_due = due || null;
  return { ok: true, value };
}

// A viewer's favourites (their selection when the album has proofing terms) without a DOM: the
// hearts shown while changes are on their way, the status line, the filter, what the page says
// for the server's refusals.

import { ApiError, messageOf } from './api';
import { formatCount, formatDate, plural } from './format';
import type { FavouritesState, Photo } from './types';

/** One change the page has sent and not yet heard back about. */
export interface PendingChange {
  readonly path: string;
  readonly favourite: boolean;
}

/**
 * The hearts as the page shows them: the server's last answer with the changes still on their
 * way applied on top, so a quick run of taps is never undone by an answer to an earlier one
 * (each answer is the whole list as it stood after that change, not after the later ones).
 */
export class FavouriteHearts {
  private confirmed: Set<string>;
  private readonly pending: PendingChange[] = [];

  constructor(paths: Iterable<string> = []) {
    this.confirmed = new Set(paths);
  }

  /** The page's optimistic view. */
  has(path: string): boolean {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      if (this.pending[i].path === path) return this.pending[i].favourite;
    }
    return this.confirmed.has(path);
  }

  /** The optimistic count, for the count and the status while a change is on its way. */
  get count(): number {
    return this.shown().size;
  }

  /** True while a change has no answer yet: the page says it is saving, and a test waits for it before a reload. */
  get saving(): boolean {
    return this.pending.length > 0;
  }

  shown(): Set<string> {
    const shown = new Set(this.confirmed);
    for (const change of this.pending) {
      if (change.favourite) shown.add(change.path);
      else shown.delete(change.path);
    }
    return shown;
  }

  begin(path: string, favourite: boolean): PendingChange {
    const change = { path, favourite };
    this.pending.push(change);
    return change;
  }

  /** A change answered: the answer's list (when there is one) is the new confirmed one; a refused change just goes. */
  settle(change: PendingChange, answer: { paths: string[] } | null): void {
    const at = this.pending.indexOf(change);
    if (at >= 0) this.pending.splice(at, 1);
    if (answer) this.confirmed = new Set(answer.paths);
  }

  /** A fresh list from the server (a reload, or after a refusal), under the changes still on their way. */
  replace(paths: Iterable<string>): void {
    this.confirmed = new Set(paths);
  }
}

/** A YYYY-MM-DD day as a date in words, read as that calendar day wherever the reader is. */
export function formatDay(day: string | null | undefined, locale?: string): string {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return '';
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return '';
  // In UTC: the day as written, not the evening before for a reader west of Greenwich.
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export const SENT = 'Sent to the photographer';

/**
 * The status line: "5 favourites", "12 of 40 chosen", with "due 1 March 2027" when the album
 * has a due date, and "Sent to the photographer" (with when) once submitted.
 */
export function selectionStatus(
  state: Pick<FavouritesState, 'limit' | 'due' | 'submitted_at'>,
  count: number,
  locale?: string,
): string {
  const parts: string[] = [];
  if (state.submitted_at) {
    const when = formatDate(state.submitted_at, locale);
    parts.push(when ? `${SENT} on ${when}` : SENT);
  }
  parts.push(state.limit != null ? `${formatCount(count)} of ${formatCount(state.limit)} chosen` : plural(count, 'favourite'));
  const due = formatDay(state.due, locale);
  if (due && !state.submitted_at) parts.push(`due ${due}`);
  return parts.join(' · ');
}

/** The in-page question before a selection is sent. */
export function submitQuestion(count: number): string {
  return `Send your ${plural(count, 'photo')} to the photographer? Your choice is then fixed until they reopen it.`;
}

/** The photos the gallery shows: every one, or only the favourites while the filter is on. */
export function visiblePhotos(photos: Photo[], favourites: Set<string>, filterOn: boolean): Photo[] {
  return filterOn ? photos.filter((p) => favourites.has(p.path)) : photos;
}

/** What the page says for a refused change, in words for the person who made it. */
export function favouriteMessage(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'SELECTION_LIMIT_REACHED':
        // The server's text names the limit ("You can choose up to 40 photos. …").
        return error.message || 'You have chosen as many photos as the photographer asked for. Remove one to choose another.';
      case 'SELECTION_SUBMITTED':
        return 'Your selection was sent to the photographer, so it can no longer be changed. Ask them to reopen it.';
      case 'PHOTO_NOT_IN_ALBUM':
        return 'That photo is no longer in the album. Reload the page to see the album as it is now.';
      case 'NO_FAVOURITES':
        return 'You have no favourites in this album yet. Tap the heart on a photo to add it.';
      case 'NAME_REQUIRED':
        return 'Give your name first, so the photographer knows whose favourites these are.';
      default:
        break;
    }
  }
  return messageOf(error);
}

/** Whether a refusal means the page's idea of the list (or its terms) is out of date: it asks for it again. */
export function isStale(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'SELECTION_LIMIT_REACHED' || error.code === 'SELECTION_SUBMITTED');
}

// ---- A guest's name -----------------------------------------------------------------------------

export const NAME_MAX = 80;
// Control characters and the invisible ones (zero-width, bidi controls, BOM), as the server refuses them.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type VisitorForm = { ok: true; name: string; email: string | null } | { ok: false; problem: string; field: 'name' | 'email' };

/** The name dialog's fields, checked as the server checks them (POST /share/visitor). */
export function visitorFields(name: string, email: string): VisitorForm {
  const trimmed = name.trim();
  if (!trimmed) return { ok: false, field: 'name', problem: 'Enter your name, so the photographer knows whose favourites these are.' };
  if ([...trimmed].length > NAME_MAX) return { ok: false, field: 'name', problem: `Your name can be at most ${NAME_MAX} characters.` };
  if (INVISIBLE.test(trimmed)) return { ok: false, field: 'name', problem: 'Your name has a character that cannot be shown. Type it again.' };
  const mail = email.trim();
  if (mail && !EMAIL.test(mail)) return { ok: false, field: 'email', problem: 'That e-mail address does not look right (or leave it empty).' };
  return { ok: true, name: trimmed, email: mail || null };
}

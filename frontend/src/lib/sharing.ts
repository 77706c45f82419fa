// Sharing without a DOM: what each download permission offers, the studio's share-link form and
// list wording, and the guest page's states (a guest session per link, kept for the tab).

import { ApiError } from './api';
import { formatCount, formatDate, formatDateTime, plural } from './format';
import type { Downloads, GuestSession, PhotoSize, Share, ShareFields, ShareState, VisitorSession } from './types';

export const DOWNLOADS: readonly Downloads[] = ['none', 'web', 'original', 'both'];

/** How the studio names each permission, in its selects and lists. */
export const DOWNLOADS_NAMES: Record<Downloads, string> = {
  none: 'View only',
  web: 'Web size',
  original: 'Originals',
  both: 'Web size and originals',
};

export const SIZE_NAMES: Record<PhotoSize, string> = { original: 'Original size', web: 'Web size' };

/**
 * The archive sizes a permission offers, originals first (the portal's choice when both are
 * allowed, as before sizes existed). A server that sends no permission predates them: originals.
 */
export function sizesAllowed(downloads: Downloads | null | undefined): PhotoSize[] {
  switch (downloads ?? 'original') {
    case 'both':
      return ['original', 'web'];
    case 'original':
      return ['original'];
    case 'web':
      return ['web'];
    default:
      return [];
  }
}

/** The size of a single photo's download: the original when allowed, else its web-size version, else none. */
export function photoSize(downloads: Downloads | null | undefined): PhotoSize | null {
  const sizes = sizesAllowed(downloads);
  return sizes.includes('original') ? 'original' : (sizes[0] ?? null);
}

// ---- The studio's share links ----------------------------------------------------------------

export const LABEL_MAX = 100;
export const DOWNLOAD_LIMIT_MAX = 10_000;
const PIN = /^\d{4,8}$/;

/** What the share form holds, as typed. */
export interface ShareForm {
  label: string;
  pin: string;
  /** yyyy-mm-dd from a date input, or empty for no expiry. */
  expires: string;
  downloads: Downloads;
  /** Digits, or empty for no limit. */
  limit: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * A date input's day as the instant the link stops working: the end of that day where the
 * photographer is, since "until 14 June" means all of 14 June.
 */
export function endOfDay(day: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const date = new Date(`${day}T23:59:59`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The form's fields as the API takes them (POST), or the first problem, in the form's words. */
export function shareFields(form: ShareForm, now: Date = new Date()): Checked<ShareFields> {
  const label = form.label.trim();
  if (!label) return { ok: false, problem: 'Give the link a label, e.g. who it is for.' };
  if (label.length > LABEL_MAX) return { ok: false, problem: `The label can be at most ${LABEL_MAX} characters.` };
  const pin = form.pin.trim();
  if (pin && !PIN.test(pin)) return { ok: false, problem: 'The PIN must be 4 to 8 digits.' };
  let expiresAt: string | null = null;
  if (form.expires) {
    const end = endOfDay(form.expires);
    if (!end) return { ok: false, problem: 'The expiry date is not a date.' };
    if (end.getTime() <= now.getTime()) return { ok: false, problem: 'The expiry date must be in the future.' };
    expiresAt = end.toISOString();
  }
  if (!DOWNLOADS.includes(form.downloads)) return { ok: false, problem: 'Choose what the link may download.' };
  let limit: number | null = null;
  if (form.limit.trim()) {
    limit = Number(form.limit.trim());
    if (!Number.isInteger(limit) || limit < 1 || limit > DOWNLOAD_LIMIT_MAX) {
      return { ok: false, problem: `The download limit must be a whole number from 1 to ${formatCount(DOWNLOAD_LIMIT_MAX)}, or empty for none.` };
    }
  }
  const fields: ShareFields = { label, downloads: form.downloads };
  if (pin) fields.pin = pin;
  if (expiresAt) fields.expires_at = expiresAt;
  if (limit != null) fields.download_limit = limit;
  return { ok: true, value: fields };
}

/**
 * A PATCH from an edit of the form: every field but the PIN is sent as it stands (null clears the
 * expiry and the limit); the PIN only when one was typed, or `null` when the photographer removes it.
 */
export function shareChanges(form: ShareForm, removePin: boolean, now: Date = new Date()): Checked<ShareFields> {
  const checked = shareFields(form, now);
  if (!checked.ok) return checked;
  const { pin, ...rest } = checked.value;
  const fields: ShareFields = { ...rest, expires_at: rest.expires_at ?? null, download_limit: rest.download_limit ?? null };
  if (removePin) fields.pin = null;
  else if (pin) fields.pin = pin;
  return { ok: true, value: fields };
}

/** The form filled from a listed link (its PIN is never sent back: left empty means "keep it"). */
export function formOf(share: Share): ShareForm {
  return {
    label: share.label,
    pin: '',
    expires: share.expires_at ? localDay(new Date(share.expires_at)) : '',
    downloads: share.downloads,
    limit: share.download_limit ? String(share.download_limit) : '',
  };
}

/** yyyy-mm-dd of an instant, where the photographer is (a date input's value). */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export const STATE_NAMES: Record<ShareState, string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Turned off',
  exhausted: 'Downloads used up',
};

/** The lines of a link in the studio's list: what it allows, and how it has been used. */
export function shareDetails(share: Share, locale?: string): string[] {
  const lines = [
    [
      share.has_pin ? 'PIN' : 'No PIN',
      share.expires_at ? `expires ${formatDate(share.expires_at, locale)}` : 'no expiry',
      DOWNLOADS_NAMES[share.downloads] ?? share.downloads,
    ].join(' · '),
  ];
  const used = share.sessions
    ? `Opened ${plural(share.sessions, 'time')}${share.last_used_at ? `, last ${formatDateTime(share.last_used_at, locale)}` : ''}`
    : 'Not opened yet';
  const downloads = share.download_limit
    ? `${formatCount(share.downloads_used ?? 0)} of ${plural(share.download_limit, 'download')} used`
    : share.downloads === 'none'
      ? ''
      : `${plural(share.downloads_used ?? 0, 'download')}`;
  lines.push(downloads ? `${used} · ${downloads}` : used);
  return lines;
}

// ---- The guest page ---------------------------------------------------------------------------

/** The share token of a guest page's address: the last segment of /s/{token}. */
export function tokenOfPath(pathname: string): string {
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length < 2 || parts[0] !== 's') return '';
  try {
    return decodeURIComponent(parts[parts.length - 1]);
  } catch {
    return '';
  }
}

/** A guest session as kept for the tab: the session answer and when it ends (ms since the epoch). */
export interface StoredGuest {
  guest_token: string;
  album_id: string;
  label: string;
  downloads: Downloads;
  until: number;
}

const guestKey = (token: string) => `ca.guest.${token}`;
/** A session this close to its end is not used: a gallery opened with it would stop working at once. */
const GUEST_MARGIN_MS = 30_000;

export function keepGuest(storage: Storage, token: string, session: GuestSession, now = Date.now()): StoredGuest {
  const kept: StoredGuest = {
    guest_token: session.guest_token,
    album_id: session.album_id,
    label: session.label ?? '',
    downloads: session.downloads ?? 'none',
    until: now + Math.max(0, session.expires_in) * 1000,
  };
  storage.setItem(guestKey(token), JSON.stringify(kept));
  return kept;
}

/** This link's session in this tab if it is still good for a while; a stale or unreadable one is dropped. */
export function liveGuest(storage: Storage, token: string, now = Date.now()): StoredGuest | null {
  let kept: Partial<StoredGuest> | null = null;
  try {
    kept = JSON.parse(storage.getItem(guestKey(token)) ?? 'null') as Partial<StoredGuest> | null;
  } catch {
    kept = null;
  }
  if (kept && typeof kept.guest_token === 'string' && typeof kept.album_id === 'string' && typeof kept.until === 'number'
      && kept.until - GUEST_MARGIN_MS > now) {
    return kept as StoredGuest;
  }
  forgetGuest(storage, token);
  return null;
}

export function forgetGuest(storage: Storage, token: string): void {
  storage.removeItem(guestKey(token));
}

/**
 * The session after the guest gave a name: the new token (it carries the visitor) replaces the
 * kept one, and its lifetime starts again. `kept` is changed in place: the page's API client reads it.
 */
export function keepVisitorSession(storage: Storage, token: string, kept: StoredGuest, session: VisitorSession, now = Date.now()): StoredGuest {
  kept.guest_token = session.guest_token;
  kept.until = now + Math.max(0, session.expires_in) * 1000;
  storage.setItem(guestKey(token), JSON.stringify(kept));
  return kept;
}

// The visitor per link lives in localStorage (not the tab's sessionStorage): favourites outlive the
// tab, so the next visit on this browser asks for them back with it. It is an id, not a credential:
// the server takes it only together with the link's own token.
const visitorKey = (token: string) => `ca.visitor.${token}`;
const VISITOR_ID = /^[A-Za-z0-9_-]{22}$/;

/** The visitor this browser was on this link, if any (and well formed). */
export function visitorIdFor(storage: Storage, token: string): string | null {
  const id = storage.getItem(visitorKey(token));
  return id && VISITOR_ID.test(id) ? id : null;
}

export function keepVisitorId(storage: Storage, token: string, visitorId: string): void {
  if (VISITOR_ID.test(visitorId)) storage.setItem(visitorKey(token), visitorId);
}

/** What the guest page shows instead of a gallery. */
export type LinkState =
  | { kind: 'pin'; message: string }
  | { kind: 'closed'; title: string; message: string }
  | { kind: 'problem'; message: string };

export const PIN_WRONG = 'That PIN is not right.';
export const LOCKED = 'Too many tries; try again in 15 minutes.';
export const NOT_VALID = 'This link is not valid';
export const GALLERY_EXPIRED = 'This gallery has expired';

/**
 * The page for a refused link or session: a PIN form, a closed link (a page of its own, said
 * plainly), or a problem worth trying again (the network, the server). Never the raw error.
 */
export function linkState(error: unknown): LinkState {
  if (!(error instanceof ApiError)) return { kind: 'problem', message: 'Something went wrong. Please try again.' };
  switch (error.code) {
    case 'PIN_REQUIRED':
      return { kind: 'pin', message: '' };
    case 'PIN_INCORRECT':
      return { kind: 'pin', message: PIN_WRONG };
    case 'LINK_LOCKED':
      return { kind: 'pin', message: LOCKED };
    case 'LINK_EXPIRED':
      return closed('This link has expired', 'Ask the photographer for a new link.');
    case 'LINK_REVOKED':
      return closed('This link has been turned off', 'The photographer turned this link off. Ask them for a new one if you still need the photos.');
    case 'GALLERY_EXPIRED':
      return closed(GALLERY_EXPIRED, 'The photographer can extend it if you still need the photos.');
    case 'DOWNLOAD_LIMIT_REACHED':
      return closed('No downloads left on this link', 'The photos can still be viewed; ask the photographer if you need more downloads.');
    default:
      if (error.status === 404) return closed(NOT_VALID, 'Check that the whole link was copied, or ask the photographer for a new one.');
      if (error.status === 401) return closed('This visit has ended', 'Open the link again to carry on.');
      return { kind: 'problem', message: error.message };
  }
}

const closed = (title: string, message: string): LinkState => ({ kind: 'closed', title, message });

/** The one error a signed-in client's album page shows as a page of its own. */
export function isGalleryExpired(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'GALLERY_EXPIRED';
}

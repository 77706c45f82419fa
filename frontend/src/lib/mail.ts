// E-mail in the studio and on the opt-out page, without a DOM: the addresses a new share link is
// sent to (checked as the server checks them), its message, and what the answer says happened.

import { plural } from './format';
import type { Checked } from './sharing';
import type { MailResult } from './types';

/** The most addresses one link is sent to, and the longest message: the API's limits. */
export const SEND_TO_MAX = 20;
export const MESSAGE_MAX = 1_000;

/**
 * The address rule of common's Emails (the syntax browsers accept for `<input type=email>`),
 * on the lower-cased address, at most 254 characters.
 */
const VALID = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export function isEmail(address: string): boolean {
  const a = address.trim().toLowerCase();
  return a.length <= 254 && VALID.test(a);
}

/**
 * The addresses typed in "E-mail this link to": separated by commas, semicolons, spaces or
 * lines (what a copy from a mail program gives), lower-cased, each once; or the first problem.
 * "Ann <ann@example.com>" is taken as the address in its brackets.
 */
export function parseAddresses(typed: string): Checked<string[]> {
  const words = typed
    .split(/[,;\n]+/)
    // "Ann Lee <ann@example.com>": the name before the brackets is not an address.
    .flatMap((entry) => /<([^<>]*)>/.exec(entry)?.[1] ?? entry.split(/\s+/))
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  const bad = words.filter((w) => !isEmail(w));
  if (bad.length) {
    return { ok: false, problem: `${bad.length === 1 ? 'This is not an e-mail address' : 'These are not e-mail addresses'}: ${bad.join(', ')}.` };
  }
  const addresses = [...new Set(words)];
  if (addresses.length > SEND_TO_MAX) return { ok: false, problem: `A link can be e-mailed to at most ${SEND_TO_MAX} people at a time.` };
  return { ok: true, value: addresses };
}

/** The optional message, trimmed; too long, or with control characters other than line breaks, is a problem. */
export function checkMessage(typed: string): Checked<string> {
  const message = typed.replace(/\r\n?/g, '\n').trim();
  if (message.length > MESSAGE_MAX) return { ok: false, problem: `The message can be at most ${MESSAGE_MAX.toLocaleString('en-US')} characters.` };
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(message)) return { ok: false, problem: 'The message has characters that cannot be sent.' };
  return { ok: true, value: message };
}

/** "Sent to 2 people; 1 has opted out of e-mail (ann@example.com)." */
export function mailResultLabel(mail: MailResult | null | undefined): string {
  if (!mail) return '';
  const optedOut = mail.opted_out ?? [];
  const sent = mail.queued > 0 ? `Sent to ${plural(mail.queued, 'person', 'people')}` : 'Not sent to anyone';
  if (!optedOut.length) return `${sent}.`;
  const verb = optedOut.length === 1 ? 'has' : 'have';
  return `${sent}; ${optedOut.length} ${verb} opted out of e-mail (${optedOut.join(', ')}).`;
}

/** The 409 MAIL_NOT_CONFIGURED in the studio's words. */
export const MAIL_NOT_CONFIGURED =
  'E-mail is not set up for this portal, so the link was not made. Make it without addresses and send it yourself.';

/** The opt-out page's token: `?t=…`. */
export function optOutToken(search: string): string {
  return new URLSearchParams(search).get('t')?.trim() ?? '';
}

/**
 * The address an opt-out link is for, read from its token (a JWT whose `sub` is the address) to
 * say it before anything is done. Only shown: the server checks the token's signature when the
 * button is pressed. Empty when the token is not one.
 */
export function addressOfToken(token: string): string {
  const payload = token.split('.')[1];
  if (!payload) return '';
  try {
    const base64 = payload.replaceAll('-', '+').replaceAll('_', '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as { sub?: unknown };
    return typeof claims.sub === 'string' && isEmail(claims.sub) ? claims.sub : '';
  } catch {
    return '';
  }
}

/** What the opt-out page says after each button. */
export function optedOutText(email: string, studio: string | null | undefined): string {
  return `You will not get e-mail from ${studio?.trim() || 'the photographer'} at ${email} any more.`;
}

export function optedInText(email: string, studio: string | null | undefined): string {
  return `E-mail from ${studio?.trim() || 'the photographer'} to ${email} is on again.`;
}

/**
 * What a new share link's form adds for e-mail: nothing when no address is typed, else the
 * addresses and the message (when there is one); a message without anyone to send it to is a
 * problem, not silently dropped.
 */
export function mailFields(sendTo: string, message: string): Checked<{ send_to?: string[]; message?: string }> {
  const addresses = parseAddresses(sendTo);
  if (!addresses.ok) return addresses;
  const note = checkMessage(message);
  if (!note.ok) return note;
  if (!addresses.value.length) {
    return note.value ? { ok: false, problem: 'The message goes with the e-mail: add whom to e-mail the link to, or clear the message.' } : { ok: true, value: {} };
  }
  return { ok: true, value: note.value ? { send_to: addresses.value, message: note.value } : { send_to: addresses.value } };
}

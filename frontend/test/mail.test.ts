import { describe, expect, it } from 'vitest';
import { ApiError, createApi } from '../src/lib/api';
import {
  SEND_TO_MAX,
  addressOfToken,
  checkMessage,
  isEmail,
  mailFields,
  mailResultLabel,
  optOutToken,
  optedInText,
  optedOutText,
  parseAddresses,
} from '../src/lib/mail';

describe('the addresses a share link is e-mailed to', () => {
  it('takes commas, semicolons, spaces and lines, lower-cases and names each address once', () => {
    expect(parseAddresses(' Ann@Example.com, bob@example.org;cleo@example.net\n ann@example.com  dan@x.co ')).toEqual({
      ok: true,
      value: ['ann@example.com', 'bob@example.org', 'cleo@example.net', 'dan@x.co'],
    });
  });

  it('takes an address as a mail program copies it, with the name before it', () => {
    expect(parseAddresses('Ann Lee <ann@example.com>, "Bob" <BOB@example.org>')).toEqual({
      ok: true,
      value: ['ann@example.com', 'bob@example.org'],
    });
  });

  it('is no address at all for an empty field', () => {
    expect(parseAddresses('  ')).toEqual({ ok: true, value: [] });
  });

  it('names the words that are not addresses, by the server’s rule', () => {
    expect(parseAddresses('ann@example.com, bob@, cleo@example')).toEqual({
      ok: false,
      problem: 'These are not e-mail addresses: bob@, cleo@example.',
    });
    expect(parseAddresses('ann at example.com')).toMatchObject({ ok: false });
    expect(isEmail('a.b+c@sub.example.co.uk')).toBe(true);
    expect(isEmail('a@-example.com')).toBe(false);
    expect(isEmail('a@example')).toBe(false);
    expect(isEmail(`${'a'.repeat(250)}@x.co`)).toBe(false);
  });

  it('takes at most twenty people at a time', () => {
    const many = Array.from({ length: SEND_TO_MAX + 1 }, (_, i) => `p${i}@example.com`);
    expect(parseAddresses(many.slice(0, SEND_TO_MAX).join(','))).toMatchObject({ ok: true });
    expect(parseAddresses(many.join(','))).toEqual({ ok: false, problem: 'A link can be e-mailed to at most 20 people at a time.' });
  });

  it('keeps a message up to 1,000 characters with its line breaks, and refuses control characters', () => {
    expect(checkMessage('  Hello,\r\nthe photos!  ')).toEqual({ ok: true, value: 'Hello,\nthe photos!' });
    expect(checkMessage('x'.repeat(1000))).toMatchObject({ ok: true });
    expect(checkMessage('x'.repeat(1001))).toEqual({ ok: false, problem: 'The message can be at most 1,000 characters.' });
    expect(checkMessage('bell\u0007')).toMatchObject({ ok: false });
  });
});

describe('the e-mail fields of a new share link', () => {
  it('adds nothing without addresses, the addresses alone, or the addresses with the message', () => {
    expect(mailFields(' ', ' ')).toEqual({ ok: true, value: {} });
    expect(mailFields('ann@example.com', '  ')).toEqual({ ok: true, value: { send_to: ['ann@example.com'] } });
    expect(mailFields('ann@example.com', 'The photos!')).toEqual({ ok: true, value: { send_to: ['ann@example.com'], message: 'The photos!' } });
  });

  it('does not drop a message that has no one to go to, and says a bad address first', () => {
    expect(mailFields('', 'The photos!')).toEqual({
      ok: false,
      problem: 'The message goes with the e-mail: add whom to e-mail the link to, or clear the message.',
    });
    expect(mailFields('ann@', 'x'.repeat(2000))).toEqual({ ok: false, problem: 'This is not an e-mail address: ann@.' });
  });
});

describe('what the studio says after sending', () => {
  it('counts the people mailed and names those who opted out', () => {
    expect(mailResultLabel({ queued: 2, opted_out: [] })).toBe('Sent to 2 people.');
    expect(mailResultLabel({ queued: 1, opted_out: [] })).toBe('Sent to 1 person.');
    expect(mailResultLabel({ queued: 2, opted_out: ['cleo@example.net'] })).toBe(
      'Sent to 2 people; 1 has opted out of e-mail (cleo@example.net).',
    );
    expect(mailResultLabel({ queued: 0, opted_out: ['a@x.co', 'b@x.co'] })).toBe(
      'Not sent to anyone; 2 have opted out of e-mail (a@x.co, b@x.co).',
    );
    expect(mailResultLabel(null)).toBe('');
  });

  it('sends the addresses and message with the new link, and reads MAIL_NOT_CONFIGURED as its code', async () => {
    const bodies: unknown[] = [];
    const api = createApi({
      baseUrl: '/api',
      getToken: async () => 't',
      fetch: (async (_url: string, init: RequestInit) => {
        bodies.push(JSON.parse(init.body as string));
        return new Response(JSON.stringify({ error: { code: 'MAIL_NOT_CONFIGURED', message: 'E-mail is not configured' } }), { status: 409 });
      }) as typeof fetch,
    });
    const error = await api.createShare('a1', { label: 'Family', downloads: 'web', send_to: ['ann@example.com'], message: 'Hi' }).catch((e) => e);
    expect(bodies).toEqual([{ label: 'Family', downloads: 'web', send_to: ['ann@example.com'], message: 'Hi' }]);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('MAIL_NOT_CONFIGURED');
  });
});

describe('the opt-out page', () => {
  const base64url = (text: string) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(text))).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  const jwt = (claims: object) => `eyJhbGciOiJIUzI1NiJ9.${base64url(JSON.stringify(claims))}.c2lnbmF0dXJl`;

  it('reads its token from ?t=', () => {
    expect(optOutToken('?t=abc.def.ghi')).toBe('abc.def.ghi');
    expect(optOutToken('?x=1')).toBe('');
  });

  it('shows the address the link is for, and nothing for a token that is not one', () => {
    expect(addressOfToken(jwt({ sub: 'ann@example.com', purpose: 'mail-opt-out', note: 'Lée ✓?>' }))).toBe('ann@example.com');
    expect(addressOfToken(jwt({ sub: 'not an address' }))).toBe('');
    expect(addressOfToken('garbage')).toBe('');
    expect(addressOfToken('a.%%%.c')).toBe('');
  });

  it('says who will not write any more, and that e-mail is on again', () => {
    expect(optedOutText('ann@example.com', 'Demo Studio')).toBe('You will not get e-mail from Demo Studio at ann@example.com any more.');
    expect(optedOutText('ann@example.com', null)).toBe('You will not get e-mail from the photographer at ann@example.com any more.');
    expect(optedInText('ann@example.com', 'Demo Studio')).toBe('E-mail from Demo Studio to ann@example.com is on again.');
  });

  it('posts the token in the body, without a sign-in token', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const api = createApi({
      baseUrl: '/api',
      getToken: async () => null,
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, init });
        return new Response(JSON.stringify({ email: 'ann@example.com', opted_out: true }), { status: 200 });
      }) as typeof fetch,
    });
    expect(await api.mailOptOut('tok')).toEqual({ email: 'ann@example.com', opted_out: true });
    await api.mailOptIn('tok');
    expect(calls.map((c) => [c.url, c.init.method, c.init.body])).toEqual([
      ['/api/mail/opt-out', 'POST', '{"token":"tok"}'],
      ['/api/mail/opt-in', 'POST', '{"token":"tok"}'],
    ]);
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBeUndefined();
  });
});

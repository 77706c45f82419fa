import { describe, expect, it } from 'vitest';
import { ApiError, attachmentName, createApi } from '../src/lib/api';
import { checkCommands, groupedDigest, manifestFileName, receiptAddress, receiptLine, receiptPath, shellQuote } from '../src/lib/receipts';

describe('the receipt page’s address', () => {
  it('names the album and the delivery, and a guest’s link', () => {
    expect(receiptPath('smith-wedding', 'd 1')).toBe('/album/receipt/?album=smith-wedding&delivery=d+1');
    expect(receiptPath('smith-wedding', 'd1', 'tok_en')).toBe('/album/receipt/?album=smith-wedding&delivery=d1&link=tok_en');
    expect(receiptAddress('?album=smith-wedding&delivery=d+1')).toEqual({ albumId: 'smith-wedding', deliveryId: 'd 1', link: '' });
    expect(receiptAddress(new URL(`http://x${receiptPath('a', 'b', 'c')}`).search)).toEqual({ albumId: 'a', deliveryId: 'b', link: 'c' });
    expect(receiptAddress('?album=a')).toBeNull();
  });
});

describe('a receipt in words', () => {
  it('lists a receipt by its archive, photos, size and when it completed', () => {
    const line = receiptLine({ archive: 'Smith Wedding.zip', photo_count: 412, size: 1_234_000_000, completed_at: '2027-03-01T10:05:00Z' }, 'en-GB');
    expect(line).toMatch(/^Smith Wedding\.zip · 412 photos · 1\.2 GB · 1 Mar 2027, \d\d:05$/);
  });

  it('groups a SHA-256 in eights for reading by eye', () => {
    const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(groupedDigest(sha)).toBe('e3b0c442 98fc1c14 9afbf4c8 996fb924 27ae41e4 649b934c a495991b 7852b855');
    expect(groupedDigest(sha).replaceAll(' ', '')).toBe(sha);
  });

  it('saves the manifest under the server’s name, else the receipt’s, else the archive’s', () => {
    const receipt = { manifest_name: 'Smith Wedding.sfv', archive: 'Smith Wedding.zip' };
    expect(manifestFileName('From Server.sfv', receipt)).toBe('From Server.sfv');
    expect(manifestFileName('', receipt)).toBe('Smith Wedding.sfv');
    expect(manifestFileName('', { manifest_name: '', archive: 'Smith Wedding (part 1 of 2).zip' })).toBe('Smith Wedding (part 1 of 2).sfv');
  });

  it('gives commands a shell takes as they are, quoting names with spaces and quotes', () => {
    expect(shellQuote('plain-name.sfv')).toBe('plain-name.sfv');
    expect(shellQuote('Smith Wedding.sfv')).toBe("'Smith Wedding.sfv'");
    expect(shellQuote("Ann's album.sfv")).toBe(`'Ann'\\''s album.sfv'`);
    expect(checkCommands('Smith Wedding.sfv').map((c) => c.command)).toEqual([
      "cksfv -g FOLDER/'Smith Wedding.sfv'",
      "python3 check-download.py 'Smith Wedding.sfv' FOLDER",
    ]);
  });
});

describe('the manifest download', () => {
  it('reads the file name of Content-Disposition, the UTF-8 form first, never a path', () => {
    expect(attachmentName(`attachment; filename="Smith Wedding.sfv"`)).toBe('Smith Wedding.sfv');
    expect(attachmentName(`attachment; filename="Lee.sfv"; filename*=UTF-8''L%C3%A9e%20Wedding.sfv`)).toBe('Lée Wedding.sfv');
    expect(attachmentName(`attachment; filename=plain.sfv`)).toBe('plain.sfv');
    expect(attachmentName(`attachment; filename="say \\"hi\\".sfv"`)).toBe('say "hi".sfv');
    expect(attachmentName(`attachment; filename="../../etc/x.sfv"`)).toBe('x.sfv');
    expect(attachmentName('attachment')).toBe('');
    expect(attachmentName(null)).toBe('');
  });

  it('fetches the manifest with the Bearer token and hands back its bytes and name', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const api = createApi({
      baseUrl: '/api',
      getToken: async () => 'guest.jwt',
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, init });
        return new Response('; album\r\nIMG_1.jpg 1A2B3C4D\r\n', {
          status: 200,
          headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Disposition': 'attachment; filename="Smith Wedding.sfv"' },
        });
      }) as typeof fetch,
    });
    const file = await api.manifest('smith-wedding', 'd1');
    expect(calls[0].url).toBe('/api/albums/smith-wedding/receipts/d1/manifest');
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer guest.jwt');
    expect(file.fileName).toBe('Smith Wedding.sfv');
    expect(await file.blob.text()).toBe('; album\r\nIMG_1.jpg 1A2B3C4D\r\n');
  });

  it('reads RECEIPT_NOT_READY as its code, for the page to wait', async () => {
    const api = createApi({
      baseUrl: '/api',
      getToken: async () => 't',
      fetch: (async () =>
        new Response(JSON.stringify({ error: { code: 'RECEIPT_NOT_READY', message: 'The receipt is being prepared' } }), { status: 409 })) as typeof fetch,
    });
    const error = await api.receipt('a', 'd').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('RECEIPT_NOT_READY');
    expect(await api.manifest('a', 'd').catch((e) => (e as ApiError).code)).toBe('RECEIPT_NOT_READY');
  });
});

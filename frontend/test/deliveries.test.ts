import { describe, expect, it } from 'vitest';
import {
  DELIVERIES_CSV_COLUMNS,
  deliveriesCsv,
  deliveriesCsvFileName,
  devicesLabel,
  formatRelative,
  percentOf,
  recipientLabel,
  servedLabel,
  unstartedLabel,
  visitorsLabel,
  whatLabel,
} from '../src/lib/deliveries';
import { createApi } from '../src/lib/api';
import type { Delivery } from '../src/lib/types';

const ann: Delivery = {
  delivery_id: 'd1',
  recipient: 'client:ann@example.com',
  recipient_kind: 'client',
  recipient_label: 'Ann Lée',
  email: 'ann@example.com',
  visitors: [],
  kind: 'album',
  photo_size: 'original',
  archive: 'Smith Wedding.zip',
  parts: [{ name: 'Smith Wedding.zip', size: 2_400_000_000, bytes_served: 2_400_000_000, complete: true }],
  bytes_served: 2_400_000_000,
  size: 2_400_000_000,
  percent: 100,
  complete: true,
  completed_at: '2027-03-01T10:05:00Z',
  first_at: '2027-03-01T10:00:00Z',
  last_at: '2027-03-01T10:05:00Z',
  links_handed: 1,
  devices: ['desktop'],
};

const family: Delivery = {
  ...ann,
  delivery_id: 'd2',
  recipient: 'link:s1',
  recipient_kind: 'link',
  recipient_label: '=HYPERLINK("http://x")',
  email: null,
  share_id: 's1',
  visitors: ['Bob', ' Bob ', 'Cleo, aunt'],
  photo_size: 'web',
  archive: 'Smith Wedding (web size).zip',
  parts: [
    { name: 'Smith Wedding (web size) (part 1 of 3).zip', size: 1000, bytes_served: 1000, complete: true },
    { name: 'Smith Wedding (web size) (part 2 of 3).zip', size: 1000, bytes_served: 499, complete: false },
    { name: 'Smith Wedding (web size) (part 3 of 3).zip', size: 1000, bytes_served: 0, complete: false },
  ],
  bytes_served: 1499,
  size: 3000,
  percent: 49,
  complete: false,
  completed_at: null,
  devices: ['phone', 'tablet', 'phone'],
};

describe('a delivery in words', () => {
  it('names the recipient by their label, else their address or id, and a link’s visitors once each', () => {
    expect(recipientLabel(ann)).toBe('Ann Lée');
    expect(recipientLabel({ ...ann, recipient_label: '' })).toBe('ann@example.com');
    expect(recipientLabel({ ...ann, recipient_label: '', email: null })).toBe('client:ann@example.com');
    expect(visitorsLabel(family)).toBe('Bob, Cleo, aunt');
    expect(visitorsLabel({ ...ann, visitors: ['Ann'] })).toBe('');
  });

  it('says what was taken: the kind, web size when it was, the photo’s name, and parts beyond one', () => {
    expect(whatLabel(ann)).toBe('Album');
    expect(whatLabel(family)).toBe('Album · Web size · 3 parts');
    expect(whatLabel({ ...ann, kind: 'favourites', archive: 'Smith Wedding - Favourites.zip' })).toBe('Favourites');
    expect(whatLabel({ ...ann, kind: 'photo', archive: 'IMG_1.jpg', parts: [] })).toBe('Photo · IMG_1.jpg');
  });

  it('rounds the share served down, so only every byte reads 100 %', () => {
    expect(percentOf(2_999, 3_000)).toBe(99);
    expect(percentOf(3_000, 3_000)).toBe(100);
    expect(percentOf(1_500, 3_000)).toBe(50);
    expect(percentOf(4_000, 3_000)).toBe(100);
    expect(percentOf(0, 3_000)).toBe(0);
    expect(percentOf(10, 0)).toBe(0);
    expect(percentOf(Number.NaN, 10)).toBe(0);
  });

  it('gives bytes served of the total in decimal units with the percentage', () => {
    expect(servedLabel(ann)).toBe('2.4 GB of 2.4 GB · 100 %');
    expect(servedLabel(family)).toBe('1.5 KB of 3 KB · 49 %');
  });

  it('tells how long ago in English, and a clock slightly ahead as just now', () => {
    const now = new Date('2027-03-01T12:00:00Z');
    expect(formatRelative('2027-03-01T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelative('2027-03-01T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelative('2027-02-28T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelative('2027-02-08T12:00:00Z', now)).toBe('3 weeks ago');
    expect(formatRelative('2027-03-01T12:00:20Z', now)).toBe('just now');
    expect(formatRelative(null, now)).toBe('');
    expect(formatRelative('not a date', now)).toBe('');
  });

  it('lists each device type once and counts the links never used', () => {
    expect(devicesLabel(family.devices)).toBe('phone, tablet');
    expect(devicesLabel(null)).toBe('');
    expect(unstartedLabel(2)).toBe('2 links handed out not yet used');
    expect(unstartedLabel(1)).toBe('1 link handed out not yet used');
    expect(unstartedLabel(0)).toBe('');
  });
});

describe('the deliveries CSV', () => {
  it('has a byte order mark, the header and a row per delivery, CRLF-ended, with formulas kept as text', () => {
    const csv = deliveriesCsv([ann, family]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(DELIVERIES_CSV_COLUMNS.join(','));
    expect(lines[0]).toBe('recipient,kind,archive,size bytes,bytes served,percent,complete,first_at,last_at,devices');
    expect(lines.slice(1, -1)).toEqual([
      'Ann Lée,album,Smith Wedding.zip,2400000000,2400000000,100,yes,2027-03-01T10:00:00Z,2027-03-01T10:05:00Z,desktop',
      `"'=HYPERLINK(""http://x"") (Bob, Cleo, aunt)",album (web size),Smith Wedding (web size).zip,3000,1499,49,no,2027-03-01T10:00:00Z,2027-03-01T10:05:00Z,"phone, tablet"`,
    ]);
  });

  it('is a header alone for no deliveries, and is named after the album', () => {
    expect(deliveriesCsv([])).toBe(`\uFEFF${DELIVERIES_CSV_COLUMNS.join(',')}\r\n`);
    expect(deliveriesCsvFileName('smith-wedding')).toBe('smith-wedding-deliveries.csv');
  });
});

describe('the deliveries route', () => {
  it('asks the admin API for the album’s deliveries', async () => {
    const urls: string[] = [];
    const api = createApi({
      baseUrl: '/api',
      getToken: async () => 't',
      fetch: (async (url: string) => {
        urls.push(url);
        return new Response(JSON.stringify({ album_id: 'a b', deliveries: [ann], unstarted: 1 }), { status: 200 });
      }) as typeof fetch,
    });
    const answer = await api.deliveries('a b');
    expect(urls).toEqual(['/api/admin/albums/a%20b/deliveries']);
    expect(answer.unstarted).toBe(1);
    expect(answer.deliveries[0].delivery_id).toBe('d1');
  });
});

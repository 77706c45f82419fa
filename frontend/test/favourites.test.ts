import { describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  copiedNames,
  copiedNote,
  countLabel,
  csvCell,
  csvFileName,
  dueLabel,
  favouritesCsv,
  fileNameOf,
  kindLabel,
  proofingChanges,
  proofingForm,
  stemOf,
  submittedLabel,
  termsLabel,
} from '../src/lib/favourites';
import { createApi } from '../src/lib/api';
import type { PersonFavourites } from '../src/lib/types';

const paths = ['Ceremony/IMG_0101.CR3.jpg', 'Reception/Dance/DSC 0117.jpg', 'IMG_0200.jpeg'];

describe('copying the chosen file names', () => {
  it('takes the last path component and drops only the last extension', () => {
    expect(fileNameOf('Reception/Dance/DSC_0117.jpg')).toBe('DSC_0117.jpg');
    expect(fileNameOf('top.jpg')).toBe('top.jpg');
    expect(stemOf('IMG_1.jpg')).toBe('IMG_1');
    expect(stemOf('archive.tar.gz')).toBe('archive.tar');
    expect(stemOf('README')).toBe('README');
    expect(stemOf('.hidden')).toBe('.hidden');
  });

  it('gives Lightroom one comma-separated line of names without extensions', () => {
    expect(copiedNames(paths, 'lightroom')).toEqual({ text: 'IMG_0101.CR3,DSC 0117,IMG_0200', count: 3, shared: [], cut: [], alsoFound: [] });
  });

  it('gives Capture One space-separated names and flags a name a space would cut', () => {
    const copied = copiedNames(paths, 'capture-one');
    expect(copied.text).toBe('IMG_0101.CR3 DSC 0117 IMG_0200');
    expect(copied.cut).toEqual(['DSC 0117']);
    expect(copiedNote(copied, 'capture-one', true)).toContain('“DSC 0117” has a space in the name');
  });

  it('gives one full file name per line in the plain list', () => {
    expect(copiedNames(paths, 'plain').text).toBe('IMG_0101.CR3.jpg\nDSC 0117.jpg\nIMG_0200.jpeg');
  });

  it('keeps commas and quotes as they are, and says which names Lightroom would split', () => {
    const odd = ['Guests/Ann, Bob & "Cat".jpg', 'x.jpg'];
    const lightroom = copiedNames(odd, 'lightroom');
    expect(lightroom.text).toBe('Ann, Bob & "Cat",x');
    expect(lightroom.cut).toEqual(['Ann, Bob & "Cat"']);
    expect(copiedNote(lightroom, 'lightroom', true)).toContain('has a comma in the name');
    expect(copiedNames(odd, 'plain')).toEqual({ text: 'Ann, Bob & "Cat".jpg\nx.jpg', count: 2, shared: [], cut: [], alsoFound: [] });
  });

  it('lists both photos of one name in different folders plainly, and the name once for a filter', () => {
    const twins = ['Ceremony/IMG_1.jpg', 'Reception/IMG_1.jpg', 'Reception/IMG_2.jpg'];
    expect(copiedNames(twins, 'plain')).toMatchObject({ text: 'IMG_1.jpg\nIMG_1.jpg\nIMG_2.jpg', count: 3, shared: ['IMG_1.jpg'] });
    const lightroom = copiedNames(twins, 'lightroom');
    expect(lightroom).toMatchObject({ text: 'IMG_1,IMG_2', count: 2, shared: ['IMG_1'] });
    expect(copiedNote(lightroom, 'lightroom', true)).toContain('share the name “IMG_1”: the filter shows each of them');
    // A jpg and a png of one name are one term for a filter too.
    expect(copiedNames(['a/IMG_3.jpg', 'a/IMG_3.png'], 'capture-one').text).toBe('IMG_3');
  });

  it('names the album’s other photos a filter term also finds, since the programs match part of a name', () => {
    const album = ['A/IMG_1.jpg', 'A/IMG_10.jpg', 'B/img_11.jpg', 'B/IMG_2.jpg', 'B/XIMG_1.png', 'C/IMG_3.jpg'];
    const chosen = ['A/IMG_1.jpg', 'B/IMG_2.jpg'];
    const lightroom = copiedNames(chosen, 'lightroom', album);
    expect(lightroom.alsoFound).toEqual(['IMG_10.jpg', 'img_11.jpg', 'XIMG_1.png']);
    expect(copiedNote(lightroom, 'lightroom', true)).toContain('may also show 3 other photos of this album whose name contains a chosen one: “IMG_10.jpg”, “img_11.jpg”, “XIMG_1.png”.');
    expect(copiedNames(chosen, 'capture-one', album).alsoFound).toEqual(['IMG_10.jpg', 'img_11.jpg', 'XIMG_1.png']);
    // The plain list is not a filter; nor does anything else match when the names are distinct.
    expect(copiedNames(chosen, 'plain', album).alsoFound).toEqual([]);
    expect(copiedNames(['C/IMG_3.jpg'], 'lightroom', album).alsoFound).toEqual([]);
    const many = Array.from({ length: 8 }, (_, i) => `IMG_1${i}.jpg`);
    expect(copiedNote(copiedNames(['IMG_1.jpg'], 'lightroom', ['IMG_1.jpg', ...many]), 'lightroom', true)).toContain(
      '“IMG_10.jpg”, “IMG_11.jpg”, “IMG_12.jpg”, “IMG_13.jpg”, “IMG_14.jpg” and 3 more.',
    );
  });

  it('says which program each form is for and how to paste it', () => {
    expect(copiedNote(copiedNames(paths, 'lightroom'), 'lightroom', true)).toMatch(/^Copied 3 names\. For Lightroom Classic: .*Filename and Contains/);
    expect(copiedNote(copiedNames(paths, 'capture-one'), 'capture-one', true)).toContain('Filters tool');
    expect(copiedNote(copiedNames(['a.jpg'], 'plain'), 'plain', true)).toMatch(/^Copied 1 name\. One file name per line/);
  });

  it('says how to copy by hand when the clipboard refused', () => {
    expect(copiedNote(copiedNames(paths, 'plain'), 'plain', false)).toMatch(/^3 names selected above: press Ctrl\+C \(⌘C\) to copy them\. One file name/);
  });
});

describe('a person in words', () => {
  it('names the kind, with the guest link', () => {
    expect(kindLabel({ kind: 'client', share_label: null })).toBe('Client');
    expect(kindLabel({ kind: 'guest', share_label: 'Smith family' })).toBe('Guest via “Smith family”');
    expect(kindLabel({ kind: 'guest', share_label: null })).toBe('Guest');
  });

  it('counts against the limit, and says when a lowered limit is exceeded', () => {
    expect(countLabel(12, 40)).toBe('12 of 40');
    expect(countLabel(45, 40)).toBe('45 of 40, over the limit');
    expect(countLabel(1, null)).toBe('1 favourite');
    expect(countLabel(1200, null)).toBe('1,200 favourites');
  });

  it('states the album’s terms, the due day the same in every time zone', () => {
    expect(termsLabel(40, '2027-03-01', 'en-GB')).toBe('Up to 40 photos each, due 1 March 2027.');
    expect(termsLabel(1, null, 'en-GB')).toBe('Up to 1 photo each.');
    expect(termsLabel(null, '2027-03-01', 'en-GB')).toBe('No limit, due 1 March 2027.');
    expect(termsLabel(null, null)).toMatch(/^No selection limit or due date/);
    expect(dueLabel('2027-12-31', 'en-GB')).toBe('31 December 2027');
    expect(dueLabel('soon')).toBe('');
  });

  it('dates a submitted selection', () => {
    expect(submittedLabel('2027-03-01T10:00:00Z', 'en-GB')).toBe('Sent 1 March 2027');
    expect(submittedLabel(null)).toBe('');
  });
});

const ann: PersonFavourites = {
  person_id: 'client:ann@example.com',
  kind: 'client',
  name: 'Ann Lée',
  email: 'ann@example.com',
  share_id: null,
  share_label: null,
  paths: ['Ceremony/IMG_1.jpg', 'Reception/a,b.jpg'],
  count: 2,
  updated_at: '2027-02-01T10:00:00Z',
  submitted_at: '2027-02-02T10:00:00Z',
};
const guest: PersonFavourites = {
  person_id: 'guest:s1:v1',
  kind: 'guest',
  name: '=HYPERLINK("http://x")',
  email: null,
  share_id: 's1',
  share_label: '+Family "A"',
  paths: [],
  count: 0,
  updated_at: null,
  submitted_at: '2027-02-03T10:00:00Z',
};

describe('the CSV export', () => {
  it('guards cells a spreadsheet would run as formulas', () => {
    for (const start of ['=', '+', '-', '@']) expect(csvCell(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('IMG-1.jpg')).toBe('IMG-1.jpg');
    expect(csvCell(null)).toBe('');
  });

  it('quotes as RFC 4180 says', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=a,"b"')).toBe(`"'=a,""b"""`);
  });

  it('has a byte order mark, a header and a row per chosen photo, CRLF-ended', () => {
    const csv = favouritesCsv([ann, guest]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[0]).toBe('person,e-mail,kind,link,path,file name,submitted_at');
    expect(lines.slice(1, -1)).toEqual([
      'Ann Lée,ann@example.com,client,,Ceremony/IMG_1.jpg,IMG_1.jpg,2027-02-02T10:00:00Z',
      'Ann Lée,ann@example.com,client,,"Reception/a,b.jpg","a,b.jpg",2027-02-02T10:00:00Z',
      // A submitted guest whose picks have all left the album keeps a row.
      `"'=HYPERLINK(""http://x"")",,guest,"'+Family ""A""",,,2027-02-03T10:00:00Z`,
    ]);
  });

  it('names the file by album, and by person for one person', () => {
    expect(csvFileName('smith-wedding')).toBe('smith-wedding-favourites.csv');
    expect(csvFileName('smith-wedding', ann)).toBe('smith-wedding-favourites-ann-lee.csv');
    expect(csvFileName('smith-wedding', { name: '???' })).toBe('smith-wedding-favourites-person.csv');
  });
});

describe('the proofing settings', () => {
  const album = { selection_limit: 40, selection_due: '2027-03-01' };

  it('fills the form from the album', () => {
    expect(proofingForm(album)).toEqual({ limit: '40', due: '2027-03-01' });
    expect(proofingForm({ selection_limit: null, selection_due: null })).toEqual({ limit: '', due: '' });
    expect(proofingForm(null)).toEqual({ limit: '', due: '' });
  });

  it('sends only what changed, and null to clear', () => {
    expect(proofingChanges({ limit: '40', due: '2027-03-01' }, album)).toEqual({ ok: true, value: {} });
    expect(proofingChanges({ limit: ' 12 ', due: '2027-03-01' }, album)).toEqual({ ok: true, value: { selection_limit: 12 } });
    expect(proofingChanges({ limit: '', due: '' }, album)).toEqual({ ok: true, value: { selection_limit: null, selection_due: null } });
    expect(proofingChanges({ limit: '2000', due: '2027-04-30' }, null)).toEqual({
      ok: true,
      value: { selection_limit: 2000, selection_due: '2027-04-30' },
    });
  });

  it('refuses a limit outside 1 to 2,000 and a day that is not a date', () => {
    for (const limit of ['0', '2001', '1.5', '-3', 'ten']) {
      expect(proofingChanges({ limit, due: '' }, null)).toEqual({
        ok: false,
        problem: 'The selection limit is a whole number from 1 to 2,000, or empty for no limit.',
      });
    }
    for (const due of ['2027-13-45', '2027-02-31', '1 March']) {
      expect(proofingChanges({ limit: '', due }, null)).toEqual({ ok: false, problem: 'The selection due date is not a date.' });
    }
  });
});

describe("the studio's favourites routes", () => {
  function recording(body: unknown) {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const api = createApi({
      baseUrl: '/api',
      getToken: async () => 'tok',
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, init });
        return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }) as typeof fetch,
    });
    return { api, calls };
  }

  it('reads everyone’s favourites of an album', async () => {
    const { api, calls } = recording({ album_id: 'smith-wedding', limit: 40, due: null, people: [ann] });
    const answer = await api.albumFavourites('smith-wedding');
    expect(answer.people[0].name).toBe('Ann Lée');
    expect(calls[0].url).toBe('/api/admin/albums/smith-wedding/favourites');
    expect(calls[0].init.method).toBe('GET');
  });

  it('reopens one person’s selection by their id', async () => {
    const { api, calls } = recording({ ...ann, submitted_at: null });
    const reopened = await api.reopenSelection('smith-wedding', 'guest:s1:v1');
    expect(reopened.submitted_at).toBeNull();
    expect(calls[0].url).toBe('/api/admin/albums/smith-wedding/favourites/reopen');
    expect(calls[0].init.method).toBe('POST');
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ person_id: 'guest:s1:v1' });
  });
});

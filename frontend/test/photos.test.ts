import { describe, expect, it } from 'vitest';
import { fileNameOf, folderOf, sectionsOf, webFileName, webPath } from '../src/lib/photos';
import type { Photo } from '../src/lib/types';

const photo = (path: string, extra: Partial<Photo> = {}): Photo => ({
  path,
  size: 1,
  view_url: `v/${path}`,
  thumbnail_url: `t/${path}`,
  preview_url: `p/${path}`,
  previews_ready: true,
  ...extra,
});

describe('gallery sections', () => {
  it('groups by sub-folder: top level first, then folders in natural order', () => {
    const sections = sectionsOf([
      photo('Reception/IMG_10.jpg'),
      photo('Ceremony/IMG_2.jpg'),
      photo('cover.jpg'),
      photo('Ceremony/IMG_10.jpg'),
      photo('Ceremony/Details/IMG_1.jpg'),
      photo('Reception/IMG_9.jpg'),
    ]);
    expect(sections.map((s) => s.title)).toEqual(['Photos', 'Ceremony', 'Ceremony / Details', 'Reception']);
    expect(sections[1].photos.map((p) => p.path)).toEqual(['Ceremony/IMG_2.jpg', 'Ceremony/IMG_10.jpg']);
    expect(sections[3].photos.map((p) => p.path)).toEqual(['Reception/IMG_9.jpg', 'Reception/IMG_10.jpg']);
  });

  it('an album without folders is one section', () => {
    expect(sectionsOf([photo('b.jpg'), photo('a.jpg')]).map((s) => [s.folder, s.photos.length])).toEqual([['', 2]]);
    expect(sectionsOf([])).toEqual([]);
  });

  it('splits paths', () => {
    expect(folderOf('a/b/c.jpg')).toBe('a/b');
    expect(folderOf('c.jpg')).toBe('');
    expect(fileNameOf('a/b/c.jpg')).toBe('c.jpg');
  });

});

describe('web-size names', () => {
  it('are JPEGs named as the server names its renditions, videos and PDFs as they are', () => {
    expect(webPath('Ceremony/IMG_1.jpg')).toBe('Ceremony/IMG_1.jpg');
    expect(webPath('Ceremony/IMG_1.JPEG')).toBe('Ceremony/IMG_1.JPEG');
    expect(webPath('Details/ring.png')).toBe('Details/ring.jpg');
    expect(webPath('Details/ring.HEIC')).toBe('Details/ring.jpg');
    expect(webPath('Details/.hidden')).toBe('Details/.hidden.jpg');
    expect(webPath('Details/noext')).toBe('Details/noext.jpg');
    expect(webPath('a.b/noext')).toBe('a.b/noext.jpg');
    expect(webPath('Film/first-dance.MOV')).toBe('Film/first-dance.MOV');
    expect(webFileName('Menus/menu.pdf')).toBe('menu.pdf');
    expect(webFileName('Details/ring.tif')).toBe('ring.jpg');
  });
});

import { describe, expect, it } from 'vitest';
import {
  SHARE_BATCH,
  batchLabel,
  batches,
  fetchProgress,
  howToSave,
  mediaType,
  saveSize,
  saveTargets,
  savedName,
} from '../src/lib/save-photos';
import type { Photo } from '../src/lib/types';

const photo = (path: string): Photo => ({ path, size: 1, view_url: '', thumbnail_url: null, preview_url: null, previews_ready: true });
const file = (name: string, type = 'image/jpeg') => new File([], name, { type });

describe('batches for the share sheet', () => {
  it('cuts a list into slices of at most ten, in order, every item once', () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    const cut = batches(items);
    expect(cut.map((b) => b.length)).toEqual([10, 10, 3]);
    expect(cut.flat()).toEqual(items);
    expect(SHARE_BATCH).toBe(10);
  });

  it('has no batch for nothing, one for exactly ten', () => {
    expect(batches([])).toEqual([]);
    expect(batches(Array.from({ length: 10 }, (_, i) => i))).toHaveLength(1);
    expect(batches([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
    expect(() => batches([1], 0)).toThrow(RangeError);
  });

  it('names the next batch by the photos in it', () => {
    expect(batchLabel(0, 10)).toBe('Save photos 1–10');
    expect(batchLabel(10, 10)).toBe('Save photos 11–20');
    expect(batchLabel(20, 1)).toBe('Save photo 21');
    expect(fetchProgress(3, 12)).toBe('Getting photos ready… 3 of 12');
  });
});

describe('what Save to Photos saves', () => {
  const photos = ['a.jpg', 'Ceremony/b.jpg', 'c.jpg'].map(photo);

  it('saves every photo when there are no favourites and the filter is off', () => {
    const targets = saveTargets(photos, new Set(), false);
    expect(targets.photos).toBe(photos);
    expect(targets.label).toBe('Save all 3 to Photos');
  });

  it('saves the favourites when there are some, in the album order', () => {
    const targets = saveTargets(photos, new Set(['c.jpg', 'Ceremony/b.jpg']), false);
    expect(targets.photos.map((p) => p.path)).toEqual(['Ceremony/b.jpg', 'c.jpg']);
    expect(targets.label).toBe('Save 2 favourites to Photos');
  });

  it('saves nothing with the filter on and no favourites (the button is then disabled)', () => {
    const targets = saveTargets(photos, new Set(), true);
    expect(targets.photos).toEqual([]);
    expect(targets.label).toBe('Save 0 favourites to Photos');
  });

  it('saves originals when allowed, else web size, else nothing', () => {
    expect(saveSize('both')).toBe('original');
    expect(saveSize('original')).toBe('original');
    expect(saveSize('web')).toBe('web');
    expect(saveSize('none')).toBeNull();
  });

  it("names each file as the photo, a web-size one as its JPEG, and types it by the server's word or the name", () => {
    expect(savedName('Ceremony/IMG_1.CR2.jpg', 'original')).toBe('IMG_1.CR2.jpg');
    expect(savedName('Details/ring.png', 'original')).toBe('ring.png');
    expect(savedName('Details/ring.png', 'web')).toBe('ring.jpg');
    expect(mediaType('ring.png', 'image/png; charset=binary')).toBe('image/png');
    expect(mediaType('ring.png', 'application/octet-stream')).toBe('image/png');
    expect(mediaType('IMG_1.JPG', null)).toBe('image/jpeg');
    expect(mediaType('clip.mov')).toBe('video/quicktime');
    expect(mediaType('notes')).toBe('application/octet-stream');
  });
});

describe('sharing files or downloading one by one', () => {
  const share = async () => {};

  it('shares when the browser says it can share these files', () => {
    expect(howToSave({ share, canShare: (d) => (d.files?.length ?? 0) > 0 }, [file('a.jpg')])).toBe('share');
  });

  it('downloads where canShare is missing, says no, or throws', () => {
    expect(howToSave({ share }, [file('a.jpg')])).toBe('download');
    expect(howToSave({ share, canShare: () => false }, [file('a.jpg')])).toBe('download');
    expect(
      howToSave(
        {
          share,
          canShare: () => {
            throw new TypeError('files not supported');
          },
        },
        [file('a.jpg')],
      ),
    ).toBe('download');
    expect(howToSave({}, [file('a.jpg')])).toBe('download');
  });
});

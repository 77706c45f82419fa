import { describe, expect, it } from 'vitest';
import {
  contentTypeOf,
  isHiddenOrSystem,
  newItem,
  normalizePath,
  prepareFiles,
  requeueFailed,
  runQueue,
  stripCommonRoot,
  totals,
  type UploadItem,
} from '../src/lib/upload';
import type { PresignedUpload, UploadRequestFile } from '../src/lib/types';

const blob = (size: number, type = '') => new Blob([new Uint8Array(size)], { type });

describe('picking files', () => {
  it('normalises paths and refuses escapes', () => {
    expect(normalizePath('Ceremony\\IMG_1.jpg')).toBe('Ceremony/IMG_1.jpg');
    expect(normalizePath('/./a//b.jpg')).toBe('a/b.jpg');
    expect(normalizePath('../etc/passwd')).toBeNull();
    expect(normalizePath('')).toBeNull();
    expect(normalizePath('Cafe\u0301.jpg')).toBe('Café.jpg'); // NFC
  });

  it('leaves hidden and system files out', () => {
    expect(isHiddenOrSystem('.DS_Store')).toBe(true);
    expect(isHiddenOrSystem('Ceremony/._IMG_1.jpg')).toBe(true);
    expect(isHiddenOrSystem('__MACOSX/IMG_1.jpg')).toBe(true);
    expect(isHiddenOrSystem('Thumbs.db')).toBe(true);
    expect(isHiddenOrSystem('Ceremony/IMG_1.jpg')).toBe(false);
  });

  it('drops the one top folder that is the album itself', () => {
    expect(stripCommonRoot(['Wedding/Ceremony/1.jpg', 'Wedding/2.jpg'])).toEqual(['Ceremony/1.jpg', '2.jpg']);
    expect(stripCommonRoot(['Ceremony/1.jpg', 'Reception/2.jpg'])).toEqual(['Ceremony/1.jpg', 'Reception/2.jpg']);
    expect(stripCommonRoot(['1.jpg', 'Wedding/2.jpg'])).toEqual(['1.jpg', 'Wedding/2.jpg']);
    expect(stripCommonRoot([])).toEqual([]);
  });

  it('types a file by its extension, not by what the browser guessed', () => {
    expect(contentTypeOf('a/IMG_1.JPG')).toBe('image/jpeg');
    expect(contentTypeOf('x.heic')).toBe('image/heic');
    expect(contentTypeOf('x.cr3')).toBe('image/x-canon-cr3');
    expect(newItem('x.jpg', blob(1, 'image/svg+xml')).contentType).toBe('image/jpeg');
    expect(contentTypeOf('x.svg')).toBeNull();
    expect(contentTypeOf('x.constructor')).toBeNull();
    expect(contentTypeOf('README')).toBeNull();
  });

  it('leaves out SVG, pages and scripts, naming them, and uploads the rest', () => {
    const { items, skipped, notAccepted, refused } = prepareFiles([
      { path: 'Smith/IMG_1.jpg', file: blob(10) },
      { path: 'Smith/logo.svg', file: blob(10, 'image/svg+xml') },
      { path: 'Smith/Web/index.html', file: blob(10, 'text/html') },
      { path: 'Smith/IMG_1.xmp', file: blob(10) },
      { path: 'Smith/.DS_Store', file: blob(1) },
    ], 'smith');
    expect(items.map((i) => i.path)).toEqual(['IMG_1.jpg']);
    expect(notAccepted).toEqual(['Smith/logo.svg', 'Smith/Web/index.html', 'Smith/IMG_1.xmp']);
    expect(refused).toEqual([]);
    expect(skipped).toBe(1);
  });

  it('prepares items from a picked folder, keeping sub-folders', () => {
    const { items, skipped, refused } = prepareFiles([
      { path: 'Smith/Ceremony/IMG_1.jpg', file: blob(10) },
      { path: 'Smith/Reception/IMG_2.jpg', file: blob(20) },
      { path: 'Smith/.DS_Store', file: blob(1) },
      { path: 'Smith/Ceremony/IMG_1.jpg', file: blob(10) },
    ], 'smith');
    expect(items.map((i) => i.path)).toEqual(['Ceremony/IMG_1.jpg', 'Reception/IMG_2.jpg']);
    expect(refused).toEqual([]);
    expect(items[0]).toMatchObject({ size: 10, contentType: 'image/jpeg', state: 'queued' });
    expect(skipped).toBe(2);
  });
});

function fakeServer(opts: { failFirst?: Record<string, number>; delay?: number } = {}) {
  const presignCalls: UploadRequestFile[][] = [];
  const attempts = new Map<string, number>();
  let active = 0;
  let maxActive = 0;
  const usedUrls = new Set<string>();
  let serial = 0;
  return {
    presignCalls,
    attempts,
    get maxActive() {
      return maxActive;
    },
    usedUrls,
    presign: async (files: UploadRequestFile[]): Promise<PresignedUpload[]> => {
      presignCalls.push(files);
      return files.map((f) => ({ path: f.path, url: `https://s3/${f.path}?sig=${serial++}`, method: 'PUT', headers: { 'Content-Type': f.content_type } }));
    },
    put: async (target: PresignedUpload, item: UploadItem, onProgress: (n: number) => void) => {
      expect(usedUrls.has(target.url)).toBe(false); // each URL used once
      usedUrls.add(target.url);
      active++;
      maxActive = Math.max(maxActive, active);
      try {
        await new Promise((r) => setTimeout(r, opts.delay ?? 1));
        onProgress(Math.floor(item.size / 2));
        const n = (attempts.get(item.path) ?? 0) + 1;
        attempts.set(item.path, n);
        if (n <= (opts.failFirst?.[item.path] ?? 0)) throw new Error(`HTTP 500 for ${item.path}`);
        onProgress(item.size);
      } finally {
        active--;
      }
    },
  };
}

const many = (n: number) => Array.from({ length: n }, (_, i) => newItem(`F${Math.floor(i / 10)}/IMG_${i}.jpg`, blob(100 + i)));

describe('upload queue', () => {
  it('uploads everything with at most 4 at a time, asking URLs in batches', async () => {
    const server = fakeServer({ delay: 3 });
    const items = many(120);
    const t = await runQueue(items, { presign: server.presign, put: server.put, batchSize: 50, sleep: async () => {} });
    expect(t.done).toBe(120);
    expect(t.failed).toBe(0);
    expect(t.bytesDone).toBe(t.bytes);
    expect(server.maxActive).toBe(4);
    expect(server.presignCalls.length).toBeLessThanOrEqual(4);
    expect(server.presignCalls.flat().length).toBe(120);
    expect(server.presignCalls[0][0]).toEqual({ path: 'F0/IMG_0.jpg', size: 100, content_type: 'image/jpeg' });
  });

  it('retries a failing file up to 3 times with a fresh URL and growing pauses', async () => {
    const server = fakeServer({ failFirst: { 'F0/IMG_1.jpg': 2, 'F0/IMG_2.jpg': 9 } });
    const pauses: number[] = [];
    const items = many(4);
    const t = await runQueue(items, { presign: server.presign, put: server.put, sleep: async (ms) => void pauses.push(ms) });
    expect(items[1]).toMatchObject({ state: 'done', attempts: 3 });
    expect(items[2]).toMatchObject({ state: 'failed', attempts: 4, error: 'HTTP 500 for F0/IMG_2.jpg', loaded: 0 });
    expect(server.attempts.get('F0/IMG_2.jpg')).toBe(4);
    expect(t).toMatchObject({ files: 4, done: 3, failed: 1 });
    expect(pauses.sort((a, b) => a - b)).toEqual([1000, 1000, 2000, 2000, 4000]);
  });

  it('stops everything on a fatal error instead of retrying each file', async () => {
    const fatal = new Error('Album not found');
    let puts = 0;
    const items = many(30);
    const t = await runQueue(items, {
      presign: async () => {
        throw fatal;
      },
      put: async () => void puts++,
      isFatal: (e) => e === fatal,
      sleep: async () => {},
    });
    expect(puts).toBe(0);
    expect(t.failed).toBe(30);
    expect(items.every((i) => i.state === 'failed' && i.error === 'Album not found')).toBe(true);
  });

  it('reports progress through onChange and totals count partial bytes', async () => {
    const server = fakeServer();
    const items = many(3);
    const snapshots: number[] = [];
    await runQueue(items, { presign: server.presign, put: server.put, onChange: () => snapshots.push(totals(items).bytesDone) });
    expect(snapshots.some((b) => b > 0 && b < totals(items).bytes)).toBe(true);
    expect(snapshots.at(-1)).toBe(totals(items).bytes);
  });

  it('requeues failed items for another round', async () => {
    const items = many(2);
    items[0].state = 'failed';
    items[0].attempts = 4;
    items[0].error = 'x';
    items[1].state = 'done';
    expect(requeueFailed(items)).toBe(1);
    expect(items[0]).toMatchObject({ state: 'queued', attempts: 0, error: '' });
    const server = fakeServer();
    const t = await runQueue(items, { presign: server.presign, put: server.put });
    expect(t.done).toBe(2);
    expect(server.presignCalls.flat().map((f) => f.path)).toEqual([items[0].path]);
  });
});

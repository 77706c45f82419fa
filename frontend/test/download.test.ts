import { describe, expect, it } from 'vitest';
import { buildingParts, buttonLabel, describe as describeDownload, isReady, isSettled, progressKey, samePart } from '../src/lib/download';
import type { DownloadResponse } from '../src/lib/types';

const base: DownloadResponse = { album_id: 'a', download_url: null, status: 'pending' };

describe('Download All view', () => {
  it('labels the button with the size once known', () => {
    expect(buttonLabel(null)).toBe('Download All');
    expect(buttonLabel(0)).toBe('Download All');
    expect(buttonLabel(1_234_000_000)).toBe('Download All (1.2 GB)');
  });

  it('ready with a URL: download now, with its size', () => {
    const r = { ...base, status: 'ready' as const, download_url: 'https://s3/x.zip', zip_size: 1_200_000_000 };
    expect(isReady(r)).toBe(true);
    expect(isSettled(r)).toBe(true);
    expect(describeDownload(r)).toEqual({ kind: 'ready', url: 'https://s3/x.zip', size: '1.2 GB', parts: [], label: 'Download All (1.2 GB)', expiresIn: 0 });
  });

  it('ready without any URL is still waiting', () => {
    const r = { ...base, status: 'ready' as const };
    expect(isReady(r)).toBe(false);
    expect(describeDownload(r, 10).kind).toBe('preparing');
  });

  it('several parts are listed, the size adding up when zip_size is absent', () => {
    const parts = [
      { download_url: 'u1', size: 4_000_000_000, file_count: 500, name: 'Album part 1.zip' },
      { download_url: 'u2', size: 1_000_000_000, file_count: 120, name: 'Album part 2.zip' },
    ];
    const v = describeDownload({ ...base, status: 'ready', parts });
    expect(v.kind).toBe('ready');
    if (v.kind !== 'ready') return;
    expect(v.parts).toHaveLength(2);
    expect(v.label).toBe('Download All (5 GB)');
    // A single part is just the archive.
    const one = describeDownload({ ...base, status: 'ready', download_url: 'u', parts: [parts[0]] });
    expect(one.kind === 'ready' && one.parts).toEqual([]);
  });

  it('building: photo counts in the text, bytes in the bar, time left', () => {
    const v = describeDownload({
      ...base,
      status: 'generating',
      progress: { files_done: 412, files_total: 1000, bytes_done: 4e9, bytes_total: 1e10, eta_seconds: 41 },
    });
    expect(v).toEqual({ kind: 'preparing', text: 'Preparing… 412 of 1,000 photos', value: 4e9, max: 1e10, eta: 'about 40 s left' });
  });

  it('pending without progress: 0 of the album\'s photo count', () => {
    const v = describeDownload({ ...base, status: 'pending', progress: null }, 250);
    expect(v).toEqual({ kind: 'preparing', text: 'Preparing… 0 of 250 photos', value: 0, max: 250, eta: 'Starting…' });
    const fromFileCount = describeDownload({ ...base, file_count: 30 }, 250);
    expect(fromFileCount.kind === 'preparing' && fromFileCount.text).toBe('Preparing… 0 of 30 photos');
  });

  it('error: the server\'s message, or a default that says what to do', () => {
    expect(describeDownload({ ...base, status: 'error', message: 'Photo IMG_4.jpg could not be read.' })).toEqual({
      kind: 'error',
      message: 'Photo IMG_4.jpg could not be read.',
    });
    const v = describeDownload({ ...base, status: 'error', message: '' });
    expect(v.kind === 'error' && v.message).toMatch(/Retry/);
    expect(isSettled({ ...base, status: 'error' })).toBe(true);
  });

  it('progress key changes only when the build moves', () => {
    const a = { ...base, status: 'generating' as const, progress: { files_done: 3, files_total: 9, bytes_done: 10, bytes_total: 90, eta_seconds: 5 } };
    const sameButNewEta = { ...a, progress: { ...a.progress, eta_seconds: 4 } };
    const moved = { ...a, progress: { ...a.progress, files_done: 4, bytes_done: 20 } };
    expect(progressKey(a)).toBe(progressKey(sameButNewEta));
    expect(progressKey(a)).not.toBe(progressKey(moved));
    expect(progressKey(base)).not.toBe(progressKey({ ...base, status: 'generating' }));
  });
});

describe('Download All of an album in parts', () => {
  const part = (i: number, over: Partial<import('../src/lib/types').PartProgress> = {}) => ({
    name: `Smith Wedding (part ${i} of 3).zip`,
    size: 4_100_000_000,
    file_count: 500,
    files_done: 0,
    bytes_done: 0,
    bytes_total: 4_000_000_000,
    ready: false,
    ...over,
  });
  const progress = { files_done: 620, files_total: 1500, bytes_done: 5e9, bytes_total: 12e9, eta_seconds: 90 };

  it('shows each part of a build under way with its own state and bar', () => {
    const lines = buildingParts({
      ...progress,
      parts: [part(1, { files_done: 499, bytes_done: 3.9e9, ready: true }), part(2, { files_done: 120, bytes_done: 1e9 }), part(3)],
    });
    expect(lines).toEqual([
      { name: 'Smith Wedding (part 1 of 3).zip', detail: 'Ready · 500 photos · 4.1 GB', value: 4e9, max: 4e9, ready: true },
      { name: 'Smith Wedding (part 2 of 3).zip', detail: '120 of 500 photos · 4.1 GB', value: 1e9, max: 4e9, ready: false },
      { name: 'Smith Wedding (part 3 of 3).zip', detail: '0 of 500 photos · 4.1 GB', value: 0, max: 4e9, ready: false },
    ]);
  });

  it('lists no parts for a build of one archive or one not yet planned', () => {
    expect(buildingParts({ ...progress, parts: [part(1)] })).toEqual([]);
    expect(buildingParts({ ...progress, parts: [] })).toEqual([]);
    expect(buildingParts(progress)).toEqual([]);
    expect(buildingParts(null)).toEqual([]);
  });

  it('keeps a part\'s figures inside its bounds and counts photos when bytes are unknown', () => {
    const [line] = buildingParts({ ...progress, parts: [part(1, { files_done: 900, bytes_total: 0, bytes_done: 7 }), part(2)] });
    expect(line).toMatchObject({ detail: '500 of 500 photos · 4.1 GB', value: 500, max: 500 });
  });

  it('finds a part in a fresh answer by its name, and none once the archive was cut anew', () => {
    const parts = [
      { download_url: 'u1', size: 1, file_count: 1, name: 'A (part 1 of 2).zip' },
      { download_url: 'u2', size: 1, file_count: 1, name: 'A (part 2 of 2).zip' },
    ];
    const ready = { ...base, status: 'ready' as const, download_url: 'u1', parts };
    expect(samePart(ready, 'A (part 2 of 2).zip')?.download_url).toBe('u2');
    expect(samePart(ready, 'A (part 2 of 3).zip')).toBeUndefined();
    expect(samePart({ ...base, status: 'generating' }, 'A (part 2 of 2).zip')).toBeUndefined();
  });
});

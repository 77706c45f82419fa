import { describe, expect, it } from 'vitest';
import { albumIdProblem, archiveParts, archiveSize, archiveState, emailProblem, isBusy, suggestAlbumId } from '../src/lib/studio';

const album = { stale: false, zip_error: null, progress: null, photo_count: 1000 };

describe('studio archive state', () => {
  it('names each state', () => {
    expect(archiveState({ ...album, zip_status: 'ready' })).toMatchObject({ kind: 'ready', label: 'ready' });
    expect(archiveState({ ...album, zip_status: 'ready', stale: true })).toMatchObject({ kind: 'stale', label: 'stale' });
    expect(
      archiveState({ ...album, zip_status: 'generating', progress: { files_done: 412, files_total: 1000, bytes_done: 1, bytes_total: 2, eta_seconds: 40 } }),
    ).toMatchObject({ kind: 'building', label: 'building 412 of 1,000' });
    expect(archiveState({ ...album, zip_status: 'pending' })).toMatchObject({ kind: 'building', label: 'queued' });
    expect(archiveState({ ...album, zip_status: 'error', zip_error: 'Photo x.jpg is unreadable.' })).toEqual({
      kind: 'error',
      label: 'error',
      detail: 'Photo x.jpg is unreadable.',
    });
    expect(archiveState({ ...album, zip_status: null })).toMatchObject({ kind: 'none' });
  });

  it('calls an album registered before its photos waiting, not failed', () => {
    const empty = { ...album, photo_count: 0, zip_status: 'error' as const, zip_error: 'This album has no photos yet. Upload photos, then try again.' };
    expect(archiveState(empty)).toEqual({ kind: 'none', label: 'waiting for photos', detail: '' });
    expect(archiveState({ ...album, photo_count: 0, zip_status: null })).toMatchObject({ label: 'waiting for photos' });
    // Photos arrived: the usual states again.
    expect(archiveState({ ...album, photo_count: 20, zip_status: 'pending' })).toMatchObject({ label: 'queued' });
  });

  it('knows when to keep refreshing', () => {
    expect(isBusy({ zip_status: 'pending' })).toBe(true);
    expect(isBusy({ zip_status: 'generating' })).toBe(true);
    expect(isBusy({ zip_status: 'ready' })).toBe(false);
  });
});

describe('album ids and emails', () => {
  it('validates ids like the API', () => {
    expect(albumIdProblem('smith-wedding-2026')).toBeNull();
    expect(albumIdProblem('abc')).toBeNull();
    expect(albumIdProblem('ab')).toMatch(/3–64/);
    expect(albumIdProblem('Smith')).toMatch(/lowercase/);
    expect(albumIdProblem('a_b_c')).not.toBeNull();
    expect(albumIdProblem('a'.repeat(65))).not.toBeNull();
    expect(albumIdProblem('')).toMatch(/Enter/);
  });

  it('suggests an id from a name', () => {
    expect(suggestAlbumId('Smith & Jones — Wedding 2026')).toBe('smith-jones-wedding-2026');
    expect(suggestAlbumId('Café Élysée')).toBe('cafe-elysee');
    expect(suggestAlbumId('x'.repeat(70)).length).toBe(64);
    expect(albumIdProblem(suggestAlbumId('Anna’s christening'))).toBeNull();
  });

  it('checks emails', () => {
    expect(emailProblem('anna@example.com')).toBeNull();
    expect(emailProblem('anna@')).not.toBeNull();
    expect(emailProblem('')).toMatch(/Enter/);
  });
});

describe('studio archive parts', () => {
  const files = [
    { name: 'Smith (part 1 of 2).zip', size: 4_000_000_000, file_count: 480 },
    { name: 'Smith (part 2 of 2).zip', size: 1_500_000_000, file_count: 170 },
  ];

  it('lists the published parts with their photos and sizes, and none for one archive', () => {
    expect(archiveParts({ status: 'ready', parts: files })).toEqual([
      { name: 'Smith (part 1 of 2).zip', detail: '480 photos · 4 GB', value: 1, max: 1, ready: true },
      { name: 'Smith (part 2 of 2).zip', detail: '170 photos · 1.5 GB', value: 1, max: 1, ready: true },
    ]);
    expect(archiveParts({ status: 'ready', parts: [files[0]] })).toEqual([]);
    expect(archiveParts({ status: 'ready' })).toEqual([]);
  });

  it('shows each part\'s progress while a build in parts runs', () => {
    const progress = {
      files_done: 3, files_total: 4, bytes_done: 3, bytes_total: 4, eta_seconds: null,
      parts: [
        { name: 'S (part 1 of 2).zip', size: 2000, file_count: 2, files_done: 2, bytes_done: 2, bytes_total: 2, ready: true },
        { name: 'S (part 2 of 2).zip', size: 2000, file_count: 2, files_done: 1, bytes_done: 1, bytes_total: 2, ready: false },
      ],
    };
    const lines = archiveParts({ status: 'generating', progress, parts: files });
    expect(lines.map((l) => [l.name, l.detail, l.ready])).toEqual([
      ['S (part 1 of 2).zip', 'Ready · 2 photos · 2 KB', true],
      ['S (part 2 of 2).zip', '1 of 2 photos · 2 KB', false],
    ]);
  });

  it('says how many parts the size is cut into', () => {
    expect(archiveSize({ zip_size: 5_500_000_000, parts: files })).toBe('5.5 GB in 2 parts');
    expect(archiveSize({ zip_size: 5_500_000_000, parts: [files[0]] })).toBe('5.5 GB');
    expect(archiveSize({ zip_size: null })).toBe('');
  });
});

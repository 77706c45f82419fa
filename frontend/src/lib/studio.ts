// Studio helpers without a DOM: archive state wording, album id rules.

import { buildingParts, type PartLine } from './download';
import { formatBytes, formatCount, plural } from './format';
import type { AdminAlbum, AdminArchive } from './types';

export type StateKind = 'ready' | 'building' | 'stale' | 'error' | 'none';

export interface ArchiveState {
  kind: StateKind;
  /** Short words for the table: "ready", "building 412 of 1,000", "stale", "error". */
  label: string;
  /** More for the photographer when there is more to say (the error's message). */
  detail: string;
}

export function archiveState(album: Pick<AdminAlbum, 'zip_status' | 'stale' | 'zip_error' | 'progress' | 'photo_count'>): ArchiveState {
  // Registered before its photos (the order the studio suggests): the first build finds
  // nothing to archive. That is a wait, not a failure, and the upload box is right there.
  if (!album.photo_count && (album.zip_status === 'error' || album.zip_status === 'none' || !album.zip_status)) {
    return { kind: 'none', label: 'waiting for photos', detail: '' };
  }
  switch (album.zip_status) {
    case 'error':
      return { kind: 'error', label: 'error', detail: album.zip_error?.trim() || 'The last build failed.' };
    case 'generating': {
      const p = album.progress;
      const total = p?.files_total || album.photo_count || 0;
      return { kind: 'building', label: `building ${formatCount(p?.files_done ?? 0)} of ${formatCount(total)}`, detail: '' };
    }
    case 'pending':
      return { kind: 'building', label: 'queued', detail: '' };
    case 'ready':
      return album.stale
        ? { kind: 'stale', label: 'stale', detail: 'Photos changed since this archive was built.' }
        : { kind: 'ready', label: 'ready', detail: '' };
    default:
      return { kind: 'none', label: 'no archive yet', detail: '' };
  }
}

/**
 * The archive's parts, one line each: while a build in parts runs, each part's progress; otherwise
 * the published parts with their sizes and photos. None for an archive in one piece.
 */
export function archiveParts(archive: Pick<AdminArchive, 'status' | 'progress' | 'parts'>): PartLine[] {
  if (archive.status === 'generating') {
    const building = buildingParts(archive.progress);
    if (building.length) return building;
  }
  const published = archive.parts ?? [];
  if (published.length < 2) return [];
  return published.map((p) => ({
    name: p.name,
    detail: `${plural(p.file_count, 'photo')} · ${formatBytes(p.size)}`,
    value: 1,
    max: 1,
    ready: true,
  }));
}

/** The table's size column: "1.2 GB", or "9.4 GB in 3 parts" for an archive cut into parts. */
export function archiveSize(album: Pick<AdminAlbum, 'zip_size' | 'parts'>): string {
  if (!album.zip_size) return '';
  const parts = album.parts?.length ?? 0;
  return parts > 1 ? `${formatBytes(album.zip_size)} in ${parts} parts` : formatBytes(album.zip_size);
}

/** True while the server is working on the album's archive: the studio keeps refreshing. */
export function isBusy(album: Pick<AdminAlbum, 'zip_status'>): boolean {
  return album.zip_status === 'pending' || album.zip_status === 'generating';
}

// Album ids: the API's and the scripts' rule too, all checked against rules/shared-rules.json.
export const ALBUM_ID_MIN_LENGTH = 3;
export const ALBUM_ID_MAX_LENGTH = 64;
const ALBUM_ID = new RegExp(`^[a-z0-9][a-z0-9-]{${ALBUM_ID_MIN_LENGTH - 1},${ALBUM_ID_MAX_LENGTH - 1}}$`);

export const ALBUM_ID_RULE = `Use ${ALBUM_ID_MIN_LENGTH}–${ALBUM_ID_MAX_LENGTH} characters: lowercase letters, digits and hyphens, starting with a letter or digit, like smith-wedding-2026.`;

/** Null when the id is acceptable, else what to fix (the API applies the same rule). */
export function albumIdProblem(id: string): string | null {
  if (!id) return 'Enter an album ID.';
  return ALBUM_ID.test(id) ? null : ALBUM_ID_RULE;
}

/** A suggested id from the album's name: "Smith & Jones — Wedding 2026" → "smith-jones-wedding-2026". */
export function suggestAlbumId(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

export function emailProblem(email: string): string | null {
  if (!email) return 'Enter the client’s email address.';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? null : 'Enter a valid email address, like name@example.com.';
}

// The links a page shows images with (thumbnails, previews, covers) live minutes
// (PRESIGNED_URL_EXPIRY, docs/security.md): a page left open longer holds links S3 refuses.
// Rather than a broken image, the page asks the API for its listing again, once for all the
// images that failed together, and retries each of them once with its new link.

import type { AlbumDetail, AlbumSummary } from './types';

/** Each image's link by a key the page chooses (see imageKey). */
export type LinkTable = Map<string, string>;

export type ImageKind = 'thumb' | 'preview' | 'view' | 'cover';

export const imageKey = (kind: ImageKind, id: string) => `${kind}:${id}`;

/** The links of an album page's photos, by imageKey(kind, path). */
export function albumLinks(album: AlbumDetail): LinkTable {
  const table: LinkTable = new Map();
  for (const p of album.photos ?? []) {
    if (p.view_url) table.set(imageKey('view', p.path), p.view_url);
    if (p.thumbnail_url) table.set(imageKey('thumb', p.path), p.thumbnail_url);
    if (p.preview_url) table.set(imageKey('preview', p.path), p.preview_url);
  }
  return table;
}

/** The covers of "My albums", by imageKey('cover', album_id). */
export function coverLinks(albums: AlbumSummary[]): LinkTable {
  const table: LinkTable = new Map();
  for (const a of albums) if (a.cover_url) table.set(imageKey('cover', a.album_id), a.cover_url);
  return table;
}

export interface FreshLinksOptions {
  /** The page's listing asked for again. */
  reload: () => Promise<LinkTable>;
  /** Milliseconds on any clock; tests pass their own. */
  now?: () => number;
  /**
   * A listing younger than this is not asked for again: links live minutes, so an image that
   * fails sooner is broken, not expired, and asking again would only repeat the failure.
   */
  minAgeMs?: number;
}

export const MIN_AGE_MS = 15_000;

export class FreshLinks {
  private table: LinkTable;
  /** When the listing in hand was asked for (a failed reload counts too: no retry storm offline). */
  private askedAt: number;
  private reloading: Promise<void> | null = null;
  private readonly reload: () => Promise<LinkTable>;
  private readonly now: () => number;
  private readonly minAgeMs: number;

  constructor(initial: LinkTable, options: FreshLinksOptions) {
    this.table = initial;
    this.reload = options.reload;
    this.now = options.now ?? (() => Date.now());
    this.minAgeMs = options.minAgeMs ?? MIN_AGE_MS;
    this.askedAt = this.now();
  }

  /** The newest link known for the key. */
  get(key: string): string | undefined {
    return this.table.get(key);
  }

  /**
   * A link to try instead of `failed`, which did not load; null when there is none worth
   * trying. Images failing together share one reload; an image whose link was already
   * replaced by a reload gets the new one without another.
   */
  async renew(key: string, failed: string): Promise<string | null> {
    const known = this.table.get(key);
    if (known && known !== failed) return known;
    if (!this.reloading) {
      if (this.now() - this.askedAt < this.minAgeMs) return null;
      this.askedAt = this.now();
      this.reloading = this.reload()
        .then((table) => {
          this.table = table;
        })
        .finally(() => {
          this.reloading = null;
        });
    }
    try {
      await this.reloading;
    } catch {
      // Offline, signed out or no longer granted: the image keeps its placeholder.
      return null;
    }
    const fresh = this.table.get(key);
    return fresh && fresh !== failed ? fresh : null;
  }
}

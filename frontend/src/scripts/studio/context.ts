// What the studio's panels share: the albums and clients, the album being managed, and the
// refresh loop that keeps them live. Each panel owns its own elements and asks for the rest here.

import type { Api } from '../../lib/api';
import type { AdminAlbum, AlbumDetail, User } from '../../lib/types';

export interface StudioContext {
  readonly api: Api;
  albums(): AdminAlbum[];
  users(): User[];
  /** The album the detail panel shows, if any. */
  selected(): string | null;
  nameOf(albumId: string): string;
  select(albumId: string, focus?: boolean): Promise<void>;
  /** Reloads albums and clients now (and the selected album's archive). */
  refresh(): Promise<void>;
  /** Something was just asked of the server: refresh now and keep refreshing a while, even before it reports work. */
  watch(): Promise<void>;
  reloadUsers(): Promise<void>;
  /**
   * The album as its viewers see it (its photos with their image links), asked for once per
   * album chosen and shared by the panels that show its photos; `fresh` asks again.
   */
  albumDetail(albumId: string, fresh?: boolean): Promise<AlbumDetail>;
  /** The album's favourites again (its proofing terms changed). */
  reloadFavourites(): Promise<void>;
}

// The studio: albums and their archives, registering, uploading, clients and access, share links,
// album settings, everyone's favourites and the album's deliveries. Each panel
// is its own module owning its elements (studio/*.ts, uploader.ts); this one loads the page and
// runs what they share: the lists, the album being managed and the refresh loop.

import { ApiError, messageOf, type Api } from '../lib/api';
import { Backoff } from '../lib/poll';
import { isBusy } from '../lib/studio';
import type { AdminAlbum, AlbumDetail, User } from '../lib/types';
import { startSignedInPage } from './app';
import { byId, say } from './dom';
import { setupAccessPanel, type AccessPanel } from './studio/access-panel';
import { setupAlbumsPanel, type AlbumsPanel } from './studio/albums-panel';
import { setupArchivePanel, type ArchivePanel } from './studio/archive-panel';
import { setupClientsPanel, type ClientsPanel } from './studio/clients-panel';
import type { StudioContext } from './studio/context';
import { setupDeliveriesPanel, type DeliveriesPanel } from './studio/deliveries-panel';
import { setupFavouritesPanel, type FavouritesPanel } from './studio/favourites-panel';
import { setupRegisterPanel } from './studio/register-panel';
import { setupSettingsPanel, type SettingsPanel } from './studio/settings-panel';
import { setupSharePanel, type SharePanel } from './studio/share-panel';
import { setupUploader } from './uploader';

/** After an upload or a rebuild, keep watching this long even before the server reports work. */
const WATCH_MS = 30_000;

export async function startStudio(): Promise<void> {
  const ctx = await startSignedInPage();
  const loading = byId('studio-loading');
  if (!ctx) return void (loading.hidden = true);
  const api = ctx.api;

  function denied(): void {
    loading.hidden = true;
    byId('studio').hidden = true;
    byId('studio-denied').hidden = false;
  }
  if (ctx.me && !ctx.me.is_admin) return denied();

  let albums: AdminAlbum[] = [];
  let users: User[] = [];
  try {
    [albums, users] = await Promise.all([api.adminAlbums(), api.users()]);
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'forbidden') return denied();
    loading.hidden = true;
    say(byId('page-error'), messageOf(error));
    return;
  }
  loading.hidden = true;
  byId('studio').hidden = false;
  new Studio(api, albums, users).start();
}

class Studio implements StudioContext {
  private current: string | null = null;
  private watchUntil = 0;
  private timer = 0;
  private readonly backoff = new Backoff({ initialMs: 2000, factor: 1.5, maxMs: 10_000 });
  private readonly albumsPanel: AlbumsPanel;
  private readonly archivePanel: ArchivePanel;
  private readonly accessPanel: AccessPanel;
  private readonly clientsPanel: ClientsPanel;
  private readonly sharePanel: SharePanel;
  private readonly settingsPanel: SettingsPanel;
  private readonly favouritesPanel: FavouritesPanel;
  private readonly deliveriesPanel: DeliveriesPanel;
  private detail: { albumId: string; answer: Promise<AlbumDetail> } | null = null;

  constructor(
    readonly api: Api,
    private albumList: AdminAlbum[],
    private userList: User[],
  ) {
    this.albumsPanel = setupAlbumsPanel(this);
    this.archivePanel = setupArchivePanel(this);
    this.accessPanel = setupAccessPanel(this);
    this.clientsPanel = setupClientsPanel(this);
    this.sharePanel = setupSharePanel(this);
    this.settingsPanel = setupSettingsPanel(this);
    this.favouritesPanel = setupFavouritesPanel(this);
    this.deliveriesPanel = setupDeliveriesPanel(this);
    setupRegisterPanel(this);
    setupUploader(api, () => this.current, () => void this.watch());
  }

  start(): void {
    this.renderAlbums();
    this.renderUsers();
    const first = this.albumList[0]?.album_id;
    if (first) void this.select(first);
    this.schedule();
  }

  albums(): AdminAlbum[] {
    return this.albumList;
  }

  users(): User[] {
    return this.userList;
  }

  selected(): string | null {
    return this.current;
  }

  nameOf(id: string): string {
    return this.albumList.find((a) => a.album_id === id)?.name || id;
  }

  async select(albumId: string, focus = false): Promise<void> {
    this.current = albumId;
    this.archivePanel.open(albumId, focus);
    this.albumsPanel.highlight(albumId);
    this.accessPanel.reset();
    await Promise.all([
      this.archivePanel.load(),
      this.sharePanel.open(albumId),
      this.settingsPanel.open(albumId),
      this.favouritesPanel.open(albumId),
      this.deliveriesPanel.open(albumId),
    ]);
    this.schedule();
  }

  async refresh(): Promise<void> {
    try {
      [this.albumList, this.userList] = await Promise.all([this.api.adminAlbums(), this.api.users()]);
      this.albumsPanel.say('');
      this.renderAlbums();
      this.renderUsers();
      if (this.current) await this.archivePanel.load();
    } catch (error) {
      this.albumsPanel.say(messageOf(error));
    }
    this.schedule();
  }

  watch(): Promise<void> {
    this.watchUntil = Date.now() + WATCH_MS;
    return this.refresh();
  }

  async reloadUsers(): Promise<void> {
    try {
      this.userList = await this.api.users();
      this.renderUsers();
    } catch (error) {
      this.clientsPanel.say(messageOf(error));
    }
  }

  albumDetail(albumId: string, fresh = false): Promise<AlbumDetail> {
    let detail = this.detail;
    if (fresh || detail?.albumId !== albumId) {
      const asked = { albumId, answer: this.api.album(albumId) };
      this.detail = detail = asked;
      // A failure is not kept: the next panel to ask tries again.
      asked.answer.catch(() => {
        if (this.detail === asked) this.detail = null;
      });
    }
    return detail.answer;
  }

  reloadFavourites(): Promise<void> {
    return this.favouritesPanel.reload();
  }

  /** Newest first, in the table and in the album chooser. */
  private renderAlbums(): void {
    this.albumList.sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? ''));
    this.albumsPanel.render();
    this.archivePanel.renderChoices();
  }

  private renderUsers(): void {
    this.clientsPanel.render();
    this.accessPanel.render();
  }

  /** Keeps the lists live while archives build, backing off while nothing changes. */
  private schedule(): void {
    clearTimeout(this.timer);
    const archive = this.archivePanel.archive();
    const busy = this.albumList.some(isBusy) || (archive != null && isBusy({ zip_status: archive.status }));
    if (!busy && Date.now() > this.watchUntil) {
      this.backoff.reset();
      return;
    }
    const key = this.albumList.map((a) => `${a.album_id}:${a.zip_status}:${a.progress?.files_done ?? 0}:${a.photo_count}`).join('|');
    this.timer = window.setTimeout(() => void this.refresh(), this.backoff.next(key));
  }
}

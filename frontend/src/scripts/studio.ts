// The studio: albums and their archives, registering, uploading, clients and access.

import { ApiError, messageOf, type Api } from '../lib/api';
import { formatBytes, formatCount, formatDate, formatDateTime, formatDuration, formatEta } from '../lib/format';
import { Backoff } from '../lib/poll';
import { albumIdProblem, archiveState, emailProblem, isBusy, suggestAlbumId } from '../lib/studio';
import type { AdminAlbum, AdminArchive, User } from '../lib/types';
import { startSignedInPage } from './app';
import { byId, h, say } from './dom';
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

class Studio {
  private selected: string | null = null;
  private archive: AdminArchive | null = null;
  private watchUntil = 0;
  private timer = 0;
  private readonly backoff = new Backoff({ initialMs: 2000, factor: 1.5, maxMs: 10_000 });

  constructor(
    private readonly api: Api,
    private albums: AdminAlbum[],
    private users: User[],
  ) {}

  start(): void {
    this.renderAlbums();
    this.renderUsers();
    this.wireRegister();
    this.wireDetail();
    this.wireClients();
    setupUploader(this.api, () => this.selected, () => this.watch());
    byId('albums-refresh').addEventListener('click', () => void this.refresh());
    const first = this.albums[0]?.album_id;
    if (first) void this.select(first);
    this.schedule();
  }

  private nameOf(id: string): string {
    return this.albums.find((a) => a.album_id === id)?.name || id;
  }

  // ---- Albums table ------------------------------------------------------------------

  private renderAlbums(): void {
    this.albums.sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? ''));
    const body = byId('albums-body');
    if (this.albums.length === 0) {
      body.replaceChildren(h('tr', {}, h('td', { colspan: 6, class: 'muted', text: 'No albums yet. Register the first one below.' })));
    } else {
      body.replaceChildren(...this.albums.map((a) => this.albumRow(a)));
    }
    const select = byId<HTMLSelectElement>('detail-select');
    select.replaceChildren(...this.albums.map((a) => h('option', { value: a.album_id, text: `${a.name} (${a.album_id})` })));
    if (this.selected) select.value = this.selected;
  }

  private albumRow(a: AdminAlbum): HTMLTableRowElement {
    const state = archiveState(a);
    return h(
      'tr',
      { 'data-album-id': a.album_id, class: a.album_id === this.selected ? 'is-selected' : null },
      h('td', {}, h('strong', { text: a.name }), h('div', { class: 'muted', text: a.album_id })),
      h('td', { class: 'num', text: formatCount(a.photo_count ?? 0) }),
      h(
        'td',
        {},
        h('span', { class: 'state', 'data-state': state.kind, title: state.detail, text: state.label }),
        state.kind === 'error' ? h('span', { class: 'state-detail', text: state.detail }) : null,
      ),
      // On a phone the size is in the album's archive line instead (renderArchive).
      h('td', { class: 'num hide-narrow', text: a.zip_size ? formatBytes(a.zip_size) : '' }),
      h('td', { class: 'hide-narrow', text: formatDate(a.created_at) }),
      h(
        'td',
        {},
        h('button', {
          type: 'button',
          class: 'btn btn-secondary btn-small',
          'aria-label': `Manage ${a.name || a.album_id}`,
          text: 'Manage',
          onclick: () => void this.select(a.album_id, true),
        }),
      ),
    );
  }

  private async refresh(): Promise<void> {
    try {
      [this.albums, this.users] = await Promise.all([this.api.adminAlbums(), this.api.users()]);
      say(byId('albums-message'), '');
      this.renderAlbums();
      this.renderUsers();
      if (this.selected) await this.loadArchive();
    } catch (error) {
      say(byId('albums-message'), messageOf(error));
    }
    this.schedule();
  }

  /** Keeps the table live while archives build, backing off while nothing changes. */
  private schedule(): void {
    clearTimeout(this.timer);
    const busy = this.albums.some(isBusy) || (this.archive != null && isBusy({ zip_status: this.archive.status }));
    if (!busy && Date.now() > this.watchUntil) {
      this.backoff.reset();
      return;
    }
    const key = this.albums.map((a) => `${a.album_id}:${a.zip_status}:${a.progress?.files_done ?? 0}:${a.photo_count}`).join('|');
    this.timer = window.setTimeout(() => void this.refresh(), this.backoff.next(key));
  }

  private watch(): void {
    this.watchUntil = Date.now() + WATCH_MS;
    void this.refresh();
  }

  // ---- Register ---------------------------------------------------------------------

  private wireRegister(): void {
    const form = byId<HTMLFormElement>('register-form');
    const name = byId<HTMLInputElement>('register-name');
    const id = byId<HTMLInputElement>('register-id');
    const message = byId('register-message');
    const submit = byId<HTMLButtonElement>('register-submit');
    let idEdited = false;
    id.addEventListener('input', () => (idEdited = id.value !== ''));
    // Suggest an id from the name until the photographer types one of their own.
    name.addEventListener('input', () => {
      if (!idEdited) id.value = suggestAlbumId(name.value);
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const albumId = id.value.trim();
      const albumName = name.value.trim();
      id.removeAttribute('aria-invalid');
      name.removeAttribute('aria-invalid');
      if (!albumName) {
        name.setAttribute('aria-invalid', 'true');
        name.focus();
        return say(message, 'Enter the album’s name, as clients will see it.');
      }
      const problem = albumIdProblem(albumId);
      if (problem) {
        id.setAttribute('aria-invalid', 'true');
        id.focus();
        return say(message, problem);
      }
      submit.disabled = true;
      try {
        await this.api.registerAlbum(albumId, albumName);
        say(message, `Album “${albumName}” registered. Now upload its photos.`, 'success');
        form.reset();
        idEdited = false;
        this.watchUntil = Date.now() + WATCH_MS;
        await this.refresh();
        await this.select(albumId, true);
      } catch (error) {
        const text =
          error instanceof ApiError && error.kind === 'conflict' ? `An album with the ID “${albumId}” already exists. Choose another ID.` : messageOf(error);
        say(message, text);
      } finally {
        submit.disabled = false;
      }
    });
  }

  // ---- One album: archive, builds, access ----------------------------------------------

  private wireDetail(): void {
    byId<HTMLSelectElement>('detail-select').addEventListener('change', (event) => {
      void this.select((event.target as HTMLSelectElement).value);
    });
    const rebuild = byId<HTMLButtonElement>('rebuild');
    rebuild.addEventListener('click', async () => {
      if (!this.selected) return;
      rebuild.disabled = true;
      const message = byId('archive-message');
      try {
        await this.api.rebuild(this.selected);
        say(message, 'Rebuild requested. The archive is being built again.', 'success');
        this.watch();
      } catch (error) {
        say(message, messageOf(error));
      } finally {
        rebuild.disabled = false;
      }
    });
    byId<HTMLFormElement>('grant-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const input = byId<HTMLInputElement>('grant-email');
      const message = byId('grant-message');
      const email = input.value.trim().toLowerCase();
      const problem = emailProblem(email);
      if (problem) return say(message, problem);
      if (!this.selected) return;
      try {
        await this.api.grant(this.selected, email);
        say(message, `${email} can now see “${this.nameOf(this.selected)}”.`, 'success');
        input.value = '';
        await this.reloadUsers();
      } catch (error) {
        const text =
          error instanceof ApiError && error.kind === 'not_found' && error.code !== 'ALBUM_NOT_FOUND'
            ? `${messageOf(error)} If ${email} is new, create the client below first.`
            : messageOf(error);
        say(message, text);
      }
    });
  }

  private async select(albumId: string, focus = false): Promise<void> {
    this.selected = albumId;
    this.archive = null;
    const detail = byId('detail');
    detail.hidden = false;
    byId('detail-heading').textContent = this.nameOf(albumId);
    byId<HTMLSelectElement>('detail-select').value = albumId;
    for (const row of document.querySelectorAll<HTMLTableRowElement>('#albums-body tr[data-album-id]')) {
      row.classList.toggle('is-selected', row.dataset.albumId === albumId);
    }
    say(byId('archive-message'), '');
    say(byId('grant-message'), '');
    this.renderAccess();
    if (focus) detail.scrollIntoView({ behavior: 'smooth', block: 'start' });
    await this.loadArchive();
    this.schedule();
  }

  private async loadArchive(): Promise<void> {
    const albumId = this.selected;
    if (!albumId) return;
    try {
      const archive = await this.api.archive(albumId);
      if (albumId !== this.selected) return;
      this.archive = archive;
      this.renderArchive();
    } catch (error) {
      if (albumId === this.selected) say(byId('archive-message'), messageOf(error));
    }
  }

  private renderArchive(): void {
    const a = this.archive;
    const album = this.albums.find((x) => x.album_id === this.selected);
    if (!a) return;
    const state = archiveState({
      zip_status: a.status,
      stale: album?.stale ?? false,
      zip_error: a.message ?? album?.zip_error ?? null,
      progress: a.progress ?? null,
      photo_count: album?.photo_count ?? a.file_count ?? 0,
    });
    const bits = [state.label];
    const size = a.zip_size ?? album?.zip_size;
    if (size) bits.push(formatBytes(size));
    if (state.kind === 'building') {
      const eta = formatEta(a.progress?.eta_seconds);
      if (eta) bits.push(eta);
    } else if (album?.zip_generated_at) {
      bits.push(`built ${formatDateTime(album.zip_generated_at)}`);
    }
    const line = byId('archive-state');
    line.replaceChildren(h('span', { class: 'state', 'data-state': state.kind, text: bits.join(' · ') }));
    if (state.detail) line.append(h('span', { class: state.kind === 'error' ? 'state-detail' : 'muted', text: ` ${state.detail}` }));
    const bar = byId<HTMLProgressElement>('archive-bar');
    const p = a.progress;
    bar.hidden = state.kind !== 'building' || !p;
    if (p) {
      bar.max = Math.max(1, p.bytes_total || p.files_total);
      bar.value = p.bytes_total ? p.bytes_done : p.files_done;
    }

    const builds = [...(a.builds ?? [])].sort((x, y) => (y.requested_at ?? '').localeCompare(x.requested_at ?? ''));
    byId('builds-body').replaceChildren(
      ...(builds.length
        ? builds.map((b) =>
            h(
              'tr',
              {},
              h('td', { text: formatDateTime(b.requested_at) }),
              h('td', { class: 'hide-narrow', text: formatDateTime(b.started_at) }),
              h('td', { text: formatDateTime(b.finished_at) }),
              h('td', { text: b.outcome ?? (b.finished_at ? '' : 'in progress') }),
              h('td', { class: 'num', text: b.files == null ? '' : formatCount(b.files) }),
              h('td', { class: 'num', text: formatBytes(b.bytes) }),
              h('td', { class: 'num', text: formatDuration(b.seconds) }),
              h('td', { text: b.source ?? '' }),
            ),
          )
        : [h('tr', {}, h('td', { colspan: 8, class: 'muted', text: 'No builds yet.' }))]),
    );
  }

  private renderAccess(): void {
    const list = byId('access-list');
    const albumId = this.selected;
    if (!albumId) return;
    const granted = this.users.filter((u) => u.albums?.includes(albumId));
    list.replaceChildren(
      ...(granted.length
        ? granted.map((u) =>
            h(
              'li',
              {},
              h('span', {}, h('strong', { text: u.name || u.email }), u.name ? h('span', { class: 'muted', text: ` ${u.email}` }) : null),
              h('button', {
                type: 'button',
                class: 'btn btn-danger btn-small',
                'aria-label': `Revoke access for ${u.email}`,
                text: 'Revoke',
                onclick: () => void this.revoke(albumId, u.email),
              }),
            ),
          )
        : [h('li', { class: 'muted', text: 'No client can see this album yet.' })]),
    );
  }

  private async revoke(albumId: string, email: string): Promise<void> {
    const message = byId('grant-message');
    try {
      await this.api.revoke(albumId, email);
      say(message, `${email} can no longer see “${this.nameOf(albumId)}”.`, 'success');
      await this.reloadUsers();
    } catch (error) {
      say(message, messageOf(error));
    }
  }

  // ---- Clients ------------------------------------------------------------------------

  private renderUsers(): void {
    const body = byId('clients-body');
    body.replaceChildren(
      ...(this.users.length
        ? this.users.map((u) =>
            h(
              'tr',
              {},
              h('td', { text: u.email }),
              h('td', { text: u.name }),
              h('td', { text: (u.albums ?? []).map((id) => this.nameOf(id)).join(', ') || '—' }),
            ),
          )
        : [h('tr', {}, h('td', { colspan: 3, class: 'muted', text: 'No clients yet.' }))]),
    );
    byId('client-emails').replaceChildren(...this.users.map((u) => h('option', { value: u.email })));
    this.renderAccess();
  }

  private async reloadUsers(): Promise<void> {
    try {
      this.users = await this.api.users();
      this.renderUsers();
    } catch (error) {
      say(byId('clients-message'), messageOf(error));
    }
  }

  private wireClients(): void {
    const form = byId<HTMLFormElement>('client-form');
    const email = byId<HTMLInputElement>('client-email');
    const name = byId<HTMLInputElement>('client-name');
    const message = byId('client-message');
    const submit = byId<HTMLButtonElement>('client-submit');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const address = email.value.trim().toLowerCase();
      const problem = emailProblem(address);
      if (problem) {
        email.focus();
        return say(message, problem);
      }
      if (!name.value.trim()) {
        name.focus();
        return say(message, 'Enter the client’s name.');
      }
      submit.disabled = true;
      try {
        await this.api.createUser(address, name.value.trim());
        say(message, `Client ${address} created. Grant them an album above.`, 'success');
        form.reset();
        await this.reloadUsers();
      } catch (error) {
        const text =
          error instanceof ApiError && error.kind === 'conflict' ? `A client with the email ${address} already exists.` : messageOf(error);
        say(message, text);
      } finally {
        submit.disabled = false;
      }
    });
  }
}

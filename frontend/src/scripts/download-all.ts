// "Download All" and "Download favourites": ready → the download starts at once; otherwise live
// progress that polls with back-off, survives a reload and starts the download by itself when
// ready. Both archives go through the same request, poll and progress (one panel, one at a time),
// in the sizes the viewer may download: a choice of two, one size without a choice, none for view only.

import { ApiError, messageOf, type Api, type ArchiveSelection } from '../lib/api';
import {
  DOWNLOAD_ALL,
  buildingParts,
  describe,
  isSettled,
  progressKey,
  samePart,
  type DownloadView,
  type PartLine,
} from '../lib/download';
import { formatBytes, plural } from '../lib/format';
import { Backoff, pollUntil } from '../lib/poll';
import { SIZE_NAMES, linkState, sizesAllowed } from '../lib/sharing';
import type { AlbumDetail, PhotoSize } from '../lib/types';
import { tokenStorage } from '../lib/auth/storage';
import { byId, h, say, startDownload } from './dom';

/** The in-flight request per album, so a reload resumes watching (see signOut for cleanup). */
const keyOf = (albumId: string) => `ca.download.${albumId}`;
/** A remembered request older than this is dropped: the person has moved on. */
const RESUME_FOR_MS = 6 * 60 * 60 * 1000;

export interface DownloadAllOptions {
  /** A refusal the page takes over (see AlbumViewOptions). */
  onRefused?: (error: unknown) => boolean;
  /**
   * Whether the page may ask for the archive just to show its size on the button. Not for a
   * guest: a share link's download limit counts every ready answer handed to a guest.
   */
  sizeOnButton?: boolean;
}

interface Saved {
  since?: number;
  size?: PhotoSize;
  selection?: ArchiveSelection;
}

export const DOWNLOAD_FAVOURITES = 'Download favourites';

/** What the album view tells the download panel as the viewer's favourites change. */
export interface ArchiveDownloads {
  /** The favourites' count: "Download favourites" is offered with one or more. */
  favouritesChanged(count: number): void;
}

export function setupDownloadAll(api: Api, album: AlbumDetail, options: DownloadAllOptions = {}): ArchiveDownloads {
  const sizes = sizesAllowed(album.downloads);
  if (sizes.length === 0) return { favouritesChanged: () => {} }; // view only: no panel at all
  const panel = byId('download-panel');
  const choice = byId<HTMLFieldSetElement>('download-sizes');
  const note = byId('download-size-note');
  const button = byId<HTMLButtonElement>('download-all');
  const favouritesButton = byId<HTMLButtonElement>('download-favourites');
  const progress = byId('download-progress');
  const text = byId('download-text');
  const bar = byId<HTMLProgressElement>('download-bar');
  const eta = byId('download-eta');
  const message = byId('download-message');
  const retry = byId<HTMLButtonElement>('download-retry');
  const partsList = byId('download-parts');
  const storage = tokenStorage();
  const key = keyOf(album.album_id);
  let running: AbortController | null = null;
  let size: PhotoSize = sizes[0];
  /** The archive of the last request: Retry and "start it again" ask for it again. */
  let selection: ArchiveSelection = 'all';
  let favourites = 0;

  panel.hidden = false;
  choice.hidden = sizes.length < 2;
  const webPx = album.web_size_px ? ` (up to ${album.web_size_px.toLocaleString('en-US')} px)` : '';
  // One size only: say which when it is not the originals people expect.
  note.hidden = !(sizes.length === 1 && size === 'web');
  note.textContent = note.hidden ? '' : `${SIZE_NAMES.web}${webPx}`;
  const radios = [...choice.querySelectorAll<HTMLInputElement>('input[name="download-size"]')];
  for (const radio of radios) {
    radio.checked = radio.value === size;
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      size = radio.value as PhotoSize;
      button.textContent = DOWNLOAD_ALL;
      reset();
      learnLabel();
    });
  }
  // As the server names them (ArchiveNames): the name a browser keeps if the link's own is lost.
  const zipName = (s: PhotoSize) =>
    `${album.name || album.album_id}${selection === 'favourites' ? ' - Favourites' : ''}${s === 'web' ? ' (web size)' : ''}.zip`;
  /** Photos in the archive asked for, for "0 of M" before the build reports its totals. */
  const photoCount = () => (selection === 'favourites' ? favourites : album.photo_count);

  function reset(): void {
    progress.hidden = true;
    retry.hidden = true;
    partsList.hidden = true;
    say(message, '');
  }

  function render(view: DownloadView): void {
    if (view.kind === 'preparing') {
      progress.hidden = false;
      text.textContent = view.text;
      bar.max = view.max;
      bar.value = view.value;
      eta.textContent = view.eta;
      eta.hidden = !view.eta;
    }
  }

  /** A build in parts: each part with its own bar (parts finish in any order, several at once). */
  function renderParts(lines: PartLine[]): void {
    partsList.hidden = lines.length === 0;
    partsList.replaceChildren(
      ...lines.map((line) =>
        h(
          'li',
          { class: 'part-progress', 'data-ready': String(line.ready) },
          h('span', { text: line.name }),
          h('span', { class: 'muted', text: line.detail }),
          h('progress', { max: String(line.max), value: String(line.value), 'aria-label': `${line.name} progress` }),
        ),
      ),
    );
  }

  function finishReady(view: Extract<DownloadView, { kind: 'ready' }>): void {
    reset();
    // The parts' links in hand are used while they have a minute left: asking again would count
    // against a share link's download limit once per part (one Download All is one download).
    const freshUntil = Date.now() + Math.max(0, view.expiresIn - 60) * 1000;
    if (selection === 'all') button.textContent = view.label;
    if (view.parts.length > 1) {
      // Several files: browsers block a burst of automatic downloads, so list them.
      // Each part is a button, not the link in hand: links live minutes, so a click asks for a fresh one.
      partsList.replaceChildren(
        ...view.parts.map((part, i) =>
          h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'part-link',
                onclick: () =>
                  Date.now() < freshUntil ? startDownload(part.download_url, part.name || '') : void downloadPart(part.name),
              },
              h('span', { text: part.name || `Part ${i + 1}` }),
              h('span', { class: 'muted', text: `${formatBytes(part.size)} · ${plural(part.file_count ?? 0, 'photo')}` }),
            ),
          ),
        ),
      );
      partsList.hidden = false;
      const what = selection === 'favourites' ? 'Your favourites come' : 'This album comes';
      say(message, `${what} in ${view.parts.length} parts. Download each one:`, 'info');
      return;
    }
    if (!view.url) return;
    startDownload(view.url, zipName(size));
    // Not the link in hand: it lives minutes, and a person who comes back to this later
    // (or whose download broke off) needs a fresh one, which asking again gives.
    message.replaceChildren(
      `Your download has started${view.size ? ` (${view.size})` : ''}. If it doesn't, or it stops, `,
      h('button', { type: 'button', class: 'link-button', onclick: () => void run(selection), text: 'start it again' }),
      '.',
    );
    message.hidden = false;
    message.dataset.tone = 'success';
  }

  /**
   * One part of a split archive, from a link asked for now; if the archive changed meanwhile (no
   * part of that name: the album was rebuilt, perhaps into another number of parts), the whole flow again.
   */
  async function downloadPart(name: string): Promise<void> {
    try {
      const part = samePart(await api.download(album.album_id, undefined, size, selection), name);
      if (!part) return void run(selection);
      startDownload(part.download_url, part.name || '');
    } catch (error) {
      if (options.onRefused?.(error)) return;
      if (error instanceof ApiError && error.kind === 'unauthorized') return; // on the way to sign-in
      fail(failure(error));
    }
  }

  /** What went wrong, in this page's words for a link with no downloads left. */
  function failure(error: unknown): string {
    if (error instanceof ApiError && error.code === 'DOWNLOAD_LIMIT_REACHED') {
      const state = linkState(error);
      if (state.kind === 'closed') return `${state.title}. ${state.message}`;
    }
    return messageOf(error);
  }

  function fail(text: string): void {
    reset();
    say(message, text);
    retry.hidden = false;
    button.textContent = DOWNLOAD_ALL;
  }

  function setBusy(busy: boolean): void {
    button.disabled = busy;
    favouritesButton.disabled = busy;
    for (const radio of radios) radio.disabled = busy;
  }

  async function run(which: ArchiveSelection): Promise<void> {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    selection = which;
    reset();
    setBusy(true);
    storage.setItem(key, JSON.stringify({ since: Date.now(), size, selection } satisfies Saved));
    render(describe({ album_id: album.album_id, download_url: null, status: 'pending' }, photoCount()));
    let offline = false;
    try {
      const answer = await pollUntil({
        check: () => api.download(album.album_id, controller.signal, size, which),
        isDone: isSettled,
        progressKey,
        backoff: new Backoff({ initialMs: 1000, factor: 1.5, maxMs: 10_000 }),
        signal: controller.signal,
        onUpdate: (r) => {
          if (offline) say(message, '');
          offline = false;
          render(describe(r, photoCount()));
          renderParts(buildingParts(r.progress));
        },
        // A phone dropping its connection should not lose the wait: keep polling.
        onError: (error) => {
          if (!(error instanceof ApiError) || error.kind !== 'network') return false;
          offline = true;
          say(message, "Can't reach the server right now. Still trying…", 'info');
          return true;
        },
      });
      if (!answer) return; // aborted
      storage.removeItem(key);
      const view = describe(answer, photoCount());
      if (view.kind === 'ready') finishReady(view);
      else if (view.kind === 'error') fail(view.message);
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') return;
      storage.removeItem(key);
      if (options.onRefused?.(error)) return;
      if (error instanceof ApiError && error.kind === 'unauthorized') return; // on the way to sign-in
      fail(failure(error));
    } finally {
      if (running === controller) {
        running = null;
        setBusy(false);
      }
    }
  }

  button.addEventListener('click', () => void run('all'));
  favouritesButton.addEventListener('click', () => void run('favourites'));
  retry.addEventListener('click', () => void run(selection));

  /** The button's label with the chosen size's archive size, when it is ready. */
  function learnLabel(): void {
    if (options.sizeOnButton === false) return;
    const asked = size;
    api
      .download(album.album_id, undefined, asked)
      .then((r) => {
        const view = describe(r, album.photo_count);
        if (!running && asked === size && view.kind === 'ready') button.textContent = view.label;
      })
      .catch(() => {
        // Only the label's size is lost; a click will report any real problem.
      });
  }

  // Resume a request made before a reload (in the size it was made for); otherwise just learn the size for the label.
  const saved = (() => {
    try {
      return JSON.parse(storage.getItem(key) ?? 'null') as Saved | null;
    } catch {
      return null;
    }
  })();
  if (saved && typeof saved.since === 'number' && Date.now() - saved.since < RESUME_FOR_MS) {
    if (saved.size && sizes.includes(saved.size)) size = saved.size;
    for (const radio of radios) radio.checked = radio.value === size;
    void run(saved.selection === 'favourites' ? 'favourites' : 'all');
  } else {
    storage.removeItem(key);
    learnLabel();
  }

  return {
    favouritesChanged(count: number): void {
      favourites = count;
      favouritesButton.hidden = count === 0;
    },
  };
}

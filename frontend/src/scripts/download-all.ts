// "Download All": ready → the download starts at once; otherwise live progress that
// polls with back-off, survives a reload and starts the download by itself when ready.

import { ApiError, messageOf, type Api } from '../lib/api';
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
import type { AlbumDetail } from '../lib/types';
import { tokenStorage } from '../lib/auth/storage';
import { byId, h, say, startDownload } from './dom';

/** The in-flight request per album, so a reload resumes watching (see signOut for cleanup). */
const keyOf = (albumId: string) => `ca.download.${albumId}`;
/** A remembered request older than this is dropped: the person has moved on. */
const RESUME_FOR_MS = 6 * 60 * 60 * 1000;

export function setupDownloadAll(api: Api, album: AlbumDetail): void {
  const panel = byId('download-panel');
  const button = byId<HTMLButtonElement>('download-all');
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

  panel.hidden = false;

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
    button.textContent = view.label;
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
              { type: 'button', class: 'part-link', onclick: () => void downloadPart(part.name) },
              h('span', { text: part.name || `Part ${i + 1}` }),
              h('span', { class: 'muted', text: `${formatBytes(part.size)} · ${plural(part.file_count ?? 0, 'photo')}` }),
            ),
          ),
        ),
      );
      partsList.hidden = false;
      say(message, `This album comes in ${view.parts.length} parts. Download each one:`, 'info');
      return;
    }
    if (!view.url) return;
    startDownload(view.url, `${album.name || album.album_id}.zip`);
    // Not the link in hand: it lives minutes, and a person who comes back to this later
    // (or whose download broke off) needs a fresh one, which asking again gives.
    message.replaceChildren(
      `Your download has started${view.size ? ` (${view.size})` : ''}. If it doesn't, or it stops, `,
      h('button', { type: 'button', class: 'link-button', onclick: () => void run(), text: 'start it again' }),
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
      const part = samePart(await api.download(album.album_id), name);
      if (!part) return void run();
      startDownload(part.download_url, part.name || '');
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'unauthorized') return; // on the way to sign-in
      fail(messageOf(error));
    }
  }

  function fail(text: string): void {
    reset();
    say(message, text);
    retry.hidden = false;
    button.textContent = DOWNLOAD_ALL;
  }

  async function run(): Promise<void> {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    reset();
    button.disabled = true;
    storage.setItem(key, JSON.stringify({ since: Date.now() }));
    render(describe({ album_id: album.album_id, download_url: null, status: 'pending' }, album.photo_count));
    let offline = false;
    try {
      const answer = await pollUntil({
        check: () => api.download(album.album_id, controller.signal),
        isDone: isSettled,
        progressKey,
        backoff: new Backoff({ initialMs: 1000, factor: 1.5, maxMs: 10_000 }),
        signal: controller.signal,
        onUpdate: (r) => {
          if (offline) say(message, '');
          offline = false;
          render(describe(r, album.photo_count));
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
      const view = describe(answer, album.photo_count);
      if (view.kind === 'ready') finishReady(view);
      else if (view.kind === 'error') fail(view.message);
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') return;
      storage.removeItem(key);
      if (error instanceof ApiError && error.kind === 'unauthorized') return; // on the way to sign-in
      fail(messageOf(error));
    } finally {
      if (running === controller) {
        running = null;
        button.disabled = false;
      }
    }
  }

  button.addEventListener('click', () => void run());
  retry.addEventListener('click', () => void run());

  // Resume a request made before a reload; otherwise just learn the size for the label.
  const saved = (() => {
    try {
      return JSON.parse(storage.getItem(key) ?? 'null') as { since?: number } | null;
    } catch {
      return null;
    }
  })();
  if (saved && typeof saved.since === 'number' && Date.now() - saved.since < RESUME_FOR_MS) {
    void run();
  } else {
    storage.removeItem(key);
    api
      .download(album.album_id)
      .then((r) => {
        const view = describe(r, album.photo_count);
        if (!running && view.kind === 'ready') button.textContent = view.label;
      })
      .catch(() => {
        // Only the label's size is lost; a click will report any real problem.
      });
  }
}

// The studio's upload box: drag and drop or pick files/folders, then upload them through
// presigned URLs, 4 at a time, retrying failures, with per-file and total progress.

import { ApiError, messageOf, type Api } from '../lib/api';
import { formatBytes, formatCount, plural } from '../lib/format';
import { fileNameOf } from '../lib/photos';
import { prepareFiles, requeueFailed, runQueue, totals, type PickedFile, type UploadItem } from '../lib/upload';
import { byId, h, pathLine, say } from './dom';
import { filesFromDrop, filesFromInput } from './files';
import { xhrPut } from './xhr-put';

interface Row {
  li: HTMLLIElement;
  bar: HTMLProgressElement;
  status: HTMLSpanElement;
}

export function setupUploader(api: Api, currentAlbum: () => string | null, onFinished: (albumId: string) => void): void {
  const zone = byId('dropzone');
  const pickFiles = byId<HTMLInputElement>('pick-files');
  const pickFolder = byId<HTMLInputElement>('pick-folder');
  const summary = byId('upload-summary');
  const total = byId('upload-total');
  const bar = byId<HTMLProgressElement>('upload-bar');
  const message = byId('upload-message');
  const retry = byId<HTMLButtonElement>('upload-retry');
  const list = byId('upload-list');

  let items: UploadItem[] = [];
  let rows = new Map<UploadItem, Row>();
  let albumId = '';
  let busy = false;
  let frame = 0;

  function statusText(item: UploadItem): string {
    switch (item.state) {
      case 'queued':
        return 'waiting';
      case 'uploading':
        return item.size ? `${Math.floor((item.loaded / item.size) * 100)} %` : 'sending';
      case 'retrying':
        return `retrying (${item.attempts} of 3)…`;
      case 'done':
        return 'done';
      case 'failed':
        return 'failed';
    }
  }

  // Progress events come fast; paint at most once a frame.
  function paint(): void {
    frame = 0;
    for (const [item, row] of rows) {
      row.li.dataset.state = item.state;
      row.bar.value = item.state === 'done' ? 1 : item.size ? item.loaded / item.size : 0;
      row.status.textContent = statusText(item);
      row.li.title = item.error;
    }
    const t = totals(items);
    bar.max = Math.max(1, t.bytes);
    bar.value = t.bytesDone;
    total.textContent = `Uploaded ${formatCount(t.done)} of ${plural(t.files, 'file')} · ${formatBytes(t.bytesDone)} of ${formatBytes(t.bytes)}`;
  }
  const schedulePaint = () => (frame ||= requestAnimationFrame(paint));

  function show(newItems: UploadItem[]): void {
    items = newItems;
    rows = new Map();
    list.replaceChildren(
      ...items.map((item) => {
        const row: Row = {
          li: h('li', { 'data-state': item.state }),
          bar: h('progress', { max: 1, value: 0, 'aria-label': `Upload progress of ${item.path}` }),
          status: h('span', { class: 'status' }),
        };
        const path = pathLine(item.path);
        path.classList.add('path');
        row.li.append(path, row.bar, row.status);
        rows.set(item, row);
        return row.li;
      }),
    );
    list.hidden = items.length === 0;
    summary.hidden = false;
    paint();
  }

  async function run(): Promise<void> {
    busy = true;
    retry.hidden = true;
    say(message, '');
    const guard = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', guard);
    try {
      const t = await runQueue(items, {
        presign: (files) => api.presignUploads(albumId, files),
        put: xhrPut,
        // Signed out, album gone, not allowed: retrying each file would not help.
        isFatal: (e) => e instanceof ApiError && ['unauthorized', 'forbidden', 'not_found', 'invalid'].includes(e.kind),
        messageOf,
        onChange: schedulePaint,
        concurrency: 4,
        maxRetries: 3,
      });
      paint();
      if (t.failed === 0) {
        say(message, `All ${plural(t.files, 'file')} uploaded. The album's archive is rebuilt automatically.`, 'success');
      } else {
        const why = items.find((i) => i.state === 'failed')?.error;
        say(message, `${formatCount(t.failed)} of ${plural(t.files, 'file')} failed to upload${why ? `: ${why}` : '.'}`);
        retry.hidden = false;
      }
      onFinished(albumId);
    } finally {
      busy = false;
      window.removeEventListener('beforeunload', guard);
    }
  }

  function accept(picked: PickedFile[]): void {
    const id = currentAlbum();
    if (!id) return say(message, 'Choose an album first.');
    if (busy) {
      summary.hidden = false;
      return say(message, 'An upload is still running. Add more files when it has finished.');
    }
    const { items: prepared, skipped, notAccepted, refused } = prepareFiles(picked, id);
    // Named, so the photographer sees a stray SVG or page was not sent rather than lost.
    const notAcceptedNote =
      notAccepted.length === 0
        ? ''
        : ` ${plural(notAccepted.length, 'file')} left out (${notAccepted.slice(0, 3).map(fileNameOf).join(', ')}${notAccepted.length > 3 ? ', …' : ''}): ` +
          'only photos, camera RAW, video and PDF files can be uploaded.';
    if (prepared.length === 0) {
      summary.hidden = false;
      return say(message, `No photos found in what you chose (hidden and system files are left out).${notAcceptedNote}`);
    }
    if (refused.length > 0) {
      // Refused before anything is sent: a half-uploaded album is worse than none.
      summary.hidden = false;
      const first = refused[0];
      const more = refused.length > 1 ? ` (and ${plural(refused.length - 1, 'more file')})` : '';
      return say(message, `Cannot upload ${first.path}${more}: ${first.problem}. Rename it and choose again. Nothing was uploaded.`);
    }
    albumId = id;
    show(prepared);
    const skippedNote = skipped ? `${plural(skipped, 'hidden or system file')} left out.` : '';
    if (skipped || notAcceptedNote) say(message, `${skippedNote}${notAcceptedNote}`.trim(), 'info');
    void run();
  }

  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    zone.classList.add('is-over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('is-over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('is-over');
    if (!event.dataTransfer) return;
    filesFromDrop(event.dataTransfer).then(accept, (error) => say(message, `Could not read the dropped files: ${messageOf(error)}`));
  });
  // A drop that misses the box must not make the browser open the photo instead.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());

  for (const input of [pickFiles, pickFolder]) {
    input.addEventListener('change', () => {
      accept(filesFromInput(input));
      input.value = ''; // picking the same folder again must fire "change" again
    });
  }

  retry.addEventListener('click', () => {
    if (busy || requeueFailed(items) === 0) return;
    paint();
    void run();
  });
}


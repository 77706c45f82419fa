// One album's archive: the album chooser, its state line and progress, the rebuild button and
// the history of its builds.

import { messageOf } from '../../lib/api';
import { formatBytes, formatCount, formatDateTime, formatDuration, formatEta } from '../../lib/format';
import { archiveParts, archiveState } from '../../lib/studio';
import type { AdminArchive, Build } from '../../lib/types';
import { byId, h, say } from '../dom';
import type { StudioContext } from './context';

export interface ArchivePanel {
  /** Shows the album's panel, its archive unknown until {@link load} answers. */
  open(albumId: string, focus: boolean): void;
  load(): Promise<void>;
  /** The album chooser's options, from the albums list. */
  renderChoices(): void;
  archive(): AdminArchive | null;
}

function buildRow(b: Build): HTMLTableRowElement {
  return h(
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
  );
}

export function setupArchivePanel(ctx: StudioContext): ArchivePanel {
  const detail = byId('detail');
  const heading = byId('detail-heading');
  const choose = byId<HTMLSelectElement>('detail-select');
  const line = byId('archive-state');
  const bar = byId<HTMLProgressElement>('archive-bar');
  const partsList = byId('archive-parts');
  const rebuild = byId<HTMLButtonElement>('rebuild');
  const message = byId('archive-message');
  const buildsBody = byId('builds-body');
  let archive: AdminArchive | null = null;

  choose.addEventListener('change', () => void ctx.select(choose.value));
  rebuild.addEventListener('click', async () => {
    const albumId = ctx.selected();
    if (!albumId) return;
    rebuild.disabled = true;
    try {
      await ctx.api.rebuild(albumId);
      say(message, 'Rebuild requested. The archive is being built again.', 'success');
      void ctx.watch();
    } catch (error) {
      say(message, messageOf(error));
    } finally {
      rebuild.disabled = false;
    }
  });

  function render(): void {
    const a = archive;
    const album = ctx.albums().find((x) => x.album_id === ctx.selected());
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
    line.replaceChildren(h('span', { class: 'state', 'data-state': state.kind, text: bits.join(' · ') }));
    if (state.detail) line.append(h('span', { class: state.kind === 'error' ? 'state-detail' : 'muted', text: ` ${state.detail}` }));
    const p = a.progress;
    bar.hidden = state.kind !== 'building' || !p;
    if (p) {
      bar.max = Math.max(1, p.bytes_total || p.files_total);
      bar.value = p.bytes_total ? p.bytes_done : p.files_done;
    }
    const parts = archiveParts(a);
    partsList.hidden = parts.length === 0;
    partsList.replaceChildren(
      ...parts.map((part) =>
        h(
          'li',
          { class: 'part-progress', 'data-ready': String(part.ready) },
          h('span', { text: part.name }),
          h('span', { class: 'muted', text: part.detail }),
          state.kind === 'building' && h('progress', { max: String(part.max), value: String(part.value), 'aria-label': `${part.name} progress` }),
        ),
      ),
    );
    const builds = [...(a.builds ?? [])].sort((x, y) => (y.requested_at ?? '').localeCompare(x.requested_at ?? ''));
    buildsBody.replaceChildren(
      ...(builds.length ? builds.map(buildRow) : [h('tr', {}, h('td', { colspan: 8, class: 'muted', text: 'No builds yet.' }))]),
    );
  }

  return {
    open(albumId, focus) {
      archive = null;
      detail.hidden = false;
      heading.textContent = ctx.nameOf(albumId);
      choose.value = albumId;
      say(message, '');
      if (focus) detail.scrollIntoView({ behavior: 'smooth', block: 'start' });
    },
    async load() {
      const albumId = ctx.selected();
      if (!albumId) return;
      try {
        const answer = await ctx.api.archive(albumId);
        if (albumId !== ctx.selected()) return;
        archive = answer;
        render();
      } catch (error) {
        if (albumId === ctx.selected()) say(message, messageOf(error));
      }
    },
    renderChoices() {
      choose.replaceChildren(...ctx.albums().map((a) => h('option', { value: a.album_id, text: `${a.name} (${a.album_id})` })));
      const selected = ctx.selected();
      if (selected) choose.value = selected;
    },
    archive: () => archive,
  };
}

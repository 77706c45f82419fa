// The albums table: each album's photos, archive state, size and date, with its Manage button.

import { formatCount, formatDate } from '../../lib/format';
import { archiveSize, archiveState } from '../../lib/studio';
import type { AdminAlbum } from '../../lib/types';
import { byId, h, say } from '../dom';
import type { StudioContext } from './context';

export interface AlbumsPanel {
  render(): void;
  highlight(albumId: string): void;
  say(text: string): void;
}

export function setupAlbumsPanel(ctx: StudioContext): AlbumsPanel {
  const body = byId('albums-body');
  const message = byId('albums-message');
  byId('albums-refresh').addEventListener('click', () => void ctx.refresh());

  function row(a: AdminAlbum): HTMLTableRowElement {
    const state = archiveState(a);
    return h(
      'tr',
      { 'data-album-id': a.album_id, class: a.album_id === ctx.selected() ? 'is-selected' : null },
      h('td', {}, h('strong', { text: a.name }), h('div', { class: 'muted', text: a.album_id })),
      h('td', { class: 'num', text: formatCount(a.photo_count ?? 0) }),
      h(
        'td',
        {},
        h('span', { class: 'state', 'data-state': state.kind, title: state.detail, text: state.label }),
        state.kind === 'error' ? h('span', { class: 'state-detail', text: state.detail }) : null,
      ),
      // On a phone the size is in the album's archive line instead (archive-panel.ts).
      h('td', { class: 'num hide-narrow', text: archiveSize(a) }),
      h('td', { class: 'hide-narrow', text: formatDate(a.created_at) }),
      h(
        'td',
        {},
        h('button', {
          type: 'button',
          class: 'btn btn-secondary btn-small',
          'aria-label': `Manage ${a.name || a.album_id}`,
          text: 'Manage',
          onclick: () => void ctx.select(a.album_id, true),
        }),
      ),
    );
  }

  return {
    render() {
      const albums = ctx.albums();
      if (albums.length === 0) {
        body.replaceChildren(h('tr', {}, h('td', { colspan: 6, class: 'muted', text: 'No albums yet. Register the first one below.' })));
      } else {
        body.replaceChildren(...albums.map(row));
      }
    },
    highlight(albumId) {
      for (const tr of body.querySelectorAll<HTMLTableRowElement>('tr[data-album-id]')) {
        tr.classList.toggle('is-selected', tr.dataset.albumId === albumId);
      }
    },
    say: (text) => say(message, text),
  };
}

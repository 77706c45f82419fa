// Everyone's favourites of the album: per person who they are, how many they chose (against the
// album's limit), whether they sent their selection (and reopening it), thumbnails of the picks,
// their file names copied for Lightroom Classic, Capture One or as a plain list, and CSV exports.

import { messageOf } from '../../lib/api';
import {
  NAMES_FORMATS,
  NAMES_FORMAT_INFO,
  copiedNames,
  copiedNote,
  countLabel,
  csvFileName,
  favouritesCsv,
  kindLabel,
  submittedLabel,
  termsLabel,
  type NamesFormat,
} from '../../lib/favourites';
import { formatDateTime } from '../../lib/format';
import { FreshLinks, albumLinks, imageKey } from '../../lib/fresh-links';
import type { AlbumFavourites, PersonFavourites } from '../../lib/types';
import { byId, h, say } from '../dom';
import type { StudioContext } from './context';

export interface FavouritesPanel {
  /** A newly chosen album: its people's favourites, nothing of the last album's. */
  open(albumId: string): Promise<void>;
  /** The same album's favourites again, with fresh image links. */
  reload(): Promise<void>;
}

export function setupFavouritesPanel(ctx: StudioContext): FavouritesPanel {
  const list = byId('favourites-list');
  const terms = byId('favourites-terms');
  const message = byId('favourites-message');
  const exportAll = byId<HTMLAnchorElement>('export-all-csv');
  const refresh = byId<HTMLButtonElement>('favourites-refresh');

  let favourites: AlbumFavourites | null = null;
  let links: FreshLinks | null = null;
  /** Every photo of the album, for what a filter would find besides the chosen ones. */
  let albumPaths: string[] = [];
  /** The CSV blobs' URLs, revoked when the list is drawn again so they do not pile up. */
  let csvUrls: string[] = [];

  async function load(albumId: string, fresh: boolean): Promise<void> {
    refresh.disabled = true;
    try {
      const [answer, detail] = await Promise.all([ctx.api.albumFavourites(albumId), ctx.albumDetail(albumId, fresh)]);
      if (albumId !== ctx.selected()) return;
      favourites = answer;
      albumPaths = (detail.photos ?? []).map((p) => p.path);
      links = new FreshLinks(albumLinks(detail), { reload: async () => albumLinks(await ctx.albumDetail(albumId, true)) });
      say(message, '');
      render(albumId);
    } catch (error) {
      if (albumId === ctx.selected()) say(message, messageOf(error));
    } finally {
      refresh.disabled = false;
    }
  }

  function render(albumId: string): void {
    for (const url of csvUrls) URL.revokeObjectURL(url);
    csvUrls = [];
    const people = favourites?.people ?? [];
    terms.textContent = termsLabel(favourites?.limit, favourites?.due);
    exportAll.hidden = people.length === 0;
    if (people.length) setCsv(exportAll, people, csvFileName(albumId));
    list.replaceChildren(
      ...(people.length
        ? people.map((person) => row(albumId, person))
        : [h('li', { class: 'muted', text: 'No favourites yet. When a client or a guest hearts photos, they appear here.' })]),
    );
  }

  /** Points a link at a CSV of these people, made in the browser (a Blob URL with a file name). */
  function setCsv(link: HTMLAnchorElement, people: PersonFavourites[], fileName: string): void {
    const url = URL.createObjectURL(new Blob([favouritesCsv(people)], { type: 'text/csv;charset=utf-8' }));
    csvUrls.push(url);
    link.href = url;
    link.download = fileName;
  }

  function row(albumId: string, person: PersonFavourites): HTMLLIElement {
    const sent = submittedLabel(person.submitted_at);
    const copied = h('textarea', {
      class: 'copied-names',
      readonly: true,
      rows: 3,
      spellcheck: 'false',
      'aria-label': `Copied file names of ${person.name}`,
    });
    copied.hidden = true;
    const note = h('p', { class: 'copied-note hint', 'aria-live': 'polite' });
    note.hidden = true;
    const csv = h('a', { class: 'export-csv btn btn-quiet btn-small', 'aria-label': `Export CSV of the favourites of ${person.name}`, text: 'Export CSV' });
    setCsv(csv, [person], csvFileName(albumId, person));
    return h(
      'li',
      { class: 'person-favourites', 'data-person-id': person.person_id, 'aria-label': person.name },
      h(
        'div',
        { class: 'person-head' },
        h(
          'div',
          { class: 'person-who' },
          h('strong', { class: 'person-name', text: person.name }),
          person.email ? h('span', { class: 'person-email muted', text: person.email }) : null,
          h('span', { class: 'person-kind muted', text: kindLabel(person) }),
        ),
        h(
          'div',
          { class: 'person-state' },
          h('span', { class: 'favourite-count', text: countLabel(person.count, favourites?.limit) }),
          sent ? h('span', { class: 'selection-submitted', title: formatDateTime(person.submitted_at), text: sent }) : null,
          sent
            ? h('button', {
                type: 'button',
                class: 'reopen-selection btn btn-secondary btn-small',
                'aria-label': `Reopen the selection of ${person.name}`,
                text: 'Reopen',
                onclick: (event: Event) => void reopen(albumId, person, event.currentTarget as HTMLButtonElement),
              })
            : null,
        ),
      ),
      h('ul', { class: 'favourite-thumbs', 'aria-label': `Favourites of ${person.name}` }, ...person.paths.map((path) => h('li', {}, thumb(path)))),
      h(
        'div',
        { class: 'copy-names-row' },
        h('span', { class: 'muted', text: 'Copy file names for' }),
        ...NAMES_FORMATS.map((format) =>
          h('button', {
            type: 'button',
            class: 'copy-names btn btn-secondary btn-small',
            'data-format': format,
            'aria-label': `Copy the file names of ${person.name} for ${NAMES_FORMAT_INFO[format].button}`,
            text: NAMES_FORMAT_INFO[format].button,
            onclick: () => void copy(person, format, copied, note),
          }),
        ),
        csv,
      ),
      copied,
      note,
    );
  }

  /** A thumbnail of a pick: its link renewed once if it expired, a placeholder box if there is none. */
  function thumb(path: string): HTMLImageElement {
    const img = h('img', { class: 'favourite-thumb', alt: path, title: path, loading: 'lazy', decoding: 'async' });
    const key = [imageKey('thumb', path), imageKey('preview', path)].find((k) => links?.get(k));
    if (!key || !links) {
      img.classList.add('is-missing');
      return img;
    }
    const table = links;
    let tried = table.get(key)!;
    img.addEventListener('error', async function retry() {
      img.removeEventListener('error', retry);
      const next = await table.renew(key, tried);
      if (!next) return img.classList.add('is-missing');
      tried = next;
      img.addEventListener('error', () => img.classList.add('is-missing'), { once: true });
      img.src = next;
    });
    img.src = tried;
    return img;
  }

  /** The text goes on the clipboard when the browser lets it, and always in the box below, to check or copy by hand. */
  async function copy(person: PersonFavourites, format: NamesFormat, box: HTMLTextAreaElement, note: HTMLElement): Promise<void> {
    const names = copiedNames(person.paths, format, albumPaths);
    box.value = names.text;
    box.hidden = false;
    box.dataset.format = format;
    let onClipboard = false;
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(names.text);
        onClipboard = true;
      }
    } catch {
      // No clipboard permission (an http: page, an old browser): the text is in the box.
    }
    note.textContent = copiedNote(names, format, onClipboard);
    note.hidden = false;
    if (!onClipboard) {
      box.focus();
      box.select();
    }
  }

  async function reopen(albumId: string, person: PersonFavourites, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const reopened = await ctx.api.reopenSelection(albumId, person.person_id);
      if (albumId !== ctx.selected() || !favourites) return;
      favourites = { ...favourites, people: favourites.people.map((p) => (p.person_id === reopened.person_id ? reopened : p)) };
      render(albumId);
      say(message, `${person.name} can change their selection again, and send it when it is ready.`, 'success');
    } catch (error) {
      button.disabled = false;
      say(message, messageOf(error));
    }
  }

  refresh.addEventListener('click', () => {
    const albumId = ctx.selected();
    if (albumId) void load(albumId, true);
  });

  return {
    async open(albumId) {
      favourites = null;
      links = null;
      albumPaths = [];
      say(message, '');
      terms.textContent = '';
      exportAll.hidden = true;
      list.replaceChildren(h('li', { class: 'muted', text: 'Loading favourites…' }));
      await load(albumId, false);
    },
    async reload() {
      const albumId = ctx.selected();
      if (albumId) await load(albumId, false);
    },
  };
}

// The viewer's favourites on the album view: the hearts on the tiles and in the viewer, the
// filter and count, the selection status, submitting with a confirm inside the page. Changes show
// at once and go to the server one at a time (each answer is the whole list after that change);
// a refused one is undone with the server's reason.

import { ApiError, type Api } from '../lib/api';
import {
  FavouriteHearts,
  favouriteMessage,
  isStale,
  selectionStatus,
  submitQuestion,
  type PendingChange,
} from '../lib/selection';
import { plural } from '../lib/format';
import type { FavouritesState } from '../lib/types';
import { byId, say } from './dom';

export interface FavouritesOptions {
  /** A refusal the page takes over (see AlbumViewOptions). */
  onRefused?: (error: unknown) => boolean;
  /**
   * A guest without a name: asks for one (the name dialog) and answers true once the session
   * carries a visitor. Absent for a signed-in client, who always has a name.
   */
  askName?: () => Promise<boolean>;
  /** Told whenever the list or the filter changes (the gallery's filter, the download buttons, Save to Photos). */
  onChange: (favourites: Set<string>, filterOn: boolean) => void;
}

export interface FavouritesView {
  /** The viewer shows this photo: its heart follows it. */
  showInViewer(path: string): void;
}

const label = (on: boolean) => (on ? 'Remove from favourites' : 'Add to favourites');

function press(button: HTMLElement, on: boolean): void {
  button.setAttribute('aria-pressed', String(on));
  button.setAttribute('aria-label', label(on));
}

export async function setupFavourites(api: Api, albumId: string, options: FavouritesOptions): Promise<FavouritesView | null> {
  const bar = byId('favourites-bar');
  const gallery = byId('gallery');
  const filter = byId<HTMLButtonElement>('filter-favourites');
  const count = byId('favourites-count');
  const status = byId('selection-status');
  const submit = byId<HTMLButtonElement>('submit-selection');
  const confirmBox = byId('submit-confirm');
  const question = byId('submit-question');
  const confirm = byId<HTMLButtonElement>('submit-selection-confirm');
  const cancel = byId<HTMLButtonElement>('submit-selection-cancel');
  const message = byId('favourites-message');
  const viewerHeart = byId<HTMLButtonElement>('viewer-heart');

  let state: FavouritesState;
  try {
    state = await api.favourites(albumId);
  } catch (error) {
    if (options.onRefused?.(error)) return null;
    // The gallery stays usable without favourites; say why they are missing.
    bar.hidden = false;
    for (const node of bar.querySelectorAll<HTMLElement>('.favourites-row > *')) node.hidden = true;
    say(message, `Favourites are not available right now. ${favouriteMessage(error)}`);
    return null;
  }

  const hearts = new FavouriteHearts(state.paths);
  const tileHearts = () => gallery.querySelectorAll<HTMLButtonElement>('button.heart');
  let filterOn = false;
  let viewerPath = '';
  /** The changes, one request at a time, in the order they were made. */
  let queue: Promise<void> = Promise.resolve();

  function render(): void {
    const shown = hearts.shown();
    for (const button of tileHearts()) {
      press(button, shown.has(button.dataset.path ?? ''));
      button.hidden = false;
    }
    if (viewerPath) press(viewerHeart, shown.has(viewerPath));
    count.textContent = String(shown.size);
    // Hearts show at once; the bar is busy until the server has every change.
    bar.setAttribute('aria-busy', String(hearts.saving));
    // Its name is its visible text ("Favourites 5"), pressed or not: aria-pressed says which.
    filter.setAttribute('aria-pressed', String(filterOn));
    status.textContent = selectionStatus(state, shown.size);
    submit.disabled = shown.size === 0 || !!state.submitted_at;
    submit.textContent = state.submitted_at ? 'Sent' : 'Send to the photographer';
    options.onChange(shown, filterOn);
  }

  async function send(change: PendingChange, retried: boolean): Promise<void> {
    try {
      const answer = await api.setFavourites(albumId, [change.path], change.favourite);
      hearts.settle(change, answer);
      state = answer;
      render();
    } catch (error) {
      if (!retried && error instanceof ApiError && error.code === 'NAME_REQUIRED' && options.askName) {
        // The session lost its visitor (or never had one): ask, then the same change again.
        if (await options.askName()) return send(change, true);
      }
      hearts.settle(change, null);
      render();
      if (options.onRefused?.(error)) return;
      say(message, favouriteMessage(error));
      if (isStale(error)) await refresh();
    }
  }

  /** The list and terms again from the server (after a refusal that says ours are out of date). */
  async function refresh(): Promise<void> {
    try {
      state = await api.favourites(albumId);
      hearts.replace(state.paths);
      render();
    } catch {
      // The message already shown says what went wrong; the next change tries again.
    }
  }

  async function toggle(path: string): Promise<void> {
    say(message, '');
    if (state.needs_name && options.askName) {
      if (!(await options.askName())) return;
      state = { ...state, needs_name: false };
    }
    const change = hearts.begin(path, !hearts.has(path));
    render();
    queue = queue.then(() => send(change, false));
    await queue;
  }

  gallery.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button.heart');
    if (!button?.dataset.path) return;
    event.preventDefault();
    void toggle(button.dataset.path);
  });
  viewerHeart.addEventListener('click', () => {
    if (viewerPath) void toggle(viewerPath);
  });
  filter.addEventListener('click', () => {
    filterOn = !filterOn;
    render();
  });

  submit.addEventListener('click', () => {
    say(message, '');
    question.textContent = submitQuestion(hearts.count);
    confirmBox.hidden = false;
    confirm.focus();
  });
  cancel.addEventListener('click', () => {
    confirmBox.hidden = true;
    submit.focus();
  });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      // Changes still on their way go first: what is sent is what the person sees.
      await queue;
      state = await api.submitFavourites(albumId);
      hearts.replace(state.paths);
      confirmBox.hidden = true;
      render();
      say(message, `Sent. The photographer has your ${plural(state.count, 'photo')}.`, 'success');
    } catch (error) {
      confirmBox.hidden = true;
      if (options.onRefused?.(error)) return;
      say(message, favouriteMessage(error));
      if (isStale(error)) await refresh();
    } finally {
      confirm.disabled = false;
    }
  });

  bar.hidden = false;
  viewerHeart.hidden = false;
  render();
  return {
    showInViewer(path: string): void {
      viewerPath = path;
      press(viewerHeart, hearts.has(path));
    },
  };
}

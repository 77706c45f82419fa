// Registering an album: its name, and an id suggested from the name until the photographer types one.

import { ApiError, messageOf } from '../../lib/api';
import { albumIdProblem, suggestAlbumId } from '../../lib/studio';
import { byId, say } from '../dom';
import type { StudioContext } from './context';

export function setupRegisterPanel(ctx: StudioContext): void {
  const form = byId<HTMLFormElement>('register-form');
  const name = byId<HTMLInputElement>('register-name');
  const id = byId<HTMLInputElement>('register-id');
  const message = byId('register-message');
  const submit = byId<HTMLButtonElement>('register-submit');
  let idEdited = false;
  id.addEventListener('input', () => (idEdited = id.value !== ''));
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
      await ctx.api.registerAlbum(albumId, albumName);
      say(message, `Album “${albumName}” registered. Now upload its photos.`, 'success');
      form.reset();
      idEdited = false;
      await ctx.watch();
      await ctx.select(albumId, true);
    } catch (error) {
      const text =
        error instanceof ApiError && error.kind === 'conflict' ? `An album with the ID “${albumId}” already exists. Choose another ID.` : messageOf(error);
      say(message, text);
    } finally {
      submit.disabled = false;
    }
  });
}

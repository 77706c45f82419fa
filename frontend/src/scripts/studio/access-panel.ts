// Who can see the album being managed: the list with what each may download and Revoke
// buttons, and the grant form.

import { messageOf } from '../../lib/api';
import { DOWNLOADS, DOWNLOADS_NAMES } from '../../lib/sharing';
import { emailProblem } from '../../lib/studio';
import type { Downloads, User } from '../../lib/types';
import { byId, h, say } from '../dom';
import type { StudioContext } from './context';

export interface AccessPanel {
  render(): void;
  /** A newly chosen album: no message from the last one. */
  reset(): void;
}

export function setupAccessPanel(ctx: StudioContext): AccessPanel {
  const list = byId('access-list');
  const form = byId<HTMLFormElement>('grant-form');
  const input = byId<HTMLInputElement>('grant-email');
  const message = byId('grant-message');
  const grantDownloads = byId<HTMLSelectElement>('grant-downloads');

  /** A grant's permission; one the server does not list predates permissions: both sizes. */
  const downloadsOf = (user: User, albumId: string): Downloads =>
    user.grants?.find((g) => g.album_id === albumId)?.downloads ?? 'both';

  async function change(albumId: string, email: string, downloads: Downloads): Promise<void> {
    try {
      // A grant again replaces its permission.
      await ctx.api.grant(albumId, email, downloads);
      say(message, `${email} may now download: ${DOWNLOADS_NAMES[downloads].toLowerCase()}.`, 'success');
      await ctx.reloadUsers();
    } catch (error) {
      say(message, messageOf(error));
    }
  }

  async function revoke(albumId: string, email: string): Promise<void> {
    try {
      await ctx.api.revoke(albumId, email);
      say(message, `${email} can no longer see “${ctx.nameOf(albumId)}”.`, 'success');
      await ctx.reloadUsers();
    } catch (error) {
      say(message, messageOf(error));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = input.value.trim().toLowerCase();
    const problem = emailProblem(email);
    if (problem) return say(message, problem);
    const albumId = ctx.selected();
    if (!albumId) return;
    try {
      // The API makes the client's row if it has none, so only the album can be missing (404).
      await ctx.api.grant(albumId, email, grantDownloads.value as Downloads);
      say(message, `${email} can now see “${ctx.nameOf(albumId)}”.`, 'success');
      input.value = '';
      await ctx.reloadUsers();
    } catch (error) {
      say(message, messageOf(error));
    }
  });

  function downloadsSelect(albumId: string, user: User): HTMLSelectElement {
    const current = downloadsOf(user, albumId);
    const select = h(
      'select',
      { 'aria-label': `Downloads for ${user.email}`, class: 'select-small' },
      ...DOWNLOADS.map((d) => h('option', { value: d, text: DOWNLOADS_NAMES[d], selected: d === current })),
    );
    select.addEventListener('change', () => void change(albumId, user.email, select.value as Downloads));
    return select;
  }

  function render(): void {
    const albumId = ctx.selected();
    if (!albumId) return;
    const granted = ctx.users().filter((u) => u.albums?.includes(albumId));
    list.replaceChildren(
      ...(granted.length
        ? granted.map((u) =>
            h(
              'li',
              {},
              h('span', {}, h('strong', { text: u.name || u.email }), u.name ? h('span', { class: 'muted', text: ` ${u.email}` }) : null),
              downloadsSelect(albumId, u),
              h('button', {
                type: 'button',
                class: 'btn btn-danger btn-small',
                'aria-label': `Revoke access for ${u.email}`,
                text: 'Revoke',
                onclick: () => void revoke(albumId, u.email),
              }),
            ),
          )
        : [h('li', { class: 'muted', text: 'No client can see this album yet.' })]),
    );
  }

  return {
    render,
    reset() {
      say(message, '');
      render();
    },
  };
}

// The album's share links: the list (state, PIN, expiry, downloads, use), making one (its URL
// shown once, with Copy, and e-mailed to the addresses given), changing one and turning one off.

import { ApiError, messageOf } from '../../lib/api';
import { MAIL_NOT_CONFIGURED, mailFields, mailResultLabel, parseAddresses } from '../../lib/mail';
import { STATE_NAMES, formOf, shareChanges, shareDetails, shareFields, type ShareForm } from '../../lib/sharing';
import type { Downloads, Share } from '../../lib/types';
import { byId, h, say } from '../dom';
import type { StudioContext } from './context';

export interface SharePanel {
  /** A newly chosen album: its links, no message or URL from the last one. */
  open(albumId: string): Promise<void>;
}

export function setupSharePanel(ctx: StudioContext): SharePanel {
  const list = byId('share-list');
  const form = byId<HTMLFormElement>('share-form');
  const heading = byId('share-form-heading');
  const message = byId('share-message');
  const label = byId<HTMLInputElement>('share-label');
  const pin = byId<HTMLInputElement>('share-pin');
  const pinRemoveRow = byId('share-pin-remove-row');
  const pinRemove = byId<HTMLInputElement>('share-pin-remove');
  const expires = byId<HTMLInputElement>('share-expires');
  const downloads = byId<HTMLSelectElement>('share-downloads');
  const limit = byId<HTMLInputElement>('share-limit');
  const submit = byId<HTMLButtonElement>('share-submit');
  const cancel = byId<HTMLButtonElement>('share-cancel');
  const created = byId('share-created');
  const url = byId<HTMLInputElement>('share-url');
  const copied = byId('share-copied');
  const mailRow = byId('share-mail-fields');
  const sendTo = byId<HTMLInputElement>('share-send-to');
  const mailMessage = byId<HTMLTextAreaElement>('share-mail-message');
  const mailed = byId('share-mailed');
  let shares: Share[] = [];
  /** The link being changed, or null while the form makes a new one. */
  let editing: Share | null = null;
  /** The link whose "Turn off" waits for a second click. */
  let confirming: string | null = null;

  const formValue = (): ShareForm => ({
    label: label.value,
    pin: pin.value,
    expires: expires.value,
    downloads: downloads.value as Downloads,
    limit: limit.value,
  });

  function fill(value: ShareForm, share: Share | null): void {
    editing = share;
    label.value = value.label;
    pin.value = value.pin;
    expires.value = value.expires;
    downloads.value = value.downloads;
    limit.value = value.limit;
    pinRemove.checked = false;
    pinRemoveRow.hidden = !share?.has_pin;
    // A link's token exists only when it is made: only a new link can be e-mailed.
    mailRow.hidden = share != null;
    sendTo.value = '';
    sendTo.removeAttribute('aria-invalid');
    mailMessage.value = '';
    pin.placeholder = share?.has_pin ? 'Keep the current PIN' : '';
    heading.textContent = share ? `Change “${share.label}”` : 'New share link';
    submit.textContent = share ? 'Save link' : 'Create link';
    cancel.hidden = !share;
  }

  const blank = (): ShareForm => ({ label: '', pin: '', expires: '', downloads: 'web', limit: '' });

  async function load(albumId: string): Promise<void> {
    try {
      const answer = await ctx.api.shares(albumId);
      if (albumId !== ctx.selected()) return;
      shares = answer;
      render();
    } catch (error) {
      if (albumId === ctx.selected()) say(message, messageOf(error));
    }
  }

  function render(): void {
    const albumId = ctx.selected();
    if (!albumId) return;
    // Live links first, newest first within each group.
    const order = (s: Share) => (s.state === 'active' ? 0 : 1);
    const sorted = [...shares].sort((a, b) => order(a) - order(b) || (b.created_at ?? '').localeCompare(a.created_at ?? ''));
    list.replaceChildren(
      ...(sorted.length ? sorted.map((share) => row(albumId, share)) : [h('li', { class: 'muted', text: 'No share links yet.' })]),
    );
  }

  function row(albumId: string, share: Share): HTMLLIElement {
    const [allows, used] = shareDetails(share);
    const live = share.state !== 'revoked';
    const buttons = h('div', { class: 'buttons' });
    if (live && confirming === share.share_id) {
      buttons.append(
        h('span', { class: 'muted', text: 'Turn this link off for good?' }),
        h('button', {
          type: 'button',
          class: 'btn btn-danger btn-small',
          'aria-label': `Confirm turning off ${share.label}`,
          text: 'Turn off',
          onclick: () => void revoke(albumId, share),
        }),
        h('button', { type: 'button', class: 'btn btn-quiet btn-small', text: 'Keep', onclick: () => ((confirming = null), render()) }),
      );
    } else if (live) {
      buttons.append(
        h('button', {
          type: 'button',
          class: 'btn btn-secondary btn-small',
          'aria-label': `Change link ${share.label}`,
          text: 'Change',
          onclick: () => {
            fill(formOf(share), share);
            say(message, '');
            label.focus();
          },
        }),
        h('button', {
          type: 'button',
          class: 'btn btn-danger btn-small',
          'aria-label': `Turn off link ${share.label}`,
          text: 'Turn off',
          onclick: () => ((confirming = share.share_id), render()),
        }),
      );
    }
    return h(
      'li',
      { 'data-state': share.state, 'aria-label': share.label },
      h(
        'div',
        { class: 'share-head' },
        h('span', {}, h('strong', { text: share.label }), ' ', h('span', { class: 'state', 'data-state': share.state === 'active' ? 'ready' : 'stale', text: STATE_NAMES[share.state] ?? share.state })),
        buttons,
      ),
      h('span', { class: 'muted', text: allows }),
      h('span', { class: 'muted', text: used }),
    );
  }

  async function revoke(albumId: string, share: Share): Promise<void> {
    confirming = null;
    try {
      await ctx.api.revokeShare(albumId, share.share_id);
      say(message, `“${share.label}” is turned off. Anyone using it now sees that the link was turned off.`, 'success');
      if (editing?.share_id === share.share_id) fill(blank(), null);
    } catch (error) {
      say(message, messageOf(error));
    }
    await load(albumId);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const albumId = ctx.selected();
    if (!albumId) return;
    const share = editing;
    const checked = share ? shareChanges(formValue(), pinRemove.checked) : shareFields(formValue());
    if (!checked.ok) return say(message, checked.problem);
    if (!share) {
      const mail = mailFields(sendTo.value, mailMessage.value);
      sendTo.toggleAttribute('aria-invalid', !parseAddresses(sendTo.value).ok);
      if (!mail.ok) return say(message, mail.problem);
      Object.assign(checked.value, mail.value);
    }
    submit.disabled = true;
    try {
      if (share) {
        await ctx.api.updateShare(albumId, share.share_id, checked.value);
        say(message, `“${checked.value.label}” is saved.`, 'success');
      } else {
        const made = await ctx.api.createShare(albumId, checked.value);
        // The server sends a path when it does not know the portal's address: this page's origin is it.
        url.value = new URL(made.url, location.origin).toString();
        created.hidden = false;
        say(copied, '');
        say(mailed, mailResultLabel(made.mail), made.mail?.opted_out?.length ? 'info' : 'success');
        say(message, '');
        url.focus();
        url.select();
      }
      fill(blank(), null);
      await load(albumId);
    } catch (error) {
      say(message, error instanceof ApiError && error.code === 'MAIL_NOT_CONFIGURED' ? MAIL_NOT_CONFIGURED : messageOf(error));
    } finally {
      submit.disabled = false;
    }
  });

  cancel.addEventListener('click', () => {
    fill(blank(), null);
    say(message, '');
  });

  byId('share-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(url.value);
      say(copied, 'Copied. Paste it into your message to the client.', 'success');
    } catch {
      // No clipboard permission (an http: page, an old browser): leave it selected for Ctrl+C.
      url.focus();
      url.select();
      say(copied, 'Press Ctrl+C (⌘C) to copy the selected link.', 'info');
    }
  });

  return {
    async open(albumId) {
      shares = [];
      confirming = null;
      created.hidden = true;
      url.value = '';
      say(mailed, '');
      fill(blank(), null);
      say(message, '');
      list.replaceChildren(h('li', { class: 'muted', text: 'Loading links…' }));
      await load(albumId);
    },
  };
}

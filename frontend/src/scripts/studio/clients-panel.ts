// The clients table (and the grant form's address suggestions), and creating a client.

import { ApiError, messageOf } from '../../lib/api';
import { emailProblem } from '../../lib/studio';
import { byId, h, say } from '../dom';
import type { StudioContext } from './context';

export interface ClientsPanel {
  render(): void;
  say(text: string): void;
}

export function setupClientsPanel(ctx: StudioContext): ClientsPanel {
  const body = byId('clients-body');
  const suggestions = byId('client-emails');
  const listMessage = byId('clients-message');
  const form = byId<HTMLFormElement>('client-form');
  const email = byId<HTMLInputElement>('client-email');
  const name = byId<HTMLInputElement>('client-name');
  const message = byId('client-message');
  const submit = byId<HTMLButtonElement>('client-submit');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const address = email.value.trim().toLowerCase();
    const problem = emailProblem(address);
    if (problem) {
      email.focus();
      return say(message, problem);
    }
    if (!name.value.trim()) {
      name.focus();
      return say(message, 'Enter the client’s name.');
    }
    submit.disabled = true;
    try {
      await ctx.api.createUser(address, name.value.trim());
      say(message, `Client ${address} created. Grant them an album above.`, 'success');
      form.reset();
      await ctx.reloadUsers();
    } catch (error) {
      const text = error instanceof ApiError && error.kind === 'conflict' ? `A client with the email ${address} already exists.` : messageOf(error);
      say(message, text);
    } finally {
      submit.disabled = false;
    }
  });

  return {
    render() {
      const users = ctx.users();
      body.replaceChildren(
        ...(users.length
          ? users.map((u) =>
              h(
                'tr',
                {},
                h('td', { text: u.email }),
                h('td', { text: u.name }),
                h('td', { text: (u.albums ?? []).map((id) => ctx.nameOf(id)).join(', ') || '—' }),
              ),
            )
          : [h('tr', {}, h('td', { colspan: 3, class: 'muted', text: 'No clients yet.' }))]),
      );
      suggestions.replaceChildren(...users.map((u) => h('option', { value: u.email })));
    },
    say: (text) => say(listMessage, text),
  };
}

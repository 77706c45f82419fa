// A guest's name (and optional e-mail) the first time they heart a photo: a modal dialog (focus
// stays inside it; Escape or Cancel closes it without a name), checked as the server checks it.

import { messageOf } from '../lib/api';
import { visitorFields } from '../lib/selection';
import { byId, say } from './dom';

/** Gives the name to the server; the session carries the visitor once it resolves. */
export type SaveVisitor = (name: string, email: string | null) => Promise<void>;

/** Asks for the name: true once it is saved, false when the guest closes the dialog. Taps while it is open share the one question. */
export function visitorDialog(save: SaveVisitor): () => Promise<boolean> {
  const dialog = byId<HTMLDialogElement>('visitor-dialog');
  const form = byId<HTMLFormElement>('visitor-form');
  const name = byId<HTMLInputElement>('visitor-name');
  const email = byId<HTMLInputElement>('visitor-email');
  const button = byId<HTMLButtonElement>('visitor-save');
  const message = byId('visitor-message');
  let asking: Promise<boolean> | null = null;
  let answer: (saved: boolean) => void = () => {};

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = visitorFields(name.value, email.value);
    name.removeAttribute('aria-invalid');
    email.removeAttribute('aria-invalid');
    if (!fields.ok) {
      const field = fields.field === 'name' ? name : email;
      field.setAttribute('aria-invalid', 'true');
      say(message, fields.problem);
      field.focus();
      return;
    }
    button.disabled = true;
    try {
      await save(fields.name, fields.email);
      answer(true);
      dialog.close();
    } catch (error) {
      say(message, messageOf(error));
    } finally {
      button.disabled = false;
    }
  });
  byId('visitor-cancel').addEventListener('click', () => dialog.close());
  // Cancel, Escape, or closed after saving: a question not answered yet is answered "no".
  dialog.addEventListener('close', () => answer(false));

  return () => {
    if (asking) return asking;
    asking = new Promise<boolean>((resolve) => {
      answer = (saved) => {
        answer = () => {};
        asking = null;
        resolve(saved);
      };
    });
    say(message, '');
    dialog.showModal();
    name.focus();
    return asking;
  };
}

// Sign-in page: the form, the new-password challenge, then off to the right home page.

import { messageOf } from '../lib/api';
import { loadConfig } from '../lib/config';
import type { SignInResult } from '../lib/auth/types';
import { forgetMe, getAuth, getMe, makeApi, takeReturnPath } from './app';
import { byId, say } from './dom';

export async function startSignIn(): Promise<void> {
  const form = byId<HTMLFormElement>('signin-form');
  const email = byId<HTMLInputElement>('signin-email');
  const password = byId<HTMLInputElement>('signin-password');
  const submit = byId<HTMLButtonElement>('signin-submit');
  const message = byId('signin-message');

  let config;
  try {
    config = await loadConfig();
  } catch (error) {
    say(message, messageOf(error));
    return;
  }
  const auth = await getAuth(config);

  async function goHome(): Promise<void> {
    let target = takeReturnPath();
    if (!target) {
      try {
        target = (await getMe(makeApi(config!, auth))).is_admin ? '/studio/' : '/albums/';
      } catch {
        target = '/albums/';
      }
    }
    location.assign(target);
  }

  // Already signed in in this tab: no need to ask again.
  if (await auth.getToken()) {
    await goHome();
    return;
  }

  function invalid(input: HTMLInputElement, text: string): void {
    input.setAttribute('aria-invalid', 'true');
    say(message, text);
    input.focus();
  }

  async function handle(result: Promise<SignInResult>, button: HTMLButtonElement, label: string, out: HTMLElement) {
    button.disabled = true;
    button.textContent = 'Signing in…';
    try {
      const r = await result;
      if (r.kind === 'signed_in') return goHome();
      showNewPassword(r.complete);
    } catch (error) {
      say(out, messageOf(error));
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    email.removeAttribute('aria-invalid');
    password.removeAttribute('aria-invalid');
    say(message, '');
    const address = email.value.trim();
    if (!address) return invalid(email, 'Enter your email address.');
    if (!/^[^\s@]+@[^\s@]+$/.test(address)) return invalid(email, 'Enter a valid email address, like name@example.com.');
    if (!password.value) return invalid(password, 'Enter your password.');
    forgetMe();
    void handle(auth.signIn(address, password.value), submit, 'Sign in', message);
  });

  function showNewPassword(complete: (pw: string) => Promise<SignInResult>): void {
    const template = byId<HTMLTemplateElement>('newpw-template');
    form.replaceWith(template.content.cloneNode(true));
    const pwForm = byId<HTMLFormElement>('newpw-form');
    const pw = byId<HTMLInputElement>('newpw-password');
    const again = byId<HTMLInputElement>('newpw-confirm');
    const button = byId<HTMLButtonElement>('newpw-submit');
    const out = byId('newpw-message');
    pw.focus();
    pwForm.addEventListener('submit', (event) => {
      event.preventDefault();
      say(out, '');
      if (pw.value.length < 8) return say(out, 'Choose a password of at least 8 characters.');
      if (pw.value !== again.value) return say(out, 'The two passwords differ. Type the same password twice.');
      void handle(complete(pw.value), button, 'Set password and sign in', out);
    });
  }
}

// The opt-out page: says which address the link is for and stops e-mail to it on a click (never
// on opening: link scanners open every link in a mail), with a way back.

import { ApiError, createApi, messageOf } from '../lib/api';
import { loadConfig } from '../lib/config';
import { addressOfToken, optOutToken, optedInText, optedOutText } from '../lib/mail';
import type { OptOutState } from '../lib/types';
import { byId, say } from './dom';

export async function startOptOut(): Promise<void> {
  const token = optOutToken(location.search);
  const message = byId('opt-out-message');
  if (!token) return void (byId('opt-out-invalid').hidden = false);
  const address = addressOfToken(token);
  if (address) byId('opt-out-address').textContent = address;
  byId('opt-out-ask').hidden = false;

  let api: ReturnType<typeof createApi>;
  try {
    const config = await loadConfig();
    // Public routes: the link's token is the proof, no sign-in.
    api = createApi({ baseUrl: config.apiBaseUrl, getToken: async () => null });
  } catch (error) {
    return say(message, messageOf(error));
  }

  const panels = ['opt-out-ask', 'opt-out-done', 'opt-in-done'] as const;
  const showOnly = (id: (typeof panels)[number]) => panels.forEach((p) => (byId(p).hidden = p !== id));

  async function act(button: HTMLButtonElement, call: () => Promise<OptOutState>, after: (state: OptOutState) => void): Promise<void> {
    button.disabled = true;
    try {
      const state = await call();
      say(message, '');
      after(state);
    } catch (error) {
      say(
        message,
        error instanceof ApiError && error.code === 'OPT_OUT_LINK_INVALID'
          ? 'This link is not valid. Use the link at the end of the e-mail you received.'
          : messageOf(error),
      );
    } finally {
      button.disabled = false;
    }
  }

  const stop = (button: HTMLButtonElement) =>
    act(button, () => api.mailOptOut(token), (state) => {
      byId('opt-out-done-text').textContent = optedOutText(state.email || address, state.studio_name);
      showOnly('opt-out-done');
    });
  const start = (button: HTMLButtonElement) =>
    act(button, () => api.mailOptIn(token), (state) => {
      byId('opt-in-done-text').textContent = optedInText(state.email || address, state.studio_name);
      showOnly('opt-in-done');
    });

  for (const id of ['opt-out-stop', 'opt-in-undo']) {
    const button = byId<HTMLButtonElement>(id);
    button.addEventListener('click', () => void stop(button));
  }
  const undo = byId<HTMLButtonElement>('opt-out-undo');
  undo.addEventListener('click', () => void start(undo));
}

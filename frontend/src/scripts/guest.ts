// The guest page, /s/{token}: a share link's token (and PIN, when the link has one) for a guest
// session, then the album as the album page shows it, the session's token as the Bearer. The
// session is kept for the tab (sessionStorage, per link), so a reload does not ask for the PIN
// again; a refusal while the album is open (the link turned off, the session ended) goes back
// to the link, which says why. A guest who hearts a photo gives a name first; the visitor id the
// server gives them is kept per link in localStorage and sent with the next session, so their
// favourites are there when they come back.

import { ApiError, createApi, type Api } from '../lib/api';
import { loadConfig, type SiteConfig } from '../lib/config';
import { lastingStorage, tokenStorage } from '../lib/auth/storage';
import {
  NOT_VALID,
  forgetGuest,
  keepGuest,
  keepVisitorId,
  keepVisitorSession,
  linkState,
  liveGuest,
  tokenOfPath,
  type LinkState,
  type StoredGuest,
  visitorIdFor,
} from '../lib/sharing';
import type { AlbumDetail } from '../lib/types';
import { showAlbum } from './album';
import { byId, say } from './dom';
import { visitorDialog } from './visitor-dialog';

const PIN = /^\d{4,8}$/;

export async function startGuest(): Promise<void> {
  const loading = byId('guest-loading');
  let config: SiteConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    loading.hidden = true;
    say(byId('page-error'), (error as Error).message);
    return;
  }
  const token = tokenOfPath(location.pathname);
  const page = new GuestPage(config, token);
  if (!token) return page.show({ kind: 'closed', title: NOT_VALID, message: 'Check that the whole link was copied.' });
  const kept = liveGuest(tokenStorage(), token);
  if (kept) await page.open(kept);
  else await page.exchange();
}

class GuestPage {
  private readonly storage = tokenStorage();
  private readonly lasting = lastingStorage();
  /** No token of any kind: the exchange is a public route. */
  private readonly publicApi: Api;
  private readonly pinForm = byId<HTMLFormElement>('pin-form');
  private readonly pinInput = byId<HTMLInputElement>('pin-input');
  private readonly pinMessage = byId('pin-message');
  private opened = false;
  /** The link was asked again once already for a refused session: a second refusal is shown as it is. */
  private askedAgain = false;

  constructor(
    private readonly config: SiteConfig,
    private readonly token: string,
  ) {
    this.publicApi = createApi({ baseUrl: config.apiBaseUrl, getToken: async () => null });
    this.pinForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const pin = this.pinInput.value.trim();
      if (!PIN.test(pin)) return say(this.pinMessage, 'The PIN is 4 to 8 digits.');
      void this.exchange(pin);
    });
  }

  /** Token (+ PIN) for a session; then the album, or the page that says why not. */
  async exchange(pin?: string): Promise<void> {
    const submit = byId<HTMLButtonElement>('pin-submit');
    submit.disabled = true;
    try {
      const session = await this.publicApi.guestSession(this.token, pin, visitorIdFor(this.lasting, this.token));
      await this.open(keepGuest(this.storage, this.token, session));
    } catch (error) {
      this.show(linkState(error));
    } finally {
      submit.disabled = false;
    }
  }

  async open(guest: StoredGuest): Promise<void> {
    const api = createApi({ baseUrl: this.config.apiBaseUrl, getToken: async () => guest.guest_token });
    let album: AlbumDetail;
    try {
      album = await api.album(guest.album_id);
    } catch (error) {
      if (!this.refused(error)) this.show(linkState(error));
      return;
    }
    // The album's answer says what this session may download; the session's answer is the fallback.
    album.downloads ??= guest.downloads;
    this.hideAll();
    this.opened = true;
    byId('guest-album').hidden = false;
    const label = byId('guest-label');
    label.textContent = guest.label ? `Shared with you: ${guest.label}` : '';
    label.hidden = !guest.label;
    showAlbum(api, album, {
      reload: async () => {
        try {
          return await api.album(guest.album_id);
        } catch (error) {
          this.refused(error);
          throw error;
        }
      },
      onRefused: (error) => this.refused(error),
      sizeOnButton: false,
      linkToken: this.token,
      askName: visitorDialog(async (name, email) => {
        const visitor = await api.visitor(name, email);
        // The API client reads the kept session's token: requests from now on carry the visitor.
        keepVisitorSession(this.storage, this.token, guest, visitor);
        keepVisitorId(this.lasting, this.token, visitor.visitor_id);
      }),
    });
  }

  /**
   * A refusal of the session's requests: the link turned off or expired, the gallery expired, the
   * session over. The session is dropped and the link asked again, which answers with the reason
   * (or a fresh session, or the PIN form). A limit reached is not one: the photos can still be seen.
   */
  private refused(error: unknown): boolean {
    if (!(error instanceof ApiError)) return false;
    if (error.code === 'DOWNLOAD_LIMIT_REACHED') return false;
    if (error.status !== 401 && error.status !== 410) return false;
    forgetGuest(this.storage, this.token);
    if (this.opened) {
      // The album's page had started: a fresh page keeps no trace of it (its viewer, its polling).
      location.reload();
      return true;
    }
    // Asked once only: a server refusing every fresh session too must not send the page round in circles.
    if (this.askedAgain) return false;
    this.askedAgain = true;
    void this.exchange();
    return true;
  }

  private hideAll(): void {
    byId('guest-loading').hidden = true;
    byId('pin-panel').hidden = true;
    byId('link-closed').hidden = true;
    byId('guest-album').hidden = true;
  }

  show(state: LinkState): void {
    this.hideAll();
    document.title = 'Shared album · Client albums';
    if (state.kind === 'pin') {
      byId('pin-panel').hidden = false;
      say(this.pinMessage, state.message);
      this.pinInput.value = '';
      this.pinInput.focus();
    } else if (state.kind === 'closed') {
      byId('link-closed').hidden = false;
      byId('link-closed-title').textContent = state.title;
      byId('link-closed-text').textContent = state.message;
      document.title = `${state.title} · Client albums`;
    } else {
      byId('link-closed').hidden = false;
      byId('link-closed-title').textContent = "Can't open the gallery right now";
      byId('link-closed-text').textContent = state.message;
    }
  }
}

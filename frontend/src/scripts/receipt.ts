// The receipt page: a signed-in client's with their sign-in, a guest's with the session kept for
// the share link they came by. While the digests are being made (409 RECEIPT_NOT_READY) it says
// so and asks again, less often as time goes by.

import { ApiError, createApi, messageOf, type Api } from '../lib/api';
import { tokenStorage } from '../lib/auth/storage';
import { loadConfig } from '../lib/config';
import { formatBytes, formatCount, formatDateTime, plural } from '../lib/format';
import { Backoff, pollUntil } from '../lib/poll';
import { checkCommands, groupedDigest, manifestFileName, receiptAddress, type ReceiptAddress } from '../lib/receipts';
import { SIZE_NAMES, liveGuest } from '../lib/sharing';
import type { Receipt } from '../lib/types';
import { startSignedInPage } from './app';
import { byId, h, say, startDownload } from './dom';

const VISIT_ENDED = 'This visit has ended. Open the link again, then the receipt from the album.';

export async function startReceipt(): Promise<void> {
  const address = receiptAddress(location.search);
  if (!address) return problem('This address does not name a receipt. Open it from the album page.');
  const back = byId<HTMLAnchorElement>('receipt-back');
  back.href = address.link ? `/s/${encodeURIComponent(address.link)}` : `/album/?id=${encodeURIComponent(address.albumId)}`;

  let api: Api;
  if (address.link) {
    const guest = liveGuest(tokenStorage(), address.link);
    if (!guest) return problem(VISIT_ENDED);
    const config = await loadConfig().catch((error: Error) => error);
    if (config instanceof Error) return problem(config.message);
    api = createApi({ baseUrl: config.apiBaseUrl, getToken: async () => guest.guest_token });
  } else {
    const ctx = await startSignedInPage();
    if (!ctx) return void (byId('receipt-loading').hidden = true);
    api = ctx.api;
  }
  await load(api, address);
}

async function load(api: Api, address: ReceiptAddress): Promise<void> {
  const preparing = byId('receipt-preparing');
  try {
    const receipt = await pollUntil<Receipt | null>({
      check: async () => {
        try {
          return await api.receipt(address.albumId, address.deliveryId);
        } catch (error) {
          if (error instanceof ApiError && error.code === 'RECEIPT_NOT_READY') return null;
          throw error;
        }
      },
      onUpdate: (answer) => {
        byId('receipt-loading').hidden = true;
        preparing.hidden = answer != null;
      },
      isDone: (answer) => answer != null,
      // Digests take about as long as reading the archive once: every few seconds, then at most a minute apart.
      progressKey: () => 'preparing',
      backoff: new Backoff({ initialMs: 3000, factor: 1.5, maxMs: 60_000 }),
      // A phone that lost its connection for a moment keeps waiting; anything else is said.
      onError: (error) => error instanceof ApiError && error.kind === 'network',
    });
    if (receipt) show(api, receipt);
  } catch (error) {
    preparing.hidden = true;
    if (address.link && error instanceof ApiError && (error.status === 401 || error.status === 410)) return problem(VISIT_ENDED);
    problem(
      error instanceof ApiError && error.kind === 'not_found'
        ? "This receipt isn't available. Open it from the album page, signed in as the person who downloaded."
        : messageOf(error),
    );
  }
}

function show(api: Api, receipt: Receipt): void {
  document.title = `Receipt: ${receipt.archive} · Client albums`;
  byId('receipt-title').textContent = `Receipt: ${receipt.archive}`;
  byId('receipt-lede').textContent =
    `Every byte of this download reached ${receipt.recipient_label ? receipt.recipient_label : 'you'}, as the delivery network’s logs show.`;
  byId('receipt-album').textContent = receipt.album_name || receipt.album_id;
  byId('receipt-archive').textContent = `${receipt.archive}${receipt.photo_size === 'web' ? ` (${SIZE_NAMES.web})` : ''}`;
  byId('receipt-photos').textContent = formatCount(receipt.photo_count);
  byId('receipt-size').textContent = `${formatBytes(receipt.size)} (${formatCount(receipt.size)} bytes)`;
  byId('receipt-started').textContent = formatDateTime(receipt.first_at);
  byId('receipt-completed').textContent = formatDateTime(receipt.completed_at);
  byId('receipt-recipient').textContent = receipt.recipient_label;
  byId('receipt-parts').replaceChildren(...receipt.parts.map((part) => partItem(part)));
  byId('receipt-commands').replaceChildren(
    ...checkCommands(manifestFileName('', receipt)).flatMap(({ label, command }) => [
      h('p', { text: label }),
      h('pre', { class: 'command' }, h('code', { text: command })),
    ]),
  );
  const button = byId<HTMLButtonElement>('receipt-manifest');
  button.addEventListener('click', () => void saveManifest(api, receipt, button));
  byId('receipt').hidden = false;
}

function partItem(part: Receipt['parts'][number]): HTMLLIElement {
  const status = h('span', { class: 'copy-status muted', 'aria-live': 'polite' });
  return h(
    'li',
    { class: 'receipt-part', 'data-name': part.name },
    h('span', { class: 'part-name' }, h('strong', { text: part.name }), ' ', h('span', { class: 'muted', text: `${formatBytes(part.size)} · ${plural(part.size, 'byte')}` })),
    h('code', { class: 'sha256', title: part.sha256, 'data-sha256': part.sha256, text: groupedDigest(part.sha256) }),
    h(
      'span',
      {},
      h('button', {
        type: 'button',
        class: 'btn btn-secondary btn-small copy-sha256',
        'aria-label': `Copy the SHA-256 of ${part.name}`,
        text: 'Copy',
        onclick: () => void copyDigest(part.sha256, status),
      }),
      ' ',
      status,
    ),
  );
}

async function copyDigest(sha256: string, status: HTMLElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(sha256);
    status.textContent = 'Copied';
  } catch {
    // No clipboard permission (an http: page, an old browser): the digest is on the page to select.
    status.textContent = 'Select the fingerprint and press Ctrl+C (⌘C)';
  }
}

/** The manifest needs the token in a header, so it is fetched here and saved from a Blob. */
async function saveManifest(api: Api, receipt: Receipt, button: HTMLButtonElement): Promise<void> {
  const message = byId('receipt-manifest-message');
  button.disabled = true;
  try {
    const file = await api.manifest(receipt.album_id, receipt.delivery_id);
    const url = URL.createObjectURL(file.blob);
    startDownload(url, manifestFileName(file.fileName, receipt));
    // The click has handed the Blob to the download; the URL is not needed after it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    say(message, '');
  } catch (error) {
    say(message, messageOf(error));
  } finally {
    button.disabled = false;
  }
}

function problem(text: string): void {
  byId('receipt-loading').hidden = true;
  say(byId('page-error'), text);
}

// The album page's receipts: once a download of the viewer's reached them whole (by the access
// logs), a line per download linking to its receipt page. Nothing shows before, or when the
// server has no receipts to give.

import type { Api } from '../lib/api';
import { receiptLine, receiptPath } from '../lib/receipts';
import type { ReceiptSummary } from '../lib/types';
import { byId, h } from './dom';

/** `linkToken`: the share link a guest came by, so the receipt page finds the guest's session. */
export async function setupReceipts(api: Api, albumId: string, linkToken?: string): Promise<void> {
  const section = byId('receipts');
  const list = byId('receipts-list');
  let receipts: ReceiptSummary[];
  try {
    receipts = await api.receipts(albumId);
  } catch {
    // No receipts is the usual answer; a failure here must not disturb the gallery.
    return;
  }
  if (!receipts.length) return;
  list.replaceChildren(
    ...receipts.map((r) =>
      h(
        'li',
        { 'data-delivery-id': r.delivery_id },
        h('a', { href: receiptPath(albumId, r.delivery_id, linkToken), text: r.archive || 'Receipt' }),
        ' ',
        h('span', { class: 'muted', text: receiptLine({ ...r, archive: '' }) }),
        r.ready ? null : h('span', { class: 'muted', text: ' · preparing' }),
      ),
    ),
  );
  section.hidden = false;
}

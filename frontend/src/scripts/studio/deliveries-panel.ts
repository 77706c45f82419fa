// The album's deliveries: who took what, when, how much of it reached them by the access logs
// (complete ✓ once every byte did), on which devices, the links never used, and a CSV export.

import { messageOf } from '../../lib/api';
import {
  COMPLETE_MEANS,
  deliveriesCsv,
  deliveriesCsvFileName,
  devicesLabel,
  percentOf,
  recipientLabel,
  servedLabel,
  unstartedLabel,
  visitorsLabel,
  whatLabel,
  whenLabel,
} from '../../lib/deliveries';
import { formatDateTime } from '../../lib/format';
import type { AlbumDeliveries, Delivery } from '../../lib/types';
import { byId, h, say } from '../dom';
import type { StudioContext } from './context';

const SVG = 'http://www.w3.org/2000/svg';

export interface DeliveriesPanel {
  /** A newly chosen album: its deliveries, nothing of the last album's. */
  open(albumId: string): Promise<void>;
}

export function setupDeliveriesPanel(ctx: StudioContext): DeliveriesPanel {
  const table = byId<HTMLTableElement>('deliveries-table');
  const body = byId('deliveries-body');
  const empty = byId('deliveries-empty');
  const unstarted = byId('deliveries-unstarted');
  const message = byId('deliveries-message');
  const exportCsv = byId<HTMLAnchorElement>('export-deliveries-csv');
  const refresh = byId<HTMLButtonElement>('deliveries-refresh');
  byId('deliveries-means').textContent = COMPLETE_MEANS;
  /** The CSV blob's URL, revoked when the table is drawn again. */
  let csvUrl = '';

  async function load(albumId: string): Promise<void> {
    refresh.disabled = true;
    try {
      const answer = await ctx.api.deliveries(albumId);
      if (albumId !== ctx.selected()) return;
      say(message, '');
      render(albumId, answer);
    } catch (error) {
      if (albumId === ctx.selected()) say(message, messageOf(error));
    } finally {
      refresh.disabled = false;
    }
  }

  function render(albumId: string, answer: AlbumDeliveries | null): void {
    if (csvUrl) URL.revokeObjectURL(csvUrl);
    csvUrl = '';
    const deliveries = answer?.deliveries ?? [];
    const now = new Date();
    body.replaceChildren(...deliveries.map((d) => row(d, now)));
    table.hidden = deliveries.length === 0;
    empty.hidden = deliveries.length !== 0 || !answer;
    empty.textContent = 'Nothing downloaded yet. A download shows here once the delivery network’s logs for it arrive.';
    const unused = unstartedLabel(answer?.unstarted);
    unstarted.textContent = unused;
    unstarted.hidden = !unused;
    exportCsv.hidden = deliveries.length === 0;
    if (deliveries.length) {
      csvUrl = URL.createObjectURL(new Blob([deliveriesCsv(deliveries)], { type: 'text/csv;charset=utf-8' }));
      exportCsv.href = csvUrl;
      exportCsv.download = deliveriesCsvFileName(albumId);
    }
  }

  function row(delivery: Delivery, now: Date): HTMLTableRowElement {
    const visitors = visitorsLabel(delivery);
    const first = whenLabel(delivery.first_at, now);
    const last = whenLabel(delivery.last_at, now);
    const percent = delivery.percent ?? percentOf(delivery.bytes_served, delivery.size);
    const parts = delivery.parts ?? [];
    return h(
      'tr',
      { 'data-delivery-id': delivery.delivery_id, 'data-complete': String(delivery.complete) },
      h(
        'td',
        {},
        h(
          'div',
          { class: 'delivery-recipient' },
          h(
            'span',
            {},
            delivery.recipient_kind === 'link' ? linkIcon() : null,
            h('strong', { class: 'recipient-label', text: recipientLabel(delivery) }),
          ),
          delivery.email && delivery.email !== recipientLabel(delivery) ? h('span', { class: 'muted', text: delivery.email }) : null,
          visitors ? h('span', { class: 'muted delivery-visitors', text: visitors }) : null,
        ),
      ),
      h('td', { class: 'delivery-what', title: delivery.archive }, whatLabel(delivery)),
      h('td', { class: 'hide-narrow' }, time(first)),
      h('td', {}, time(last)),
      h(
        'td',
        {},
        h(
          'div',
          { class: 'delivery-served' },
          h('span', { class: 'served-text', text: servedLabel({ ...delivery, percent }) }),
          h('progress', { max: 100, value: percent, 'aria-label': `Served to ${recipientLabel(delivery)}` }),
          parts.length > 1
            ? h('span', { class: 'muted parts-done', text: `${parts.filter((p) => p.complete).length} of ${parts.length} parts complete` })
            : null,
        ),
      ),
      h(
        'td',
        { class: 'delivery-complete' },
        delivery.complete
          ? h('span', { class: 'complete-mark', title: formatDateTime(delivery.completed_at), text: `✓ ${formatDateTime(delivery.completed_at)}` })
          : h('span', { class: 'muted', text: 'Not yet' }),
      ),
      h('td', { class: 'hide-narrow' }, devicesLabel(delivery.devices)),
    );
  }

  /** A chain-link icon (drawn, not an emoji: not every system has an emoji font), named for screen readers. */
  function linkIcon(): SVGSVGElement {
    const svg = document.createElementNS(SVG, 'svg');
    for (const [k, v] of Object.entries({ class: 'link-icon', viewBox: '0 0 24 24', width: '14', height: '14', role: 'img', 'aria-label': 'Share link' })) {
      svg.setAttribute(k, v);
    }
    const title = document.createElementNS(SVG, 'title');
    title.textContent = 'Share link';
    svg.append(title);
    for (const d of ['M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71', 'M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71']) {
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', d);
      svg.append(path);
    }
    return svg;
  }

  const time = (when: { at: string; ago: string }) =>
    when.at ? h('span', { class: 'when' }, h('span', { text: when.at }), h('span', { class: 'muted', text: when.ago })) : '';

  refresh.addEventListener('click', () => {
    const albumId = ctx.selected();
    if (albumId) void load(albumId);
  });

  return {
    async open(albumId) {
      say(message, '');
      render(albumId, null);
      empty.hidden = false;
      empty.textContent = 'Loading deliveries…';
      await load(albumId);
    },
  };
}

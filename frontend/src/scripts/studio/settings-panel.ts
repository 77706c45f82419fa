// The album's settings: gallery expiry, the proofing terms (how many photos each person may choose,
// and by when), what the web-size download holds besides photos, and the watermark (text or a PNG
// logo) with a live preview on one of the album's photos, drawn by the same placement rule as the
// server's renderer (lib/watermark.ts).

import { messageOf } from '../../lib/api';
import { proofingChanges, proofingForm } from '../../lib/favourites';
import { endOfDay, localDay } from '../../lib/sharing';
import type { AdminAlbum, AlbumSettings, OtherFiles } from '../../lib/types';
import {
  POSITIONS,
  POSITION_NAMES,
  logoProblem,
  sha256Hex,
  watermarkBox,
  watermarkProblem,
  type Position,
  type Watermark,
} from '../../lib/watermark';
import { byId, h, say } from '../dom';
import type { StudioContext } from './context';

export interface SettingsPanel {
  /** A newly chosen album: its settings in the form, one of its photos in the preview. */
  open(albumId: string): Promise<void>;
}

type Kind = 'none' | Watermark['kind'];

/** The font the preview measures text in; the mark is then scaled to its box, as the server scales it. */
const MEASURE_PX = 100;
const FONT = (px: number) => `600 ${px}px system-ui, sans-serif`;

export function setupSettingsPanel(ctx: StudioContext): SettingsPanel {
  const form = byId<HTMLFormElement>('settings-form');
  const message = byId('settings-message');
  const expires = byId<HTMLInputElement>('settings-expires');
  const other = byId<HTMLSelectElement>('settings-other');
  const selectionLimit = byId<HTMLInputElement>('selection-limit');
  const selectionDue = byId<HTMLInputElement>('selection-due');
  const kinds = [...form.querySelectorAll<HTMLInputElement>('input[name="watermark-kind"]')];
  const fields = byId('watermark-fields');
  const text = byId<HTMLInputElement>('watermark-text');
  const textField = byId('watermark-text-field');
  const logoField = byId('watermark-logo-field');
  const logoInput = byId<HTMLInputElement>('watermark-logo');
  const logoState = byId('watermark-logo-state');
  const position = byId<HTMLSelectElement>('watermark-position');
  const size = byId<HTMLInputElement>('watermark-size');
  const sizeValue = byId('watermark-size-value');
  const opacity = byId<HTMLInputElement>('watermark-opacity');
  const opacityValue = byId('watermark-opacity-value');
  const previews = byId<HTMLInputElement>('watermark-previews');
  const canvas = byId<HTMLCanvasElement>('watermark-preview');
  const caption = byId('watermark-preview-caption');
  const submit = byId<HTMLButtonElement>('settings-submit');

  position.replaceChildren(...POSITIONS.map((p) => h('option', { value: p, text: POSITION_NAMES[p] })));

  let album: AdminAlbum | null = null;
  let photo: HTMLImageElement | null = null;
  let logoKey: string | null = null;
  /** The chosen logo's pixels, for the preview (a logo saved before has none here: a placeholder box). */
  let logoImage: ImageBitmap | null = null;

  const kind = (): Kind => (kinds.find((k) => k.checked)?.value as Kind) ?? 'none';

  function showKind(): void {
    const k = kind();
    fields.hidden = k === 'none';
    textField.hidden = k !== 'text';
    logoField.hidden = k !== 'logo';
  }

  /** The watermark as the form stands; null for none. */
  function watermark(): Watermark | null {
    const k = kind();
    if (k === 'none') return null;
    const common = { position: position.value as Position, size: Number(size.value), opacity: Number(opacity.value), on_previews: previews.checked };
    // Only the field of its kind: the API takes text for a text mark and logo_key for a logo.
    return k === 'text' ? { kind: k, text: text.value.trim(), ...common } : { kind: k, logo_key: logoKey, ...common };
  }

  function fill(a: AdminAlbum | null): void {
    album = a;
    expires.value = a?.expires_at ? localDay(new Date(a.expires_at)) : '';
    other.value = a?.web_other_files ?? 'include';
    const proofing = proofingForm(a);
    selectionLimit.value = proofing.limit;
    selectionDue.value = proofing.due;
    const mark = a?.watermark ?? null;
    for (const k of kinds) k.checked = k.value === (mark?.kind ?? 'none');
    text.value = mark?.text ?? '';
    logoKey = mark?.logo_key ?? null;
    logoImage = null;
    logoInput.value = '';
    logoState.textContent = logoKey ? 'A logo is saved. Choose another file to replace it.' : '';
    position.value = mark?.position ?? 'bottom-right';
    size.value = String(mark?.size ?? 30);
    opacity.value = String(mark?.opacity ?? 50);
    previews.checked = mark?.on_previews ?? false;
    showKind();
    draw();
  }

  function draw(): void {
    sizeValue.textContent = `${size.value} %`;
    opacityValue.textContent = `${opacity.value} %`;
    // The photo's own proportions; 3:2 until one is loaded.
    const naturalW = photo?.naturalWidth || 1500;
    const naturalH = photo?.naturalHeight || 1000;
    canvas.width = 480;
    canvas.height = Math.round((480 * naturalH) / naturalW);
    const g = canvas.getContext('2d');
    if (!g) return;
    g.globalAlpha = 1;
    if (photo?.naturalWidth) g.drawImage(photo, 0, 0, canvas.width, canvas.height);
    else {
      g.fillStyle = '#c9c6bf';
      g.fillRect(0, 0, canvas.width, canvas.height);
    }
    const mark = watermark();
    if (!mark) return;
    // Placed on the photo's own pixels by the shared rule, then scaled to the canvas.
    const scale = canvas.width / naturalW;
    g.font = FONT(MEASURE_PX);
    const measured = g.measureText(mark.text || ' ');
    const textH = (measured.actualBoundingBoxAscent || MEASURE_PX * 0.8) + (measured.actualBoundingBoxDescent || MEASURE_PX * 0.2);
    const [markW, markH] =
      mark.kind === 'text' ? [Math.max(1, measured.width), textH] : logoImage ? [logoImage.width, logoImage.height] : [4, 1];
    const [x, y, w, hgt] = watermarkBox(naturalW, naturalH, markW, markH, mark.size, mark.position).map((v) => v * scale);
    g.globalAlpha = mark.opacity / 100;
    if (mark.kind === 'text') {
      if (!mark.text) return;
      const px = (MEASURE_PX * w) / markW;
      g.font = FONT(px);
      g.fillStyle = '#ffffff';
      g.strokeStyle = 'rgba(0, 0, 0, 0.45)';
      g.lineWidth = Math.max(1, px / 24);
      const baseline = y + (measured.actualBoundingBoxAscent || MEASURE_PX * 0.8) * (px / MEASURE_PX);
      g.strokeText(mark.text, x, baseline);
      g.fillText(mark.text, x, baseline);
    } else if (logoImage) {
      g.drawImage(logoImage, x, y, w, hgt);
    } else {
      g.setLineDash([6, 4]);
      g.strokeStyle = '#ffffff';
      g.lineWidth = 2;
      g.strokeRect(x, y, w, hgt);
    }
  }

  for (const input of [...kinds, text, position, size, opacity, previews]) {
    input.addEventListener('input', () => {
      showKind();
      draw();
    });
    input.addEventListener('change', () => {
      showKind();
      draw();
    });
  }

  logoInput.addEventListener('change', async () => {
    const albumId = ctx.selected();
    const file = logoInput.files?.[0];
    if (!albumId || !file) return;
    const problem = logoProblem(file);
    if (problem) return say(message, problem);
    say(message, '');
    logoState.textContent = 'Uploading the logo…';
    try {
      const bytes = await file.arrayBuffer();
      const link = await ctx.api.watermarkLogo(albumId, await sha256Hex(bytes), file.size);
      const put = await fetch(link.upload_url, { method: 'PUT', body: bytes, headers: { 'Content-Type': 'image/png' } });
      if (!put.ok) throw new Error(`The logo could not be uploaded (HTTP ${put.status}). Please try again.`);
      logoKey = link.logo_key;
      logoImage = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      logoState.textContent = `${file.name} uploaded. Save the settings to use it.`;
      draw();
    } catch (error) {
      logoState.textContent = '';
      say(message, messageOf(error));
    }
  });

  /** Only what changed: the server rebuilds the web size only when its recipe did. */
  function changes(a: AdminAlbum | null): AlbumSettings | string {
    const settings: AlbumSettings = {};
    let expiresAt: string | null = null;
    if (expires.value) {
      const end = endOfDay(expires.value);
      if (!end) return 'The expiry date is not a date.';
      expiresAt = end.toISOString();
    }
    const before = a?.expires_at ? localDay(new Date(a.expires_at)) : '';
    if (expires.value !== before) settings.expires_at = expiresAt;
    const proofing = proofingChanges({ limit: selectionLimit.value, due: selectionDue.value }, a);
    if (!proofing.ok) return proofing.problem;
    Object.assign(settings, proofing.value);
    if (other.value !== (a?.web_other_files ?? 'include')) settings.web_other_files = other.value as OtherFiles;
    const mark = watermark();
    if (mark) {
      const problem = watermarkProblem(mark);
      if (problem) return problem;
    }
    if (JSON.stringify(normal(mark)) !== JSON.stringify(normal(a?.watermark ?? null))) settings.watermark = mark;
    return settings;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const albumId = ctx.selected();
    if (!albumId) return;
    const settings = changes(album);
    if (typeof settings === 'string') return say(message, settings);
    if (Object.keys(settings).length === 0) return say(message, 'Nothing has changed.', 'info');
    submit.disabled = true;
    try {
      const saved = await ctx.api.updateAlbum(albumId, settings);
      const rebuilds = 'watermark' in settings || 'web_other_files' in settings;
      say(message, rebuilds ? 'Saved. The web-size download is being rebuilt once; originals are untouched.' : 'Saved.', 'success');
      // What was sent, unless the answer says otherwise (an answer without a field keeps the sent value).
      if (albumId === ctx.selected()) fill({ ...(album ?? ({} as AdminAlbum)), ...settings, ...saved });
      void ctx.watch();
      // The counts against the limit and the due day in the favourites panel change with them.
      if ('selection_limit' in settings || 'selection_due' in settings) void ctx.reloadFavourites();
    } catch (error) {
      say(message, messageOf(error));
    } finally {
      submit.disabled = false;
    }
  });

  async function loadPhoto(albumId: string): Promise<void> {
    photo = null;
    caption.textContent = 'The watermark on one of the album’s photos, where the web-size photos will have it.';
    try {
      // The photographer may view every album; its first photo with a preview is the sample.
      const detail = await ctx.albumDetail(albumId);
      const sample = detail.photos?.find((p) => p.previews_ready !== false && p.preview_url);
      if (albumId !== ctx.selected()) return;
      if (!sample?.preview_url) {
        caption.textContent = 'No photo to preview on yet: upload some, and the preview shows one.';
        return draw();
      }
      const img = new Image();
      img.addEventListener('load', () => {
        if (albumId !== ctx.selected()) return;
        photo = img;
        draw();
      });
      img.src = sample.preview_url;
    } catch {
      // The preview keeps its blank photo; saving does not need it.
    }
  }

  return {
    async open(albumId) {
      say(message, '');
      fill(ctx.albums().find((a) => a.album_id === albumId) ?? null);
      await loadPhoto(albumId);
    },
  };
}

/** A watermark with only the fields its kind uses, for comparing the form with the saved one. */
function normal(mark: Watermark | null): unknown {
  if (!mark) return null;
  return [mark.kind, mark.kind === 'text' ? mark.text : mark.logo_key, mark.position, mark.size, mark.opacity, !!mark.on_previews];
}

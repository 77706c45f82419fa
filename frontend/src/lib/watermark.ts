// The album's watermark as the studio edits it, and where it goes on an image: the rule of
// rules/shared-rules.json → watermark_geometry, which the server's renderer follows too, so the
// studio's live preview puts the mark where the web-size photos will have it.

export const POSITIONS = ['center', 'top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;
export type Position = (typeof POSITIONS)[number];

export const POSITION_NAMES: Record<Position, string> = {
  center: 'Centre',
  'top-left': 'Top left',
  'top-right': 'Top right',
  'bottom-left': 'Bottom left',
  'bottom-right': 'Bottom right',
};

/** The server's ranges (common's Watermark): the studio refuses the same values before sending. */
export const SIZE_RANGE = [5, 60] as const;
export const OPACITY_RANGE = [10, 100] as const;
export const MAX_TEXT = 100;
/** The logo upload link takes PNGs up to this size. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
/** Percent of the image's shorter side kept clear between the mark and the edge. */
export const MARGIN_PERCENT = 3;

/** The watermark as the API sends and takes it (`watermark` of PATCH /admin/albums/{id}). */
export interface Watermark {
  kind: 'text' | 'logo';
  text?: string | null;
  logo_key?: string | null;
  position: Position;
  /** The mark's width as a percent of the image's width. */
  size: number;
  opacity: number;
  on_previews: boolean;
}

/** [x, y, w, h] in image pixels. */
export type Box = [number, number, number, number];

// Half up, as Java's Math.round for the non-negative values this rule meets.
const round = (value: number) => Math.floor(value + 0.5);

/**
 * Where a mark of natural size markW × markH goes on an image of imageW × imageH: its width is
 * size % of the image's, its height keeps the mark's proportions, and it keeps a margin of 3 % of
 * the image's shorter side from the edges it is placed against.
 */
export function watermarkBox(imageW: number, imageH: number, markW: number, markH: number, size: number, position: Position): Box {
  const w = round((imageW * size) / 100);
  const h = round((w * markH) / markW);
  const m = round((Math.min(imageW, imageH) * MARGIN_PERCENT) / 100);
  switch (position) {
    case 'top-left':
      return [m, m, w, h];
    case 'top-right':
      return [imageW - w - m, m, w, h];
    case 'bottom-left':
      return [m, imageH - h - m, w, h];
    case 'bottom-right':
      return [imageW - w - m, imageH - h - m, w, h];
    case 'center':
      return [Math.floor((imageW - w) / 2), Math.floor((imageH - h) / 2), w, h];
  }
}

/** What is wrong with a watermark before it is sent, or null; the words name the field as the form does. */
export function watermarkProblem(mark: Watermark): string | null {
  if (mark.kind === 'text') {
    const text = mark.text?.trim() ?? '';
    if (!text) return 'Write the watermark text.';
    if (text.length > MAX_TEXT) return `The watermark text can be at most ${MAX_TEXT} characters.`;
  } else if (!mark.logo_key) {
    return 'Choose a PNG logo for the watermark.';
  }
  if (!POSITIONS.includes(mark.position)) return 'Choose where the watermark goes.';
  if (!inRange(mark.size, SIZE_RANGE)) return `The watermark size must be ${SIZE_RANGE[0]}–${SIZE_RANGE[1]} % of the photo's width.`;
  if (!inRange(mark.opacity, OPACITY_RANGE)) return `The watermark opacity must be ${OPACITY_RANGE[0]}–${OPACITY_RANGE[1]} %.`;
  return null;
}

const inRange = (value: number, [min, max]: readonly [number, number]) => Number.isInteger(value) && value >= min && value <= max;

/** A logo file the studio can upload, or what is wrong with it. */
export function logoProblem(file: { name: string; size: number; type: string }): string | null {
  if (file.type !== 'image/png' && !/\.png$/i.test(file.name)) return 'The logo must be a PNG file (transparent background works best).';
  if (file.size <= 0) return 'That logo file is empty.';
  if (file.size > MAX_LOGO_BYTES) return 'The logo can be at most 2 MB.';
  return null;
}

/** Lower-case hex SHA-256 of the bytes: the logo's name in the bucket (watermarks/{album}/{sha256}.png). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

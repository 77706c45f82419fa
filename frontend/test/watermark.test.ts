// The watermark's placement: every case of rules/shared-rules.json → watermark_geometry, which
// the server's renderer is tested against too, so the studio's preview and the photos agree.
import { describe, expect, it } from 'vitest';
import fixture from '../../rules/shared-rules.json';
import { MARGIN_PERCENT, POSITIONS, logoProblem, sha256Hex, watermarkBox, watermarkProblem, type Position, type Watermark } from '../src/lib/watermark';

interface GeometryCase {
  image: [number, number];
  mark: [number, number];
  size: number;
  position: string;
  box: [number, number, number, number];
}

const geometry = (fixture as unknown as { watermark_geometry: { margin_percent: number; cases: GeometryCase[] } }).watermark_geometry;

describe('watermark geometry (rules/shared-rules.json)', () => {
  it('places the mark of every fixture case in the same box as the server', () => {
    expect(geometry.cases.length).toBeGreaterThan(0);
    expect(MARGIN_PERCENT).toBe(geometry.margin_percent);
    for (const c of geometry.cases) {
      const name = `${c.image.join('x')} mark ${c.mark.join('x')} ${c.size}% ${c.position}`;
      expect(POSITIONS, name).toContain(c.position);
      expect(watermarkBox(c.image[0], c.image[1], c.mark[0], c.mark[1], c.size, c.position as Position), name).toEqual(c.box);
    }
  });

  it('covers every position in the fixture', () => {
    expect(new Set(geometry.cases.map((c) => c.position))).toEqual(new Set(POSITIONS));
  });

  it('keeps every box inside its image', () => {
    for (const c of geometry.cases) {
      const [x, y, w, h] = watermarkBox(c.image[0], c.image[1], c.mark[0], c.mark[1], c.size, c.position as Position);
      expect(x >= 0 && y >= 0 && x + w <= c.image[0] && y + h <= c.image[1], JSON.stringify(c)).toBe(true);
    }
  });
});

describe('checking a watermark before saving', () => {
  const text: Watermark = { kind: 'text', text: '© Anna Studio', position: 'bottom-right', size: 30, opacity: 50, on_previews: false };

  it('accepts a text mark in range and refuses each field out of range, naming it', () => {
    expect(watermarkProblem(text)).toBeNull();
    expect(watermarkProblem({ ...text, text: '  ' })).toContain('text');
    expect(watermarkProblem({ ...text, text: 'x'.repeat(101) })).toContain('at most 100');
    expect(watermarkProblem({ ...text, size: 4 })).toContain('size');
    expect(watermarkProblem({ ...text, size: 61 })).toContain('size');
    expect(watermarkProblem({ ...text, opacity: 9 })).toContain('opacity');
    expect(watermarkProblem({ ...text, opacity: 100 })).toBeNull();
    expect(watermarkProblem({ ...text, position: 'middle' as Position })).toContain('where');
  });

  it('needs an uploaded logo for a logo mark', () => {
    expect(watermarkProblem({ ...text, kind: 'logo', text: null })).toContain('PNG');
    expect(watermarkProblem({ ...text, kind: 'logo', logo_key: 'watermarks/a/b.png' })).toBeNull();
  });

  it('takes PNG logos up to 2 MB only', () => {
    expect(logoProblem({ name: 'logo.png', size: 1000, type: 'image/png' })).toBeNull();
    expect(logoProblem({ name: 'logo.jpg', size: 1000, type: 'image/jpeg' })).toContain('PNG');
    expect(logoProblem({ name: 'logo.png', size: 0, type: 'image/png' })).toContain('empty');
    expect(logoProblem({ name: 'logo.png', size: 2 * 1024 * 1024 + 1, type: 'image/png' })).toContain('2 MB');
  });

  it('names a logo by the hex SHA-256 of its bytes', async () => {
    const bytes = new TextEncoder().encode('abc');
    expect(await sha256Hex(bytes.buffer as ArrayBuffer)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDate, formatDuration, formatEta, formatPreparing, plural } from '../src/lib/format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1 KB'],
    [1500, '1.5 KB'],
    [532_000, '532 KB'],
    [999_960, '1 MB'],
    [1_200_000_000, '1.2 GB'],
    [12_340_000_000, '12.3 GB'],
    [340_000_000, '340 MB'],
    [1_000_000_000_000, '1 TB'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('is empty for unknown sizes', () => {
    expect(formatBytes(null)).toBe('');
    expect(formatBytes(undefined)).toBe('');
    expect(formatBytes(-1)).toBe('');
    expect(formatBytes(Number.NaN)).toBe('');
  });
});

describe('formatEta', () => {
  it.each([
    [0, 'about 1 s left'],
    [3, 'about 3 s left'],
    [10, 'about 10 s left'],
    [38, 'about 40 s left'],
    [42, 'about 40 s left'],
    [59, 'about 55 s left'],
    [60, 'about 1 min left'],
    [150, 'about 3 min left'],
    [119 * 60, 'about 119 min left'],
    [120 * 60, 'about 2 h left'],
    [130 * 60, 'about 2 h 10 min left'],
  ])('%d s → %s', (seconds, text) => {
    expect(formatEta(seconds)).toBe(text);
  });

  it('says nothing without an estimate', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(undefined)).toBe('');
    expect(formatEta(-5)).toBe('');
  });
});

describe('progress text', () => {
  it('counts photos with grouping', () => {
    expect(formatPreparing(412, 1000)).toBe('Preparing… 412 of 1,000 photos');
    expect(formatPreparing(0, 1)).toBe('Preparing… 0 of 1 photo');
  });

  it('never shows more done than total, nor negative', () => {
    expect(formatPreparing(12, 10)).toBe('Preparing… 10 of 10 photos');
    expect(formatPreparing(-1, 10)).toBe('Preparing… 0 of 10 photos');
  });

  it('plural and count', () => {
    expect(plural(1, 'photo')).toBe('1 photo');
    expect(plural(2500, 'photo')).toBe('2,500 photos');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});

describe('dates and durations', () => {
  it('formats a date in the given locale and ignores garbage', () => {
    expect(formatDate('2026-03-12T10:00:00Z', 'en-GB')).toBe('12 March 2026');
    expect(formatDate('not a date')).toBe('');
    expect(formatDate(null)).toBe('');
  });

  it('formats durations', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 5 s');
    expect(formatDuration(120)).toBe('2 min');
    expect(formatDuration(3720)).toBe('1 h 2 min');
    expect(formatDuration(null)).toBe('');
  });
});

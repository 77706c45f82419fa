// The front end's side of rules/shared-rules.json: common's SharedRulesTest and
// ScriptsFollowSharedRulesTest check the same file, so a rule changed in one language alone fails.
import { describe, expect, it } from 'vitest';
import fixture from '../../rules/shared-rules.json';
import { ERROR_CODES } from '../src/lib/api';
import { ALBUM_ID_MAX_LENGTH, ALBUM_ID_MIN_LENGTH, albumIdProblem } from '../src/lib/studio';
import {
  MAX_FILE_BYTES,
  MAX_KEY_BYTES,
  MAX_NAME_BYTES,
  PRESIGN_BATCH,
  SYSTEM_NAMES,
  UPLOAD_TYPES,
  contentTypeOf,
  isHiddenOrSystem,
  prepareFiles,
  uploadNameProblem,
} from '../src/lib/upload';

interface SharedRules {
  album_id: { min_length: number; max_length: number; valid: string[]; invalid: string[] };
  hidden_files: { system_names: string[]; hidden: string[]; visible: string[] };
  file_names: { max_component_bytes: number; max_key_bytes: number; accepted: string[]; refused: string[] };
  upload_request: { max_files: number; max_file_bytes: number };
  upload_types: {
    types: Record<string, string>;
    inline: string[];
    accepted: string[];
    refused: string[];
    declared: { accepted: string[][]; refused: string[][] };
  };
  error_codes: { codes: Record<string, number> };
}

const rules: SharedRules = fixture;

describe('shared rules (rules/shared-rules.json)', () => {
  it('album ids', () => {
    const { min_length: min, max_length: max } = rules.album_id;
    expect([ALBUM_ID_MIN_LENGTH, ALBUM_ID_MAX_LENGTH]).toEqual([min, max]);
    for (const id of [...rules.album_id.valid, 'a'.repeat(min), 'a'.repeat(max)]) expect(albumIdProblem(id), id).toBeNull();
    for (const id of [...rules.album_id.invalid, 'a'.repeat(min - 1), 'a'.repeat(max + 1)]) expect(albumIdProblem(id), id).not.toBeNull();
  });

  it('hidden and system files', () => {
    expect([...SYSTEM_NAMES].sort()).toEqual([...rules.hidden_files.system_names].sort());
    for (const path of rules.hidden_files.hidden) expect(isHiddenOrSystem(path), path).toBe(true);
    for (const path of rules.hidden_files.visible) expect(isHiddenOrSystem(path), path).toBe(false);
  });

  it('file names of new photos', () => {
    expect([MAX_NAME_BYTES, MAX_KEY_BYTES]).toEqual([rules.file_names.max_component_bytes, rules.file_names.max_key_bytes]);
    for (const path of rules.file_names.accepted) expect(uploadNameProblem('smith-wedding', path), path).toBeNull();
    for (const path of rules.file_names.refused) expect(uploadNameProblem('smith-wedding', path), path).not.toBeNull();
  });

  it('upload requests stay within what the API takes', () => {
    expect(MAX_FILE_BYTES).toBe(rules.upload_request.max_file_bytes);
    expect(PRESIGN_BATCH).toBeGreaterThan(0);
    expect(PRESIGN_BATCH).toBeLessThanOrEqual(rules.upload_request.max_files);
  });

  it('upload types by extension', () => {
    const { types, accepted, refused } = rules.upload_types;
    expect(UPLOAD_TYPES).toEqual(types);
    for (const [extension, type] of Object.entries(types)) expect(contentTypeOf(`IMG_1.${extension.toUpperCase()}`), extension).toBe(type);
    for (const path of accepted) expect(contentTypeOf(path), path).not.toBeNull();
    for (const path of refused) expect(contentTypeOf(path), path).toBeNull();
    // The studio never declares another type than the extension's, whatever the browser guessed.
    const blob = new Blob(['<svg/>'], { type: 'image/svg+xml' });
    const { items, notAccepted } = prepareFiles([...accepted, ...refused].map((path) => ({ path, file: blob })), 'smith-wedding');
    expect(items.map((i) => i.path).sort()).toEqual([...accepted].sort());
    expect([...notAccepted].sort()).toEqual([...refused].sort());
    for (const item of items) expect(item.contentType, item.path).toBe(contentTypeOf(item.path));
  });

  it('error codes are the ones the server sends', () => {
    expect([...ERROR_CODES].sort()).toEqual(Object.keys(rules.error_codes.codes).sort());
  });
});

describe('refusing names before uploading', () => {
  const blob = (size: number) => new Blob([new Uint8Array(size)]);

  it('lists every file whose name is too long, naming the limit, and keeps the others', () => {
    const long = `${'x'.repeat(197)}.jpg`;
    const { items, refused } = prepareFiles(
      [
        { path: 'Wedding/IMG_1.jpg', file: blob(1) },
        { path: `Wedding/Ceremony/${long}`, file: blob(1) },
        { path: `Wedding/${'é'.repeat(101)}/IMG_2.jpg`, file: blob(1) },
      ],
      'smith-wedding',
    );
    expect(items.map((i) => i.path)).toEqual([`Ceremony/${long}`, `${'é'.repeat(101)}/IMG_2.jpg`, 'IMG_1.jpg']);
    expect(refused.map((r) => r.path)).toEqual([`Ceremony/${long}`, `${'é'.repeat(101)}/IMG_2.jpg`]);
    expect(refused[0].problem).toContain(`${long}” is 201 bytes long`);
    expect(refused[0].problem).toContain('at most 200 bytes');
    expect(refused[1].problem).toContain('202 bytes');
  });
});

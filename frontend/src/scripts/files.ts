// Collecting files from a drop (files and whole folders) or a file input.

import type { PickedFile } from '../lib/upload';

type Entry = FileSystemEntry;

function readAll(reader: FileSystemDirectoryReader): Promise<Entry[]> {
  // readEntries answers in batches (100 in Chrome): call until it answers nothing.
  return new Promise((resolve, reject) => {
    const all: Entry[] = [];
    const more = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) return resolve(all);
        all.push(...batch);
        more();
      }, reject);
    more();
  });
}

async function walk(entry: Entry, out: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path: entry.fullPath.replace(/^\/+/, ''), file });
  } else if (entry.isDirectory) {
    for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader())) await walk(child, out);
  }
}

/** Files of a drop, folders included (their paths kept), via webkitGetAsEntry where it exists. */
export async function filesFromDrop(data: DataTransfer): Promise<PickedFile[]> {
  // Entries must be taken now: the DataTransfer empties once the event handler returns.
  const entries: Entry[] = [];
  const items = Array.from(data.items ?? []);
  if (items.length && typeof items[0].webkitGetAsEntry === 'function') {
    for (const item of items) {
      const entry = item.kind === 'file' ? item.webkitGetAsEntry() : null;
      if (entry) entries.push(entry);
    }
  }
  if (entries.length === 0) return Array.from(data.files).map((file) => ({ path: file.name, file }));
  const out: PickedFile[] = [];
  for (const entry of entries) await walk(entry, out);
  return out;
}

/** Files from <input type=file>, with webkitdirectory's relative paths when present. */
export function filesFromInput(input: HTMLInputElement): PickedFile[] {
  return Array.from(input.files ?? []).map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

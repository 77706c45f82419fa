#!/usr/bin/env python3
"""Check an unzipped download against its receipt's manifest.

Usage: check-download.py MANIFEST.sfv FOLDER

MANIFEST.sfv is the file the receipt page downloads (an SFV file: "path CRC32" lines after
"; size path" comment lines); FOLDER is where the archive (or all of its parts) was unzipped.
Each listed file must exist with the listed size and CRC-32. Files in FOLDER that the manifest
does not list are shown (EXTRA) but do not fail the check.

Prints one line per problem (MISSING, SIZE, CRC) and then "OK n files" or "FAILED n of N";
exits 0 only when every file matches, 1 when any does not, 2 when the manifest is unreadable.
Python 3.8 or newer, nothing to install (macOS, Linux, Windows: py check-download.py ...).
The same manifest is also checked by `cksfv -f MANIFEST.sfv` run inside FOLDER.
"""

import argparse
import os
import re
import sys
import unicodedata
import zlib

CHUNK = 1 << 20  # read files 1 MiB at a time: memory stays flat whatever their size
ENTRY = re.compile(r"^(.+) ([0-9A-Fa-f]{8})$")
SIZE = re.compile(r"^; (\d+) (.+)$")


class Manifest:
    def __init__(self, entries, sizes):
        self.entries = entries  # [(path, crc)] in the manifest's order
        self.sizes = sizes  # {path: size} from the "; size path" lines


def read_manifest(path):
    """Entries and sizes of an SFV file; raises ValueError for a line that is neither."""
    with open(path, "r", encoding="utf-8-sig", newline="") as f:
        lines = [line.rstrip("\r\n") for line in f]
    sizes = {}
    comments = []
    entries = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if line.startswith(";"):
            size = SIZE.match(line)
            if size:
                sizes[size.group(2)] = int(size.group(1))
            comments.append(line)
            continue
        entry = ENTRY.match(line)
        if not entry:
            raise ValueError("line %d is neither a comment nor 'path CRC32': %r" % (number, line))
        entries.append((entry.group(1), int(entry.group(2), 16)))
    # A path that begins with ';' reads as a comment to SFV tools: it is listed among the sizes,
    # and its "path CRC32" line is one of the comment lines.
    listed = {p for p, _ in entries}
    for line in comments:
        entry = ENTRY.match(line)
        if entry and entry.group(1) in sizes and entry.group(1) not in listed and not SIZE.match(line):
            entries.append((entry.group(1), int(entry.group(2), 16)))
            listed.add(entry.group(1))
    return Manifest(entries, sizes)


def local_path(folder, path):
    """The file a manifest path names inside folder, or None when the path would leave it."""
    parts = path.split("/")
    if path.startswith("/") or any(p in ("", ".", "..") for p in parts):
        return None
    return os.path.join(folder, *parts)


def find(folder, path):
    """The file on disk; tries the decomposed spelling (Unicode NFD) that older Mac disks use."""
    exact = local_path(folder, path)
    if exact is None or os.path.isfile(exact):
        return exact
    decomposed = local_path(folder, unicodedata.normalize("NFD", path))
    return decomposed if decomposed and os.path.isfile(decomposed) else exact


def crc32_of(file):
    crc = 0
    with open(file, "rb") as f:
        while True:
            chunk = f.read(CHUNK)
            if not chunk:
                return crc
            crc = zlib.crc32(chunk, crc)


def extra_files(folder, listed, manifest_file):
    normalized = {unicodedata.normalize("NFC", p) for p in listed}
    skip = os.path.abspath(manifest_file)
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            full = os.path.join(root, name)
            if os.path.abspath(full) == skip:
                continue
            relative = os.path.relpath(full, folder).replace(os.sep, "/")
            if unicodedata.normalize("NFC", relative) not in normalized:
                yield relative


def check(manifest, folder, manifest_file, out):
    problems = 0
    for path, crc in manifest.entries:
        file = find(folder, path)
        if file is None:
            out("UNSAFE %s: not a path inside the folder" % path)
            problems += 1
            continue
        if not os.path.isfile(file):
            out("MISSING %s" % path)
            problems += 1
            continue
        size = os.path.getsize(file)
        expected_size = manifest.sizes.get(path)
        if expected_size is not None and size != expected_size:
            out("SIZE %s: %d bytes, expected %d" % (path, size, expected_size))
            problems += 1
            continue
        found = crc32_of(file)
        if found != crc:
            out("CRC %s: %08X, expected %08X" % (path, found, crc))
            problems += 1
    for path in extra_files(folder, [p for p, _ in manifest.entries], manifest_file):
        out("EXTRA %s (not in the manifest; not checked)" % path)
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="check-download.py",
        description="Check an unzipped download against its receipt's manifest (an SFV file): "
                    "every listed file present, with its size and CRC-32.",
        epilog="Exit status: 0 every file matches, 1 a file is missing or differs, 2 the manifest "
               "cannot be read. The same manifest works with 'cksfv -f MANIFEST.sfv' run in FOLDER.")
    parser.add_argument("manifest", metavar="MANIFEST.sfv", help="the manifest from the receipt page")
    parser.add_argument("folder", metavar="FOLDER", help="the folder the archive (all its parts) was unzipped into")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.folder):
        print("check-download.py: %s is not a folder" % args.folder, file=sys.stderr)
        return 2
    try:
        manifest = read_manifest(args.manifest)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        print("check-download.py: cannot read the manifest %s: %s" % (args.manifest, e), file=sys.stderr)
        return 2
    if not manifest.entries:
        print("check-download.py: %s lists no files" % args.manifest, file=sys.stderr)
        return 2
    out = lambda line: print(line, flush=True)
    problems = check(manifest, args.folder, args.manifest, out)
    total = len(manifest.entries)
    if problems:
        out("FAILED %d of %d" % (problems, total))
        return 1
    out("OK %d files" % total)
    return 0


if __name__ == "__main__":
    # Names print as they are, whatever the console's encoding (a Windows console may not be UTF-8).
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    sys.exit(main())

package com.clientalbums.zip.layout;

import com.clientalbums.common.error.EmptyAlbumException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Plans an album's archive: names, order, every offset and the exact size, from the file listing alone. */
public final class LayoutPlanner {

    private LayoutPlanner() {
    }

    /**
     * @throws EmptyAlbumException      when no file is left to archive (none given, or all hidden, system
     *                                  files or folder markers)
     * @throws IllegalArgumentException when a key is listed twice
     */
    public static ZipLayout plan(List<SourceFile> files) {
        rejectDuplicateKeys(files);
        List<PlannedName> names = new ArrayList<>(EntryNames.sanitize(files));
        if (names.isEmpty()) {
            throw new EmptyAlbumException(files.size());
        }
        putSmallEntryFirst(names);

        List<ZipLayout.Entry> entries = new ArrayList<>(names.size());
        long offset = 0;
        for (PlannedName planned : names) {
            SourceFile source = planned.source();
            long dataOffset = offset
                    + ZipRecords.localHeaderLength(planned.name(), source.size(), source.lastModified());
            entries.add(new ZipLayout.Entry(source, planned.name(), offset, dataOffset, source.size()));
            offset = dataOffset + source.size();
        }
        return new ZipLayout(entries, offset);
    }

    /**
     * Plans an album cut into parts of at most {@code maxPartBytes} each (0: one archive), each part
     * a complete archive of its own; names are made unique over the whole album first, so they
     * stay unique across parts.
     *
     * <p>STUB (issue 13 foundation): fills parts in name order; the content-defined cut replaces it.
     */
    public static List<ZipLayout> planParts(List<SourceFile> files, long maxPartBytes) {
        ZipLayout whole = plan(files);
        if (maxPartBytes <= 0 || whole.totalSize() <= maxPartBytes) return List.of(whole);
        List<ZipLayout> parts = new ArrayList<>();
        List<SourceFile> current = new ArrayList<>();
        long size = 0;
        for (ZipLayout.Entry e : whole.entries()) {
            long entryBytes = e.dataOffset() - e.headerOffset() + e.size() + 200;
            if (!current.isEmpty() && size + entryBytes > maxPartBytes) {
                parts.add(plan(current));
                current = new ArrayList<>();
                size = 0;
            }
            current.add(e.source());
            size += entryBytes;
        }
        if (!current.isEmpty()) parts.add(plan(current));
        return List.copyOf(parts);
    }

    /**
     * The first entry (offset 0) needs ZIP64 only if it is 4 GiB or more; some readers that stream the
     * archive (Safari's auto-extract) judge it by its first header, so a smaller file goes first. When
     * every file is that large there is no choice, and the archive stays valid for ZIP64 readers.
     */
    private static void putSmallEntryFirst(List<PlannedName> names) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).source().size() < ZipRecords.ZIP64_LIMIT) {
                names.addFirst(names.remove(i));
                return;
            }
        }
    }

    private static void rejectDuplicateKeys(List<SourceFile> files) {
        Set<String> keys = new HashSet<>();
        for (SourceFile file : files) {
            if (!keys.add(file.key())) {
                throw new IllegalArgumentException("key listed twice: " + file.key());
            }
        }
    }
}

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
        return layout(names(files));
    }

    /**
     * Plans an album cut into parts of at most {@code maxPartBytes} each, each part a complete archive of
     * its own ({@code PartCut} says where the cuts fall). Names are made unique over the whole album
     * before the cut, so they stay unique across parts; a photo larger than the limit is a part by itself.
     * With a limit of 0, or when the whole album fits, the one part is exactly {@link #plan}'s archive.
     *
     * @throws EmptyAlbumException      as {@link #plan}
     * @throws IllegalArgumentException when a key is listed twice or the limit is negative
     */
    public static List<ZipLayout> planParts(List<SourceFile> files, long maxPartBytes) {
        if (maxPartBytes < 0) {
            throw new IllegalArgumentException("part limit must not be negative, got " + maxPartBytes);
        }
        List<PlannedName> names = names(files);
        ZipLayout whole = layout(names);
        if (maxPartBytes == 0 || whole.totalSize() <= maxPartBytes) {
            return List.of(whole);
        }
        return PartCut.forLimit(maxPartBytes).cut(names).stream().map(LayoutPlanner::layout).toList();
    }

    /** Every archivable file with its entry name, in name order. */
    private static List<PlannedName> names(List<SourceFile> files) {
        rejectDuplicateKeys(files);
        List<PlannedName> names = EntryNames.sanitize(files);
        if (names.isEmpty()) {
            throw new EmptyAlbumException(files.size());
        }
        return names;
    }

    /** One archive of these entries, named already: their order (but for the first entry) and offsets. */
    private static ZipLayout layout(List<PlannedName> planned) {
        List<PlannedName> names = new ArrayList<>(planned);
        putSmallEntryFirst(names);

        List<ZipLayout.Entry> entries = new ArrayList<>(names.size());
        long offset = 0;
        for (PlannedName name : names) {
            SourceFile source = name.source();
            long dataOffset = offset
                    + ZipRecords.localHeaderLength(name.name(), source.size(), source.lastModified());
            entries.add(new ZipLayout.Entry(source, name.name(), offset, dataOffset, source.size()));
            offset = dataOffset + source.size();
        }
        return new ZipLayout(entries, offset);
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

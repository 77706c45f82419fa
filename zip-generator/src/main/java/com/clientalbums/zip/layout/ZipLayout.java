package com.clientalbums.zip.layout;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The complete, byte-exact plan of an archive: where every entry's header and content go and how large
 * the whole archive is, known before a byte is written. The archive is, in order, for each entry
 * {@link #localHeader} then its {@link Entry#size()} content bytes, then {@link #centralDirectory}.
 * Build one with {@link LayoutPlanner#plan}.
 */
public final class ZipLayout {

    /**
     * One entry of the archive.
     *
     * @param name         the entry name (UTF-8 in the archive)
     * @param headerOffset where its local header starts
     * @param dataOffset   where its content starts, right after the local header
     * @param size         its content length (stored, so also the length in the archive)
     */
    public record Entry(SourceFile source, String name, long headerOffset, long dataOffset, long size) {
    }

    private final List<Entry> entries;
    private final long centralDirectoryOffset;
    private final long centralDirectorySize;
    private final long totalSize;

    ZipLayout(List<Entry> entries, long centralDirectoryOffset) {
        this.entries = List.copyOf(entries);
        this.centralDirectoryOffset = centralDirectoryOffset;
        this.centralDirectorySize = entries.stream().mapToLong(ZipRecords::centralHeaderLength).sum();
        this.totalSize = centralDirectoryOffset + centralDirectorySize
                + ZipRecords.endRecordsLength(entries.size(), centralDirectoryOffset, centralDirectorySize);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The exact length of the archive in bytes. */
    public long totalSize() {
        return totalSize;
    }

    /** Where {@link #centralDirectory} starts: right after the last entry's content. */
    public long centralDirectoryOffset() {
        return centralDirectoryOffset;
    }

    /** The local header of entry {@code index}, to be written at its {@link Entry#headerOffset()}. */
    public byte[] localHeader(int index, int crc32) {
        return ZipRecords.localHeader(entries.get(index), crc32);
    }

    /**
     * The archive's tail, to be written at {@link #centralDirectoryOffset()}: the central directory, the
     * ZIP64 end record and locator when needed, and the end of central directory record.
     *
     * @param crc32s every entry's CRC-32, in entry order
     */
    public byte[] centralDirectory(int[] crc32s) {
        if (crc32s.length != entries.size()) {
            throw new IllegalArgumentException(
                    crc32s.length + " CRC-32 values given for " + entries.size() + " entries");
        }
        ByteBuffer out = ZipRecords.allocate(Math.toIntExact(totalSize - centralDirectoryOffset));
        for (int i = 0; i < entries.size(); i++) {
            ZipRecords.putCentralHeader(out, entries.get(i), crc32s[i]);
        }
        ZipRecords.putEndRecords(out, entries.size(), centralDirectoryOffset, centralDirectorySize);
        return ZipRecords.filled(out);
    }
}

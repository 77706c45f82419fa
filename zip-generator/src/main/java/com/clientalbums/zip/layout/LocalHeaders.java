package com.clientalbums.zip.layout;

import java.time.Instant;

/**
 * The local header an entry gets, for any entry, in any archive: an incremental rebuild compares the
 * header an entry had in an earlier archive with the one it gets in the new archive before copying
 * the earlier bytes (the header holds the name, size, CRC-32, time and whether the entry needs ZIP64,
 * which its offset decides).
 */
public final class LocalHeaders {
    private LocalHeaders() {}

    /** The header of {@code name} ({@code size} bytes of {@code sourceKey}, modified at {@code lastModified}) at {@code headerOffset}. */
    public static byte[] of(String sourceKey, String name, long size, Instant lastModified, long headerOffset, int crc32) {
        SourceFile source = new SourceFile(sourceKey, name, size, lastModified);
        long dataOffset = headerOffset + ZipRecords.localHeaderLength(name, size, lastModified);
        return ZipRecords.localHeader(new ZipLayout.Entry(source, name, headerOffset, dataOffset, size), crc32);
    }
}

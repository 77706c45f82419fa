package com.clientalbums.zip.reuse;

import java.time.Instant;

/**
 * One entry of an archive built earlier, as its manifest (source photo, ETag and time) and central
 * directory (name, size, offset, CRC-32) describe it: bytes an incremental rebuild may copy
 * instead of reading the photo again.
 *
 * @param archiveKey   the earlier archive
 * @param name         its entry name
 * @param sourceKey    the photo it was made from
 * @param etag         that photo's ETag then
 * @param size         content length
 * @param headerOffset where its local header starts in {@code archiveKey}
 * @param crc32        its CRC-32, from the central directory
 * @param lastModified the time its headers were made from; with the rest, it decides whether the
 *                     entry's local header is the one a new archive would write
 */
public record PreviousEntry(String archiveKey, String name, String sourceKey, String etag, long size, long headerOffset,
                            int crc32, Instant lastModified) {}

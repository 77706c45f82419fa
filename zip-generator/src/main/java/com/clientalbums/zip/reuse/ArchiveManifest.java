package com.clientalbums.zip.reuse;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an archive was made from, entry by entry in archive order: the sidecar
 * {@code ….manifest.json} beside every archive ({@link ArchiveManifests}). The central directory
 * says where each entry lies and its CRC-32; only this says which photo, of which ETag, it holds.
 *
 * @param version     the format, {@link ArchiveManifests#VERSION}
 * @param archiveSize the archive's length in bytes
 */
public record ArchiveManifest(int version, long archiveSize, List<Entry> entries) {
    public ArchiveManifest {
        entries = List.copyOf(entries);
    }

    /**
     * @param name         the entry name in the archive
     * @param sourceKey    the photo's object key
     * @param etag         the photo's ETag when it was archived
     * @param size         its length
     * @param lastModified the time written in the entry's headers
     */
    public record Entry(String name, String sourceKey, String etag, long size, Instant lastModified) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sourceKey, "source_key");
            Objects.requireNonNull(etag, "etag");
            Objects.requireNonNull(lastModified, "last_modified");
            if (size < 0) throw new IllegalArgumentException("negative size " + size + " for " + name);
        }
    }
}

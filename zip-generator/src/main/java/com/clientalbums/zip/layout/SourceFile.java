package com.clientalbums.zip.layout;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored photo to archive.
 *
 * @param key          the object's full storage key; ties between equal sanitized names are broken by it
 * @param relativePath the path inside the album's {@code photos/} prefix, e.g. {@code Ceremony/IMG_0001.JPG}
 * @param size         the content length in bytes
 * @param lastModified the modification time recorded in the archive
 */
public record SourceFile(String key, String relativePath, long size, Instant lastModified) {
    public SourceFile {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(lastModified, "lastModified");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + key);
        }
    }
}

package com.clientalbums.previews.job;

import com.clientalbums.common.store.ObjectHead;
import com.clientalbums.common.store.ObjectHeads;
import com.clientalbums.common.store.S3Keys;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Moves a file whose bytes are active content out of its album, to
 * {@code quarantine/{album_id}/{path}}, with a note saying why: it leaves the album's listing, so
 * its archive, its view link and its previews, and the delete's S3 event rebuilds the archive
 * without it. Nothing is deleted without its copy: the photographer can look at it and put it
 * back ({@code docs/uploads.md}).
 */
final class Quarantine {
    private static final Logger LOG = System.getLogger(Quarantine.class.getName());
    static final String REASON = "quarantine-reason";
    static final String AT = "quarantined-at";
    /** A single CopyObject's limit; a larger object stays where it is, typed by its extension. */
    static final long MAX_COPY_BYTES = 5L * 1024 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final ObjectHeads heads;
    private final Clock clock;

    Quarantine(S3Client s3, String bucket, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.heads = new ObjectHeads(s3, bucket);
        this.clock = clock;
    }

    /**
     * Moves the version {@code etag} of the photo; false when it could not be moved (too large to
     * copy, or replaced or deleted since it was read: a replacement's own event judges its bytes).
     */
    boolean move(String albumId, String relativePath, String etag, long size, String reason) {
        String from = S3Keys.photoKey(albumId, relativePath);
        String to = S3Keys.quarantineKey(albumId, relativePath);
        if (size > MAX_COPY_BYTES) {
            LOG.log(Level.WARNING, "album {0}: {1} is {2}, but too large to move to quarantine; left in place", albumId, relativePath, reason);
            return false;
        }
        try {
            // Only the bytes that were judged, and typed so that no link to the copy can show them.
            s3.copyObject(c -> c.sourceBucket(bucket).sourceKey(from).copySourceIfMatch("\"" + etag + "\"")
                    .destinationBucket(bucket).destinationKey(to).metadataDirective(MetadataDirective.REPLACE)
                    .contentType("application/octet-stream")
                    .metadata(Map.of(REASON, reason, AT, clock.instant().toString(), PhotoPreviews.SOURCE_ETAG, etag)));
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 404) return false;
            throw e;
        }
        // The copy is safe; the original goes only if it is still the version copied.
        Optional<ObjectHead> now = heads.head(from);
        if (now.isEmpty() || !now.get().etag().equals(etag)) return false;
        s3.deleteObject(d -> d.bucket(bucket).key(from));
        LOG.log(Level.WARNING, "album {0}: {1} is {2}; moved to {3}", albumId, relativePath, reason, to);
        return true;
    }
}

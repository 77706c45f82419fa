package com.clientalbums.common.album;

import java.time.Instant;
import java.util.List;

/**
 * An album record as stored in the album table (attribute names in brackets).
 *
 * <p>The plan's attributes are kept: album_id, name, photo_count, created_at, created_by,
 * zip_status, zip_generated_at, zip_generation_started_at, zip_size, zip_error. The rest
 * serve the archive rules: {@code content_fingerprint}/{@code content_version} describe the
 * photos as last seen; {@code zip_fingerprint}/{@code zip_key} the published archive, which
 * is current only while both fingerprints agree; the lease fields say who builds and until
 * when; {@code build_version} is the content version a build started from, so a change that
 * arrives during the build is noticed when it publishes.
 */
public record Album(
        String albumId,
        String name,
        long photoCount,
        Instant createdAt,
        String createdBy,
        ZipStatus zipStatus,
        String contentFingerprint,
        long contentVersion,
        String zipFingerprint,
        String zipKey,
        long zipSize,
        long zipFileCount,
        Instant zipGeneratedAt,
        Instant zipGenerationStartedAt,
        String zipError,
        Instant requestedAt,
        String requestSource,
        Instant notBefore,
        String leaseOwner,
        Instant leaseExpiresAt,
        long buildVersion,
        int attempts,
        Progress progress,
        List<BuildRecord> builds) {

    /** A published archive exists and was built from the photos as they are now. */
    public boolean archiveCurrent() {
        return zipStatus == ZipStatus.READY && zipKey != null && zipFingerprint != null
                && zipFingerprint.equals(contentFingerprint);
    }

    /** An archive was published but the photos changed since. */
    public boolean archiveStale() {
        return zipFingerprint != null && !zipFingerprint.equals(contentFingerprint);
    }

    public boolean leaseExpired(Instant now) {
        return leaseExpiresAt == null || !leaseExpiresAt.isAfter(now);
    }
}

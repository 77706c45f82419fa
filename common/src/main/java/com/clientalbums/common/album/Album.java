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
 * arrives during the build is noticed when it publishes. {@code zip_parts} lists the published
 * archives when an album is cut into parts ({@code zip_key} is then the first one's);
 * {@code build_fingerprint}, {@code build_parts} and {@code parts_remaining} are the plan of the
 * build under way, one lease per part.
 *
 * <p>Web size ({@code docs/sharing.md}): {@code web_parts} lists the published web-size archives,
 * published by the same write as {@code zip_parts} (the build's plan holds the parts of both sizes,
 * each {@link PartTask} saying which); {@code watermark} and {@code web_other_files} are the
 * album's recipe for web-size photos ({@link WebSize}). {@code expires_at}: after it clients and
 * guests see "This gallery has expired" and get no links; null for an album that does not expire.
 *
 * <p>Favourites ({@code docs/favourites.md}): {@code selection_limit} and {@code selection_due} are the
 * album's {@link Proofing}. A record of the selection table (a favourites archive) has
 * {@code selection_of} and {@code selection_paths} ({@link Selection}) and copies its album's
 * web-size recipe; every other attribute means what it means for an album.
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
        List<BuildRecord> builds,
        List<PublishedPart> zipParts,
        String buildFingerprint,
        List<PartTask> buildParts,
        long partsRemaining,
        List<PublishedPart> webParts,
        Watermark watermark,
        WebSize.OtherFiles webOtherFiles,
        Instant expiresAt,
        Proofing proofing,
        Selection selection) {

    public Album {
        if (webOtherFiles == null) webOtherFiles = WebSize.OtherFiles.DEFAULT;
        if (proofing == null) proofing = Proofing.NONE;
    }

    /**
     * The album whose {@code photos/} this record's archives are built from: its own, or for a
     * favourites archive ({@link #selection}) the album the photos were chosen from.
     */
    public String photosAlbumId() {
        return selection == null ? albumId : selection.albumId();
    }

    /**
     * The published archives in download order: {@code zip_parts}, or for a record written before
     * parts existed, its one {@code zip_key}. Empty when nothing is published.
     */
    public List<PublishedPart> publishedParts() {
        if (!zipParts.isEmpty()) return zipParts;
        return zipKey == null ? List.of() : List.of(new PublishedPart(zipKey, zipSize, zipFileCount, progress.bytesTotal()));
    }

    /** The published archives of one size in download order; empty when nothing of that size is published. */
    public List<PublishedPart> publishedParts(PhotoSize size) {
        return size == PhotoSize.ORIGINAL ? publishedParts() : webParts;
    }

    /** The gallery's expiry date has passed: clients and guests get no links. */
    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /**
     * How far the build under way has come: over its parts when it has a plan ({@code build_parts},
     * parts already done counting in full), else the single progress the heartbeat writes. Photos
     * are counted once, in the original parts ("412 of 1,000 photos", though each is in the web-size
     * archive too); bytes over the parts of both sizes, since both are built before either is ready,
     * so the time left covers the whole build.
     */
    public Progress buildProgress() {
        if (buildParts.isEmpty()) return progress;
        long filesDone = 0, filesTotal = 0, bytesDone = 0, bytesTotal = 0;
        for (PartTask p : buildParts) {
            Progress q = p.progress();
            boolean done = p.state() == PartTask.State.DONE;
            bytesTotal += q.bytesTotal();
            bytesDone += done ? q.bytesTotal() : q.bytesDone();
            if (p.photoSize() != PhotoSize.ORIGINAL) continue;
            filesTotal += q.filesTotal();
            filesDone += done ? q.filesTotal() : q.filesDone();
        }
        return new Progress(filesDone, filesTotal, bytesDone, bytesTotal);
    }

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

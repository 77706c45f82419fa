package com.clientalbums.maintenance.sweep;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.PartTask;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.store.ArchiveStore;
import com.clientalbums.maintenance.store.UploadStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.MULTIPART_UPLOADS_ABORTED;

/**
 * Aborts archive uploads that no build will continue, with their checkpoints: their parts are
 * stored, and billed, until aborted. A part that runs out of time keeps its multipart upload open
 * and records it in its checkpoint, so the next invocation continues it; an upload is abandoned
 * only once it started longer ago than {@link MaintenancePolicy#multipartGrace()} and its album,
 * read when the upload is looked at, will not continue it:
 * <ul>
 *   <li>the album is being built and its plan ({@code build_parts}) has no part with that key (a
 *       worker died and the album was planned again for other content);</li>
 *   <li>or no build is wanted at all: the album is ready, failed, or gone.</li>
 * </ul>
 * A {@code pending} album keeps its uploads: the build it waits for plans the same keys for the
 * same content (a key is the hash of what the part holds) and continues them from their
 * checkpoints; maintenance itself may have just re-queued it. The checkpoint goes with the
 * upload: it names an upload that no longer exists. The bucket's lifecycle rule aborts any upload
 * after a day; this is sooner, and covers a bucket without that rule and the local runner's S3,
 * which has no lifecycle at all.
 */
final class AbandonedUploads {
    private final UploadStore uploads;
    private final ArchiveStore archives;
    private final Function<String, Optional<Album>> records;
    private final MaintenancePolicy policy;

    /** @param records the record an upload's folder under {@code zips/} names: an album's, or a favourites archive's */
    AbandonedUploads(UploadStore uploads, ArchiveStore archives, Function<String, Optional<Album>> records, MaintenancePolicy policy) {
        this.uploads = uploads;
        this.archives = archives;
        this.records = records;
        this.policy = policy;
    }

    void abort(Instant now, MaintenanceReport report) {
        Instant startedBefore = now.minus(policy.multipartGrace());
        // Read at the end of a run that may have lasted minutes (and re-queued albums): not the
        // scan from its start. One read per album with an old upload, which is rare.
        Map<String, Optional<Album>> read = new HashMap<>();
        for (UploadStore.OpenUpload upload : uploads.openArchiveUploads()) {
            // An upload without a start time is one S3 cannot date: left to the lifecycle rule.
            if (upload.initiated() == null || !upload.initiated().isBefore(startedBefore)) continue;
            Optional<Album> album = read.computeIfAbsent(ArchiveObjects.albumOf(upload.key()), records);
            if (album.isPresent() && mayContinue(album.get(), upload.key())) continue;
            uploads.abort(upload);
            if (isArchiveKey(upload.key())) archives.deleteArchive(S3Keys.checkpointKey(upload.key()));
            report.add(MULTIPART_UPLOADS_ABORTED);
        }
    }

    private static boolean mayContinue(Album album, String key) {
        return switch (album.zipStatus()) {
            case PENDING -> true;
            case GENERATING -> album.buildParts().stream().map(PartTask::key).anyMatch(key::equals);
            case READY, ERROR, NOT_STARTED -> false;
        };
    }

    private static boolean isArchiveKey(String key) {
        return key.startsWith(S3Keys.ZIPS) && key.endsWith(".zip");
    }
}

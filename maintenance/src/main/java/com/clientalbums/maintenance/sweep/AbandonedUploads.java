package com.clientalbums.maintenance.sweep;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.PartTask;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.store.ArchiveStore;
import com.clientalbums.maintenance.store.UploadStore;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.MULTIPART_UPLOADS_ABORTED;

/**
 * Aborts archive uploads that no build will continue, with their checkpoints: their parts are
 * stored, and billed, until aborted. A part that runs out of time keeps its multipart upload open
 * and records it in its checkpoint, so the next invocation continues it; an upload is abandoned
 * only when no build under way has its key as a part and it started longer ago than
 * {@link MaintenancePolicy#multipartGrace()} (a worker died and its album was planned again
 * without it, or the album changed and was never rebuilt). The checkpoint goes with it: it names
 * an upload that no longer exists. The bucket's lifecycle rule aborts any upload after a day;
 * this is sooner, and covers a bucket without that rule and the local runner's S3, which has no
 * lifecycle at all.
 */
final class AbandonedUploads {
    private final UploadStore uploads;
    private final ArchiveStore archives;
    private final MaintenancePolicy policy;

    AbandonedUploads(UploadStore uploads, ArchiveStore archives, MaintenancePolicy policy) {
        this.uploads = uploads;
        this.archives = archives;
        this.policy = policy;
    }

    /** @param albums every album as read at the start of the run: their builds under way are left alone */
    void abort(List<Album> albums, Instant now, MaintenanceReport report) {
        Set<String> building = partsBeingBuilt(albums);
        Instant startedBefore = now.minus(policy.multipartGrace());
        for (UploadStore.OpenUpload upload : uploads.openArchiveUploads()) {
            // An upload without a start time is one S3 cannot date: left to the lifecycle rule.
            if (building.contains(upload.key()) || upload.initiated() == null || !upload.initiated().isBefore(startedBefore)) {
                continue;
            }
            uploads.abort(upload);
            if (isArchiveKey(upload.key())) archives.deleteArchive(S3Keys.checkpointKey(upload.key()));
            report.add(MULTIPART_UPLOADS_ABORTED);
        }
    }

    /**
     * Keys of parts that a build under way may continue. Only a generating album has a live plan;
     * one whose lease lapsed is re-queued by the same run and planned again with the same part keys
     * (a key is the hash of what the part holds), continuing from the same checkpoints.
     */
    private static Set<String> partsBeingBuilt(List<Album> albums) {
        Set<String> keys = new HashSet<>();
        for (Album album : albums) {
            if (album.zipStatus() != ZipStatus.GENERATING) continue;
            for (PartTask part : album.buildParts()) keys.add(part.key());
        }
        return keys;
    }

    private static boolean isArchiveKey(String key) {
        return key.startsWith(S3Keys.ZIPS) && key.endsWith(".zip");
    }
}

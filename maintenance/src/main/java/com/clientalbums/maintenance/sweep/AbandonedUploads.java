package com.clientalbums.maintenance.sweep;

import com.clientalbums.maintenance.store.UploadStore;

import java.time.Instant;

import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.MULTIPART_UPLOADS_ABORTED;

/**
 * Aborts archive uploads that a generator started and never finished (it died, or its Lambda
 * timed out mid-build): their parts are stored, and billed, until aborted. The bucket's
 * lifecycle rule does the same after a day; this also covers a bucket without that rule, and the
 * local runner's S3, which has no lifecycle at all.
 */
final class AbandonedUploads {
    private final UploadStore uploads;
    private final MaintenancePolicy policy;

    AbandonedUploads(UploadStore uploads, MaintenancePolicy policy) {
        this.uploads = uploads;
        this.policy = policy;
    }

    void abort(Instant now, MaintenanceReport report) {
        Instant startedBefore = now.minus(policy.multipartGrace());
        for (UploadStore.OpenUpload upload : uploads.openArchiveUploads()) {
            // An upload without a start time is one S3 cannot date: left to the lifecycle rule.
            if (upload.initiated() != null && upload.initiated().isBefore(startedBefore)) {
                uploads.abort(upload);
                report.add(MULTIPART_UPLOADS_ABORTED);
            }
        }
    }
}

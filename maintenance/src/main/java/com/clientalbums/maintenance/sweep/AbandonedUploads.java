package com.clientalbums.maintenance.sweep;

import com.clientalbums.common.store.S3Keys;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.time.Instant;

import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.MULTIPART_UPLOADS_ABORTED;

/**
 * Aborts archive uploads that a generator started and never finished (it died, or its Lambda
 * timed out mid-build): their parts are stored, and billed, until aborted. The bucket's
 * lifecycle rule does the same after a day; this also covers a bucket without that rule, and the
 * local runner's S3, which has no lifecycle at all.
 */
final class AbandonedUploads {
    private final S3Client s3;
    private final String bucket;
    private final MaintenancePolicy policy;

    AbandonedUploads(S3Client s3, String bucket, MaintenancePolicy policy) {
        this.s3 = s3;
        this.bucket = bucket;
        this.policy = policy;
    }

    void abort(Instant now, MaintenanceReport report) {
        Instant startedBefore = now.minus(policy.multipartGrace());
        var pages = s3.listMultipartUploadsPaginator(r -> r.bucket(bucket).prefix(S3Keys.ZIPS));
        for (MultipartUpload upload : pages.uploads()) {
            // An upload without a start time is one S3 cannot date: left to the lifecycle rule.
            if (upload.initiated() != null && upload.initiated().isBefore(startedBefore)) {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                report.add(MULTIPART_UPLOADS_ABORTED);
            }
        }
    }
}

package com.clientalbums.maintenance.store;

import java.time.Instant;
import java.util.List;

/** Multipart uploads of archives that a generator started: finished ones are no longer listed. */
public interface UploadStore {
    /** @param initiated when the upload started; null when the store cannot say */
    record OpenUpload(String key, String uploadId, Instant initiated) {}

    /** Every upload under {@code zips/} that was neither completed nor aborted. */
    List<OpenUpload> openArchiveUploads();

    /** Aborts the upload, so its stored parts stop being billed. */
    void abort(OpenUpload upload);
}

package com.clientalbums.zip.pipeline;

/**
 * Where a build writes its archive: a multipart upload, which appears whole on
 * {@link Upload#complete()} or not at all, so no reader can ever see a torn archive.
 */
public interface ArchiveTarget {
    Upload start(String key);

    interface Upload {
        /** Uploads one part (numbered from 1); safe to call from several threads at once. */
        void uploadPart(int partNumber, byte[] bytes, int length);

        void complete();

        void abort();
    }
}

package com.clientalbums.zip.pipeline;

import java.util.Map;
import java.util.Optional;

/**
 * Where a build writes its archive: a multipart upload, which appears whole on
 * {@link Upload#complete()} or not at all, so no reader can ever see a torn archive. An upload
 * outlives the invocation that began it: the next one {@link #resume continues} it by its id.
 */
public interface ArchiveTarget {
    Upload start(String key);

    /**
     * Continues the upload {@code uploadId} of {@code key} with the parts it already holds, or
     * nothing when it is gone (completed, aborted, expired). A target that keeps no upload between
     * invocations has none to continue.
     */
    default Optional<Continued> resume(String key, String uploadId) {
        return Optional.empty();
    }

    /** An upload begun earlier and the parts it holds, by part number. */
    record Continued(Upload upload, Map<Integer, HeldPart> parts) {
        public Continued {
            parts = Map.copyOf(parts);
        }
    }

    /** A part an upload holds, as the store lists it. */
    record HeldPart(int partNumber, long size, String etag) {}

    interface Upload {
        /** The upload's id, kept in a checkpoint so a later invocation can continue it. */
        String id();

        /** Uploads one part (numbered from 1); safe to call from several threads at once. */
        void uploadPart(int partNumber, PartBytes bytes);

        /** Uploads one part of the bytes held in a single array. */
        default void uploadPart(int partNumber, byte[] bytes, int length) {
            uploadPart(partNumber, PartBytes.of(bytes, length));
        }

        /**
         * Makes part {@code partNumber} the {@code length} bytes of {@code sourceKey} from
         * {@code sourceOffset}, copied by the store itself (nothing passes through the generator);
         * safe to call from several threads at once.
         */
        void copyPart(int partNumber, String sourceKey, long sourceOffset, long length);

        /** Assembles the parts uploaded, copied, and held since an earlier invocation. */
        void complete();

        void abort();
    }
}

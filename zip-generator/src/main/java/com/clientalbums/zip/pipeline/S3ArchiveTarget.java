package com.clientalbums.zip.pipeline;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Writes archives as S3 multipart uploads. An upload continued from an earlier invocation is
 * completed with the ETags S3 lists for the parts that invocation uploaded.
 */
public final class S3ArchiveTarget implements ArchiveTarget {
    private final S3Client s3;
    private final String bucket;

    public S3ArchiveTarget(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Upload start(String key) {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType("application/zip")).uploadId();
        return new S3Upload(key, uploadId, Map.of());
    }

    /** The upload with the parts S3 lists for it; nothing when it is gone or holds no part yet. */
    @Override
    public Optional<Continued> resume(String key, String uploadId) {
        Map<Integer, HeldPart> held = new HashMap<>();
        try {
            s3.listPartsPaginator(r -> r.bucket(bucket).key(key).uploadId(uploadId)).parts()
                    .forEach(p -> held.put(p.partNumber(), new HeldPart(p.partNumber(), p.size(), p.eTag())));
        } catch (NoSuchUploadException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw e;
        }
        if (held.isEmpty()) {
            // Nothing to continue. S3 answers NoSuchUpload for an aborted upload, but S3Proxy lists
            // it as having no parts, and completing it then fails: a new upload is as good.
            new S3Upload(key, uploadId, held).abort();
            return Optional.empty();
        }
        return Optional.of(new Continued(new S3Upload(key, uploadId, held), held));
    }

    private final class S3Upload implements Upload {
        private final String key;
        private final String uploadId;
        private final Map<Integer, String> etags = new ConcurrentSkipListMap<>();

        S3Upload(String key, String uploadId, Map<Integer, HeldPart> held) {
            this.key = key;
            this.uploadId = uploadId;
            held.values().forEach(p -> etags.put(p.partNumber(), p.etag()));
        }

        @Override
        public String id() { return uploadId; }

        @Override
        public void uploadPart(int partNumber, PartBytes bytes) {
            // Streams over the part's own buffers (fromBytes() would copy every part once more),
            // opened afresh for each attempt the SDK makes.
            String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                            .contentLength(bytes.length()),
                    RequestBody.fromContentProvider(bytes::stream, bytes.length(), "application/octet-stream")).eTag();
            etags.put(partNumber, etag);
        }

        @Override
        public void copyPart(int partNumber, String sourceKey, long sourceOffset, long length) {
            String etag = s3.uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey(sourceKey)
                            .destinationBucket(bucket).destinationKey(key).uploadId(uploadId).partNumber(partNumber)
                            .copySourceRange("bytes=" + sourceOffset + "-" + (sourceOffset + length - 1)))
                    .copyPartResult().eTag();
            etags.put(partNumber, etag);
        }

        @Override
        public void complete() {
            var parts = etags.entrySet().stream()
                    .map(e -> CompletedPart.builder().partNumber(e.getKey()).eTag(e.getValue()).build()).toList();
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        }

        @Override
        public void abort() {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException e) {
                // Best effort: the bucket's lifecycle rule aborts leftovers after a day.
            }
        }
    }
}

package com.clientalbums.zip.pipeline;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** Writes archives as S3 multipart uploads. */
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
        Map<Integer, String> etags = new ConcurrentSkipListMap<>();
        return new Upload() {
            @Override
            public void uploadPart(int partNumber, byte[] bytes, int length) {
                // An input stream over the buffer, not fromBytes(): that would copy every part once more.
                String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                                .contentLength((long) length),
                        RequestBody.fromInputStream(new ByteArrayInputStream(bytes, 0, length), length)).eTag();
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
        };
    }
}

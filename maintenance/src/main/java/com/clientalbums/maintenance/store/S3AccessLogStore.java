package com.clientalbums.maintenance.store;

import software.amazon.awssdk.services.s3.S3Client;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** {@link AccessLogStore} over the {@code ACCESS_LOG_BUCKET} bucket. */
public final class S3AccessLogStore implements AccessLogStore {
    private final S3Client s3;
    private final String bucket;

    public S3AccessLogStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public List<StoredObject> logFiles(String prefix) {
        List<StoredObject> files = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()
                .forEach(o -> files.add(new StoredObject(o.key(), o.lastModified())));
        return files;
    }

    @Override
    public InputStream open(String key) {
        return s3.getObject(r -> r.bucket(bucket).key(key));
    }

    @Override
    public void markProcessed(String key) {
        s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(PROCESSED + key));
        s3.deleteObject(r -> r.bucket(bucket).key(key));
    }
}

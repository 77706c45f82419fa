package com.clientalbums.zip.pipeline;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;

/** Reads photos from the album bucket, insisting on the ETag that was listed. */
public final class S3PhotoSource implements PhotoSource {
    private final S3Client s3;
    private final String bucket;

    public S3PhotoSource(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public InputStream open(String key, String etag) throws IOException {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key).ifMatch(etag));
        } catch (NoSuchKeyException e) {
            throw new ContentChangedException(key + " was deleted");
        } catch (S3Exception e) {
            if (e.statusCode() == 412) throw new ContentChangedException(key + " was replaced");
            throw e;
        }
    }
}

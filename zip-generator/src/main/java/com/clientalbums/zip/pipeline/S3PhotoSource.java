package com.clientalbums.zip.pipeline;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads photos from the album bucket, insisting on the ETag that was listed; a body cut off
 * mid-way is resumed from the byte reached ({@link ResumingInputStream}).
 */
public final class S3PhotoSource implements PhotoSource {
    /** Resumes of one photo's body before its read fails (and the build with it, retried later). */
    static final int MAX_RESUMES = 3;

    private final S3Client s3;
    private final String bucket;

    public S3PhotoSource(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public InputStream open(String key, String etag) throws IOException {
        return new ResumingInputStream(offset -> openFrom(key, etag, offset), MAX_RESUMES);
    }

    /** Asks S3 for the range from {@code offset}: the bytes before it are not transferred at all. */
    @Override
    public InputStream open(String key, String etag, long offset) throws IOException {
        return new ResumingInputStream(from -> openFrom(key, etag, from), MAX_RESUMES, offset);
    }

    /** The photo from byte {@code offset} to its end, of the version listed. */
    InputStream openFrom(String key, String etag, long offset) throws IOException {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key).ifMatch(etag).range(offset == 0 ? null : "bytes=" + offset + "-"));
        } catch (NoSuchKeyException e) {
            throw new ContentChangedException(key + " was deleted");
        } catch (S3Exception e) {
            if (e.statusCode() == 412) throw new ContentChangedException(key + " was replaced");
            // Cut off just after its last byte: nothing is left to read.
            if (e.statusCode() == 416 && offset > 0) return InputStream.nullInputStream();
            throw e;
        }
    }
}

package com.clientalbums.common.store;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Optional;

/** HEAD requests on the bucket: whether an object exists, and its size, ETag and metadata. */
public final class ObjectHeads {
    private final S3Client s3;
    private final String bucket;

    public ObjectHeads(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The object's head; empty when there is no object at {@code key}. */
    public Optional<ObjectHead> head(String key) {
        try {
            HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
            if (head.contentLength() == null) {
                // An answer cut short on the way (a proxy, a reset): not an object without a size.
                throw SdkClientException.create("S3 answered the HEAD of " + key + " without its length");
            }
            return Optional.of(new ObjectHead(head.contentLength(), unquoted(head.eTag()), head.metadata()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // A HEAD has no body to carry an error code: S3 answers a bare 404, which the SDK
            // does not always map to NoSuchKeyException.
            if (e.statusCode() == 404) return Optional.empty();
            throw e;
        }
    }

    /** S3 sends ETags in quotes ({@code "9b2c…"}); compared and stored without them. */
    public static String unquoted(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }
}

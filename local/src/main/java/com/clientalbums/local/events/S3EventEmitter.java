package com.clientalbums.local.events;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * S3 event notifications for S3Proxy: wraps its blob store and, after each object is created
 * (put, copy, completed multipart upload) or removed (also each key of a multi-object delete),
 * hands the notification JSON to a sink — the runner sends it to the generation queue, as
 * Terraform's {@code aws_s3_bucket_notification} makes S3 do. Only keys under the filter prefix
 * ({@code albums/}) notify; S3Proxy's own multipart bookkeeping objects never do.
 *
 * <p>Unlike S3, the message is sent before the request answers, not a moment after; a failed
 * send is logged and the S3 request still succeeds (S3 does not fail a put for its events either).
 */
public final class S3EventEmitter extends ForwardingBlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3EventEmitter.class);
    private static final String S3PROXY_STUB = ".s3proxy-mpu-stub-";

    private final String region;
    private final String prefix;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() << 8);
    private volatile Consumer<String> sink = json -> { };

    public S3EventEmitter(BlobStore delegate, String region, String prefix) {
        super(delegate);
        this.region = region;
        this.prefix = prefix;
    }

    /** Where notifications go from now on (the queue exists only after the store has started). */
    public void connect(Consumer<String> sink) { this.sink = sink; }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        PutObjectResponse response = super.putBlob(request, input);
        created("ObjectCreated:Put", request.bucket(), request.key());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        created("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        created("ObjectCreated:CompleteMultipartUpload", upload.containerName(), upload.blobName());
        return response;
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        DeleteObjectResponse response = super.removeBlob(request);
        // S3 notifies a delete even of a key that did not exist; so does this.
        emit("ObjectRemoved:Delete", request.bucket(), request.key(), null, null);
        return response;
    }

    private void created(String eventName, String bucket, String key) {
        if (!notifies(key)) return;
        Long size = null;
        String eTag = null;
        try {
            HeadObjectResponse head = delegate().blobMetadata(bucket, key);
            size = head.contentLength();
            eTag = head.eTag() == null ? null : head.eTag().replace("\"", "");
        } catch (RuntimeException gone) {
            // deleted in the meantime: S3 would still have notified the creation
        }
        emit(eventName, bucket, key, size, eTag);
    }

    private boolean notifies(String key) {
        return key != null && key.startsWith(prefix) && !key.contains(S3PROXY_STUB);
    }

    private void emit(String eventName, String bucket, String key, Long size, String eTag) {
        if (!notifies(key)) return;
        String sequencer = String.format("%016X", sequence.incrementAndGet());
        String json = new S3EventNotification(eventName, region, bucket, key, size, eTag, sequencer, Instant.now(),
                "127.0.0.1").toJson();
        try {
            sink.accept(json);
        } catch (RuntimeException e) {
            LOG.warn("could not send the S3 event for {} {}: {}", eventName, key, e.toString());
        }
    }
}

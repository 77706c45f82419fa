package com.clientalbums.zip.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, on the S3 client itself, the bytes a build moves: bodies it downloads (GetObject: photos,
 * ranged reads, sidecars), bodies it uploads (UploadPart, PutObject) and the bytes it asks S3 to
 * copy server-side (UploadPartCopy), with the wall time during which at least one copy was in
 * flight. Counting at the wire, not in the pipeline, means no code path can move bytes unseen.
 */
final class S3Traffic implements ExecutionInterceptor {
    private final AtomicLong downloaded = new AtomicLong();
    private final AtomicLong uploaded = new AtomicLong();
    private final AtomicLong copied = new AtomicLong();
    private final AtomicInteger copiesInFlight = new AtomicInteger();
    private final AtomicLong copyStartedNanos = new AtomicLong();
    private final AtomicLong copyNanos = new AtomicLong();

    /** What was counted since the last {@link #reset}. */
    record Figures(long downloaded, long uploaded, long copied, double copySeconds) {
        long moved() { return downloaded + uploaded; }
    }

    Figures reset() {
        Figures f = new Figures(downloaded.getAndSet(0), uploaded.getAndSet(0), copied.getAndSet(0), copyNanos.getAndSet(0) / 1e9);
        return f;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        switch (request) {
            case UploadPartRequest r -> uploaded.addAndGet(r.contentLength() == null ? 0 : r.contentLength());
            case PutObjectRequest r -> uploaded.addAndGet(r.contentLength() == null ? 0 : r.contentLength());
            case UploadPartCopyRequest r -> {
                copied.addAndGet(rangeLength(r.copySourceRange()));
                synchronized (this) {
                    if (copiesInFlight.getAndIncrement() == 0) copyStartedNanos.set(System.nanoTime());
                }
            }
            default -> { }
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetObjectRequest && context.response() instanceof GetObjectResponse r
                && r.contentLength() != null) {
            downloaded.addAndGet(r.contentLength());
        }
        if (context.request() instanceof UploadPartCopyRequest) copyEnded();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof UploadPartCopyRequest) copyEnded();
    }

    private synchronized void copyEnded() {
        if (copiesInFlight.decrementAndGet() == 0) copyNanos.addAndGet(System.nanoTime() - copyStartedNanos.get());
    }

    /** {@code bytes=FIRST-LAST} → its length; a copy without a range copies a whole object we do not know here. */
    private static long rangeLength(String range) {
        if (range == null || !range.startsWith("bytes=")) return 0;
        String[] ends = range.substring("bytes=".length()).split("-");
        return Long.parseLong(ends[1]) - Long.parseLong(ends[0]) + 1;
    }
}

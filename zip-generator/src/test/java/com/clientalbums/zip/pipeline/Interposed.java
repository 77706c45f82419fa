package com.clientalbums.zip.pipeline;

import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * A target that passes every call to another and tells {@code afterUpload} the count of parts it
 * has uploaded after each one: how a test stops a build after some parts, or kills it.
 */
final class Interposed implements ArchiveTarget {
    private final ArchiveTarget target;
    private final IntConsumer afterUpload;
    private final Runnable beforeEachCall;
    private int uploaded;

    Interposed(ArchiveTarget target, Runnable beforeEachCall, IntConsumer afterUpload) {
        this.target = target;
        this.beforeEachCall = beforeEachCall;
        this.afterUpload = afterUpload;
    }

    @Override
    public Upload start(String key) {
        beforeEachCall.run();
        return wrap(target.start(key));
    }

    @Override
    public Optional<Continued> resume(String key, String uploadId) {
        beforeEachCall.run();
        return target.resume(key, uploadId).map(c -> new Continued(wrap(c.upload()), c.parts()));
    }

    private Upload wrap(Upload upload) {
        return new Upload() {
            @Override
            public String id() { return upload.id(); }

            @Override
            public void uploadPart(int partNumber, PartBytes bytes) {
                beforeEachCall.run();
                upload.uploadPart(partNumber, bytes);
                int count;
                synchronized (Interposed.this) {
                    count = ++uploaded;
                }
                afterUpload.accept(count);
            }

            @Override
            public void copyPart(int partNumber, String sourceKey, long sourceOffset, long length) {
                beforeEachCall.run();
                upload.copyPart(partNumber, sourceKey, sourceOffset, length);
            }

            @Override
            public void complete() {
                beforeEachCall.run();
                upload.complete();
            }

            @Override
            public void abort() {
                beforeEachCall.run();
                upload.abort();
            }
        };
    }
}

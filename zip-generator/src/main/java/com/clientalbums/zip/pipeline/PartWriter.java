package com.clientalbums.zip.pipeline;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Cuts the archive's byte stream into parts and uploads them concurrently. A fixed pool of
 * part buffers is the back-pressure: when every buffer is being uploaded the writer waits, so
 * at most {@code buffers × partSize} archive bytes are ever in memory.
 */
final class PartWriter {
    private final ArchiveTarget.Upload upload;
    private final int partSize;
    private final ExecutorService uploaders;
    private final BlockingQueue<byte[]> freeBuffers;
    private final int maxBuffers;
    private final SpareBuffers spares;
    private int allocatedBuffers;
    private final List<Future<?>> inFlight = new ArrayList<>();
    private byte[] current;
    private int filled;
    private int nextPart = 1;
    private long position;

    PartWriter(ArchiveTarget.Upload upload, int partSize, int buffers, ExecutorService uploaders, SpareBuffers spares) {
        this.spares = spares;
        this.upload = upload;
        this.partSize = partSize;
        this.uploaders = uploaders;
        this.maxBuffers = buffers;
        this.freeBuffers = new ArrayBlockingQueue<>(buffers);
    }

    long position() { return position; }

    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (current == null) current = takeBuffer();
            int n = Math.min(length, partSize - filled);
            System.arraycopy(bytes, offset, current, filled, n);
            filled += n;
            offset += n;
            length -= n;
            position += n;
            if (filled == partSize) sendCurrent();
        }
    }

    /** Uploads the last part and waits for every part; the caller then completes the upload. */
    void finish() throws IOException {
        if (filled > 0 || nextPart == 1) sendCurrentEvenIfEmpty();
        for (Future<?> f : inFlight) await(f);
        inFlight.clear();
    }

    private void sendCurrentEvenIfEmpty() throws IOException {
        if (current == null) current = takeBuffer();
        sendCurrent();
    }

    private void sendCurrent() throws IOException {
        byte[] buffer = current;
        int length = filled;
        int part = nextPart++;
        current = null;
        filled = 0;
        inFlight.add(uploaders.submit(() -> {
            try {
                upload.uploadPart(part, buffer, length);
            } finally {
                freeBuffers.add(buffer);
            }
        }));
        // Surface a failed upload early instead of writing the rest of the archive for nothing.
        inFlight.removeIf(f -> f.isDone() && succeeded(f));
    }

    /** Hands the idle part buffers on to the next build; call once the upload threads have stopped. */
    void recycle() {
        List<byte[]> idle = new ArrayList<>(freeBuffers);
        freeBuffers.clear();
        if (current != null) idle.add(current);
        current = null;
        spares.keep(idle);
    }

    private boolean succeeded(Future<?> f) {
        try {
            f.get();
            return true;
        } catch (ExecutionException | InterruptedException e) {
            return false;
        }
    }

    private byte[] takeBuffer() throws IOException {
        byte[] free = freeBuffers.poll();
        if (free != null) return free;
        if (allocatedBuffers < maxBuffers) {
            allocatedBuffers++;
            return spares.take(partSize);
        }
        for (Future<?> f : inFlight) {
            if (f.isDone()) await(f);
        }
        try {
            return freeBuffers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an upload");
        }
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException("part upload failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}

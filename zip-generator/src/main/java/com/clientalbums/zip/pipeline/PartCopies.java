package com.clientalbums.zip.pipeline;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The parts S3 copies from earlier archives ({@link AssemblyPlan.Copy}), requested all at once
 * with bounded concurrency while the writer writes the others. They hold no memory here: S3
 * moves the bytes inside its own machines.
 */
final class PartCopies implements AutoCloseable {
    private final ExecutorService copiers;
    private final List<Future<?>> requests = new ArrayList<>();
    private final Set<Integer> done = new ConcurrentSkipListSet<>();
    private final AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();

    PartCopies(ArchiveTarget.Upload upload, List<AssemblyPlan.Copy> copies, int concurrency) {
        this.copiers = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, copies.size())),
                Thread.ofPlatform().daemon().name("zip-copy-", 0).factory());
        for (AssemblyPlan.Copy copy : copies) {
            requests.add(copiers.submit(() -> {
                try {
                    upload.copyPart(copy.partNumber(), copy.sourceKey(), copy.sourceOffset(), copy.length());
                    done.add(copy.partNumber());
                } catch (RuntimeException e) {
                    firstFailure.compareAndSet(null, e);
                    throw e;
                }
            }));
        }
    }

    /** Part numbers copied so far. */
    Set<Integer> done() { return Set.copyOf(done); }

    /** Fails the build as soon as one copy has failed, not after the writer has written everything else. */
    void checkFailures() {
        RuntimeException failure = firstFailure.get();
        if (failure != null) throw failure;
    }

    /** Waits for every copy. */
    void awaitAll() throws IOException {
        for (Future<?> request : requests) {
            try {
                request.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while S3 copied parts");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IOException("part copy failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** Drops the copies not begun and waits for those under way, so what S3 holds is settled. */
    void cancel() {
        requests.forEach(r -> r.cancel(false));
        for (Future<?> request : requests) {
            try {
                request.get();
            } catch (CancellationException | ExecutionException settled) {
                // Not in done(): the next invocation copies it again.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        copiers.close();
    }
}

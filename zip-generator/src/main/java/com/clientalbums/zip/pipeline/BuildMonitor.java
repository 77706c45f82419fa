package com.clientalbums.zip.pipeline;

import com.clientalbums.common.album.Progress;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shared between the pipeline and whoever watches it: progress counters the heartbeat reports,
 * and a stop signal (lease lost, time running out) the pipeline checks between writes.
 */
public final class BuildMonitor {
    private final long filesTotal;
    private final long bytesTotal;
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private final AtomicReference<StopReason> stopReason = new AtomicReference<>();

    public BuildMonitor(long filesTotal, long bytesTotal) {
        this.filesTotal = filesTotal;
        this.bytesTotal = bytesTotal;
    }

    public void entryDone(long bytes) {
        bytesDone.addAndGet(bytes);
        filesDone.incrementAndGet();
    }

    public Progress progress() {
        return new Progress(filesDone.get(), filesTotal, bytesDone.get(), bytesTotal);
    }

    /** Asks the build to stop at its next check; the first reason wins. */
    public void stop(StopReason reason) {
        stopReason.compareAndSet(null, reason);
    }

    /** The reason the build was asked to stop, if it was. */
    Optional<StopReason> stopRequested() {
        return Optional.ofNullable(stopReason.get());
    }

    void checkContinue() {
        StopReason reason = stopReason.get();
        if (reason != null) throw new BuildStoppedException(reason);
    }
}

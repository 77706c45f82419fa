package com.clientalbums.zip.build;

import com.clientalbums.common.album.Progress;
import com.clientalbums.zip.pipeline.BuildMonitor;
import com.clientalbums.zip.pipeline.StopReason;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Renews a lease and reports progress every quarter lease, on its own thread so a slow photo
 * cannot starve it. It stops the build when the lease is lost (another generator took over) or
 * when the function is about to run out of time.
 */
final class LeaseKeeper implements AutoCloseable {
    /** One renewal with the progress so far; false when the lease is no longer ours. */
    @FunctionalInterface
    interface Renewal {
        boolean renew(Progress progress);
    }

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("zip-lease").factory());

    LeaseKeeper(Renewal renewal, String what, Duration lease, BuildMonitor monitor, LongSupplier remainingMillis,
                Duration safetyMargin) {
        long period = Math.max(200, lease.toMillis() / 4);
        timer.scheduleAtFixedRate(() -> {
            try {
                if (remainingMillis.getAsLong() < safetyMargin.toMillis()) {
                    monitor.stop(StopReason.OUT_OF_TIME);
                } else if (!renewal.renew(monitor.progress())) {
                    monitor.stop(StopReason.LEASE_LOST);
                }
            } catch (RuntimeException e) {
                // A missed heartbeat is survivable; the lease only lapses after several in a row.
                System.getLogger(LeaseKeeper.class.getName()).log(System.Logger.Level.WARNING,
                        "heartbeat for " + what + " failed: " + e.getMessage());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

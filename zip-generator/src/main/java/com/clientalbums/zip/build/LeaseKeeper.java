package com.clientalbums.zip.build;

import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.zip.pipeline.BuildMonitor;
import com.clientalbums.zip.pipeline.StopReason;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Renews a build's lease and reports its progress every quarter lease, on its own thread so a
 * slow photo cannot starve it. It stops the build when the lease is lost (another generator took
 * over) or when the function is about to run out of time.
 */
final class LeaseKeeper implements AutoCloseable {
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("zip-lease").factory());

    LeaseKeeper(AlbumRepository albums, String albumId, String owner, Duration lease, Clock clock,
                BuildMonitor monitor, LongSupplier remainingMillis, Duration safetyMargin) {
        long period = Math.max(200, lease.toMillis() / 4);
        timer.scheduleAtFixedRate(() -> {
            try {
                if (remainingMillis.getAsLong() < safetyMargin.toMillis()) {
                    monitor.stop(StopReason.OUT_OF_TIME);
                } else if (!albums.heartbeat(albumId, owner, clock.instant(), lease, monitor.progress())) {
                    monitor.stop(StopReason.LEASE_LOST);
                }
            } catch (RuntimeException e) {
                // A missed heartbeat is survivable; the lease only lapses after several in a row.
                System.getLogger(LeaseKeeper.class.getName()).log(System.Logger.Level.WARNING,
                        "heartbeat for " + albumId + " failed: " + e.getMessage());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

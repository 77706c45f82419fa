package com.clientalbums.maintenance.sweep;

import java.time.Duration;

/**
 * How long maintenance lets things be before it steps in.
 *
 * @param supersededKept    a superseded archive is deleted only once this long has passed since it
 *                          stopped being current: a link to it may still start a download until
 *                          the link expires, and that download may then run for hours
 * @param lease             a generator's lease; a build whose lease lapsed is re-queued
 * @param pendingGrace      a request due this long ago that nobody claimed lost its wake-up message
 * @param multipartGrace    an archive upload started this long ago and never completed is aborted
 *                          if its album will not continue it ({@code AbandonedUploads})
 * @param timeReserve       stop making previews when less time than this is left in the invocation
 */
public record MaintenancePolicy(Duration supersededKept, Duration lease, Duration pendingGrace, Duration multipartGrace,
                                Duration timeReserve) {

    /**
     * The longest download kept running after its link expired. S3 checks a link's expiry when a
     * request starts, not while it streams: a 30 GB archive at 20 Mbit/s takes over 3 h, so a
     * download started at the last second of a link must still find its archive.
     */
    static final Duration LONGEST_DOWNLOAD = Duration.ofHours(6);

    /**
     * How old an archive upload outside any build under way must be to count as abandoned. A part
     * out of time is continued within seconds (the worker wakes the queue as it stops), a failed
     * build retries within minutes, and a worker that died is taken over once its lease runs out;
     * an upload nobody came back to in 6 hours is not continued any more. The bucket's lifecycle
     * rule (a day) stays the backstop.
     */
    static final Duration ABANDONED_UPLOAD = Duration.ofHours(6);

    /**
     * The deployed policy: superseded archives kept for an archive link's life and the longest
     * download, lost messages after two leases, uploads no build will continue after
     * {@link #ABANDONED_UPLOAD}.
     */
    public static MaintenancePolicy of(Duration zipUrlExpiry, Duration lease) {
        Duration twoLeases = lease.multipliedBy(2);
        return new MaintenancePolicy(zipUrlExpiry.plus(LONGEST_DOWNLOAD), lease, twoLeases.compareTo(Duration.ofMinutes(2)) < 0 ? Duration.ofMinutes(2) : twoLeases,
                ABANDONED_UPLOAD, Duration.ofSeconds(60));
    }
}

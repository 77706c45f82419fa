package com.clientalbums.maintenance.sweep;

import java.time.Duration;

/**
 * How long maintenance lets things be before it steps in.
 *
 * @param zipUrlExpiry      the longest an archive link lives: a superseded archive is deleted only
 *                          once this long has passed since it stopped being current
 * @param lease             a generator's lease; a build whose lease lapsed is re-queued
 * @param pendingGrace      a request due this long ago that nobody claimed lost its wake-up message
 * @param multipartGrace    an archive upload started this long ago and never completed belongs to
 *                          a generator that died (a build runs 15 minutes at most)
 * @param timeReserve       stop making previews when less time than this is left in the invocation
 */
public record MaintenancePolicy(Duration zipUrlExpiry, Duration lease, Duration pendingGrace, Duration multipartGrace,
                                Duration timeReserve) {

    /** The deployed policy: lost messages after two leases, abandoned uploads after a day (as the bucket's lifecycle rule). */
    public static MaintenancePolicy of(Duration zipUrlExpiry, Duration lease) {
        Duration twoLeases = lease.multipliedBy(2);
        return new MaintenancePolicy(zipUrlExpiry, lease, twoLeases.compareTo(Duration.ofMinutes(2)) < 0 ? Duration.ofMinutes(2) : twoLeases,
                Duration.ofDays(1), Duration.ofSeconds(60));
    }
}

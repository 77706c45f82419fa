package com.clientalbums.zip.build;

import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;

import java.time.Duration;

/**
 * How an album's archive is cut and how many generators build it at once.
 *
 * @param maxPartBytes  the largest part, in bytes; 0 means one archive per album. Deployed it is
 *                      {@code ZIP_SPLIT_SIZE_MB} MiB; tests cut albums of kilobytes into parts with a few kilobytes
 * @param parallelParts parts of one album built at once, each by its own generator invocation
 * @param helperSpacing time between the wake-ups of the generators a build calls to help: longer than
 *                      the queue's batching window ({@code maximum_batching_window_in_seconds}, 5 s in
 *                      {@code terraform/lambda.tf}), so that each wake-up arrives in a batch, and so an
 *                      invocation, of its own — in one batch they would be one album's work for one
 *                      invocation, and the parts would be built one after another
 */
public record PartLimits(long maxPartBytes, int parallelParts, Duration helperSpacing) {
    private static final long MIB = 1024 * 1024;
    /** The deployed spacing: the 5-second batching window and a second to spare. */
    public static final Duration HELPER_SPACING = Duration.ofSeconds(6);

    public PartLimits {
        if (maxPartBytes < 0) throw new IllegalArgumentException("the part size cannot be negative");
        if (parallelParts < 1) throw new IllegalArgumentException("at least one part is built at a time");
        if (helperSpacing.isNegative()) throw new IllegalArgumentException("the helpers' spacing cannot be negative");
    }

    /** With the deployed spacing. */
    public PartLimits(long maxPartBytes, int parallelParts) {
        this(maxPartBytes, parallelParts, HELPER_SPACING);
    }

    /** {@code ZIP_SPLIT_SIZE_MB} and {@code ZIP_PARALLEL_PARTS}. */
    public static PartLimits from(Settings settings) {
        return new PartLimits(settings.integer(Setting.ZIP_SPLIT_SIZE_MB) * MIB,
                Math.max(1, settings.integer(Setting.ZIP_PARALLEL_PARTS)));
    }
}

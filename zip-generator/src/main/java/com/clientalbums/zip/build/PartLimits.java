package com.clientalbums.zip.build;

import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;

/**
 * How an album's archive is cut and how many generators build it at once.
 *
 * @param maxPartBytes  the largest part, in bytes; 0 means one archive per album. Deployed it is
 *                      {@code ZIP_SPLIT_SIZE_MB} MiB; tests cut albums of kilobytes into parts with a few kilobytes
 * @param parallelParts parts of one album built at once, each by its own generator invocation
 */
public record PartLimits(long maxPartBytes, int parallelParts) {
    private static final long MIB = 1024 * 1024;

    public PartLimits {
        if (maxPartBytes < 0) throw new IllegalArgumentException("the part size cannot be negative");
        if (parallelParts < 1) throw new IllegalArgumentException("at least one part is built at a time");
    }

    /** {@code ZIP_SPLIT_SIZE_MB} and {@code ZIP_PARALLEL_PARTS}. */
    public static PartLimits from(Settings settings) {
        return new PartLimits(settings.integer(Setting.ZIP_SPLIT_SIZE_MB) * MIB,
                Math.max(1, settings.integer(Setting.ZIP_PARALLEL_PARTS)));
    }
}

package com.clientalbums.common.delivery;

import java.util.List;

/**
 * The one rule for what served ranges prove (docs/delivery.md, "What a log line proves"):
 * ranges are merged into ascending disjoint ranges clipped to the object; a part is complete
 * when they cover every byte and {@code endConfirmed}. Merging is idempotent, so a log file
 * processed twice (a run stopped between applying it and moving it) changes nothing.
 */
public final class Coverage {
    private Coverage() {}

    /** {@code existing} with {@code added} merged in, clipped to {@code [0, size)}. */
    public static List<ByteRange> merge(List<ByteRange> existing, List<ByteRange> added, long size) {
        throw new UnsupportedOperationException("slice D");
    }

    /** Bytes of {@code [0, size)} the merged {@code ranges} cover. */
    public static long covered(List<ByteRange> ranges, long size) {
        throw new UnsupportedOperationException("slice D");
    }

    public static boolean complete(List<ByteRange> ranges, long size, boolean endConfirmed) {
        throw new UnsupportedOperationException("slice D");
    }
}

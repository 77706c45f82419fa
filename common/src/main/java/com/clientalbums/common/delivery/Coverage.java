package com.clientalbums.common.delivery;

import java.util.ArrayList;
import java.util.Comparator;
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
        List<ByteRange> clipped = new ArrayList<>(existing.size() + added.size());
        for (List<ByteRange> ranges : List.of(existing, added)) {
            for (ByteRange r : ranges) {
                // A log may credit bytes past the end (sc-bytes counts headers; an object replaced
                // by a smaller one): what lies outside the object proves nothing about it.
                long start = Math.min(r.start(), size);
                long end = Math.min(r.end(), size);
                if (end > start) clipped.add(new ByteRange(start, end));
            }
        }
        clipped.sort(Comparator.comparingLong(ByteRange::start).thenComparingLong(ByteRange::end));
        List<ByteRange> merged = new ArrayList<>();
        for (ByteRange r : clipped) {
            ByteRange last = merged.isEmpty() ? null : merged.getLast();
            // Adjacent ranges join too: [0, 10) and [10, 20) leave no byte unserved.
            if (last != null && r.start() <= last.end()) {
                if (r.end() > last.end()) merged.set(merged.size() - 1, new ByteRange(last.start(), r.end()));
            } else {
                merged.add(r);
            }
        }
        return List.copyOf(merged);
    }

    /** Bytes of {@code [0, size)} the merged {@code ranges} cover. */
    public static long covered(List<ByteRange> ranges, long size) {
        // Merged again so that overlapping input is never counted twice.
        return merge(ranges, List.of(), size).stream().mapToLong(ByteRange::length).sum();
    }

    public static boolean complete(List<ByteRange> ranges, long size, boolean endConfirmed) {
        return endConfirmed && covered(ranges, size) == size;
    }
}

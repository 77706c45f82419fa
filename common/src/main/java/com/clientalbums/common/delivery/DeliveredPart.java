package com.clientalbums.common.delivery;

import java.util.List;
import java.util.Objects;

/**
 * One object of a delivery (an archive part, or the one photo) and what of it was served.
 *
 * @param served        the merged ranges credited so far, ascending and disjoint ({@link Coverage})
 * @param endConfirmed  an answer that was not cut short carried the object's last byte
 */
public record DeliveredPart(String key, String name, long size, long fileCount, List<ByteRange> served, boolean endConfirmed) {
    public DeliveredPart {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        served = List.copyOf(served);
    }

    /** A part as handed out, nothing served yet. */
    public static DeliveredPart handedOut(String key, String name, long size, long fileCount) {
        return new DeliveredPart(key, name, size, fileCount, List.of(), false);
    }

    /** Distinct bytes served, at most {@link #size}. */
    public long bytesServed() {
        return Coverage.covered(served, size);
    }

    /** Every byte served, and the last one by an answer that ran to its end. */
    public boolean complete() {
        return Coverage.complete(served, size, endConfirmed);
    }
}

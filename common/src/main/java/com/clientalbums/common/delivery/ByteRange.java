package com.clientalbums.common.delivery;

/** Bytes {@code [start, end)} of one object. */
public record ByteRange(long start, long end) {
    public ByteRange {
        if (start < 0 || end < start) throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
    }

    public long length() { return end - start; }
}

package com.clientalbums.zip.pipeline;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One part's bytes as the writer holds them: fixed-size buffers, all full but the last. A part
 * longer than one buffer (an assembly plan's parts vary in length) spans several, so the part
 * buffers stay one size and memory stays within the budget.
 *
 * @param buffers the bytes, in order
 * @param length  how many bytes of {@code buffers} are the part's
 */
public record PartBytes(List<byte[]> buffers, long length) {
    public PartBytes {
        buffers = List.copyOf(buffers);
        long held = buffers.stream().mapToLong(b -> b.length).sum();
        if (length < 0 || length > held) throw new IllegalArgumentException(length + " bytes in buffers of " + held);
    }

    public static PartBytes of(byte[] bytes, int length) {
        return new PartBytes(List.of(bytes), length);
    }

    /** The bytes from the first, afresh on every call (a retried request reads them again). */
    public InputStream stream() {
        List<InputStream> pieces = new ArrayList<>(buffers.size());
        long left = length;
        for (byte[] buffer : buffers) {
            int n = (int) Math.min(buffer.length, left);
            if (n == 0) break;
            pieces.add(new ByteArrayInputStream(buffer, 0, n));
            left -= n;
        }
        return new SequenceInputStream(Collections.enumeration(pieces));
    }

    /** Calls {@code sink} with each buffer's share of the part, in order. */
    public void forEachSlice(Slice sink) {
        long left = length;
        for (byte[] buffer : buffers) {
            int n = (int) Math.min(buffer.length, left);
            if (n == 0) return;
            sink.accept(buffer, n);
            left -= n;
        }
    }

    @FunctionalInterface
    public interface Slice {
        void accept(byte[] buffer, int length);
    }
}

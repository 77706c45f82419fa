package com.clientalbums.zip.pipeline;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Buffers one build hands on to the next. A warm generator builds album after album in one JVM;
 * if each build allocated its memory budget afresh, the last build's buffers would wait in the
 * old generation for a full collection and the process would grow towards its maximum heap
 * instead of staying at one budget.
 *
 * <p>A build gives back only buffers no thread can touch any more (those free once its fetch and
 * upload threads have stopped); a buffer a failed build lost track of is left to the collector.
 * At most {@code limitBytes} are kept.
 */
final class SpareBuffers {
    private final long limitBytes;
    private final Map<Integer, ArrayDeque<byte[]>> bySize = new HashMap<>();
    private long keptBytes;
    private long allocatedBytes;

    SpareBuffers(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** A kept buffer of exactly {@code size} bytes, or a new one. */
    synchronized byte[] take(int size) {
        ArrayDeque<byte[]> kept = bySize.get(size);
        if (kept != null && !kept.isEmpty()) {
            keptBytes -= size;
            return kept.pop();
        }
        allocatedBytes += size;
        return new byte[size];
    }

    synchronized void keep(Collection<byte[]> buffers) {
        for (byte[] buffer : buffers) {
            if (keptBytes + buffer.length > limitBytes) return;
            bySize.computeIfAbsent(buffer.length, s -> new ArrayDeque<>()).push(buffer);
            keptBytes += buffer.length;
        }
    }

    /**
     * Bytes allocated since this was made. A build allocates only what it needs beyond the buffers
     * kept, so over any number of builds this stays within the limit.
     */
    synchronized long allocatedBytes() { return allocatedBytes; }
}

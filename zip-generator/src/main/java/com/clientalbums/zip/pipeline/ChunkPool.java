package com.clientalbums.zip.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * Fixed-size memory for photos in flight, handed out in 1 MiB chunks and reused. Photos vary in
 * size, so a fresh array per photo would leave the garbage collector a heap's worth of dead
 * photos to find, and the process would grow with the album; reused chunks keep it flat.
 */
final class ChunkPool {
    static final int CHUNK = 1024 * 1024;

    private final Semaphore permits;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final long capacityBytes;
    private final SpareBuffers spares;

    ChunkPool(long budgetBytes, SpareBuffers spares) {
        this.spares = spares;
        int chunks = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes / CHUNK));
        this.permits = new Semaphore(chunks, true);
        this.capacityBytes = (long) chunks * CHUNK;
    }

    long capacityBytes() { return capacityBytes; }

    static int chunksFor(long bytes) {
        return (int) ((bytes + CHUNK - 1) / CHUNK);
    }

    /** Waits until {@code count} chunks are free and takes them. */
    byte[][] take(int count) throws InterruptedException {
        permits.acquire(count);
        byte[][] chunks = new byte[count][];
        for (int i = 0; i < count; i++) {
            byte[] chunk = free.poll();
            chunks[i] = chunk != null ? chunk : spares.take(CHUNK);
        }
        return chunks;
    }

    void give(byte[][] chunks) {
        for (byte[] chunk : chunks) free.add(chunk);
        permits.release(chunks.length);
    }

    /** Hands the free chunks on to the next build; call once no thread can take or give any more. */
    void recycle() {
        List<byte[]> chunks = new ArrayList<>();
        for (byte[] chunk; (chunk = free.poll()) != null; ) chunks.add(chunk);
        spares.keep(chunks);
    }
}

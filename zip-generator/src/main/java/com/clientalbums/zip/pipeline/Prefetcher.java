package com.clientalbums.zip.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.function.IntUnaryOperator;
import java.util.zip.CRC32;

/**
 * Fetches the photos that fit in memory ahead of the writer, in archive order, with bounded
 * parallelism, computing each CRC-32 as the bytes arrive.
 *
 * <p>Memory is taken from the chunk pool in archive order by a single scheduling thread, so the
 * photo the writer needs next always holds its memory before any later one: the writer can
 * never wait on a photo that is itself waiting for memory held by photos behind it.
 */
final class Prefetcher implements AutoCloseable {
    /** A photo in pooled memory with its CRC-32. */
    record Fetched(byte[][] chunks, long length, int crc32) {}

    /** What to fetch: a key with its listed ETag and size; {@code null} for photos read by streaming. */
    record Item(String key, String etag, long size) {}

    /** Photos scheduled ahead of the writer at most, whatever their size (70,000 tiny files). */
    private static final int WINDOW = 256;

    private final PhotoSource source;
    private final List<Item> items;
    private final ExecutorService fetchers;
    private final ChunkPool pool;
    private final Semaphore window = new Semaphore(WINDOW);
    private final CompletableFuture<Fetched>[] results;
    private final Thread scheduler;
    private volatile boolean closed;
    /** The last photo the scheduler has taken on, and the first it may not; guarded by {@code this}. */
    private int claimed = -1;
    private int limit = Integer.MAX_VALUE;

    @SuppressWarnings("unchecked")
    Prefetcher(PhotoSource source, List<Item> items, ExecutorService fetchers, ChunkPool pool) {
        this.source = source;
        this.items = items;
        this.fetchers = fetchers;
        this.pool = pool;
        this.results = new CompletableFuture[items.size()];
        for (int i = 0; i < results.length; i++) results[i] = new CompletableFuture<>();
        this.scheduler = Thread.ofPlatform().daemon().name("zip-prefetch").start(this::schedule);
    }

    private void schedule() {
        try {
            for (int i = 0; i < items.size() && !closed; i++) {
                Item item = items.get(i);
                if (item == null) continue;
                synchronized (this) {
                    if (i >= limit) return;
                    claimed = i;
                }
                window.acquire();
                byte[][] chunks = pool.take(ChunkPool.chunksFor(item.size()));
                int index = i;
                fetchers.execute(() -> fetch(index, item, chunks));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fetch(int index, Item item, byte[][] chunks) {
        if (closed) {
            pool.give(chunks);
            return;
        }
        try {
            results[index].complete(new Fetched(chunks, item.size(), readFully(item, chunks)));
        } catch (Throwable t) {
            pool.give(chunks);
            results[index].completeExceptionally(t);
        }
    }

    private int readFully(Item item, byte[][] chunks) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try (InputStream in = source.open(item.key(), item.etag())) {
                CRC32 crc = new CRC32();
                long remaining = item.size();
                for (byte[] chunk : chunks) {
                    int want = (int) Math.min(chunk.length, remaining);
                    int filled = in.readNBytes(chunk, 0, want);
                    crc.update(chunk, 0, filled);
                    if (filled < want) throw new ContentChangedException(item.key() + " is shorter than listed");
                    remaining -= filled;
                }
                if (in.read() >= 0) throw new ContentChangedException(item.key() + " is longer than listed");
                return (int) crc.getValue();
            } catch (ContentChangedException e) {
                throw e;
            } catch (IOException e) {
                last = e; // a connection dropped mid-body: the SDK cannot retry that, so we do
            }
        }
        throw last;
    }

    /** Waits for photo {@code index}; the caller must {@link #release} it once its bytes are written. */
    Fetched take(int index) throws IOException {
        try {
            return results[index].get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching photos");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error fatal) throw fatal; // as fatal on a fetch thread as on this one
            throw new IOException(cause);
        }
    }

    void release(int index, Fetched photo) {
        results[index] = null;
        pool.give(photo.chunks());
        window.release();
    }

    /**
     * Schedules no photo from the index {@code limitAfter} gives for the last photo already taken
     * on (-1 for none): a build winding down decides how far it goes from what is already being
     * read, so nothing is read that it will not write.
     */
    synchronized void limit(IntUnaryOperator limitAfter) {
        limit = Math.max(claimed + 1, limitAfter.applyAsInt(claimed));
    }

    /** Stops scheduling; once this returns, no more photos will be handed to the fetchers. */
    @Override
    public void close() {
        closed = true;
        scheduler.interrupt();
        boolean interrupted = false;
        while (scheduler.isAlive()) {
            try {
                scheduler.join(); // quick: it is woken from any wait and sees the flag
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}

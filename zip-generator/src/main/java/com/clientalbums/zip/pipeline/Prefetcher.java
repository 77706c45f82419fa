package com.clientalbums.zip.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.zip.CRC32;

/**
 * Fetches the photos that fit in memory ahead of the writer, in archive order, with bounded
 * parallelism, computing each CRC-32 as the bytes arrive.
 *
 * <p>Memory is reserved in archive order by a single scheduling thread, so the photo the writer
 * needs next always holds its reservation before any later one: the writer can never wait on a
 * photo that is itself waiting for memory held by photos behind it.
 */
final class Prefetcher implements AutoCloseable {
    /** A photo in memory with its CRC-32. */
    record Fetched(byte[] bytes, int crc32) {}

    /** What to fetch: a key with its listed ETag and size; {@code null} for photos read by streaming. */
    record Item(String key, String etag, long size) {}

    private static final int WINDOW = 256;
    private static final int KIB = 1024;

    private final PhotoSource source;
    private final List<Item> items;
    private final ExecutorService fetchers;
    private final Semaphore memoryKib;
    private final Semaphore window = new Semaphore(WINDOW);
    private final CompletableFuture<Fetched>[] results;
    private final Thread scheduler;
    private volatile boolean closed;

    @SuppressWarnings("unchecked")
    Prefetcher(PhotoSource source, List<Item> items, ExecutorService fetchers, long budgetBytes) {
        this.source = source;
        this.items = items;
        this.fetchers = fetchers;
        this.memoryKib = new Semaphore((int) Math.min(Integer.MAX_VALUE, budgetBytes / KIB));
        this.results = new CompletableFuture[items.size()];
        for (int i = 0; i < results.length; i++) results[i] = new CompletableFuture<>();
        this.scheduler = Thread.ofPlatform().daemon().name("zip-prefetch").unstarted(this::schedule);
        this.scheduler.start();
    }

    private void schedule() {
        try {
            for (int i = 0; i < items.size() && !closed; i++) {
                Item item = items.get(i);
                if (item == null) continue;
                window.acquire();
                memoryKib.acquire(kib(item.size()));
                int index = i;
                fetchers.execute(() -> fetch(index, item));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fetch(int index, Item item) {
        if (closed) return;
        try {
            results[index].complete(readFully(item));
        } catch (Throwable t) {
            results[index].completeExceptionally(t);
        }
    }

    private Fetched readFully(Item item) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try (InputStream in = source.open(item.key(), item.etag())) {
                byte[] bytes = new byte[(int) item.size()];
                CRC32 crc = new CRC32();
                int filled = 0;
                while (filled < bytes.length) {
                    int n = in.read(bytes, filled, bytes.length - filled);
                    if (n < 0) throw new ContentChangedException(item.key() + " is shorter than listed");
                    crc.update(bytes, filled, n);
                    filled += n;
                }
                if (in.read() >= 0) throw new ContentChangedException(item.key() + " is longer than listed");
                return new Fetched(bytes, (int) crc.getValue());
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

    void release(int index) {
        results[index] = null;
        memoryKib.release(kib(items.get(index).size()));
        window.release();
    }

    private static int kib(long bytes) {
        return (int) ((bytes + KIB - 1) / KIB);
    }

    @Override
    public void close() {
        closed = true;
        scheduler.interrupt();
    }
}

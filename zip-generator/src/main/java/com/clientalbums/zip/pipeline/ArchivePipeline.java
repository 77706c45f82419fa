package com.clientalbums.zip.pipeline;

import com.clientalbums.zip.layout.ZipLayout;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;

/**
 * Streams an album into a ZIP archive in S3 at close to the speed of copying it.
 *
 * <p>The layout is planned before the first byte, so every offset is known. Photos are fetched
 * ahead with bounded parallelism and their CRC-32 computed as they arrive; each entry's local
 * header (which must carry the CRC — no data descriptors, for the sake of every unzip tool) is
 * written just before its bytes; the stream is cut into parts that upload concurrently. Memory
 * holds at most the configured budget whatever the album's size.
 */
public final class ArchivePipeline {
    private final PhotoSource photos;
    private final ArchiveTarget target;
    private final PipelineConfig config;
    private final SpareBuffers spares;

    public ArchivePipeline(PhotoSource photos, ArchiveTarget target, PipelineConfig config) {
        this.photos = photos;
        this.target = target;
        this.config = config;
        // The budget, plus the one chunk-sized buffer that streams a photo too large to hold.
        this.spares = new SpareBuffers(config.memoryBudgetBytes() + ChunkPool.CHUNK);
    }

    /** What was written. */
    public record Result(long archiveSize, int entries, long contentBytes) {}

    /**
     * Builds {@code job}'s archive, continuing {@code resume}'s upload when given. Stopped (time,
     * lease), it records a checkpoint in {@code checkpoints} and leaves the upload for the next
     * invocation; the content changed, it aborts the upload.
     *
     * <p>STUB (issue 13 foundation): plays the job as a full build; the plan, known CRCs and
     * checkpoints are not used yet.
     */
    public Result build(ArchiveJob job, java.util.Optional<Checkpoint> resume, CheckpointStore checkpoints,
                        BuildMonitor monitor) throws IOException {
        return build(job.layout(), job.etags(), job.key(), monitor);
    }

    /**
     * Builds the archive at {@code key}. On any failure or stop the multipart upload is aborted,
     * so nothing appears at the key.
     *
     * @param etags the ETag each photo had when listed, by layout entry, so a replaced photo is noticed
     */
    public Result build(ZipLayout layout, List<String> etags, String key, BuildMonitor monitor) throws IOException {
        var entries = layout.entries();
        ChunkPool pool = new ChunkPool(config.prefetchBudget(), spares);
        long maxBuffered = pool.capacityBytes();
        List<Prefetcher.Item> items = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            var e = entries.get(i);
            items.add(e.size() <= maxBuffered ? new Prefetcher.Item(e.source().key(), etags.get(i), e.size()) : null);
        }
        int partSize = config.partSizeFor(layout.totalSize());
        ArchiveTarget.Upload upload = target.start(key);
        boolean completed = false;
        PartWriter out = null;
        try (ExecutorService fetchers = Executors.newFixedThreadPool(config.fetchConcurrency(), daemon("zip-fetch"));
             ExecutorService uploaders = Executors.newFixedThreadPool(config.uploadConcurrency(), daemon("zip-upload"));
             Prefetcher prefetcher = new Prefetcher(photos, items, fetchers, pool)) {
            out = new PartWriter(upload, partSize, config.partBuffers(), uploaders, spares);
            int[] crcs = new int[entries.size()];
            long contentBytes = 0;
            for (int i = 0; i < entries.size(); i++) {
                monitor.checkContinue();
                var entry = entries.get(i);
                if (out.position() != entry.headerOffset()) {
                    throw new IllegalStateException("archive offset drifted from the layout at entry " + i);
                }
                if (items.get(i) != null) {
                    Prefetcher.Fetched photo = prefetcher.take(i);
                    crcs[i] = photo.crc32();
                    out.write(layout.localHeader(i, photo.crc32()));
                    long left = photo.length();
                    for (byte[] chunk : photo.chunks()) {
                        int n = (int) Math.min(chunk.length, left);
                        out.write(chunk, 0, n);
                        left -= n;
                    }
                    prefetcher.release(i, photo);
                } else {
                    crcs[i] = streamTwice(layout, i, etags.get(i), out);
                }
                contentBytes += entry.size();
                monitor.entryDone(entry.size());
            }
            monitor.checkContinue();
            out.write(layout.centralDirectory(crcs));
            if (out.position() != layout.totalSize()) {
                throw new IllegalStateException("archive is " + out.position() + " bytes, layout planned " + layout.totalSize());
            }
            out.finish();
            monitor.checkContinue();
            upload.complete();
            completed = true;
            return new Result(layout.totalSize(), entries.size(), contentBytes);
        } finally {
            if (!completed) upload.abort();
            // The executors' close waited for every fetch and upload: what is free now no thread can touch.
            pool.recycle();
            if (out != null) out.recycle();
        }
    }

    /** Bytes of buffers this pipeline has allocated in all its builds: at most one budget, however many builds. */
    long allocatedBufferBytes() { return spares.allocatedBytes(); }

    /** A photo too large to hold: read once for its CRC-32, then again to copy it behind its header. */
    private int streamTwice(ZipLayout layout, int index, String etag, PartWriter out) throws IOException {
        byte[] buffer = spares.take(ChunkPool.CHUNK);
        try {
            return streamTwice(layout, index, etag, out, buffer);
        } finally {
            spares.keep(List.of(buffer));
        }
    }

    private int streamTwice(ZipLayout layout, int index, String etag, PartWriter out, byte[] buffer) throws IOException {
        var entry = layout.entries().get(index);
        CRC32 crc = new CRC32();
        long length = 0;
        try (InputStream in = photos.open(entry.source().key(), etag)) {
            for (int n; (n = in.read(buffer)) > 0; length += n) crc.update(buffer, 0, n);
        }
        if (length != entry.size()) throw new ContentChangedException(entry.source().key() + " changed size");
        int value = (int) crc.getValue();
        out.write(layout.localHeader(index, value));
        CRC32 again = new CRC32();
        long copied = 0;
        try (InputStream in = photos.open(entry.source().key(), etag)) {
            for (int n; (n = in.read(buffer)) > 0; copied += n) {
                again.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        if (copied != entry.size() || (int) again.getValue() != value) {
            throw new ContentChangedException(entry.source().key() + " changed while it was being archived");
        }
        return value;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return Thread.ofPlatform().daemon().name(name + "-", 0).factory();
    }
}

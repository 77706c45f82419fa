package com.clientalbums.zip.pipeline;

import com.clientalbums.zip.layout.ZipLayout;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.zip.CRC32;

/**
 * One run of {@link ArchivePipeline} over one {@link ArchiveJob}: plays the job's assembly plan
 * from the first part S3 does not hold yet, writing the {@link AssemblyPlan.Write} parts from the
 * layout and the photos while S3 copies the {@link AssemblyPlan.Copy} parts.
 *
 * <p>Which photos are read follows from the bytes wanted: an entry whose bytes all lie in parts
 * copied or already uploaded is not read at all; one whose CRC-32 is known (an earlier archive's
 * central directory, an earlier invocation's checkpoint) is read once, from the first byte wanted;
 * any other as before, fetched ahead with its CRC computed on arrival, or, too large to hold, read
 * once for its CRC and again to copy it.
 */
final class ArchiveBuild {
    private static final Logger LOG = System.getLogger(ArchiveBuild.class.getName());

    private final ArchiveJob job;
    private final ZipLayout layout;
    private final CountingPhotoSource photos;
    private final ArchiveTarget target;
    private final PipelineConfig config;
    private final SpareBuffers spares;
    private final BuildMonitor monitor;
    /** Where checkpoints go; empty for a build that cannot be continued (its upload is aborted when it stops). */
    private final Optional<CheckpointStore> checkpoints;
    private final long checkpointEveryNanos;

    /** CRC-32s computed by this invocation or an earlier one, by entry index (the job's known ones apart). */
    private final Map<Integer, Integer> computed = new HashMap<>();
    private ArchiveTarget.Upload upload;
    private Set<Integer> kept = Set.of();
    private PartWriter out;
    private PartCopies copies;
    private Prefetcher prefetcher;
    private Prefetcher.Item[] items;
    private StopReason stopping;
    private long stopAt = Long.MAX_VALUE;
    private long lastCheckpoint = System.nanoTime();

    ArchiveBuild(ArchiveJob job, PhotoSource photos, ArchiveTarget target, PipelineConfig config, SpareBuffers spares,
                 BuildMonitor monitor, Optional<CheckpointStore> checkpoints, Duration checkpointEvery) {
        this.job = job;
        this.layout = job.layout();
        this.photos = new CountingPhotoSource(photos);
        this.target = target;
        this.config = config;
        this.spares = spares;
        this.monitor = monitor;
        this.checkpoints = checkpoints;
        this.checkpointEveryNanos = checkpointEvery.toNanos();
    }

    ArchivePipeline.Result run(Optional<Checkpoint> resume) throws IOException {
        int bufferSize = config.partSizeFor(layout.totalSize());
        for (AssemblyPlan.Piece piece : job.plan().pieces()) {
            // The plan's side of the memory bound: a written part spans at most two buffers.
            if (piece instanceof AssemblyPlan.Write w && w.length() > 2L * bufferSize) {
                throw new IllegalArgumentException("part " + w.partNumber() + " is " + w.length()
                        + " bytes, over twice the part size " + bufferSize);
            }
        }
        var begun = UploadStart.begin(target, job, resume);
        upload = begun.upload();
        kept = begun.kept();
        computed.putAll(begun.crcs());
        List<AssemblyPlan.Write> writes = new ArrayList<>();
        List<AssemblyPlan.Copy> copied = new ArrayList<>();
        for (AssemblyPlan.Piece piece : job.plan().pieces()) {
            if (kept.contains(piece.partNumber())) continue;
            switch (piece) {
                case AssemblyPlan.Write w -> writes.add(w);
                case AssemblyPlan.Copy c -> copied.add(c);
            }
        }
        ChunkPool pool = new ChunkPool(config.prefetchBudget(), spares);
        try {
            try (ExecutorService fetchers = Executors.newFixedThreadPool(config.fetchConcurrency(), daemon("zip-fetch"));
                 ExecutorService uploaders = Executors.newFixedThreadPool(config.uploadConcurrency(), daemon("zip-upload"));
                 PartCopies partCopies = new PartCopies(upload, copied, config.uploadConcurrency())) {
                copies = partCopies;
                out = new PartWriter(upload, writes, bufferSize, config.partBuffers(), uploaders, spares);
                items = fetchPlan(pool.capacityBytes());
                try (Prefetcher ahead = new Prefetcher(photos, Arrays.asList(items), fetchers, pool)) {
                    prefetcher = ahead;
                    return finish(writeArchive());
                } catch (Throwable t) {
                    // Before the executors close: copies not begun are dropped, not waited for.
                    out.abandon();
                    copies.cancel();
                    throw t;
                }
            } finally {
                // The executors' close waited for every fetch, upload and copy: what is free now no thread can touch.
                pool.recycle();
                if (out != null) out.recycle();
            }
        } catch (Throwable t) {
            end(t);
            throw t;
        }
    }

    private ArchivePipeline.Result finish(long contentBytes) throws IOException {
        out.finish();
        copies.awaitAll();
        // A build whose album another generator has taken over leaves the completion to it.
        if (monitor.stopRequested().filter(r -> r == StopReason.LEASE_LOST || checkpoints.isEmpty()).isPresent()) {
            monitor.checkContinue();
        }
        upload.complete();
        checkpoints.ifPresent(this::deleteCheckpoint);
        return new ArchivePipeline.Result(layout.totalSize(), layout.entries().size(), contentBytes,
                photos.bytesRead(), out.bytesUploaded(), job.plan().copiedBytes() - keptCopyBytes(), kept.size());
    }

    /** What to fetch ahead: photos with bytes wanted from their first, small enough to hold. */
    private Prefetcher.Item[] fetchPlan(long maxBuffered) {
        var entries = layout.entries();
        Prefetcher.Item[] plan = new Prefetcher.Item[entries.size()];
        for (int i = 0; i < plan.length; i++) {
            var e = entries.get(i);
            long end = e.dataOffset() + e.size();
            boolean fromStart = crcOf(i) == null || out.firstWanted(e.dataOffset(), end) == e.dataOffset();
            if (out.wants(e.headerOffset(), end) && fromStart && e.size() <= maxBuffered) {
                plan[i] = new Prefetcher.Item(e.source().key(), job.etags().get(i), e.size());
            }
        }
        return plan;
    }

    private long writeArchive() throws IOException {
        var entries = layout.entries();
        // Without the central directory to write, CRCs of entries not written are of no use.
        boolean directoryWanted = out.wants(layout.centralDirectoryOffset(), layout.totalSize());
        long contentBytes = 0;
        for (int i = 0; i < entries.size(); i++) {
            checkStop();
            copies.checkFailures();
            saveCheckpointIfDue();
            var entry = entries.get(i);
            if (out.position() != entry.headerOffset()) {
                throw new IllegalStateException("archive offset drifted from the layout at entry " + i);
            }
            writeEntry(i, directoryWanted);
            contentBytes += entry.size();
            monitor.entryDone(entry.size());
        }
        checkStop();
        if (directoryWanted) {
            int[] crcs = new int[entries.size()];
            for (int i = 0; i < crcs.length; i++) crcs[i] = crcOf(i);
            out.write(layout.centralDirectory(crcs));
        } else {
            out.skipTo(layout.totalSize());
        }
        if (out.position() != layout.totalSize()) {
            throw new IllegalStateException("archive is " + out.position() + " bytes, layout planned " + layout.totalSize());
        }
        return contentBytes;
    }

    private void writeEntry(int index, boolean directoryWanted) throws IOException {
        var entry = layout.entries().get(index);
        long end = entry.dataOffset() + entry.size();
        Integer known = crcOf(index);
        if (!out.wants(entry.headerOffset(), end)) {
            if (known == null && directoryWanted) computed.put(index, crcPass(index));
            out.skipTo(end);
        } else if (items[index] != null) {
            Prefetcher.Fetched photo = prefetcher.take(index);
            if (known != null && known != photo.crc32()) throw crcDiffers(index);
            computed.put(index, photo.crc32());
            out.write(layout.localHeader(index, photo.crc32()));
            long left = photo.length();
            for (byte[] chunk : photo.chunks()) {
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                left -= n;
            }
            prefetcher.release(index, photo);
        } else {
            computed.put(index, stream(index, known));
        }
    }

    /**
     * A photo not held in memory: its header, then its bytes from the first one wanted. The CRC
     * comes first from where it is known, else from a read of its own.
     */
    private int stream(int index, Integer known) throws IOException {
        var entry = layout.entries().get(index);
        long end = entry.dataOffset() + entry.size();
        boolean headerWanted = out.wants(entry.headerOffset(), entry.dataOffset());
        Integer crc = known != null || !headerWanted ? known : crcPass(index);
        if (headerWanted) {
            out.write(layout.localHeader(index, crc));
        } else {
            out.skipTo(entry.dataOffset());
        }
        // With the CRC still unknown the whole photo is read, to compute it.
        long from = crc == null ? 0 : out.firstWanted(entry.dataOffset(), end) - entry.dataOffset();
        out.skipTo(entry.dataOffset() + from);
        byte[] buffer = spares.take(ChunkPool.CHUNK);
        try (InputStream in = photos.open(entry.source().key(), job.etags().get(index), from)) {
            CRC32 check = new CRC32();
            long copied = from;
            for (int n; (n = in.read(buffer)) > 0; copied += n) {
                if (from == 0) check.update(buffer, 0, n);
                out.write(buffer, 0, n);
                checkStop();
            }
            if (copied != entry.size()) {
                throw new ContentChangedException(entry.source().key() + " changed while it was being archived");
            }
            if (from > 0) return crc;
            int value = (int) check.getValue();
            if (crc != null && crc != value) {
                if (known != null) throw crcDiffers(index);
                throw new ContentChangedException(entry.source().key() + " changed while it was being archived");
            }
            return value;
        } finally {
            spares.keep(List.of(buffer));
        }
    }

    /** Reads a photo once for its CRC-32 alone. */
    private int crcPass(int index) throws IOException {
        var entry = layout.entries().get(index);
        byte[] buffer = spares.take(ChunkPool.CHUNK);
        try (InputStream in = photos.open(entry.source().key(), job.etags().get(index))) {
            CRC32 crc = new CRC32();
            long length = 0;
            for (int n; (n = in.read(buffer)) > 0; length += n) {
                crc.update(buffer, 0, n);
                checkStop();
            }
            if (length != entry.size()) throw new ContentChangedException(entry.source().key() + " changed size");
            return (int) crc.getValue();
        } finally {
            spares.keep(List.of(buffer));
        }
    }

    private Integer crcOf(int index) {
        Integer known = job.knownCrcs().get(index);
        return known != null ? known : computed.get(index);
    }

    private IllegalStateException crcDiffers(int index) {
        return new IllegalStateException("entry " + index + " (" + layout.entries().get(index).source().key()
                + ") does not have the CRC-32 its earlier archive gave");
    }

    /**
     * Stops where a stop asked for lets it. Out of time, a build that can be continued first
     * writes what it is already reading up to the end of the part it falls in, so the next
     * invocation neither reads it again nor uploads that part; a lost lease, or a build that
     * cannot be continued, stops at once.
     */
    private void checkStop() {
        if (stopping == null) {
            Optional<StopReason> asked = monitor.stopRequested();
            if (asked.isEmpty()) return;
            stopping = asked.get();
            stopAt = out.position();
            if (stopping == StopReason.OUT_OF_TIME && checkpoints.isPresent()) {
                prefetcher.limit(lastTaken -> {
                    long reach = out.position();
                    if (lastTaken >= 0) {
                        var last = layout.entries().get(lastTaken);
                        reach = Math.max(reach, last.dataOffset() + last.size());
                    }
                    stopAt = out.endOfWantedPieceAt(reach);
                    return firstEntryAtOrAfter(stopAt);
                });
            }
        }
        if (out.position() >= stopAt) throw new BuildStoppedException(stopping);
    }

    private int firstEntryAtOrAfter(long offset) {
        var entries = layout.entries();
        int low = 0;
        int high = entries.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (entries.get(mid).headerOffset() < offset) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    private void saveCheckpointIfDue() {
        if (checkpoints.isEmpty() || System.nanoTime() - lastCheckpoint < checkpointEveryNanos) return;
        try {
            checkpoints.get().save(checkpoint());
        } catch (SdkException e) {
            // A checkpoint only saves work if this run dies: the build goes on and saves again.
            LOG.log(Level.WARNING, "could not save the checkpoint of {0}: {1}", job.key(), e.getMessage());
        }
        lastCheckpoint = System.nanoTime();
    }

    private Checkpoint checkpoint() {
        var done = new TreeSet<>(kept);
        if (out != null) done.addAll(out.uploadedParts());
        if (copies != null) done.addAll(copies.done());
        return new Checkpoint(job.key(), upload.id(), List.copyOf(done), computed, job.sourceKeys());
    }

    /**
     * Settles what S3 holds, then leaves the upload for the next invocation with a checkpoint
     * when it can be continued (a stop, a failure to read or write that a retry may not meet),
     * or aborts it (the content changed, a bug, nowhere to keep a checkpoint).
     */
    private void end(Throwable failure) {
        boolean continuable = failure instanceof BuildStoppedException
                || (failure instanceof IOException && !(failure instanceof ContentChangedException))
                || failure instanceof SdkException;
        if (checkpoints.isPresent() && continuable) {
            try {
                checkpoints.get().save(checkpoint());
                return;
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        abortQuietly();
        if (checkpoints.isPresent()) deleteCheckpointQuietly(failure);
    }

    private void abortQuietly() {
        try {
            upload.abort();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not abort the upload of {0}: {1}", job.key(), e.getMessage());
        }
    }

    private void deleteCheckpoint(CheckpointStore store) {
        try {
            store.delete(job.key());
        } catch (RuntimeException e) {
            // The archive is complete: a checkpoint left beside it is never continued, and maintenance removes it.
            LOG.log(Level.WARNING, "could not delete the checkpoint of {0}: {1}", job.key(), e.getMessage());
        }
    }

    private void deleteCheckpointQuietly(Throwable failure) {
        try {
            checkpoints.orElseThrow().delete(job.key());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private long keptCopyBytes() {
        return job.plan().pieces().stream()
                .filter(p -> p instanceof AssemblyPlan.Copy && kept.contains(p.partNumber()))
                .mapToLong(AssemblyPlan.Piece::length).sum();
    }

    private static ThreadFactory daemon(String name) {
        return Thread.ofPlatform().daemon().name(name + "-", 0).factory();
    }
}

package com.clientalbums.zip.pipeline;

import com.clientalbums.zip.layout.ZipLayout;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Streams an album into a ZIP archive in S3 at close to the speed of copying it.
 *
 * <p>The layout is planned before the first byte, so every offset is known. Photos are fetched
 * ahead with bounded parallelism and their CRC-32 computed as they arrive; each entry's local
 * header (which must carry the CRC — no data descriptors, for the sake of every unzip tool) is
 * written just before its bytes; the stream is cut into parts that upload concurrently. Memory
 * holds at most the configured budget whatever the album's size.
 *
 * <p>An {@link ArchiveJob}'s assembly plan may have S3 copy parts from earlier archives instead,
 * and a build may outlive one invocation: stopped, it leaves its upload and a {@link Checkpoint},
 * and the next invocation continues from the first part S3 does not hold ({@link ArchiveBuild}).
 */
public final class ArchivePipeline {
    /** How often a build records how far it got: a killed invocation loses at most this much work. */
    public static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(15);

    private final PhotoSource photos;
    private final ArchiveTarget target;
    private final PipelineConfig config;
    private final Duration checkpointEvery;
    private final SpareBuffers spares;

    public ArchivePipeline(PhotoSource photos, ArchiveTarget target, PipelineConfig config) {
        this(photos, target, config, CHECKPOINT_EVERY);
    }

    public ArchivePipeline(PhotoSource photos, ArchiveTarget target, PipelineConfig config, Duration checkpointEvery) {
        this.photos = photos;
        this.target = target;
        this.config = config;
        this.checkpointEvery = checkpointEvery;
        // The budget, plus the one chunk-sized buffer that streams a photo too large to hold.
        this.spares = new SpareBuffers(config.memoryBudgetBytes() + ChunkPool.CHUNK);
    }

    /**
     * What one invocation did.
     *
     * @param photoBytesRead bytes read from photos
     * @param bytesUploaded  bytes uploaded as parts
     * @param bytesCopied    bytes S3 copied from earlier archives
     * @param partsKept      parts an earlier invocation had uploaded or copied
     */
    public record Result(long archiveSize, int entries, long contentBytes, long photoBytesRead, long bytesUploaded,
                         long bytesCopied, int partsKept) {}

    /**
     * Builds {@code job}'s archive, continuing {@code resume}'s upload when it is of use
     * ({@link UploadStart}). It records a checkpoint in {@code checkpoints} every
     * {@link #CHECKPOINT_EVERY} and when it stops (time, lease: {@link BuildStoppedException}) or
     * fails to read or write, and leaves the upload for the next invocation; the content changed
     * ({@link ContentChangedException}), it aborts the upload and deletes the checkpoint; done, it
     * completes the upload and deletes the checkpoint.
     */
    public Result build(ArchiveJob job, Optional<Checkpoint> resume, CheckpointStore checkpoints,
                        BuildMonitor monitor) throws IOException {
        return new ArchiveBuild(job, photos, target, config, spares, monitor, Optional.of(checkpoints), checkpointEvery)
                .run(resume);
    }

    /**
     * Builds the archive at {@code key} in one go, every byte written. On any failure or stop the
     * multipart upload is aborted, so nothing appears at the key and nothing is left to continue.
     *
     * @param etags the ETag each photo had when listed, by layout entry, so a replaced photo is noticed
     */
    public Result build(ZipLayout layout, List<String> etags, String key, BuildMonitor monitor) throws IOException {
        var job = ArchiveJob.full(key, layout, etags, config.partSizeFor(layout.totalSize()));
        return new ArchiveBuild(job, photos, target, config, spares, monitor, Optional.empty(), checkpointEvery)
                .run(Optional.empty());
    }

    /** Bytes of buffers this pipeline has allocated in all its builds: at most one budget, however many builds. */
    long allocatedBufferBytes() { return spares.allocatedBytes(); }
}

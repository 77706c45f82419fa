package com.clientalbums.zip.pipeline;

import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;

/**
 * How a build spends memory and connections. The memory budget is split between the part
 * buffers being uploaded and the photos fetched ahead of the writer; a photo larger than the
 * prefetch share is not buffered at all but read twice (once for its CRC-32, once to copy), so
 * memory is bounded by this configuration and never by the album.
 */
public record PipelineConfig(int fetchConcurrency, int partSizeBytes, int uploadConcurrency, long memoryBudgetBytes) {
    private static final int MIB = 1024 * 1024;
    /** S3's smallest part (except the last). */
    public static final int MIN_PART_SIZE = 5 * MIB;
    private static final int MAX_PARTS = 10_000;

    public PipelineConfig {
        if (fetchConcurrency < 1) throw new IllegalArgumentException("fetch concurrency must be at least 1");
        if (uploadConcurrency < 1) throw new IllegalArgumentException("upload concurrency must be at least 1");
        if (partSizeBytes < MIN_PART_SIZE) throw new IllegalArgumentException("parts must be at least 5 MiB");
        if (memoryBudgetBytes < (long) (uploadConcurrency + 1) * partSizeBytes + partSizeBytes) {
            throw new IllegalArgumentException("memory budget must hold the part buffers and at least one part's worth of photos");
        }
    }

    public static PipelineConfig from(Settings settings) {
        int partSize = Math.clamp(settings.integer(Setting.ZIP_PART_SIZE_MB), 5, 512) * MIB;
        long budget = (long) settings.integer(Setting.ZIP_MEMORY_BUDGET_MB) * MIB;
        int uploads = 4;
        // A small budget gets fewer concurrent parts rather than a configuration error.
        while (uploads > 1 && budget < (long) (uploads + 2) * partSize) uploads--;
        return new PipelineConfig(settings.integer(Setting.ZIP_FETCH_CONCURRENCY), partSize, uploads, budget);
    }

    /** Part buffers: one being filled plus one per concurrent upload. */
    int partBuffers() { return uploadConcurrency + 1; }

    /** What remains of the budget for photos fetched ahead of the writer. */
    long prefetchBudget() { return memoryBudgetBytes - (long) partBuffers() * partSizeBytes; }

    /**
     * The largest photo held in memory while its CRC-32 is computed (what the prefetch share holds, in
     * whole chunks, as {@link ChunkPool} hands it out). A larger one is streamed: read twice — once for
     * the CRC-32 its header needs, once to copy it — unless its CRC-32 is known beforehand.
     */
    public long largestHeldPhoto() {
        return Math.max(1, prefetchBudget() / ChunkPool.CHUNK) * ChunkPool.CHUNK;
    }

    /** Part size for an archive of this size: the configured one, or larger so the archive fits in 10,000 parts. */
    public int partSizeFor(long archiveSize) {
        long needed = (archiveSize + MAX_PARTS - 1) / MAX_PARTS;
        return (int) Math.max(partSizeBytes, Math.min(Integer.MAX_VALUE - 8, needed));
    }
}

package com.clientalbums.zip.build;

import com.clientalbums.zip.pipeline.ArchiveJob;
import com.clientalbums.zip.pipeline.ArchivePipeline;
import com.clientalbums.zip.pipeline.BuildMonitor;
import com.clientalbums.zip.pipeline.CheckpointStore;
import com.clientalbums.zip.pipeline.PipelineConfig;
import com.clientalbums.zip.reuse.PreviousEntry;
import com.clientalbums.zip.reuse.ReusePlanner;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one part's archive: plans what it can copy from the album's earlier archives, takes the
 * CRC-32 S3 keeps of each photo too large to hold (so it is read once, not twice), records its
 * manifest, then runs the pipeline, continuing the part's checkpoint when an earlier invocation
 * left one (stopped for time, or killed).
 */
public final class PartAssembler {
    private final ArchivePipeline pipeline;
    private final PipelineConfig config;
    private final CheckpointStore checkpoints;
    private final ManifestWriter manifests;
    private final StoredChecksums checksums;

    public PartAssembler(ArchivePipeline pipeline, PipelineConfig config, CheckpointStore checkpoints, ManifestWriter manifests,
                         StoredChecksums checksums) {
        this.pipeline = pipeline;
        this.config = config;
        this.checkpoints = checkpoints;
        this.manifests = manifests;
        this.checksums = checksums;
    }

    ArchivePipeline.Result build(PlannedPart part, List<PreviousEntry> previous, BuildMonitor monitor) throws IOException {
        ArchiveJob job = withStoredCrcs(ReusePlanner.plan(part.key(), part.layout(), part.etags(), previous,
                config.partSizeFor(part.layout().totalSize())));
        // Before the upload can complete, so every archive that exists has its manifest.
        manifests.write(part.key(), part.layout(), part.etags());
        return pipeline.build(job, checkpoints.load(part.key()), checkpoints, monitor);
    }

    /** One HEAD per photo the pipeline would otherwise read twice; photos of a few MB never need one. */
    private ArchiveJob withStoredCrcs(ArchiveJob job) {
        Map<Integer, Integer> known = new HashMap<>(job.knownCrcs());
        var entries = job.layout().entries();
        for (int i = 0; i < entries.size(); i++) {
            if (known.containsKey(i) || entries.get(i).size() <= config.largestHeldPhoto()) continue;
            int index = i;
            checksums.crc32(entries.get(i).source().key(), job.etags().get(i)).ifPresent(crc -> known.put(index, crc));
        }
        if (known.size() == job.knownCrcs().size()) return job;
        return new ArchiveJob(job.key(), job.layout(), job.etags(), job.plan(), known, job.sourceKeys());
    }
}

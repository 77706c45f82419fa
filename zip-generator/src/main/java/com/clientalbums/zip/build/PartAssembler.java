package com.clientalbums.zip.build;

import com.clientalbums.zip.pipeline.ArchiveJob;
import com.clientalbums.zip.pipeline.ArchivePipeline;
import com.clientalbums.zip.pipeline.BuildMonitor;
import com.clientalbums.zip.pipeline.CheckpointStore;
import com.clientalbums.zip.pipeline.PipelineConfig;
import com.clientalbums.zip.reuse.PreviousEntry;
import com.clientalbums.zip.reuse.ReusePlanner;

import java.io.IOException;
import java.util.List;

/**
 * Builds one part's archive: plans what it can copy from the album's earlier archives, records
 * its manifest, then runs the pipeline, continuing the part's checkpoint when an earlier
 * invocation left one (stopped for time, or killed).
 */
public final class PartAssembler {
    private final ArchivePipeline pipeline;
    private final PipelineConfig config;
    private final CheckpointStore checkpoints;
    private final ManifestWriter manifests;

    public PartAssembler(ArchivePipeline pipeline, PipelineConfig config, CheckpointStore checkpoints, ManifestWriter manifests) {
        this.pipeline = pipeline;
        this.config = config;
        this.checkpoints = checkpoints;
        this.manifests = manifests;
    }

    ArchivePipeline.Result build(PlannedPart part, List<PreviousEntry> previous, BuildMonitor monitor) throws IOException {
        ArchiveJob job = ReusePlanner.plan(part.key(), part.layout(), part.etags(), previous,
                config.partSizeFor(part.layout().totalSize()));
        // Before the upload can complete, so every archive that exists has its manifest.
        manifests.write(part.key(), part.layout(), part.etags());
        return pipeline.build(job, checkpoints.load(part.key()), checkpoints, monitor);
    }
}

package com.clientalbums.zip.pipeline;

import java.util.Optional;

/** Where checkpoints are kept between invocations: beside the archive in S3 ({@code S3Keys.checkpointKey}). */
public interface CheckpointStore {
    /** Keeps nothing: a build stopped early starts again from its first byte (benchmarks, one-shot builds). */
    CheckpointStore NONE = new CheckpointStore() {
        @Override
        public Optional<Checkpoint> load(String archiveKey) { return Optional.empty(); }

        @Override
        public void save(Checkpoint checkpoint) { }

        @Override
        public void delete(String archiveKey) { }
    };

    Optional<Checkpoint> load(String archiveKey);

    void save(Checkpoint checkpoint);

    void delete(String archiveKey);
}

package com.clientalbums.zip.pipeline;

import java.util.Optional;

/** Where checkpoints are kept between invocations: beside the archive in S3 ({@code S3Keys.checkpointKey}). */
public interface CheckpointStore {
    Optional<Checkpoint> load(String archiveKey);

    void save(Checkpoint checkpoint);

    void delete(String archiveKey);
}

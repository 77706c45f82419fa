package com.clientalbums.zip.build;

import com.clientalbums.zip.pipeline.Checkpoint;
import com.clientalbums.zip.pipeline.CheckpointStore;

import java.util.Optional;

/**
 * Keeps no checkpoints: a part stopped before its end is built again from its first byte by the
 * invocation that continues it. The stand-in for a store that keeps them beside the archive.
 */
public final class NoCheckpoints implements CheckpointStore {
    @Override
    public Optional<Checkpoint> load(String archiveKey) { return Optional.empty(); }

    @Override
    public void save(Checkpoint checkpoint) { }

    @Override
    public void delete(String archiveKey) { }
}

package com.clientalbums.zip.pipeline;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a build's upload begins: the upload a checkpoint names when it is still of use, else a
 * new one. A checkpoint is of use when it is of the same archive (its key is the hash of the
 * archive's content, so the bytes are the same), copies from the same earlier archives, and S3
 * still lists its upload with parts that fit the plan, number for number and size for size. The
 * parts S3 lists, not those the checkpoint names, are trusted: a part uploaded after the last
 * checkpoint (the invocation was killed before its next one) is kept too.
 */
final class UploadStart {
    private UploadStart() {}

    /**
     * @param upload the upload to write to
     * @param kept   part numbers S3 already holds as the plan wants them
     * @param crcs   CRC-32s by entry index computed by earlier invocations
     */
    record Begun(ArchiveTarget.Upload upload, Set<Integer> kept, Map<Integer, Integer> crcs) {
        Begun {
            kept = Set.copyOf(kept);
            crcs = Map.copyOf(crcs);
        }
    }

    static Begun begin(ArchiveTarget target, ArchiveJob job, Optional<Checkpoint> resume) {
        Optional<Checkpoint> sameArchive = resume.filter(c -> c.key().equals(job.key()));
        if (sameArchive.isPresent()) {
            Checkpoint checkpoint = sameArchive.get();
            Optional<ArchiveTarget.Continued> continued = target.resume(job.key(), checkpoint.uploadId());
            if (continued.isPresent()) {
                Optional<Set<Integer>> kept = checkpoint.sourceKeys().equals(job.sourceKeys())
                        ? fitting(job.plan(), continued.get().parts()) : Optional.empty();
                if (kept.isPresent()) return new Begun(continued.get().upload(), kept.get(), checkpoint.crcs());
                // Parts of another plan: they cannot be completed into this archive.
                continued.get().upload().abort();
            }
        }
        return new Begun(target.start(job.key()), Set.of(), Map.of());
    }

    /** The parts held, when every one is a part of {@code plan} of the planned size. */
    private static Optional<Set<Integer>> fitting(AssemblyPlan plan, Map<Integer, ArchiveTarget.HeldPart> held) {
        Set<Integer> kept = new HashSet<>();
        for (ArchiveTarget.HeldPart part : held.values()) {
            int index = part.partNumber() - 1;
            if (index < 0 || index >= plan.pieces().size() || plan.pieces().get(index).length() != part.size()) {
                return Optional.empty();
            }
            kept.add(part.partNumber());
        }
        return Optional.of(kept);
    }
}

package com.clientalbums.zip.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * How one archive's multipart upload is assembled, part by part, in archive order: each part
 * either {@link Copy copied} by S3 from an earlier archive that holds exactly those bytes
 * (UploadPartCopy: the generator moves nothing), or {@link Write written} by the generator from
 * the layout and the photos. Pieces cover the archive from byte 0 to its end without gap or
 * overlap; every part but the last is at least 5 MiB (S3's rule).
 *
 * <p>A full build is all writes ({@link #full}); an incremental rebuild copies the unchanged runs
 * of entries ({@code ReusePlanner}).
 */
public record AssemblyPlan(List<Piece> pieces) {
    public AssemblyPlan {
        pieces = List.copyOf(pieces);
        long next = 0;
        for (int i = 0; i < pieces.size(); i++) {
            Piece p = pieces.get(i);
            if (p.partNumber() != i + 1) throw new IllegalArgumentException("part " + p.partNumber() + " out of order");
            if (p.offset() != next) throw new IllegalArgumentException("part " + p.partNumber() + " leaves a gap or overlaps");
            if (p.length() < PipelineConfig.MIN_PART_SIZE && i < pieces.size() - 1) {
                throw new IllegalArgumentException("part " + p.partNumber() + " is under 5 MiB and not the last");
            }
            next += p.length();
        }
    }

    /** One part of the upload: archive bytes {@code [offset, offset + length)}. */
    public sealed interface Piece permits Copy, Write {
        int partNumber();

        long offset();

        long length();
    }

    /** S3 copies {@code length} bytes from {@code sourceKey} at {@code sourceOffset}. */
    public record Copy(int partNumber, long offset, long length, String sourceKey, long sourceOffset) implements Piece {}

    /** The generator writes these bytes. */
    public record Write(int partNumber, long offset, long length) implements Piece {}

    /** Every byte written, in parts of {@code partSize} (the last one shorter). */
    public static AssemblyPlan full(long archiveSize, int partSize) {
        List<Piece> pieces = new ArrayList<>();
        long offset = 0;
        do {
            long length = Math.min(partSize, archiveSize - offset);
            pieces.add(new Write(pieces.size() + 1, offset, length));
            offset += length;
        } while (offset < archiveSize);
        return new AssemblyPlan(pieces);
    }

    public long size() {
        Piece last = pieces.getLast();
        return last.offset() + last.length();
    }

    /** Bytes S3 copies server-side. */
    public long copiedBytes() {
        return pieces.stream().filter(p -> p instanceof Copy).mapToLong(Piece::length).sum();
    }
}

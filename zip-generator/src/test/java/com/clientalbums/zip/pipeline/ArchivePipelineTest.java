package com.clientalbums.zip.pipeline;

import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.zip.layout.ZipLayout;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline as a warm generator uses it: one instance building album after album. Photos and
 * parts live in memory here (the pipeline's own two interfaces); the S3 implementations of
 * those are exercised against S3Proxy by the generator's integration tests.
 */
class ArchivePipelineTest {
    private static final int MIB = 1024 * 1024;
    /** Small parts and budget, so a 20-photo album passes through every buffer several times. */
    private static final PipelineConfig CONFIG = new PipelineConfig(4, 5 * MIB, 2, 24L * MIB);

    private final Map<String, byte[]> bucket = new LinkedHashMap<>();
    private final ZipLayout layout = album(20);
    private final PartsInMemory target = new PartsInMemory();

    @Test
    void buildsAfterTheFirstReuseItsBuffersSoAllBuildsTogetherAllocateOneBudget() throws IOException {
        var pipeline = new ArchivePipeline(this::open, target, CONFIG);

        byte[] first = build(pipeline);
        long afterFirst = pipeline.allocatedBufferBytes();
        byte[] second = build(pipeline);
        byte[] third = build(pipeline);

        // A build allocates its buffers as it needs them, so a later build may need one part buffer
        // more than the first did (threads are scheduled differently); what must hold is that three
        // builds together stay within one budget, plus the 1 MiB buffer that streams the photo too
        // large to hold. Without reuse they allocate three times what the first did.
        long budget = CONFIG.memoryBudgetBytes() + MIB;
        assertTrue(afterFirst > budget / 2, "first build allocated " + afterFirst);
        assertTrue(pipeline.allocatedBufferBytes() <= budget,
                "three builds allocated " + pipeline.allocatedBufferBytes() + " bytes, more than one budget");
        assertArrayEquals(first, second);
        assertArrayEquals(first, third);
        assertHoldsTheAlbum(third);
    }

    @Test
    void aBuildThatFailsMidwayLeavesNoArchiveAndTheNextBuildIsIntact() throws IOException {
        String failing = layout.entries().get(13).source().key();
        boolean[] fail = {true};
        var pipeline = new ArchivePipeline((key, etag) -> {
            if (fail[0] && key.equals(failing)) throw new IOException("connection reset");
            return open(key, etag);
        }, target, CONFIG);

        assertThrows(IOException.class, () -> build(pipeline));
        assertEquals(1, target.aborted);
        assertEquals(0, target.completed);

        fail[0] = false;
        byte[] archive = build(pipeline);
        assertArrayEquals(build(new ArchivePipeline(this::open, new PartsInMemory(), CONFIG)), archive,
                "the same bytes as a fresh pipeline writes");
        assertHoldsTheAlbum(archive);
        assertTrue(pipeline.allocatedBufferBytes() <= 2 * (CONFIG.memoryBudgetBytes() + MIB),
                "buffers a failed build lost are replaced once, not again and again");
    }

    @Test
    void aPlanOfWrittenPartsOfVaryingLengthsUpToTwoPartSizesGivesTheBytesOfAFullBuildWithinTheBudget()
            throws IOException {
        byte[] full = build(new ArchivePipeline(this::open, target, CONFIG));
        var parts = new PartsInMemory();
        var pipeline = new ArchivePipeline(this::open, parts, CONFIG);
        var checkpoints = new CheckpointsInMemory();

        pipeline.build(job(varyingParts(layout.totalSize())), Optional.empty(), checkpoints, monitor());

        assertArrayEquals(full, parts.last);
        assertTrue(parts.partLengths.stream().anyMatch(n -> n > CONFIG.partSizeBytes()), "parts " + parts.partLengths);
        assertTrue(pipeline.allocatedBufferBytes() <= CONFIG.memoryBudgetBytes() + MIB,
                pipeline.allocatedBufferBytes() + " bytes of buffers, over the budget");
        assertTrue(checkpoints.saved.isEmpty(), "a finished build leaves no checkpoint");
    }

    @Test
    void aPlanWithAWrittenPartOverTwoPartSizesIsRefusedBeforeAnUploadBegins() {
        long size = layout.totalSize();
        long tooLong = 2L * CONFIG.partSizeBytes() + 1;
        var plan = new AssemblyPlan(List.of(new AssemblyPlan.Write(1, 0, tooLong),
                new AssemblyPlan.Write(2, tooLong, size - tooLong)));
        var pipeline = new ArchivePipeline(this::open, target, CONFIG);

        assertThrows(IllegalArgumentException.class,
                () -> pipeline.build(job(plan), Optional.empty(), new CheckpointsInMemory(), monitor()));
        assertEquals(0, target.started);
    }

    /** Written parts of 10, 5, 7 MiB + 3 bytes and 6 MiB in turn, every one but the last at least 5 MiB. */
    private static AssemblyPlan varyingParts(long size) {
        long[] lengths = {10L * MIB, 5L * MIB, 7L * MIB + 3, 6L * MIB};
        List<AssemblyPlan.Piece> pieces = new ArrayList<>();
        for (long offset = 0; offset < size; ) {
            long remaining = size - offset;
            long length = remaining <= 10L * MIB ? remaining
                    : Math.min(lengths[pieces.size() % lengths.length], remaining - 5L * MIB);
            pieces.add(new AssemblyPlan.Write(pieces.size() + 1, offset, length));
            offset += length;
        }
        return new AssemblyPlan(pieces);
    }

    private ArchiveJob job(AssemblyPlan plan) {
        return new ArchiveJob("zips/album.zip", layout, Collections.nCopies(layout.entries().size(), "etag"), plan,
                Map.of(), List.of());
    }

    private BuildMonitor monitor() {
        return new BuildMonitor(layout.entries().size(), layout.totalSize());
    }

    private byte[] build(ArchivePipeline pipeline) throws IOException {
        List<String> etags = Collections.nCopies(layout.entries().size(), "etag");
        pipeline.build(layout, etags, "zips/album.zip", new BuildMonitor(layout.entries().size(), layout.totalSize()));
        return target.last;
    }

    private InputStream open(String key, String etag) {
        return new ByteArrayInputStream(bucket.get(key));
    }

    private void assertHoldsTheAlbum(byte[] archive) throws IOException {
        try (var zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            int count = 0;
            for (ZipEntry e; (e = zip.getNextEntry()) != null; count++) {
                var source = layout.entries().get(count).source();
                assertEquals(source.relativePath(), e.getName());
                assertArrayEquals(bucket.get(source.key()), zip.readAllBytes(), e.getName());
            }
            assertEquals(layout.entries().size(), count);
        }
    }

    /** Photos of 0.5 to 3 MiB, one empty, and one too large for the prefetch memory (read twice instead). */
    private ZipLayout album(int photos) {
        Random random = new Random(42);
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < photos; i++) {
            int size = switch (i) {
                case 7 -> 0;
                case 15 -> 10 * MIB + 123;
                default -> MIB / 2 + random.nextInt(5 * MIB / 2);
            };
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            String name = String.format("IMG_%04d.jpg", i);
            bucket.put("albums/a/photos/" + name, bytes);
            files.add(new SourceFile("albums/a/photos/" + name, name, bytes.length, Instant.parse("2024-06-15T14:30:00Z")));
        }
        return LayoutPlanner.plan(files);
    }

    /** Checkpoints kept in a map. */
    private static final class CheckpointsInMemory implements CheckpointStore {
        final Map<String, Checkpoint> saved = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Optional<Checkpoint> load(String archiveKey) {
            return Optional.ofNullable(saved.get(archiveKey));
        }

        @Override
        public void save(Checkpoint checkpoint) {
            saved.put(checkpoint.key(), checkpoint);
        }

        @Override
        public void delete(String archiveKey) {
            saved.remove(archiveKey);
        }
    }

    /** A multipart upload kept in memory: parts by number, the archive appearing only on complete. */
    private static final class PartsInMemory implements ArchiveTarget {
        byte[] last;
        final List<Integer> partLengths = new java.util.concurrent.CopyOnWriteArrayList<>();
        int started;
        int completed;
        int aborted;

        @Override
        public Upload start(String key) {
            started++;
            SortedMap<Integer, byte[]> parts = new ConcurrentSkipListMap<>();
            return new Upload() {
                @Override
                public String id() {
                    return key;
                }

                @Override
                public void uploadPart(int partNumber, PartBytes bytes) {
                    try {
                        parts.put(partNumber, bytes.stream().readAllBytes());
                        partLengths.add((int) bytes.length());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public void copyPart(int partNumber, String sourceKey, long sourceOffset, long length) {
                    throw new UnsupportedOperationException("full builds only");
                }

                @Override
                public void complete() {
                    var out = new ByteArrayOutputStream();
                    parts.values().forEach(out::writeBytes);
                    last = out.toByteArray();
                    completed++;
                }

                @Override
                public void abort() {
                    aborted++;
                }
            };
        }
    }
}

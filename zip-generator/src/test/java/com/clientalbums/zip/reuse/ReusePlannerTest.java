package com.clientalbums.zip.reuse;

import com.clientalbums.zip.layout.CentralDirectory;
import com.clientalbums.zip.layout.ZipLayout;
import com.clientalbums.zip.pipeline.ArchiveJob;
import com.clientalbums.zip.pipeline.AssemblyPlan;
import com.clientalbums.zip.pipeline.PipelineConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Incremental plans checked against real archives: an album is archived by the production
 * pipeline, changed, and archived again in full; the plan for the changed album must take from the
 * earlier archive only bytes that are exactly the full build's, know only true CRCs, and be an
 * upload S3 accepts.
 */
class ReusePlannerTest {
    private static final String OLD_KEY = "zips/a/old.zip";
    private static final int PART_SIZE = PipelineConfig.MIN_PART_SIZE;
    /** 200 photos of 150 to 300 KB, about 45 MB: 1 % is 2 photos, and runs between changes are several parts long. */
    private static final AlbumInMemory ALBUM = AlbumInMemory.of(200, 150_000);
    private static byte[] oldArchive;

    @Test
    void photosAddedHereAndThereAreWrittenAndEverythingAroundThemIsCopiedFromTheEarlierArchive() throws IOException {
        Rebuild rebuild = rebuild(ALBUM.copy()
                .put("IMG_0050a.jpg", 200_000, Instant.parse("2024-06-16T10:00:00Z"))
                .put("IMG_0150a.jpg", 210_000, Instant.parse("2024-06-16T10:01:00Z")));

        rebuild.assertRebuildsTheFullArchive();
        rebuild.assertWritten("IMG_0050a.jpg", "IMG_0150a.jpg");
        rebuild.assertCopiesAtLeast(0.6);
    }

    @Test
    void photosAddedTogetherAreWrittenTogether() throws IOException {
        Rebuild rebuild = rebuild(ALBUM.copy()
                .put("IMG_0100a.jpg", 200_000, Instant.parse("2024-06-16T10:00:00Z"))
                .put("IMG_0100b.jpg", 210_000, Instant.parse("2024-06-16T10:01:00Z")));

        rebuild.assertRebuildsTheFullArchive();
        rebuild.assertWritten("IMG_0100a.jpg", "IMG_0100b.jpg");
        rebuild.assertCopiesAtLeast(0.7);
    }

    @Test
    void replacedPhotosAreWrittenWithTheirNewContentAndTheirOldCrcIsNotUsed() throws IOException {
        Rebuild rebuild = rebuild(ALBUM.copy().replace("IMG_0037.jpg").replace("IMG_0141.jpg"));

        rebuild.assertRebuildsTheFullArchive();
        rebuild.assertWritten("IMG_0037.jpg", "IMG_0141.jpg");
        rebuild.assertCrcUnknown("IMG_0037.jpg", "IMG_0141.jpg");
        rebuild.assertCopiesAtLeast(0.6);
    }

    @Test
    void deletedPhotosLeaveTheRunsAroundThemToBeCopiedFromTheirOldPlaces() throws IOException {
        Rebuild rebuild = rebuild(ALBUM.copy().delete("IMG_0023.jpg").delete("IMG_0122.jpg"));

        rebuild.assertRebuildsTheFullArchive();
        rebuild.assertCopiesAtLeast(0.6);
    }

    @Test
    void aRenamedPhotoIsWrittenUnderItsNewNameAndTheOthersAreCopied() throws IOException {
        Rebuild rebuild = rebuild(ALBUM.copy().rename("IMG_0080.jpg", "Ceremony/IMG_0080.jpg"));

        rebuild.assertRebuildsTheFullArchive();
        // Another object: the same ETag on another key is not taken as the same content.
        rebuild.assertWritten("Ceremony/IMG_0080.jpg");
        rebuild.assertCrcUnknown("Ceremony/IMG_0080.jpg");
        rebuild.assertCopiesAtLeast(0.7);
    }

    @Test
    void aPhotoWhoseTimeAloneChangedIsWrittenWithItsNewHeaderButItsCrcIsKnown() throws IOException {
        Rebuild rebuild = rebuild(ALBUM.copy().retime("IMG_0090.jpg", Instant.parse("2025-01-02T03:04:06Z")));

        rebuild.assertRebuildsTheFullArchive();
        rebuild.assertWritten("IMG_0090.jpg");
        assertTrue(rebuild.job.knownCrcs().containsKey(rebuild.index("IMG_0090.jpg")), "the photo's bytes did not change");
        rebuild.assertCopiesAtLeast(0.7);
    }

    @Test
    void anUnchangedAlbumIsCopiedWholeButForItsDirectory() throws IOException {
        Rebuild rebuild = rebuild(ALBUM.copy());

        rebuild.assertRebuildsTheFullArchive();
        assertEquals(rebuild.layout.centralDirectoryOffset(), rebuild.job.plan().copiedBytes());
        assertEquals(rebuild.layout.entries().size(), rebuild.job.knownCrcs().size());
    }

    @Test
    void anAlbumPublishedInTwoPartsIsRebuiltFromBoth() throws IOException {
        AlbumInMemory first = ALBUM.only(path -> path.compareTo("IMG_0100") < 0);
        AlbumInMemory second = ALBUM.only(path -> path.compareTo("IMG_0100") >= 0);
        Map<String, byte[]> archives = Map.of("zips/a/part1.zip", first.archive(first.layout()),
                "zips/a/part2.zip", second.archive(second.layout()));

        Rebuild rebuild = rebuild(ALBUM.copy().replace("IMG_0150.jpg"),
                Map.of("zips/a/part1.zip", first, "zips/a/part2.zip", second), archives);

        rebuild.assertRebuildsTheFullArchive();
        rebuild.assertWritten("IMG_0150.jpg");
        assertEquals(List.of("zips/a/part1.zip", "zips/a/part2.zip"), rebuild.job.sourceKeys());
        rebuild.assertCopiesAtLeast(0.7);
    }

    @Test
    void withoutEarlierArchivesThePlanIsAFullBuild() {
        ZipLayout layout = ALBUM.layout();
        List<String> etags = ALBUM.etags(layout);

        ArchiveJob job = ReusePlanner.plan("zips/a/new.zip", layout, etags, List.of(), PART_SIZE);

        assertEquals(ArchiveJob.full("zips/a/new.zip", layout, etags, PART_SIZE), job);
    }

    private static Rebuild rebuild(AlbumInMemory changed) throws IOException {
        if (oldArchive == null) oldArchive = ALBUM.archive(ALBUM.layout());
        return rebuild(changed, Map.of(OLD_KEY, ALBUM), Map.of(OLD_KEY, oldArchive));
    }

    /** Plans {@code changed} from the archives of {@code earlier} (by key), and builds it in full. */
    private static Rebuild rebuild(AlbumInMemory changed, Map<String, AlbumInMemory> earlier, Map<String, byte[]> archives)
            throws IOException {
        List<PreviousEntry> previous = new ArrayList<>();
        for (var e : earlier.entrySet()) {
            ZipLayout oldLayout = e.getValue().layout();
            previous.addAll(previousEntries(e.getKey(), archives.get(e.getKey()), ArchiveManifests.decode(
                    ArchiveManifests.encode(ArchiveManifests.of(oldLayout, e.getValue().etags(oldLayout))))));
        }
        ZipLayout layout = changed.layout();
        ArchiveJob job = ReusePlanner.plan("zips/a/new.zip", layout, changed.etags(layout), previous, PART_SIZE);
        return new Rebuild(changed, layout, job, archives, changed.archive(layout));
    }

    /** What {@link PreviousArchives} finds for an archive in S3, from its bytes here. */
    private static List<PreviousEntry> previousEntries(String key, byte[] archive, ArchiveManifest manifest) throws IOException {
        int tail = Math.min(archive.length, 64 * 1024);
        CentralDirectory.Location where = CentralDirectory.locate(
                Arrays.copyOfRange(archive, archive.length - tail, archive.length), archive.length);
        CentralDirectory directory = CentralDirectory.parse(archive, (int) where.offset(), where);
        return PreviousArchives.join(key, manifest, directory);
    }

    private record Rebuild(AlbumInMemory album, ZipLayout layout, ArchiveJob job, Map<String, byte[]> earlier, byte[] full) {

        void assertRebuildsTheFullArchive() {
            List<AssemblyPlan.Piece> pieces = job.plan().pieces();
            assertEquals(full.length, job.plan().size(), "the plan covers the archive");
            assertEquals(0, pieces.getFirst().offset());
            for (AssemblyPlan.Piece p : pieces) {
                assertTrue(p.length() >= PipelineConfig.MIN_PART_SIZE || p == pieces.getLast(), "part " + p + " under 5 MiB");
                if (p instanceof AssemblyPlan.Write) {
                    assertTrue(p.length() < PART_SIZE + PipelineConfig.MIN_PART_SIZE, "part " + p + " longer than a part and a remainder");
                }
                if (p instanceof AssemblyPlan.Copy copy) {
                    byte[] old = earlier.get(copy.sourceKey());
                    assertTrue(Arrays.equals(old, Math.toIntExact(copy.sourceOffset()), Math.toIntExact(copy.sourceOffset() + copy.length()),
                            full, Math.toIntExact(copy.offset()), Math.toIntExact(copy.offset() + copy.length())),
                            "copied bytes of part " + copy.partNumber() + " differ from the full build's");
                }
            }
            job.knownCrcs().forEach((index, crc) -> assertEquals(album.crc32(layout.entries().get(index).source().key()), crc,
                    "known CRC-32 of " + layout.entries().get(index).name()));
            assertEquals(job.plan().pieces().stream().filter(p -> p instanceof AssemblyPlan.Copy)
                    .map(p -> ((AssemblyPlan.Copy) p).sourceKey()).distinct().toList(), job.sourceKeys());
        }

        void assertWritten(String... names) {
            for (String name : names) {
                ZipLayout.Entry e = layout.entries().get(index(name));
                for (AssemblyPlan.Piece p : job.plan().pieces()) {
                    boolean overlaps = p.offset() < e.dataOffset() + e.size() && e.headerOffset() < p.offset() + p.length();
                    assertFalse(p instanceof AssemblyPlan.Copy && overlaps, name + " is copied by " + p);
                }
            }
        }

        void assertCrcUnknown(String... names) {
            Map<Integer, Integer> known = job.knownCrcs();
            for (String name : names) assertFalse(known.containsKey(index(name)), "CRC-32 of " + name + " taken from the earlier archive");
        }

        void assertCopiesAtLeast(double share) {
            double copied = (double) job.plan().copiedBytes() / full.length;
            assertTrue(copied >= share, "copies " + copied + " of the archive");
        }

        int index(String name) {
            for (int i = 0; i < layout.entries().size(); i++) if (layout.entries().get(i).name().equals(name)) return i;
            throw new AssertionError(name + " is not in the archive");
        }
    }
}

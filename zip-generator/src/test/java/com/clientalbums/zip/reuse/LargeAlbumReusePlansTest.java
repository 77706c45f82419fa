package com.clientalbums.zip.reuse;

import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.zip.layout.ZipLayout;
import com.clientalbums.zip.pipeline.ArchiveJob;
import com.clientalbums.zip.pipeline.AssemblyPlan;
import com.clientalbums.zip.pipeline.PipelineConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plans for albums too large to hold in a test, from their layouts alone (a layout needs no photo
 * bytes): what a rebuild writes for a 1 % change of a 4 GB album, and S3's limits on parts —
 * 5 GiB at most, 10,000 in all — and the ZIP64 line at 4 GiB.
 */
class LargeAlbumReusePlansTest {
    private static final long MIB = 1 << 20;
    private static final long GIB = 1L << 30;
    private static final int PART_SIZE = 16 * (int) MIB;
    private static final Instant SHOT = Instant.parse("2024-06-15T14:30:08Z");
    private static final String OLD_KEY = "zips/a/old.zip";

    @Test
    void addingOnePercentOfPhotosHereAndThereWritesUnderFivePercentOfTheArchive() {
        assertWritesUnderFivePercent(files -> {
            for (int i = 50; i < 1000; i += 100) files.add(photo(String.format("IMG_%04d_b.jpg", i), 4_000_000, "v1"));
            return files;
        });
    }

    @Test
    void replacingOnePercentOfPhotosHereAndThereWritesUnderFivePercentOfTheArchive() {
        assertWritesUnderFivePercent(files -> {
            for (int i = 37; i < 1000; i += 100) files.set(i, photo(files.get(i).source().relativePath(), 4_000_000 + i, "v2"));
            return files;
        });
    }

    @Test
    void deletingOnePercentOfPhotosHereAndThereWritesUnderFivePercentOfTheArchive() {
        assertWritesUnderFivePercent(files -> {
            for (int i = 990 - 5; i > 0; i -= 100) files.remove(i);
            return files;
        });
    }

    @Test
    void aReplacedPhotoTooSmallForAPartIsWrittenWithTheEntriesAfterItUpToFiveMebibytes() {
        List<Photo> before = new ArrayList<>();
        for (int i = 0; i < 100; i++) before.add(photo(String.format("IMG_%04d.jpg", i), MIB, "v1"));
        List<Photo> after = new ArrayList<>(before);
        after.set(50, photo("IMG_0050.jpg", MIB, "v2"));
        ZipLayout layout = layout(after);

        ArchiveJob job = plan(layout(before), before, layout, after);

        // The photo and the 4 after it make 5 MiB and their headers; the runs on both sides are copied.
        long photo = layout.entries().get(50).headerOffset();
        long runAfter = layout.entries().get(55).headerOffset();
        long directory = layout.centralDirectoryOffset();
        assertEquals(List.of(
                new AssemblyPlan.Copy(1, 0, photo, OLD_KEY, 0),
                new AssemblyPlan.Write(2, photo, runAfter - photo),
                new AssemblyPlan.Copy(3, runAfter, directory - runAfter, OLD_KEY, runAfter),
                new AssemblyPlan.Write(4, directory, layout.totalSize() - directory)), job.plan().pieces());
        assertEquals(99, job.knownCrcs().size(), "every photo but the replaced one");
    }

    @Test
    void anEntryPushedPastTheFourGibibyteLineNeedsZip64AndIsWrittenNotCopied() {
        List<Photo> before = new ArrayList<>();
        for (int i = 0; i < 5; i++) before.add(photo(String.format("IMG_%04d.jpg", i), 1000 * MIB, "v1"));
        List<Photo> after = new ArrayList<>(before);
        after.add(photo("IMG_0000_b.jpg", 200 * MIB, "v1"));
        ZipLayout old = layout(before);
        ZipLayout layout = layout(after);
        int pushed = indexOf(layout, "IMG_0004.jpg");
        assertTrue(old.entries().get(4).headerOffset() < 0xFFFFFFFFL && layout.entries().get(pushed).headerOffset() > 0xFFFFFFFFL,
                "the test's premise: the last photo crosses the line");

        ArchiveJob job = plan(old, before, layout, after);

        assertFalse(copied(job, layout, pushed), "IMG_0004.jpg copied with its old header");
        assertTrue(job.knownCrcs().containsKey(pushed), "its bytes did not change");
        assertTrue(copied(job, layout, indexOf(layout, "IMG_0003.jpg")), "IMG_0003.jpg, under the line in both, is copied");
    }

    @Test
    void aRunLongerThanFiveGibibytesIsCopiedInPiecesOfAtMostFiveGibibytes() {
        List<Photo> before = new ArrayList<>();
        for (int i = 0; i < 12; i++) before.add(photo(String.format("IMG_%04d.jpg", i), GIB, "v1"));
        List<Photo> after = new ArrayList<>(before);
        after.add(photo("IMG_9999.jpg", 3 * MIB, "v1"));

        ArchiveJob job = plan(layout(before), before, layout(after), after);

        List<AssemblyPlan.Copy> copies = job.plan().pieces().stream()
                .filter(p -> p instanceof AssemblyPlan.Copy).map(p -> (AssemblyPlan.Copy) p).toList();
        assertEquals(3, copies.size(), "12 GiB and some headers in three pieces");
        long source = 0;
        for (AssemblyPlan.Copy c : copies) {
            assertTrue(c.length() <= 5 * GIB, c + " over 5 GiB");
            assertEquals(source, c.sourceOffset(), "pieces follow each other in the earlier archive");
            assertEquals(c.offset(), c.sourceOffset(), "nothing moved before them");
            source += c.length();
        }
    }

    @Test
    void aPlanThatWouldNeedMoreThanTenThousandPartsCopiesOnlyLongerRuns() {
        // Every other photo replaced: 10,000 short runs to copy and 10,000 stretches to write.
        List<Photo> before = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) before.add(photo(String.format("IMG_%05d.jpg", i), 6 * MIB, "v1"));
        List<Photo> after = new ArrayList<>(before);
        for (int i = 1; i < after.size(); i += 2) after.set(i, photo(before.get(i).source().relativePath(), 6 * MIB, "v2"));
        ZipLayout layout = layout(after);
        int partSize = new PipelineConfig(4, PART_SIZE, 2, 512 * MIB).partSizeFor(layout.totalSize());

        ArchiveJob job = ReusePlanner.plan("zips/a/new.zip", layout, etags(after, layout), previous(layout(before), before), partSize);

        assertTrue(job.plan().pieces().size() <= 10_000, job.plan().pieces().size() + " parts");
        assertEquals(layout.totalSize(), job.plan().size());
    }

    private static void assertWritesUnderFivePercent(UnaryOperator<List<Photo>> change) {
        List<Photo> before = new ArrayList<>();
        for (int i = 0; i < 1000; i++) before.add(photo(String.format("IMG_%04d.jpg", i), 4_000_000 + i, "v1"));
        List<Photo> after = change.apply(new ArrayList<>(before));

        ZipLayout layout = layout(after);
        ArchiveJob job = plan(layout(before), before, layout, after);

        long written = layout.totalSize() - job.plan().copiedBytes();
        assertTrue(written < 0.05 * layout.totalSize(), "writes " + written + " of " + layout.totalSize() + " bytes");
        assertEquals(List.of(OLD_KEY), job.sourceKeys());
    }

    private static ArchiveJob plan(ZipLayout old, List<Photo> before, ZipLayout layout, List<Photo> after) {
        return ReusePlanner.plan("zips/a/new.zip", layout, etags(after, layout), previous(old, before), PART_SIZE);
    }

    /** The earlier archive's entries as its manifest and directory give them (the CRC-32s stand in: no bytes here). */
    private static List<PreviousEntry> previous(ZipLayout old, List<Photo> photos) {
        List<String> etags = etags(photos, old);
        List<PreviousEntry> entries = new ArrayList<>();
        for (int i = 0; i < old.entries().size(); i++) {
            ZipLayout.Entry e = old.entries().get(i);
            entries.add(new PreviousEntry(OLD_KEY, e.name(), e.source().key(), etags.get(i), e.size(), e.headerOffset(),
                    e.source().key().hashCode(), e.source().lastModified()));
        }
        return entries;
    }

    private static boolean copied(ArchiveJob job, ZipLayout layout, int index) {
        ZipLayout.Entry e = layout.entries().get(index);
        return job.plan().pieces().stream().anyMatch(p -> p instanceof AssemblyPlan.Copy
                && p.offset() <= e.headerOffset() && e.dataOffset() + e.size() <= p.offset() + p.length());
    }

    private static int indexOf(ZipLayout layout, String name) {
        for (int i = 0; i < layout.entries().size(); i++) if (layout.entries().get(i).name().equals(name)) return i;
        throw new AssertionError(name);
    }

    private record Photo(SourceFile source, String etag) {}

    private static Photo photo(String path, long size, String version) {
        return new Photo(new SourceFile("albums/a/photos/" + path, path, size, SHOT.plusSeconds(path.hashCode() & 0xFFFF)),
                "\"" + path + "-" + version + "\"");
    }

    private static ZipLayout layout(List<Photo> photos) {
        return LayoutPlanner.plan(photos.stream().map(Photo::source).toList());
    }

    private static List<String> etags(List<Photo> photos, ZipLayout layout) {
        Map<String, String> byKey = new HashMap<>();
        photos.forEach(p -> byKey.put(p.source().key(), p.etag()));
        return layout.entries().stream().map(e -> byKey.get(e.source().key())).toList();
    }
}

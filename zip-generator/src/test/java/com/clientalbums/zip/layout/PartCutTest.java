package com.clientalbums.zip.layout;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where {@link LayoutPlanner#planParts} cuts an album, checked on listings alone. */
class PartCutTest {

    private static final long MB = 1_000_000;
    private static final long GIB = 1L << 30;
    private static final Instant TIME = Instant.parse("2024-06-15T14:30:07Z");

    private static List<String> names(ZipLayout layout) {
        return layout.entries().stream().map(ZipLayout.Entry::name).toList();
    }

    private static List<String> names(List<ZipLayout> parts) {
        return parts.stream().flatMap(part -> names(part).stream()).toList();
    }

    private static void assertSameArchive(ZipLayout expected, ZipLayout actual) {
        assertEquals(expected.entries(), actual.entries());
        assertEquals(expected.totalSize(), actual.totalSize());
        int[] crcs = IntStream.range(0, expected.entries().size()).map(i -> 0x1234567 * (i + 1)).toArray();
        for (int i = 0; i < crcs.length; i++) {
            assertArrayEquals(expected.localHeader(i, crcs[i]), actual.localHeader(i, crcs[i]));
        }
        assertArrayEquals(expected.centralDirectory(crcs), actual.centralDirectory(crcs));
    }

    @Test
    void withoutALimitTheAlbumIsExactlyItsOneArchive() {
        List<SourceFile> files = WeddingListing.of(300, MB, 8 * MB, 1);
        List<ZipLayout> parts = LayoutPlanner.planParts(files, 0);
        assertEquals(1, parts.size());
        assertSameArchive(LayoutPlanner.plan(files), parts.getFirst());
    }

    @Test
    void anAlbumThatFitsTheLimitIsExactlyItsOneArchive() {
        List<SourceFile> files = WeddingListing.of(300, MB, 8 * MB, 1);
        ZipLayout whole = LayoutPlanner.plan(files);
        List<ZipLayout> parts = LayoutPlanner.planParts(files, whole.totalSize());
        assertEquals(1, parts.size());
        assertSameArchive(whole, parts.getFirst());
        assertEquals(2, LayoutPlanner.planParts(files, whole.totalSize() - 1).size(), "one byte less: cut");
    }

    @Test
    void partsAreConsecutiveRunsInNameOrderEachWithinTheLimit() {
        List<SourceFile> files = WeddingListing.of(1_000, MB, 8 * MB, 1);
        long limit = 500 * MB;
        List<ZipLayout> parts = LayoutPlanner.planParts(files, limit);

        assertTrue(parts.size() >= 5, parts.size() + " parts");
        assertEquals(names(LayoutPlanner.plan(files)), names(parts), "part 1 holds the first photos, and so on");
        for (ZipLayout part : parts) {
            assertTrue(part.totalSize() <= limit, part.totalSize() + " bytes");
        }
    }

    @Test
    void everyPartButTheLastHoldsAtLeastTheMinimum() {
        long limit = 500 * MB;
        List<ZipLayout> parts = LayoutPlanner.planParts(WeddingListing.of(1_000, MB, 8 * MB, 1), limit);
        long minimum = PartCut.forLimit(limit).minBytes();
        for (ZipLayout part : parts.subList(0, parts.size() - 1)) {
            assertTrue(part.totalSize() >= minimum, part.totalSize() + " bytes");
        }
    }

    /**
     * Candidates are weighted by bytes, so an album of small photos and one of large photos of the same
     * total get parts of about half the limit alike, not a part per so many photos.
     */
    @Test
    void partsAverageAboutHalfTheLimitWhateverThePhotoSizes() {
        long limit = 200 * MB;
        for (List<SourceFile> album : List.of(
                WeddingListing.of(8_000, 500_000, 1_500_000, 2),
                WeddingListing.of(1_000, 4 * MB, 12 * MB, 3),
                WeddingListing.of(250, 16 * MB, 48 * MB, 4))) {
            LongSummaryStatistics sizes = LayoutPlanner.planParts(album, limit).stream()
                    .mapToLong(ZipLayout::totalSize).summaryStatistics();
            assertTrue(sizes.getAverage() > 0.35 * limit && sizes.getAverage() < 0.6 * limit, sizes.toString());
            assertTrue(sizes.getMax() <= limit, sizes.toString());
        }
    }

    /**
     * A part cut separately would spell a folder as its own first entry does, and could hand out a
     * " (2)" already taken in another part: the names come from the whole album instead.
     */
    @Test
    void namesAreMadeUniqueOverTheWholeAlbumNotPerPart() {
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String folder = i % 2 == 0 ? "Ceremony" : "ceremony";
            files.add(WeddingListing.photo(String.format("%s/IMG_%04d.jpg", folder, i / 2), MB, TIME));
        }
        List<ZipLayout> parts = LayoutPlanner.planParts(files, 50 * MB);

        assertTrue(parts.size() >= 5, parts.size() + " parts");
        List<String> names = names(parts);
        assertEquals(names(LayoutPlanner.plan(files)), names);
        Set<String> folded = new HashSet<>();
        for (String name : names) {
            assertTrue(name.startsWith("Ceremony/"), name);
            assertTrue(folded.add(name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT)), "twice: " + name);
        }
        assertTrue(parts.stream().skip(1).anyMatch(part -> names(part).getFirst().contains(" (2)")),
                "some part starts with a renamed twin");
    }

    @Test
    void aPhotoLargerThanTheLimitIsAPartOfItsOwn() {
        List<SourceFile> files = new ArrayList<>(WeddingListing.of(200, MB, 3 * MB, 5));
        SourceFile film = WeddingListing.photo("Portraits/IMG_0120b.mov", 150 * MB, TIME);
        files.add(film);
        List<ZipLayout> parts = LayoutPlanner.planParts(files, 100 * MB);

        List<ZipLayout> holding = parts.stream()
                .filter(part -> part.entries().stream().anyMatch(e -> e.source().equals(film))).toList();
        assertEquals(1, holding.size());
        assertEquals(1, holding.getFirst().entries().size(), "the film alone");
        for (ZipLayout part : parts) {
            assertTrue(part == holding.getFirst() || part.totalSize() <= 100 * MB, part.totalSize() + " bytes");
        }
        assertEquals(names(LayoutPlanner.plan(files)), names(parts));
    }

    /**
     * Inside a part as in an album, a first entry of 4 GiB or more would be ZIP64, so a smaller one goes
     * first. Large films end their part nearly always; this one is named so that it does not, and starts
     * the part after the 39 GiB one.
     */
    @Test
    void eachPartStartsWithAnEntryBelow4GiBWhenItHasOne() {
        long limit = 40 * GIB;
        long filmSize = 4 * GIB + 100 * MB;
        long gap = PartCut.forLimit(limit).meanGap();
        String film = IntStream.range(0, 100).mapToObj(i -> String.format("2 Film %02d.mov", i))
                .filter(name -> PartCut.reach(name) * gap > filmSize + 1_000).findFirst().orElseThrow();
        List<SourceFile> files = List.of(
                WeddingListing.photo("1 Ceremony.mov", 39 * GIB, TIME),
                WeddingListing.photo(film, filmSize, TIME),
                WeddingListing.photo("3 Cake.jpg", MB, TIME));
        List<ZipLayout> parts = LayoutPlanner.planParts(files, limit);

        assertEquals(List.of(List.of("1 Ceremony.mov"), List.of("3 Cake.jpg", film)),
                parts.stream().map(PartCutTest::names).toList());
        assertEquals(0, parts.get(1).entries().getFirst().headerOffset());
        assertTrue(parts.stream().allMatch(part -> part.totalSize() <= limit));
    }

    @Test
    void theCutDependsOnTheListingAloneNotItsOrder() {
        List<SourceFile> files = WeddingListing.of(1_000, MB, 8 * MB, 1);
        List<SourceFile> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, new Random(7));
        List<List<String>> cut = LayoutPlanner.planParts(files, 300 * MB).stream().map(PartCutTest::names).toList();
        assertEquals(cut, LayoutPlanner.planParts(shuffled, 300 * MB).stream().map(PartCutTest::names).toList());
        assertEquals(cut, LayoutPlanner.planParts(files, 300 * MB).stream().map(PartCutTest::names).toList());
    }

    @Test
    void aNegativeLimitIsRefused() {
        List<SourceFile> files = WeddingListing.of(3, MB, 2 * MB, 1);
        assertThrows(IllegalArgumentException.class, () -> LayoutPlanner.planParts(files, -1));
    }

    /** The draw is a pure function of the name; its mean is 1, as the parameters assume. */
    @Test
    void theReachOfANameIsFixedAndExponential() {
        assertEquals(PartCut.reach("Ceremony/IMG_0001.jpg"), PartCut.reach("Ceremony/IMG_0001.jpg"));
        double mean = IntStream.range(0, 100_000)
                .mapToDouble(i -> PartCut.reach(String.format("IMG_%06d.jpg", i))).average().orElseThrow();
        assertEquals(1.0, mean, 0.02);
    }
}

package com.clientalbums.zip.layout;

import com.clientalbums.zip.build.PartKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an edit costs in parts to build again: a part is rebuilt exactly when its {@link PartKeys} key is
 * new, so these tests count keys. The album: 1,000 photos of 2–8 MB (5 GB) cut at 1 GB.
 */
class PartCutStabilityTest {

    private static final long MB = 1_000_000;
    private static final long LIMIT = 1_000 * MB;
    private static final List<SourceFile> ALBUM = WeddingListing.of(1_000, 2 * MB, 8 * MB, 13);

    /** An album's parts and their keys, in order. */
    private record Cut(List<ZipLayout> parts, List<String> keys) {

        static Cut of(List<SourceFile> files) {
            List<ZipLayout> parts = LayoutPlanner.planParts(files, LIMIT);
            return new Cut(parts, parts.stream().map(part -> PartKeys.keyOf("wedding", part, part.entries().stream()
                    .map(entry -> etag(entry.source())).toList())).toList());
        }

        /** The keys of this cut that {@code before} did not have: the parts to build. */
        List<String> newSince(Cut before) {
            Set<String> old = Set.copyOf(before.keys);
            return keys.stream().filter(key -> !old.contains(key)).toList();
        }

        /** The keys of the parts holding any of {@code files}. */
        List<String> keysHolding(List<SourceFile> files) {
            Set<SourceFile> wanted = Set.copyOf(files);
            return IntStream.range(0, parts.size())
                    .filter(i -> parts.get(i).entries().stream().anyMatch(entry -> wanted.contains(entry.source())))
                    .mapToObj(keys::get).toList();
        }
    }

    /** An ETag that changes with the photo's bytes, as S3's does: here, with its size and time. */
    private static String etag(SourceFile file) {
        return "\"" + Integer.toHexString(file.key().hashCode()) + "-" + file.size() + "-"
                + file.lastModified().toEpochMilli() + "\"";
    }

    private static final Cut BEFORE = Cut.of(ALBUM);

    @Test
    void aThousandPhotosWithASmallLimitMakeAtLeastFiveParts() {
        assertTrue(BEFORE.parts().size() >= 5, BEFORE.parts().size() + " parts");
        assertEquals(BEFORE.parts().size(), Set.copyOf(BEFORE.keys()).size(), "one key per part");
    }

    /**
     * A second card's ten photos sort together into one folder: only the parts that hold them get new
     * keys, at most two, and every other part keeps its key, so it is not built again.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Ceremony", "Getting ready", "Portraits", "Reception", "Reception/Speeches"})
    void aSecondCardOfTenPhotosChangesAtMostTheTwoPartsHoldingIt(String folder) {
        List<SourceFile> card = WeddingListing.secondCard(folder, 10, 5 * MB);
        Cut after = Cut.of(WeddingListing.plus(ALBUM, card));

        List<String> holding = after.keysHolding(card);
        assertEquals(holding, after.newSince(BEFORE), "new keys are exactly those of the parts holding the card");
        assertTrue(holding.size() <= 2, holding.size() + " parts hold the card");
        assertTrue(BEFORE.newSince(after).size() <= 2, "parts gone: " + BEFORE.newSince(after).size());
    }

    /** Every fourth photo of the album, spread through every part, each in turn. */
    private static List<SourceFile> sample() {
        return IntStream.range(0, ALBUM.size()).filter(i -> i % 4 == 1).mapToObj(ALBUM::get).toList();
    }

    /** Its own part changes, and at most one more when a boundary moves. */
    @Test
    void removingAnyOnePhotoChangesThePartHoldingItAndAtMostOneMore() {
        int alone = 0;
        for (SourceFile removed : sample()) {
            Cut after = Cut.of(WeddingListing.without(ALBUM, removed));
            List<String> changed = after.newSince(BEFORE);
            assertFalse(after.keys().contains(BEFORE.keysHolding(List.of(removed)).getFirst()), removed.key());
            assertTrue(changed.size() <= 2, removed.key() + ": " + changed.size() + " parts changed");
            alone += changed.size() == 1 ? 1 : 0;
        }
        assertTrue(alone >= 240, alone + " of 250 removals changed one part only");
    }

    @Test
    void replacingAnyOnePhotoChangesThePartHoldingItAndAtMostOneMore() {
        int alone = 0;
        for (SourceFile replaced : sample()) {
            List<SourceFile> files = WeddingListing.replacing(ALBUM, replaced);
            Cut after = Cut.of(files);
            List<String> changed = after.newSince(BEFORE);
            SourceFile replacement = files.get(ALBUM.indexOf(replaced));
            assertTrue(changed.containsAll(after.keysHolding(List.of(replacement))), replaced.key());
            assertTrue(changed.size() <= 2, replaced.key() + ": " + changed.size() + " parts changed");
            alone += changed.size() == 1 ? 1 : 0;
        }
        assertTrue(alone >= 240, alone + " of 250 replacements changed one part only");
    }
}

package com.clientalbums.common.delivery;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What served ranges prove: merged, clipped, counted once, complete only with the end confirmed. */
class CoverageTest {
    static ByteRange r(long start, long end) { return new ByteRange(start, end); }

    @Test
    void disjointRangesStayApartInAscendingOrder() {
        assertEquals(List.of(r(0, 10), r(20, 30), r(50, 60)), Coverage.merge(List.of(r(50, 60), r(0, 10)), List.of(r(20, 30)), 100));
    }

    @Test
    void overlappingRangesBecomeOne() {
        assertEquals(List.of(r(0, 40)), Coverage.merge(List.of(r(0, 25)), List.of(r(10, 40)), 100));
        assertEquals(List.of(r(0, 40)), Coverage.merge(List.of(r(0, 40)), List.of(r(5, 15)), 100), "a range inside another adds nothing");
        assertEquals(List.of(r(0, 90)), Coverage.merge(List.of(r(10, 20), r(30, 40)), List.of(r(0, 90)), 100), "one range swallowing many");
    }

    @Test
    void adjacentRangesJoinBecauseNoByteBetweenThemIsMissing() {
        assertEquals(List.of(r(0, 20)), Coverage.merge(List.of(r(0, 10)), List.of(r(10, 20)), 100));
        assertEquals(List.of(r(0, 10), r(11, 20)), Coverage.merge(List.of(r(0, 10)), List.of(r(11, 20)), 100), "one byte apart is a gap");
    }

    @Test
    void rangesAreClippedToTheObjectAndWhatLiesBeyondItIsDropped() {
        assertEquals(List.of(r(90, 100)), Coverage.merge(List.of(), List.of(r(90, 130)), 100));
        assertEquals(List.of(), Coverage.merge(List.of(), List.of(r(100, 200), r(150, 150)), 100), "beyond the end, or empty");
        assertEquals(100, Coverage.covered(List.of(r(0, 500)), 100), "never more than the size");
    }

    @Test
    void mergingTheSameRangesTwiceChangesNothing() {
        List<ByteRange> added = List.of(r(0, 30), r(25, 40), r(70, 200));
        List<ByteRange> once = Coverage.merge(List.of(r(50, 60)), added, 100);
        assertEquals(once, Coverage.merge(once, added, 100));
        assertEquals(once, Coverage.merge(once, once, 100));
    }

    @Test
    void theOrderRangesArriveInDoesNotMatter() {
        List<ByteRange> ranges = new ArrayList<>();
        Random random = new Random(16);
        for (int i = 0; i < 40; i++) {
            long start = random.nextInt(1000);
            ranges.add(r(start, start + random.nextInt(80)));
        }
        List<ByteRange> expected = Coverage.merge(List.of(), ranges, 900);
        for (int shuffle = 0; shuffle < 20; shuffle++) {
            Collections.shuffle(ranges, random);
            List<ByteRange> oneByOne = List.of();
            for (ByteRange range : ranges) oneByOne = Coverage.merge(oneByOne, List.of(range), 900);
            assertEquals(expected, oneByOne);
        }
        for (int i = 1; i < expected.size(); i++) {
            assertTrue(expected.get(i - 1).end() < expected.get(i).start(), "disjoint, apart and ascending: " + expected);
        }
    }

    @Test
    void coveredCountsEachByteOnceEvenOfRangesNotYetMerged() {
        assertEquals(40, Coverage.covered(List.of(r(0, 30), r(10, 40)), 100));
        assertEquals(0, Coverage.covered(List.of(), 100));
    }

    @Test
    void aPartIsCompleteOnlyWhenEveryByteIsCoveredAndTheEndWasConfirmed() {
        List<ByteRange> halves = Coverage.merge(List.of(r(0, 50)), List.of(r(50, 100)), 100);
        assertTrue(Coverage.complete(halves, 100, true));
        assertFalse(Coverage.complete(halves, 100, false), "the last byte came in an answer that was cut short");
        assertFalse(Coverage.complete(List.of(r(0, 50), r(51, 100)), 100, true), "one byte missing");
        assertFalse(Coverage.complete(List.of(), 100, true));
    }

    @Test
    void anEmptyObjectIsCompleteOnceAnAnswerForItRanToItsEnd() {
        assertTrue(Coverage.complete(List.of(), 0, true));
        assertFalse(Coverage.complete(List.of(), 0, false));
    }
}

package com.clientalbums.zip.layout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an album's archive is cut into parts: consecutive runs of entries in archive order, each at most
 * the limit once it is a ZIP of its own, no photo split. Filling parts in order would move every boundary
 * after an added or removed photo, and every later part would be built again. Here the cut is
 * content-defined, so an edit changes the part it falls in and seldom more.
 *
 * <p>The rule, in three steps:
 * <ol>
 * <li>An entry is a <em>candidate</em> boundary when the bytes it adds to a part exceed {@code meanGap}
 * times a "reach" drawn from its name (a hash read as an exponential variable of mean 1). Candidates are
 * then a Poisson process over the album's bytes, one per {@code meanGap} bytes on average whatever the
 * photo sizes: a 40 MB raw file is as likely to end a part as four 10 MB JPEGs.</li>
 * <li>A candidate is <em>eligible</em> when at least {@code minBytes} lie between it and the candidate
 * before it. Measured from the previous candidate, not from the previous cut, the minimum keeps the
 * decision local: an edit can make the next candidate eligible or not, but cannot shift the boundaries
 * after it, as a minimum measured from each part's start would (one moved boundary moving the next).
 * A part ends after each eligible candidate, so parts hold at least {@code minBytes}.</li>
 * <li>A part that would pass the limit first ends at its last (ineligible) candidate past the minimum,
 * still a content-defined place; only without one does it end before the entry that does not fit. A
 * photo larger than the limit on its own is therefore a part by itself.</li>
 * </ol>
 *
 * @param maxBytes the limit on each part's whole archive (headers, content, central directory, end records)
 * @param minBytes the least distance between a candidate and the one before for it to end a part
 * @param meanGap  mean bytes between candidates
 */
record PartCut(long maxBytes, long minBytes, long meanGap) {

    /**
     * The end records of a part at their largest (with the ZIP64 end record and locator): planning with
     * it keeps every part within the limit without laying it out first.
     */
    private static final long MAX_END_RECORDS =
            ZipRecords.endRecordsLength(Integer.MAX_VALUE, ZipRecords.ZIP64_LIMIT, ZipRecords.ZIP64_LIMIT);

    /**
     * The cut for parts of at most {@code maxBytes}: with a candidate every g bytes and a minimum of g,
     * a part spans e<sup>m/g</sup> = e gaps of g on average (the gaps before the first one of at least
     * g), so g = limit / 2e gives parts of half the limit on average. The limit itself then seldom ends
     * a part, and mostly at a candidate as well.
     */
    static PartCut forLimit(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("part limit must be positive, got " + maxBytes);
        }
        long gap = Math.max(1, (long) (maxBytes / (2 * Math.E)));
        return new PartCut(maxBytes, gap, gap);
    }

    /** {@code names} in archive order, cut into parts in the same order. */
    List<List<PlannedName>> cut(List<PlannedName> names) {
        int count = names.size();
        long[] bytes = new long[count];
        boolean[] candidate = new boolean[count];
        boolean[] eligible = new boolean[count];
        long sinceCandidate = 0;
        for (int i = 0; i < count; i++) {
            bytes[i] = maxBytesInPart(names.get(i));
            candidate[i] = reach(names.get(i).name()) * meanGap < bytes[i];
            sinceCandidate += bytes[i];
            if (candidate[i]) {
                eligible[i] = sinceCandidate >= minBytes;
                sinceCandidate = 0;
            }
        }
        List<List<PlannedName>> parts = new ArrayList<>();
        for (int start = 0; start < count; ) {
            int end = endOfPart(start, bytes, candidate, eligible);
            parts.add(List.copyOf(names.subList(start, end)));
            start = end;
        }
        return parts;
    }

    /**
     * Where the part starting at {@code start} ends (exclusive). Parts start after a candidate, so an
     * eligible one is past the minimum already; the size is checked too for the rare part that starts
     * where the limit forced a cut.
     */
    private int endOfPart(int start, long[] bytes, boolean[] candidate, boolean[] eligible) {
        long size = MAX_END_RECORDS;
        int lastCandidate = -1;
        for (int i = start; i < bytes.length; i++) {
            if (i > start && size + bytes[i] > maxBytes) {
                return lastCandidate > 0 ? lastCandidate : i;
            }
            size += bytes[i];
            if (candidate[i] && size >= minBytes) {
                if (eligible[i]) {
                    return i + 1;
                }
                lastCandidate = i + 1;
            }
        }
        return bytes.length;
    }

    /**
     * What the entry adds to a part at most: its local header, content and central record, the latter
     * with a ZIP64 offset as if it lay past 4 GiB in its part (its offset is known only once the part is).
     */
    private static long maxBytesInPart(PlannedName planned) {
        SourceFile source = planned.source();
        ZipLayout.Entry farEntry =
                new ZipLayout.Entry(source, planned.name(), ZipRecords.ZIP64_LIMIT, 0, source.size());
        return ZipRecords.localHeaderLength(planned.name(), source.size(), source.lastModified())
                + source.size() + ZipRecords.centralHeaderLength(farEntry);
    }

    /**
     * An exponential variable of mean 1 drawn from an entry name: the same name draws the same on any
     * machine (StrictMath: Math's logarithm may differ by an ulp between JVMs, and move a boundary).
     * The name only, so a photo replaced under its name keeps its draw.
     */
    static double reach(String name) {
        long bits = ByteBuffer.wrap(sha256().digest(name.getBytes(StandardCharsets.UTF_8))).getLong();
        double uniform = (bits >>> 11) * 0x1.0p-53; // 53 random bits in [0, 1)
        return -StrictMath.log1p(-uniform);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

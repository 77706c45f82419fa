package com.clientalbums.zip.reuse;

import com.clientalbums.zip.layout.LocalHeaders;
import com.clientalbums.zip.layout.ZipLayout;
import com.clientalbums.zip.pipeline.ArchiveJob;
import com.clientalbums.zip.pipeline.AssemblyPlan;
import com.clientalbums.zip.pipeline.PipelineConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans an incremental rebuild: which runs of a new archive's entries are byte for byte in an
 * earlier archive and can be copied by S3 (UploadPartCopy), and which must be written.
 *
 * <p>An entry's bytes in an archive are its local header and its photo's bytes. The photo's bytes
 * are the same when the earlier entry was made from the same object key with the same ETag and size
 * (S3 gives a new ETag to new content). The header is compared whole: it is built for both archives
 * ({@link LocalHeaders}) with the CRC-32 the earlier directory recorded, and must match byte for
 * byte — the name, size, CRC and time are in it, and so is the "version needed", which an entry
 * moved across the 4 GiB offset line changes (ZIP64). The central directory holds every entry's new
 * offset, so it is always written.
 *
 * <p>Maximal runs of such entries that lie back to back, in the same order, in one earlier archive
 * become {@link AssemblyPlan.Copy Copy} pieces of at most 5 GiB each (S3's largest part); a run
 * shorter than 5 MiB (S3's smallest part but the last) is written instead. Everything else is
 * written, in parts of {@code partSize}; a short remainder is added to the part before it, so a
 * written part is under {@code partSize + 5 MiB}. A written stretch between two copied runs that is
 * shorter than 5 MiB takes whole entries from the front of the run after it until it is long
 * enough (written from the earlier archive's photos, whose CRCs are known, so they cost one read
 * each): always the run after, because every written stretch but the last has a run after it,
 * while the first may have none before it. A run left under 5 MiB by this is written whole. Pieces
 * begin and end on entry boundaries, except where a long run is split for the 5 GiB limit.
 *
 * <p>A plan needing more than 10,000 parts (S3's limit) copies only longer runs, doubling the
 * shortest run copied until it fits.
 */
public final class ReusePlanner {
    private static final long MIN_PART = PipelineConfig.MIN_PART_SIZE;
    /** S3's largest part, for UploadPartCopy as for uploads. */
    static final long MAX_PART = 5L * 1024 * 1024 * 1024;
    static final int MAX_PARTS = 10_000;

    private ReusePlanner() {}

    /**
     * @param etags    by layout entry, as listed for this build
     * @param previous the entries of the album's published archives ({@link PreviousArchives})
     * @param partSize the size of written parts, at least 5 MiB; {@code PipelineConfig.partSizeFor(layout.totalSize())},
     *                 with which even a plan that writes everything fits in 10,000 parts
     */
    public static ArchiveJob plan(String key, ZipLayout layout, List<String> etags, List<PreviousEntry> previous,
                                  int partSize) {
        if (partSize < MIN_PART) throw new IllegalArgumentException("parts must be at least 5 MiB");
        if (etags.size() != layout.entries().size()) throw new IllegalArgumentException("one ETag per entry");
        Map<Integer, Integer> knownCrcs = new HashMap<>();
        PreviousEntry[] same = sameBytes(layout, etags, previous, knownCrcs);
        for (long shortestCopied = MIN_PART; ; shortestCopied *= 2) {
            PreviousEntry[] copied = keepLongRuns(layout, same, shortestCopied);
            List<AssemblyPlan.Piece> pieces = pieces(layout, copied, partSize);
            if (pieces.size() <= MAX_PARTS) {
                Set<String> sources = new LinkedHashSet<>();
                pieces.forEach(p -> { if (p instanceof AssemblyPlan.Copy c) sources.add(c.sourceKey()); });
                return new ArchiveJob(key, layout, etags, new AssemblyPlan(pieces), knownCrcs, List.copyOf(sources));
            }
            if (shortestCopied > layout.totalSize()) {
                throw new IllegalArgumentException("an archive of " + layout.totalSize() + " bytes does not fit "
                        + MAX_PARTS + " parts of " + partSize + " bytes");
            }
        }
    }

    /**
     * By entry, the earlier entry holding exactly its bytes, or null; fills {@code knownCrcs} for every
     * entry whose photo is unchanged, header alike or not (a photo whose time alone changed keeps its CRC).
     */
    private static PreviousEntry[] sameBytes(ZipLayout layout, List<String> etags, List<PreviousEntry> previous,
                                             Map<Integer, Integer> knownCrcs) {
        Map<String, List<PreviousEntry>> byName = new HashMap<>();
        Map<Content, PreviousEntry> byContent = new HashMap<>();
        for (PreviousEntry p : previous) {
            byName.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p);
            byContent.putIfAbsent(new Content(p.sourceKey(), p.etag(), p.size()), p);
        }
        var entries = layout.entries();
        PreviousEntry[] same = new PreviousEntry[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            ZipLayout.Entry e = entries.get(i);
            Content content = new Content(e.source().key(), etags.get(i), e.size());
            PreviousEntry photo = byContent.get(content);
            if (photo == null) continue;
            knownCrcs.put(i, photo.crc32());
            for (PreviousEntry p : byName.getOrDefault(e.name(), List.of())) {
                if (content.equals(new Content(p.sourceKey(), p.etag(), p.size())) && sameHeader(layout, i, p)) {
                    same[i] = p;
                    break;
                }
            }
        }
        return same;
    }

    private static boolean sameHeader(ZipLayout layout, int index, PreviousEntry p) {
        byte[] earlier = LocalHeaders.of(p.sourceKey(), p.name(), p.size(), p.lastModified(), p.headerOffset(), p.crc32());
        return Arrays.equals(earlier, layout.localHeader(index, p.crc32()));
    }

    /**
     * {@code same} with only what is worth copying: runs of at least {@code shortestCopied} bytes,
     * and no written stretch under 5 MiB before a copied run (it borrows entries from that run).
     */
    private static PreviousEntry[] keepLongRuns(ZipLayout layout, PreviousEntry[] same, long shortestCopied) {
        PreviousEntry[] copied = same.clone();
        boolean changed = true;
        while (changed) {
            changed = false;
            List<Segment> segments = segments(layout, copied);
            for (Segment s : segments) {
                if (s.source() != null && s.length() < shortestCopied) {
                    Arrays.fill(copied, s.first(), s.end(), null);
                    changed = true;
                }
            }
            if (changed) continue;
            for (int k = 0; k < segments.size() - 1; k++) {
                Segment written = segments.get(k);
                if (written.source() == null && written.length() < MIN_PART) {
                    // The next segment is a copied run: written stretches are maximal.
                    long length = written.length();
                    for (int i = written.end(); i < copied.length && copied[i] != null && length < MIN_PART; i++) {
                        copied[i] = null;
                        length += span(layout, i);
                    }
                    changed = true;
                    break;
                }
            }
        }
        return copied;
    }

    /** Maximal stretches of entries copied from one place, or written; the last one written and holding the directory. */
    private static List<Segment> segments(ZipLayout layout, PreviousEntry[] copied) {
        var entries = layout.entries();
        List<Segment> segments = new ArrayList<>();
        int first = 0;
        for (int i = 1; i <= entries.size(); i++) {
            boolean continues = i < entries.size() && (copied[i] == null
                    ? copied[i - 1] == null
                    : copied[i - 1] != null && copied[i].archiveKey().equals(copied[i - 1].archiveKey())
                    && copied[i].headerOffset() == copied[i - 1].headerOffset() + span(layout, i - 1));
            if (!continues) {
                segments.add(new Segment(first, i, copied[first], start(layout, first), start(layout, i)));
                first = i;
            }
        }
        Segment last = segments.getLast();
        if (last.source() != null) {
            segments.add(new Segment(entries.size(), entries.size(), null, layout.centralDirectoryOffset(), layout.totalSize()));
        } else {
            segments.set(segments.size() - 1, new Segment(last.first(), last.end(), null, last.offset(), layout.totalSize()));
        }
        return segments;
    }

    private static List<AssemblyPlan.Piece> pieces(ZipLayout layout, PreviousEntry[] copied, int partSize) {
        List<AssemblyPlan.Piece> pieces = new ArrayList<>();
        List<Segment> segments = segments(layout, copied);
        for (int k = 0; k < segments.size(); k++) {
            Segment s = segments.get(k);
            if (s.source() != null) {
                long count = (s.length() + MAX_PART - 1) / MAX_PART;
                long offset = s.offset();
                for (long j = 0; j < count; j++) {
                    long length = s.length() / count + (j < s.length() % count ? 1 : 0);
                    pieces.add(new AssemblyPlan.Copy(pieces.size() + 1, offset, length, s.source().archiveKey(),
                            s.source().headerOffset() + offset - s.offset()));
                    offset += length;
                }
            } else {
                boolean last = k == segments.size() - 1;
                long parts = Math.max(1, s.length() / partSize);
                long remainder = s.length() - parts * partSize;
                if (remainder >= MIN_PART || last && remainder > 0) parts++;
                long offset = s.offset();
                for (long j = 0; j < parts; j++) {
                    long length = j < parts - 1 ? partSize : s.offset() + s.length() - offset;
                    pieces.add(new AssemblyPlan.Write(pieces.size() + 1, offset, length));
                    offset += length;
                }
            }
        }
        return pieces;
    }

    /** Bytes of entry {@code i} in the archive: its local header and its content. */
    private static long span(ZipLayout layout, int i) {
        ZipLayout.Entry e = layout.entries().get(i);
        return e.dataOffset() + e.size() - e.headerOffset();
    }

    private static long start(ZipLayout layout, int i) {
        return i < layout.entries().size() ? layout.entries().get(i).headerOffset() : layout.centralDirectoryOffset();
    }

    /** A photo's content as S3 identifies it. */
    private record Content(String key, String etag, long size) {}

    /**
     * Entries {@code [first, end)}, archive bytes {@code [offset, offset + length)}; copied starting at
     * {@code source} (their first entry in an earlier archive), or written when it is null.
     */
    private record Segment(int first, int end, PreviousEntry source, long offset, long endOffset) {
        long length() { return endOffset - offset; }
    }
}

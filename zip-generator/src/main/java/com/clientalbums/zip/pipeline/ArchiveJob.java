package com.clientalbums.zip.pipeline;

import com.clientalbums.zip.layout.ZipLayout;

import java.util.List;
import java.util.Map;

/**
 * One archive to build.
 *
 * @param key        where it is uploaded
 * @param layout     its byte-exact plan
 * @param etags      each entry's listed ETag, by layout entry, so a replaced photo is noticed
 * @param plan       how its multipart upload is assembled
 * @param knownCrcs  CRC-32s already known by entry index (taken from earlier archives' central
 *                   directories): those photos need not be read for their CRC
 * @param sourceKeys the earlier archives {@code plan} copies from, recorded in a checkpoint so a
 *                   continuation with other sources starts afresh
 */
public record ArchiveJob(String key, ZipLayout layout, List<String> etags, AssemblyPlan plan,
                         Map<Integer, Integer> knownCrcs, List<String> sourceKeys) {
    public ArchiveJob {
        etags = List.copyOf(etags);
        knownCrcs = Map.copyOf(knownCrcs);
        sourceKeys = List.copyOf(sourceKeys);
        if (etags.size() != layout.entries().size()) throw new IllegalArgumentException("one ETag per entry");
        if (plan.size() != layout.totalSize()) throw new IllegalArgumentException("plan and layout disagree on the size");
    }

    /** A full build: nothing reused, every byte written. */
    public static ArchiveJob full(String key, ZipLayout layout, List<String> etags, int partSize) {
        return new ArchiveJob(key, layout, etags, AssemblyPlan.full(layout.totalSize(), partSize), Map.of(), List.of());
    }
}

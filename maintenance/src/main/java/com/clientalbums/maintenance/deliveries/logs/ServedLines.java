package com.clientalbums.maintenance.deliveries.logs;

import com.clientalbums.common.delivery.ByteRange;
import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.delivery.ServedRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One delivery's served lines of one file, compacted as they are read: lines of the same object,
 * cut mark and User-Agent keep only the union of their ranges and their first and last times. What
 * the delivery record makes of them is the same as of every line (its ranges merge as a union; it
 * keeps the first and last time, the devices, and whether an answer that was not cut reached the
 * end, which the union of such answers does exactly when one of them did), but a file of a million
 * lines holds a handful of ranges, not a million.
 */
final class ServedLines {
    private record Group(String key, boolean cutShort, String userAgent) {}

    private final DeliveryTag tag;
    private final Map<Group, Union> groups = new LinkedHashMap<>();
    private int lines;

    ServedLines(DeliveryTag tag) {
        this.tag = tag;
    }

    void add(ServedRange served) {
        lines++;
        groups.computeIfAbsent(new Group(served.key(), served.cutShort(), served.userAgent()), g -> new Union())
                .add(served.range(), served.at());
    }

    int lines() {
        return lines;
    }

    /**
     * Each group's ranges at its first time, and its last range once more at its last time, so the
     * record sees both.
     */
    List<ServedRange> ranges() {
        List<ServedRange> out = new ArrayList<>();
        groups.forEach((group, union) -> {
            ByteRange last = null;
            for (Map.Entry<Long, Long> r : union.ranges.entrySet()) {
                last = new ByteRange(r.getKey(), r.getValue());
                out.add(new ServedRange(tag, group.key(), last, group.cutShort(), union.first, group.userAgent()));
            }
            if (!union.last.equals(union.first)) {
                out.add(new ServedRange(tag, group.key(), last, group.cutShort(), union.last, group.userAgent()));
            }
        });
        return out;
    }

    /** Disjoint ranges (start to end) joined as they come, overlapping or touching ones made one. */
    private static final class Union {
        private final TreeMap<Long, Long> ranges = new TreeMap<>();
        private Instant first;
        private Instant last;

        void add(ByteRange range, Instant at) {
            if (first == null || at.isBefore(first)) first = at;
            if (last == null || at.isAfter(last)) last = at;
            long start = range.start(), end = range.end();
            Map.Entry<Long, Long> before = ranges.floorEntry(start);
            if (before != null && before.getValue() >= start) {
                start = before.getKey();
                end = Math.max(end, before.getValue());
            }
            for (Map.Entry<Long, Long> next = ranges.ceilingEntry(start); next != null && next.getKey() <= end;
                 next = ranges.ceilingEntry(start)) {
                end = Math.max(end, next.getValue());
                ranges.remove(next.getKey());
            }
            ranges.put(start, end);
        }
    }
}

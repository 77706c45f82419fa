package com.clientalbums.maintenance.deliveries.logs;

import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.delivery.ServedRange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * What one access log file shows: the served ranges of tagged links, grouped by delivery tag (so
 * each delivery is written once per file), and how many of its lines were requests and malformed.
 * Read line by line as it streams in, and each delivery's lines compacted as they come
 * ({@link ServedLines}): files can be large.
 *
 * @param served         each tag's ranges, compacted
 * @param taggedLines    how many lines each tag's ranges stand for
 * @param firstMalformed why the first malformed line was, for the log; empty when none was
 */
public record AccessLogFile(Map<DeliveryTag, List<ServedRange>> served, Map<DeliveryTag, Integer> taggedLines, int lines,
                            int malformed, String firstMalformed) {
    private static final int BUFFER = 64 * 1024;

    public AccessLogFile {
        served = Map.copyOf(served);
        taggedLines = Map.copyOf(taggedLines);
    }

    /** Lines that credited bytes to some tag (whether a delivery has that tag is the repository's to say). */
    public int tagged() {
        return taggedLines.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Reads a file of {@code format}, gunzipping it when {@code gzipped}; closes nothing (the caller owns the stream). */
    public static AccessLogFile read(LogFormat format, InputStream in, boolean gzipped) throws IOException {
        InputStream body = gzipped ? new GZIPInputStream(in, BUFFER) : in;
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), BUFFER);
        AccessLogParser parser = format.newParser();
        Map<DeliveryTag, ServedLines> byTag = new LinkedHashMap<>();
        int number = 0, lines = 0, malformed = 0;
        String firstMalformed = "";
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            switch (parser.parse(line)) {
                case LogLine.Skipped ignored -> {
                    continue;
                }
                case LogLine.Other ignored -> {}
                case LogLine.Served(ServedRange range) -> byTag.computeIfAbsent(range.tag(), ServedLines::new).add(range);
                case LogLine.Malformed(String reason) -> {
                    if (malformed++ == 0) firstMalformed = "line " + number + ": " + reason;
                }
            }
            lines++;
        }
        Map<DeliveryTag, List<ServedRange>> served = new LinkedHashMap<>();
        Map<DeliveryTag, Integer> taggedLines = new LinkedHashMap<>();
        byTag.forEach((tag, tagged) -> {
            served.put(tag, tagged.ranges());
            taggedLines.put(tag, tagged.lines());
        });
        return new AccessLogFile(served, taggedLines, lines, malformed, firstMalformed);
    }
}

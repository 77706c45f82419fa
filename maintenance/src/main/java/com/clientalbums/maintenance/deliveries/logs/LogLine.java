package com.clientalbums.maintenance.deliveries.logs;

import com.clientalbums.common.delivery.ServedRange;

import java.util.Objects;

/**
 * What one line of an access log says, as far as deliveries go (docs/delivery.md, "What a log line
 * proves"): bytes of a tagged link served, a request of no interest, a line that does not fit its
 * format, or no request at all (a header or an empty line).
 */
public sealed interface LogLine {
    /** A GET answered 200 or 206 on a link carrying a valid {@code x-delivery} tag. */
    record Served(ServedRange range) implements LogLine {
        public Served {
            Objects.requireNonNull(range, "range");
        }
    }

    /** A request, but no delivery's: untagged, not a GET, not answered 200/206 (HEAD, errors, the studio's own requests). */
    record Other() implements LogLine {}

    /** A line that does not fit its format: counted, never fatal to its file. */
    record Malformed(String reason) implements LogLine {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A header ({@code #Version}, {@code #Fields}) or an empty line: not a request. */
    record Skipped() implements LogLine {}

    Other OTHER = new Other();
    Skipped SKIPPED = new Skipped();
}

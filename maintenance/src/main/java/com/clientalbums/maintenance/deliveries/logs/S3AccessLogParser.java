package com.clientalbums.maintenance.deliveries.logs;

import com.clientalbums.common.delivery.ByteRange;
import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.delivery.ServedRange;
import com.clientalbums.maintenance.deliveries.logs.LogFields.BadEncoding;
import com.clientalbums.maintenance.deliveries.logs.LogFields.Tag;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * S3's server access log format: space-separated fields, the time in brackets
 * ({@code [06/Feb/2019:00:00:38 +0000]}), Request-URI, Referer and User-Agent in double quotes
 * (a quote inside written {@code \"}), {@code -} for an empty field. S3 adds fields at the end
 * from time to time, so a line needs the fields up to User-Agent and may have any number after.
 *
 * <p>The bytes a line proves (docs/delivery.md): Bytes Sent is body bytes exactly ({@code -} is 0),
 * Object Size the whole object. A 200 proves {@code [0, bytes sent)}, cut short when fewer than the
 * object. S3 does not log a 206's range, so it is taken to end at the object's end
 * ({@code [size - bytes sent, size)}): where browsers and {@code curl -C -} resume
 * ({@code Range: bytes=N-}); a 206 cannot tell whether it was cut, so it is never marked cut.
 * The tag comes from the query of the Request-URI; the key from the Key field (URL-encoded).
 */
public final class S3AccessLogParser implements AccessLogParser {
    private static final int TIME = 2, OPERATION = 6, KEY = 7, REQUEST_URI = 8, STATUS = 9, BYTES_SENT = 11,
            OBJECT_SIZE = 12, USER_AGENT = 16;
    private static final int REQUIRED = USER_AGENT + 1;
    private static final String GET_OBJECT = "REST.GET.OBJECT";
    private static final List<String> MONTHS = List.of(
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

    private static final int MEMO_LIMIT = 10_000;

    private final Memo<LogFields.Tagged> tags = new Memo<>(LogFields::tagOf, MEMO_LIMIT);
    private final Memo<String> keys = new Memo<>(LogFields::decode, MEMO_LIMIT);
    /** One instance per distinct User-Agent, so the lines a file repeats it on compare by identity when grouped. */
    private final Memo<String> agents = new Memo<>(agent -> LogFields.NONE.equals(agent) ? "" : agent, MEMO_LIMIT);

    @Override
    public LogLine parse(String line) {
        if (line.isEmpty()) return LogLine.SKIPPED;
        Fields f = tokens(line);
        if (f == null) return new LogLine.Malformed("an unterminated quoted or bracketed field");
        if (f.size() < REQUIRED) return new LogLine.Malformed("truncated: " + f.size() + " fields, at least " + REQUIRED + " expected");
        Instant at = instant(f.get(TIME));
        if (at == null) return new LogLine.Malformed("bad time");
        int status = LogFields.status(f.get(STATUS));
        if (status < 0) return new LogLine.Malformed("HTTP status is not a status");
        long sent = LogFields.numberOr(f.get(BYTES_SENT), 0);
        if (sent < 0) return new LogLine.Malformed("Bytes Sent is not a number");
        long size = LogFields.numberOr(f.get(OBJECT_SIZE), Long.MIN_VALUE);
        if (size == -1) return new LogLine.Malformed("Object Size is not a number");
        if (!f.is(OPERATION, GET_OBJECT) || (status != 200 && status != 206)) return LogLine.OTHER;

        String query = queryOf(f.get(REQUEST_URI));
        if (query == null) return LogLine.OTHER;
        LogFields.Tagged tagged = LogFields.tagIn(query, tags::apply);
        if (tagged instanceof BadEncoding) return new LogLine.Malformed("bad URL encoding in the x-delivery tag");
        if (!(tagged instanceof Tag(DeliveryTag tag))) return LogLine.OTHER;

        String key = f.is(KEY, LogFields.NONE) ? null : keys.apply(f.get(KEY));
        if (key == null || key.isEmpty()) return new LogLine.Malformed("a GET of an object without its key");
        if (size == Long.MIN_VALUE) return new LogLine.Malformed("a GET of an object without its size");
        if (sent > size) return new LogLine.Malformed("more bytes sent than the object holds");
        ByteRange range = status == 200 ? new ByteRange(0, sent) : new ByteRange(size - sent, size);
        boolean cut = status == 200 && sent < size;
        return new LogLine.Served(new ServedRange(tag, key, range, cut, at, agents.apply(f.get(USER_AGENT))));
    }

    /** The query of {@code "GET /bucket/key?query HTTP/1.1"}; null without one. */
    private static String queryOf(String requestUri) {
        int question = requestUri.indexOf('?');
        if (question < 0) return null;
        int end = requestUri.indexOf(' ', question);
        return requestUri.substring(question + 1, end < 0 ? requestUri.length() : end);
    }

    /**
     * The line's fields: runs of non-spaces, {@code [...]} and {@code "..."} (quotes and brackets
     * removed, {@code \"} and {@code \\} unescaped); null when a quote or bracket is not closed or is
     * followed by anything but a space. Only where each field is is noted; a field becomes a string when read.
     */
    static Fields tokens(String line) {
        Fields fields = new Fields(line);
        int i = 0, n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            int end;
            if (c == '"') {
                boolean escaped = false;
                end = i + 1;
                while (end < n && line.charAt(end) != '"') {
                    if (line.charAt(end) == '\\' && end + 1 < n && (line.charAt(end + 1) == '"' || line.charAt(end + 1) == '\\')) {
                        escaped = true;
                        end += 2;
                    } else {
                        end++;
                    }
                }
                if (end >= n) return null;
                fields.add(i + 1, end, escaped);
                end++;
            } else if (c == '[') {
                end = line.indexOf(']', i);
                if (end < 0) return null;
                fields.add(i + 1, end, false);
                end++;
            } else {
                end = line.indexOf(' ', i);
                if (end < 0) end = n;
                fields.add(i, end, false);
            }
            if (end < n && line.charAt(end) != ' ') return null;
            i = end;
        }
        return fields;
    }

    /** Where a line's fields are; {@link #get} cuts one out (most fields of a line are never read). */
    static final class Fields {
        private final String line;
        private int[] bounds = new int[2 * 32];
        private boolean[] escaped = new boolean[32];
        private int size;

        Fields(String line) {
            this.line = line;
        }

        void add(int start, int end, boolean hasEscapes) {
            if (size == escaped.length) {
                bounds = Arrays.copyOf(bounds, bounds.length * 2);
                escaped = Arrays.copyOf(escaped, escaped.length * 2);
            }
            bounds[2 * size] = start;
            bounds[2 * size + 1] = end;
            escaped[size++] = hasEscapes;
        }

        int size() {
            return size;
        }

        String get(int index) {
            String raw = line.substring(bounds[2 * index], bounds[2 * index + 1]);
            if (!escaped[index]) return raw;
            StringBuilder value = new StringBuilder(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length()) c = raw.charAt(++i);
                value.append(c);
            }
            return value.toString();
        }

        /** Whether the field is exactly {@code value}, without cutting it out. */
        boolean is(int index, String value) {
            int start = bounds[2 * index];
            return bounds[2 * index + 1] - start == value.length() && line.startsWith(value, start);
        }
    }

    /** {@code 06/Feb/2019:00:00:38 +0000}; null when it does not fit. */
    static Instant instant(String time) {
        if (time.length() != 26 || time.charAt(2) != '/' || time.charAt(6) != '/' || time.charAt(11) != ':'
                || time.charAt(14) != ':' || time.charAt(17) != ':' || time.charAt(20) != ' ') return null;
        int month = MONTHS.indexOf(time.substring(3, 6)) + 1;
        int day = LogFields.digits(time, 0, 2), year = LogFields.digits(time, 7, 4);
        int hour = LogFields.digits(time, 12, 2), minute = LogFields.digits(time, 15, 2);
        int second = LogFields.digits(time, 18, 2);
        char sign = time.charAt(21);
        int offsetHours = LogFields.digits(time, 22, 2), offsetMinutes = LogFields.digits(time, 24, 2);
        if (month == 0 || (day | year | hour | minute | second | offsetHours | offsetMinutes) < 0 || (sign != '+' && sign != '-')) {
            return null;
        }
        try {
            int offsetSeconds = (sign == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null;
        }
    }
}

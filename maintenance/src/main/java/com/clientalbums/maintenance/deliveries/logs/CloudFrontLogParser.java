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
import java.util.ArrayList;
import java.util.List;

/**
 * CloudFront's standard (legacy) log format: W3C extended, tab-separated, a {@code #Fields} header
 * naming the columns of the lines after it (so files with another field list, older or newer,
 * read as well; a line may end before the optional trailing fields, which then read as {@code -}).
 * Field values are URL-encoded by CloudFront (a space is {@code %20}, a {@code %} is {@code %25}),
 * so the stem is decoded twice: once for the log, once for the URL the viewer sent.
 *
 * <p>The bytes a line proves (docs/delivery.md): from {@code sc-range-start} (0 without a range),
 * {@code min(range length, sc-bytes)} of them, where the range length is {@code sc-range-end - start + 1}
 * or else {@code sc-content-len}. {@code sc-bytes} counts the headers too, so a cut answer may be
 * credited a few hundred bytes more than arrived; it is marked cut short, so it never confirms the
 * object's last byte. Cut short: {@code x-edge-result-type} or {@code x-edge-response-result-type}
 * is {@code Error} (the viewer hung up), or fewer bytes than the range length, or no length logged.
 */
public final class CloudFrontLogParser implements AccessLogParser {
    private static final String FIELDS_DIRECTIVE = "#Fields:";

    private static final int MEMO_LIMIT = 10_000;

    private Columns columns;
    /** A tag's value as logged: CloudFront's encoding over the URL's (neither encodes {@code &} or {@code =}, so the raw field splits). */
    private final Memo<LogFields.Tagged> tags = new Memo<>(CloudFrontLogParser::tagOfLogged, MEMO_LIMIT);
    private final Memo<String> stems = new Memo<>(CloudFrontLogParser::decodeTwice, MEMO_LIMIT);
    private final Memo<String> agents = new Memo<>(LogFields::decode, MEMO_LIMIT);

    @Override
    public LogLine parse(String line) {
        if (line.isEmpty()) return LogLine.SKIPPED;
        if (line.charAt(0) == '#') {
            if (line.startsWith(FIELDS_DIRECTIVE)) columns = Columns.of(line.substring(FIELDS_DIRECTIVE.length()));
            return LogLine.SKIPPED;
        }
        if (columns == null) return new LogLine.Malformed("no #Fields header before the line");
        if (columns.missing() != null) return new LogLine.Malformed("the #Fields header has no " + columns.missing());
        String[] f = split(line, columns.count());
        if (f == null) return new LogLine.Malformed("more fields than the #Fields header names");
        if (f[columns.required() - 1] == null) return new LogLine.Malformed("truncated: fewer fields than the required ones");

        Instant at = instant(f[columns.date()], f[columns.time()]);
        if (at == null) return new LogLine.Malformed("bad date or time");
        long scBytes = LogFields.number(f[columns.scBytes()]);
        if (scBytes < 0) return new LogLine.Malformed("sc-bytes is not a number");
        int status = LogFields.status(f[columns.status()]);
        if (status < 0) return new LogLine.Malformed("sc-status is not a status");
        if (!"GET".equals(f[columns.method()]) || (status != 200 && status != 206)) return LogLine.OTHER;

        LogFields.Tagged tagged = LogFields.tagIn(f[columns.query()], tags::apply);
        if (tagged instanceof BadEncoding) return new LogLine.Malformed("bad URL encoding in the x-delivery tag");
        if (!(tagged instanceof Tag(DeliveryTag tag))) return LogLine.OTHER;

        String stem = stems.apply(f[columns.stem()]);
        if (stem == null || stem.length() < 2 || stem.charAt(0) != '/') return new LogLine.Malformed("bad cs-uri-stem");
        long contentLength = LogFields.numberOr(field(f, columns.contentLen()), Long.MIN_VALUE);
        long rangeStart = LogFields.numberOr(field(f, columns.rangeStart()), Long.MIN_VALUE);
        long rangeEnd = LogFields.numberOr(field(f, columns.rangeEnd()), Long.MIN_VALUE);
        if (contentLength == -1 || rangeStart == -1 || rangeEnd == -1) return new LogLine.Malformed("a length or range field is not a number");
        if ((rangeStart == Long.MIN_VALUE) != (rangeEnd == Long.MIN_VALUE)) return new LogLine.Malformed("a range with one end");
        if (rangeStart != Long.MIN_VALUE && rangeEnd < rangeStart) return new LogLine.Malformed("a range ending before it starts");

        long start = rangeStart == Long.MIN_VALUE ? 0 : rangeStart;
        long length = rangeStart != Long.MIN_VALUE ? rangeEnd - rangeStart + 1
                : contentLength != Long.MIN_VALUE ? contentLength : -1;
        boolean hungUp = "Error".equals(field(f, columns.resultType())) || "Error".equals(field(f, columns.responseResultType()));
        boolean cut = hungUp || length < 0 || scBytes < length;
        long credited = length < 0 ? scBytes : Math.min(length, scBytes);
        String agent = agents.apply(field(f, columns.userAgent()));
        return new LogLine.Served(new ServedRange(tag, stem.substring(1), new ByteRange(start, start + credited), cut, at,
                agent == null || LogFields.NONE.equals(agent) ? "" : agent));
    }

    /** The field at {@code index}, {@code -} for a column the file does not have or a line that ended before it. */
    private static String field(String[] f, int index) {
        if (index < 0) return LogFields.NONE;
        String value = f[index];
        return value == null ? LogFields.NONE : value;
    }

    private static LogFields.Tagged tagOfLogged(String value) {
        String once = LogFields.decode(value);
        return once == null ? LogFields.BAD_ENCODING : LogFields.tagOf(once);
    }

    private static String decodeTwice(String stem) {
        String once = LogFields.decode(stem);
        return once == null ? null : LogFields.decode(once);
    }

    /** Tab-separated fields into an array of {@code count}, null past the line's end; null when there are more. */
    private static String[] split(String line, int count) {
        String[] fields = new String[count];
        int start = 0;
        for (int i = 0; i < count; i++) {
            int tab = line.indexOf('\t', start);
            if (tab < 0) {
                fields[i] = line.substring(start);
                return fields;
            }
            fields[i] = line.substring(start, tab);
            start = tab + 1;
        }
        return null;
    }

    /** {@code YYYY-MM-DD} and {@code HH:MM:SS}, UTC; null when either does not fit. */
    static Instant instant(String date, String time) {
        if (date.length() != 10 || date.charAt(4) != '-' || date.charAt(7) != '-') return null;
        if (time.length() != 8 || time.charAt(2) != ':' || time.charAt(5) != ':') return null;
        int year = LogFields.digits(date, 0, 4), month = LogFields.digits(date, 5, 2), day = LogFields.digits(date, 8, 2);
        int hour = LogFields.digits(time, 0, 2), minute = LogFields.digits(time, 3, 2), second = LogFields.digits(time, 6, 2);
        if ((year | month | day | hour | minute | second) < 0) return null;
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // 2019-02-30, 25:00:00
        }
    }

    /**
     * Where the fields this parser reads are in the file's lines; -1 for an optional one the file
     * does not have. {@code missing} names a field every line needs that the header lacks.
     * {@code required} is how many fields a line must have to reach every needed one.
     */
    private record Columns(int count, int required, String missing, int date, int time, int scBytes, int method,
                           int stem, int status, int query, int userAgent, int resultType, int responseResultType,
                           int contentLen, int rangeStart, int rangeEnd) {
        private static final List<String> REQUIRED = List.of(
                "date", "time", "sc-bytes", "cs-method", "cs-uri-stem", "sc-status", "cs-uri-query");

        static Columns of(String header) {
            List<String> names = new ArrayList<>();
            for (String name : header.trim().split("\\s+")) if (!name.isEmpty()) names.add(name);
            String missing = null;
            int required = 0;
            for (String name : REQUIRED) {
                int index = names.indexOf(name);
                if (index < 0 && missing == null) missing = name;
                required = Math.max(required, index + 1);
            }
            return new Columns(names.size(), required, missing, names.indexOf("date"), names.indexOf("time"),
                    names.indexOf("sc-bytes"), names.indexOf("cs-method"), names.indexOf("cs-uri-stem"),
                    names.indexOf("sc-status"), names.indexOf("cs-uri-query"), names.indexOf("cs(User-Agent)"),
                    names.indexOf("x-edge-result-type"), names.indexOf("x-edge-response-result-type"),
                    names.indexOf("sc-content-len"), names.indexOf("sc-range-start"), names.indexOf("sc-range-end"));
        }
    }
}

package com.clientalbums.local.s3front;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A strict reader of S3 server access log records, for the tests: exactly the fields of AWS's
 * format in their order (the newest, Source Region, optional, as in older logs), each checked
 * for its shape; anything else is refused with the reason.
 */
final class S3AccessLogReader {
    static final List<String> FIELDS = List.of("bucket_owner", "bucket", "time", "remote_ip", "requester",
            "request_id", "operation", "key", "request_uri", "http_status", "error_code", "bytes_sent", "object_size",
            "total_time", "turn_around_time", "referer", "user_agent", "version_id", "host_id", "signature_version",
            "cipher_suite", "authentication_type", "host_header", "tls_version", "access_point_arn", "acl_required",
            "source_region");
    private static final Map<String, Pattern> SHAPES = Map.ofEntries(
            Map.entry("time", Pattern.compile("\\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000]")),
            Map.entry("request_id", Pattern.compile("[0-9A-Z]{16}")),
            Map.entry("operation", Pattern.compile("(REST|SOAP|WEBSITE|BATCH)\\.[A-Z_.]+")),
            Map.entry("http_status", Pattern.compile("\\d{3}")),
            Map.entry("bytes_sent", Pattern.compile("-|\\d+")),
            Map.entry("object_size", Pattern.compile("-|\\d+")),
            Map.entry("total_time", Pattern.compile("-|\\d+")),
            Map.entry("turn_around_time", Pattern.compile("-|\\d+")),
            Map.entry("signature_version", Pattern.compile("-|SigV2|SigV4")),
            Map.entry("authentication_type", Pattern.compile("-|AuthHeader|QueryString")),
            Map.entry("acl_required", Pattern.compile("-|Yes")));

    private S3AccessLogReader() {}

    /** The record's fields by name, quoted ones without their quotes (escapes undone). */
    static Map<String, String> read(String line) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            int end;
            if (c == '[') {
                end = line.indexOf(']', i);
                if (end < 0) throw new IllegalArgumentException("unclosed [ in " + line);
                tokens.add(line.substring(i, end + 1));
                end++;
            } else if (c == '"') {
                StringBuilder value = new StringBuilder();
                end = i + 1;
                while (end < line.length() && line.charAt(end) != '"') {
                    if (line.charAt(end) == '\\' && end + 1 < line.length()) end++;
                    value.append(line.charAt(end++));
                }
                if (end >= line.length()) throw new IllegalArgumentException("unclosed quote in " + line);
                tokens.add(value.toString());
                end++;
            } else {
                end = line.indexOf(' ', i);
                if (end < 0) end = line.length();
                tokens.add(line.substring(i, end));
            }
            if (end < line.length() && line.charAt(end) != ' ') throw new IllegalArgumentException("no space after field " + tokens.size() + " in " + line);
            i = end + 1;
        }
        if (tokens.size() != FIELDS.size() && tokens.size() != FIELDS.size() - 1) {
            throw new IllegalArgumentException(tokens.size() + " fields, not " + FIELDS.size() + ": " + line);
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (int f = 0; f < tokens.size(); f++) {
            String name = FIELDS.get(f);
            Pattern shape = SHAPES.get(name);
            if (shape != null && !shape.matcher(tokens.get(f)).matches()) {
                throw new IllegalArgumentException(name + " is '" + tokens.get(f) + "' in " + line);
            }
            fields.put(name, tokens.get(f));
        }
        return fields;
    }
}

package com.clientalbums.local.s3front;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One request as S3 writes it to a server access log: the space-separated record of AWS's
 * "Amazon S3 server access log format", field for field, with {@code -} for what is unknown or
 * does not apply (a zero Bytes Sent too), the time in brackets, and Request-URI, Referer and
 * User-Agent in quotes. Plain HTTP on loopback, so Cipher Suite and TLS version are {@code -};
 * there is no access point, no ACL decision and no cross-region request.
 *
 * @param key          the object key, URL-encoded ({@code /} kept), or null for a bucket request
 * @param objectSize   the whole object's size, or null when the answer says none
 * @param turnAround   milliseconds from the request to the answer's first byte, or null when no answer came
 */
public record AccessLogEntry(String bucketOwner, String bucket, Instant time, String remoteIp, String requester,
                             String requestId, String operation, String key, String requestUri, int status,
                             String errorCode, long bytesSent, Long objectSize, long totalTime, Long turnAround,
                             String referer, String userAgent, String hostId, String signatureVersion,
                             String authenticationType, String hostHeader) {

    /** {@code [06/Feb/2019:00:00:38 +0000]}: English month names whatever the machine's locale. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** The log record, without its newline. */
    public String line() {
        return String.join(" ",
                plain(bucketOwner), plain(bucket), TIME.format(time), plain(remoteIp), plain(requester),
                plain(requestId), plain(operation), plain(key), quoted(requestUri), Integer.toString(status),
                plain(errorCode), bytesSent == 0 ? "-" : Long.toString(bytesSent), number(objectSize),
                Long.toString(totalTime), number(turnAround), quoted(referer), quoted(userAgent),
                "-", // Version Id: the bucket's versions are not addressed by the runner's links
                plain(hostId), plain(signatureVersion),
                "-", // Cipher Suite: plain HTTP
                plain(authenticationType), plain(hostHeader),
                "-", // TLS version
                "-", // Access Point ARN
                "-", // aclRequired: no ACL was needed
                "-"); // Source region: not a cross-region request
    }

    private static String number(Long value) {
        return value == null ? "-" : Long.toString(value);
    }

    /** A field that must stay one token: a space or control character would split the record. */
    private static String plain(String value) {
        if (value == null || value.isEmpty()) return "-";
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (c <= ' ' || c == 0x7f) out.append(String.format("%%%02X", c));
            else out.appendCodePoint(c);
        });
        return out.toString();
    }

    /**
     * A quoted field; a quote or backslash inside is escaped with a backslash (Apache's convention,
     * which readers of these logs follow) and control characters are written as {@code \xHH}.
     */
    private static String quoted(String value) {
        if (value == null || value.isEmpty()) return "\"-\"";
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') out.append('\\').appendCodePoint(c);
            else if (c < ' ' || c == 0x7f) out.append(String.format("\\x%02X", c));
            else out.appendCodePoint(c);
        });
        return out.append('"').toString();
    }
}

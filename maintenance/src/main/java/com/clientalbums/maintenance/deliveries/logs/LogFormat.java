package com.clientalbums.maintenance.deliveries.logs;

import java.util.Optional;

/**
 * The two formats the access-log bucket holds, told apart by the folder their files land in:
 * CloudFront's standard logs under {@code cloudfront/} (gzipped), S3's server access logs under
 * {@code s3/} (plain text, as S3 and the local runner's S3 front write them).
 */
public enum LogFormat {
    CLOUDFRONT("cloudfront/"),
    S3("s3/");

    private final String prefix;

    LogFormat(String prefix) {
        this.prefix = prefix;
    }

    /** The folder of the bucket this format's files are delivered to. */
    public String prefix() {
        return prefix;
    }

    /** A parser for one file of this format. */
    public AccessLogParser newParser() {
        return switch (this) {
            case CLOUDFRONT -> new CloudFrontLogParser();
            case S3 -> new S3AccessLogParser();
        };
    }

    /** The format of a file, from its key; empty for a key outside both folders. */
    public static Optional<LogFormat> ofKey(String key) {
        for (LogFormat format : values()) {
            if (key.startsWith(format.prefix)) return Optional.of(format);
        }
        return Optional.empty();
    }
}

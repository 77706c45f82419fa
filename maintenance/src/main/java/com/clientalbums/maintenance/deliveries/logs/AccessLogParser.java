package com.clientalbums.maintenance.deliveries.logs;

/**
 * Turns the lines of one log file, in order, into {@link LogLine}s. A parser may keep state from
 * line to line (CloudFront's {@code #Fields} header names the columns of the lines after it), so
 * each file gets a parser of its own ({@link LogFormat#newParser()}). Never throws on a line.
 */
public sealed interface AccessLogParser permits CloudFrontLogParser, S3AccessLogParser {
    LogLine parse(String line);
}

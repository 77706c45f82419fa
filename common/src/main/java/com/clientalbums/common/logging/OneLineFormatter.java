package com.clientalbums.common.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One log record, one line: {@code 2026-12-05T07:14:16.123Z WARNING com.clientalbums.Foo - message},
 * then the exception's stack trace if any, everything after the level escaped by {@link LogText}, so
 * no S3 key, name or exception message can start a line of its own. A stack trace stays one
 * CloudWatch event this way, too, instead of one event per frame.
 */
public final class OneLineFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160)
                .append(Instant.ofEpochMilli(record.getMillis()))
                .append(' ').append(record.getLevel().getName())
                .append(' ').append(LogText.escape(String.valueOf(record.getLoggerName())))
                .append(" - ").append(LogText.escape(formatMessage(record)));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(' ').append(LogText.escape(trace.toString().stripTrailing()));
        }
        return line.append(System.lineSeparator()).toString();
    }
}

package com.clientalbums.local.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.clientalbums.common.logging.LogText;

/**
 * The runner's log format: the pattern's line with the message, its arguments and any stack trace
 * escaped by {@link LogText}, so that one event is one line whatever an S3 key, a name or an
 * exception message holds, as the functions' {@code OneLineFormatter} does in Lambda. Everything the
 * runner logs goes through this layout: its own lines, the functions' (JUL, bridged to SLF4J) and
 * the loopback servers'.
 */
public final class OneLineLayout extends PatternLayout {

    @Override
    public String doLayout(ILoggingEvent event) {
        String line = super.doLayout(event);
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) end--;
        return LogText.escape(line.substring(0, end)) + System.lineSeparator();
    }
}

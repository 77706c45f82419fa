package com.clientalbums.common.logging;

import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * Installed by each function's handler class: every line the function logs through
 * {@code System.Logger} (JUL in Lambda) goes through {@link OneLineFormatter}. The functions log
 * nothing any other way; Lambda's own lines (START, END, REPORT) are not ours.
 */
public final class LogLines {
    private LogLines() {}

    /**
     * Gives every handler of the root logger the one-line format: in Lambda that is the JDK's
     * console handler (stderr, which Lambda sends to CloudWatch). The local runner's JUL-to-SLF4J
     * bridge ignores formatters; its log has its own escaping layout.
     */
    public static void install() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            if (!(handler.getFormatter() instanceof OneLineFormatter)) handler.setFormatter(new OneLineFormatter());
        }
    }
}

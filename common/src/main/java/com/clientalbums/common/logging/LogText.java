package com.clientalbums.common.logging;

/**
 * Makes any text safe inside one log line. S3 keys, album names and exception messages come from
 * outside: a key holding a newline would otherwise start a line of its own that looks like the
 * system's (CloudWatch makes each line of a function's output its own event). Every control
 * character (C0, DEL, C1) and the Unicode line and paragraph separators are written as escapes:
 * {@code \n}, {@code \r}, {@code \t}, and {@code \}{@code uXXXX} for the rest.
 */
public final class LogText {
    private LogText() {}

    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!breaksALine(c)) {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(text.length() + 16).append(text, 0, i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }

    /** Tab included: it is harmless on its own, but a stack trace's tabs are what make its lines look like one. */
    private static boolean breaksALine(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}

package com.clientalbums.infra.schema;

import com.clientalbums.infra.terraform.HclSource;
import com.clientalbums.infra.terraform.SourceLine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The references to AWS resources and data sources in an expression: {@code aws_x.name.attr},
 * {@code data.aws_x.name[0].attr}, {@code aws_x.name[each.key].attr}, or {@code aws_x.name}
 * alone (as in {@code depends_on}).
 *
 * <p>Only the expression's code is read. Text that merely looks like a reference is not one:
 * the literal part of a quoted string or a heredoc (an IAM policy, a CloudFront function's
 * JavaScript, a log format) and comments are blanked first, while {@code ${...}} and
 * {@code %{...}} inside them are code and are read. An object key (as in {@code jsonencode({...})})
 * is a single name or a string, never {@code a.b.c}, so it cannot look like one.
 */
final class References {

    /** A reference; {@code index} is the brackets after the name, {@code attribute} null when none is read. */
    record Reference(boolean data, String type, String name, String index, String attribute, SourceLine at) {

        String address() {
            return (data ? "data." : "") + type + "." + name;
        }

        @Override
        public String toString() {
            return address() + (index == null ? "" : index) + (attribute == null ? "" : "." + attribute);
        }
    }

    // Not after a name character or a dot: var.aws_region.x and local.aws_thing.y are not references.
    private static final Pattern REFERENCE = Pattern.compile(
            "(?<![\\w.])(data\\.)?(aws_[a-z0-9_]+)\\.([a-zA-Z0-9_-]+)(\\[[^\\]]*])?(?:\\.([a-z0-9_]+))?");

    private References() {}

    static List<Reference> in(HclSource.Attribute attribute) {
        String code = code(attribute.expression());
        List<Reference> found = new ArrayList<>();
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
            // The line of this occurrence (the expression starts on its attribute's line), not of
            // the first equal text, which Attribute.lineOf would give for a reference made twice.
            int line = attribute.at().line() + (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count();
            found.add(new Reference(m.group(1) != null, m.group(2), m.group(3), m.group(4), m.group(5),
                    new SourceLine(attribute.at().file(), line)));
        }
        return found;
    }

    /** The expression with comments and the literal text of strings and heredocs blanked (same length, same lines). */
    static String code(String expression) {
        char[] out = expression.toCharArray();
        new Blanker(expression, out).code(0, expression.length(), false);
        return new String(out);
    }

    /** Walks an expression as HclSource does, blanking what is not code. */
    private static final class Blanker {
        private final String text;
        private final char[] out;
        private int pos;

        Blanker(String text, char[] out) {
            this.text = text;
            this.out = out;
        }

        /** Code up to {@code end}, or (in a template) up to the brace that closes it. */
        void code(int start, int end, boolean template) {
            pos = start;
            int depth = 0;
            while (pos < end) {
                char c = text.charAt(pos);
                if (c == '"') {
                    string();
                } else if (text.startsWith("<<", pos) && heredocAhead()) {
                    heredoc();
                } else if (c == '#' || text.startsWith("//", pos)) {
                    int eol = text.indexOf('\n', pos);
                    blankTo(eol < 0 ? text.length() : eol);
                } else if (text.startsWith("/*", pos)) {
                    int close = text.indexOf("*/", pos + 2);
                    blankTo(close < 0 ? text.length() : close + 2);
                } else if (c == '{') {
                    depth++;
                    pos++;
                } else if (c == '}') {
                    pos++;
                    if (template && depth-- == 0) return;
                } else {
                    pos++;
                }
            }
        }

        private void string() {
            blankTo(pos + 1);
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\\') {
                    blankTo(Math.min(pos + 2, text.length()));
                } else if (c == '"') {
                    blankTo(pos + 1);
                    return;
                } else if (templateAhead()) {
                    code(pos + 2, text.length(), true);
                } else {
                    blankTo(pos + 1);
                }
            }
        }

        private boolean templateAhead() {
            char c = text.charAt(pos);
            return (c == '$' || c == '%') && text.startsWith("{", pos + 1) && !text.startsWith(c == '$' ? "$${" : "%%{", pos - 1);
        }

        private boolean heredocAhead() {
            int p = pos + 2;
            if (p < text.length() && text.charAt(p) == '-') p++;
            return p < text.length() && Character.isLetter(text.charAt(p));
        }

        private void heredoc() {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) {
                pos = text.length();
                return;
            }
            String marker = text.substring(pos, eol).replaceFirst("^<<-?", "").strip();
            pos = eol + 1;
            while (pos < text.length()) {
                // At the start of a line: the marker ends the heredoc.
                int end = text.indexOf('\n', pos);
                int lineEnd = end < 0 ? text.length() : end;
                if (text.substring(pos, lineEnd).strip().equals(marker)) {
                    pos = lineEnd;
                    return;
                }
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    if (templateAhead()) {
                        code(pos + 2, text.length(), true); // may end on a later line
                    } else {
                        blankTo(pos + 1);
                    }
                }
                pos++;
            }
        }

        /** Blanks from the current position to {@code to} (newlines kept) and moves there. */
        private void blankTo(int to) {
            for (int i = pos; i < to; i++) {
                if (out[i] != '\n') out[i] = ' ';
            }
            pos = to;
        }
    }
}

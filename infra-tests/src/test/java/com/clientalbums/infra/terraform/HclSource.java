package com.clientalbums.infra.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The layout of {@code .tf} files with line numbers: which blocks (with their labels) hold which
 * attributes and blocks, and each attribute's expression as written.
 *
 * <p>hcl2json ({@link Terraform}) gives values but no positions; the checks that must name a
 * file and line (schema, IAM) walk this instead. It reads HCL's structure only: an attribute's
 * expression is kept as text (brackets, strings with {@code ${...}}, heredocs and comments are
 * skipped over correctly, not evaluated). A file that does not parse here is reported by
 * hcl2json with its own message first, so this scanner may assume well-formed input.
 */
public final class HclSource {

    /** {@code name = expression}; {@code at} is the line of its name. */
    public record Attribute(String name, String expression, SourceLine at, int[] lineStarts, int offset) {

        /**
         * The line of the first occurrence of {@code text} in the expression (e.g. one action of a
         * multi-line list), or the attribute's own line when it does not occur.
         */
        public SourceLine lineOf(String text) {
            int found = expression.indexOf(text);
            if (found < 0) {
                return at;
            }
            return new SourceLine(at.file(), HclSource.lineAt(lineStarts, offset + found));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Attribute a && a.name.equals(name) && a.expression.equals(expression) && a.at.equals(at);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + at.hashCode();
        }

        @Override
        public String toString() {
            return name + " = " + expression + " (" + at + ")";
        }
    }

    /** {@code type "label" ... { body }}; {@code at} is the line of its type. */
    public record Block(String type, List<String> labels, SourceLine at, List<Attribute> attributes, List<Block> blocks) {

        public java.util.Optional<Attribute> attribute(String name) {
            return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
        }

        /** Nested blocks of one type, in order. */
        public List<Block> blocks(String type) {
            return blocks.stream().filter(b -> b.type().equals(type)).toList();
        }

        /** The blocks and attributes below this one, this one first: for reference scans. */
        public Stream<Block> descendants() {
            return Stream.concat(Stream.of(this), blocks.stream().flatMap(Block::descendants));
        }

        @Override
        public String toString() {
            return type + (labels.isEmpty() ? "" : " \"" + String.join("\" \"", labels) + "\"") + " (" + at + ")";
        }
    }

    private final String file;
    private final String text;
    private final int[] lineStarts;
    private int pos;

    private HclSource(String file, String text) {
        this.file = file;
        this.text = text;
        this.lineStarts = lineStarts(text);
    }

    /** The top-level blocks of every {@code .tf} file of {@code dir}, by file name in name order. */
    public static Map<String, List<Block>> parseDir(Path dir) {
        Map<String, List<Block>> files = new LinkedHashMap<>();
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path path : listing.filter(p -> p.getFileName().toString().endsWith(".tf")).sorted().toList()) {
                String name = path.getFileName().toString();
                files.put(name, parse(name, Files.readString(path, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The top-level blocks of one file's text. */
    public static List<Block> parse(String file, String text) {
        HclSource source = new HclSource(file, text);
        Body body = source.body(false);
        if (!body.attributes.isEmpty()) {
            throw source.error("a top-level attribute (" + body.attributes.get(0).name() + ") is not Terraform");
        }
        return body.blocks;
    }

    private record Body(List<Attribute> attributes, List<Block> blocks) {}

    private Body body(boolean nested) {
        List<Attribute> attributes = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        while (true) {
            skipSpaceAndComments(true);
            if (pos >= text.length()) {
                if (nested) throw error("a block is not closed");
                return new Body(attributes, blocks);
            }
            char c = text.charAt(pos);
            if (c == '}') {
                if (!nested) throw error("'}' without a block");
                pos++;
                return new Body(attributes, blocks);
            }
            int start = pos;
            String name = identifier();
            skipSpaceAndComments(false);
            if (pos < text.length() && text.charAt(pos) == '=' && !text.startsWith("==", pos)) {
                pos++;
                skipSpaceAndComments(false);
                int from = pos;
                expression();
                attributes.add(new Attribute(name, text.substring(from, pos).strip(), place(start), lineStarts, from));
                continue;
            }
            List<String> labels = new ArrayList<>();
            while (pos < text.length() && text.charAt(pos) != '{') {
                if (text.charAt(pos) == '"') {
                    int from = pos;
                    string();
                    labels.add(text.substring(from + 1, pos - 1));
                } else {
                    labels.add(identifier());
                }
                skipSpaceAndComments(false);
            }
            if (pos >= text.length()) throw error("block " + name + " has no body");
            pos++; // '{'
            Body inner = body(true);
            blocks.add(new Block(name, List.copyOf(labels), place(start), List.copyOf(inner.attributes), List.copyOf(inner.blocks)));
        }
    }

    /** Skips one expression: up to the end of its line (or the body's closing brace) outside brackets. */
    private void expression() {
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                string();
            } else if (text.startsWith("<<", pos) && heredocAhead()) {
                heredoc();
            } else if (c == '#' || text.startsWith("//", pos)) {
                if (depth == 0) return; // a trailing comment is not part of the value
                skipLine();
            } else if (text.startsWith("/*", pos)) {
                skipBlockComment();
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
                pos++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) return; // the enclosing block's brace, on the attribute's line
                depth--;
                pos++;
            } else if ((c == '\n') && depth == 0) {
                return;
            } else {
                pos++;
            }
        }
    }

    /** A quoted string, from its opening quote past its closing one, with nested templates. */
    private void string() {
        pos++; // opening quote
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\') {
                pos += 2;
            } else if (c == '"') {
                pos++;
                return;
            } else if ((c == '$' || c == '%') && text.startsWith("{", pos + 1) && !text.startsWith("$${", pos - 1)) {
                pos += 2;
                template();
            } else {
                pos++;
            }
        }
        throw error("a string is not closed");
    }

    /** Inside {@code ${ ... }}: up to its closing brace, past strings and braces it holds. */
    private void template() {
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                string();
            } else if (c == '{') {
                depth++;
                pos++;
            } else if (c == '}') {
                pos++;
                if (depth-- == 0) return;
            } else {
                pos++;
            }
        }
        throw error("a template is not closed");
    }

    private boolean heredocAhead() {
        int p = pos + 2;
        if (p < text.length() && text.charAt(p) == '-') p++;
        return p < text.length() && Character.isLetter(text.charAt(p));
    }

    private void heredoc() {
        pos += 2;
        if (text.charAt(pos) == '-') pos++;
        String marker = identifier();
        skipLine();
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            String line = text.substring(pos, end < 0 ? text.length() : end);
            if (line.strip().equals(marker)) {
                pos += line.length();
                return;
            }
            pos = end < 0 ? text.length() : end + 1;
        }
        throw error("heredoc " + marker + " is not closed");
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "_-".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
        if (pos == start) {
            throw error("expected a name, found '" + text.charAt(pos) + "'");
        }
        return text.substring(start, pos);
    }

    private void skipSpaceAndComments(boolean newlines) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
                pos++;
            } else if (c == '#' || text.startsWith("//", pos)) {
                if (!newlines) return;
                skipLine();
            } else if (text.startsWith("/*", pos)) {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipLine() {
        int end = text.indexOf('\n', pos);
        pos = end < 0 ? text.length() : end;
    }

    private void skipBlockComment() {
        int end = text.indexOf("*/", pos + 2);
        if (end < 0) throw error("a comment is not closed");
        pos = end + 2;
    }

    private SourceLine place(int offset) {
        return new SourceLine(file, lineAt(lineStarts, offset));
    }

    private IllegalStateException error(String message) {
        return new IllegalStateException(place(Math.min(pos, Math.max(0, text.length() - 1))) + ": " + message);
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') starts.add(i + 1);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    static int lineAt(int[] lineStarts, int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return (found >= 0 ? found : -found - 2) + 1;
    }
}

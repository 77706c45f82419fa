package com.clientalbums.infra.terraform;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of Terraform's expression language to check values statically: arithmetic on
 * numbers, variables (their defaults), locals and {@code path.module}. Anything else is
 * left alone (text) or rejected (numbers), so a test never guesses.
 */
public final class Expressions {

    private static final Pattern SIMPLE_REFERENCE = Pattern.compile("\\$\\{(var|local)\\.([A-Za-z0-9_]+)}|\\$\\{path\\.module}");

    private final Terraform terraform;

    Expressions(Terraform terraform) {
        this.terraform = terraform;
    }

    /** The expression inside {@code "${...}"} when the whole value is one interpolation; else null. */
    public static String unwrap(String value) {
        if (value == null || !value.startsWith("${") || !value.endsWith("}")) {
            return null;
        }
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '{') depth++;
            if (c == '}' && --depth == 0 && i != value.length() - 1) {
                return null; // "${a}-${b}": two interpolations, not one expression
            }
        }
        return value.substring(2, value.length() - 1).strip();
    }

    /** The value of a numeric attribute: a literal, or arithmetic on literals, var.* defaults and local.*. */
    public double number(JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        String text = value.asText();
        String expression = unwrap(text);
        if (expression == null) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new AssertionError("not a number: " + text);
            }
        }
        return new Arithmetic(expression).parse();
    }

    /** Replaces {@code ${var.x}}, {@code ${local.x}} and {@code ${path.module}} in a string; other interpolations stay. */
    public String text(String value) {
        String current = value;
        for (int round = 0; round < 10; round++) {
            Matcher m = SIMPLE_REFERENCE.matcher(current);
            StringBuilder out = new StringBuilder();
            boolean changed = false;
            while (m.find()) {
                String replacement;
                if (m.group(1) == null) {
                    replacement = terraform.dir().toString();
                } else if (m.group(1).equals("var")) {
                    JsonNode def = terraform.variableDefault(m.group(2));
                    replacement = def.isMissingNode() ? m.group() : def.asText();
                } else {
                    replacement = terraform.local(m.group(2)).asText();
                }
                changed |= !replacement.equals(m.group());
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            current = out.toString();
            if (!changed) {
                break;
            }
        }
        return current;
    }

    /** Recursive descent over + - * / and parentheses. */
    private final class Arithmetic {
        private final String source;
        private int pos;

        Arithmetic(String source) {
            this.source = source;
        }

        double parse() {
            double value = sum();
            skipSpace();
            if (pos != source.length()) {
                throw new AssertionError("cannot evaluate '" + source + "' statically (at '" + source.substring(pos) + "')");
            }
            return value;
        }

        private double sum() {
            double value = product();
            while (true) {
                skipSpace();
                if (eat('+')) value += product();
                else if (eat('-')) value -= product();
                else return value;
            }
        }

        private double product() {
            double value = factor();
            while (true) {
                skipSpace();
                if (eat('*')) value *= factor();
                else if (eat('/')) value /= factor();
                else return value;
            }
        }

        private double factor() {
            skipSpace();
            if (eat('(')) {
                double value = sum();
                skipSpace();
                if (!eat(')')) throw new AssertionError("unbalanced parentheses in '" + source + "'");
                return value;
            }
            int start = pos;
            while (pos < source.length() && (Character.isLetterOrDigit(source.charAt(pos)) || "._".indexOf(source.charAt(pos)) >= 0)) {
                pos++;
            }
            String token = source.substring(start, pos);
            if (token.startsWith("var.")) {
                JsonNode def = terraform.variableDefault(token.substring(4));
                if (def.isMissingNode()) throw new AssertionError(token + " has no default");
                return number(def);
            }
            if (token.startsWith("local.")) {
                return number(terraform.local(token.substring(6)));
            }
            try {
                return Double.parseDouble(token);
            } catch (NumberFormatException e) {
                throw new AssertionError("cannot evaluate '" + token + "' in '" + source + "' statically");
            }
        }

        private void skipSpace() {
            while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) pos++;
        }

        private boolean eat(char c) {
            if (pos < source.length() && source.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }
    }
}

package com.clientalbums.infra.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Terraform version constraint ({@code ">= 5.31, < 7.0"}): conditions separated by commas,
 * each an operator ({@code =} or none, {@code !=}, {@code >}, {@code >=}, {@code <},
 * {@code <=}, {@code ~>}) and a version of up to three numbers. Versions with a pre-release
 * suffix are refused rather than guessed at: none is pinned here.
 */
public record VersionConstraint(String text, List<Condition> conditions) {

    private static final Pattern CONDITION = Pattern.compile("\\s*(=|!=|>=|>|<=|<|~>)?\\s*v?(\\d+(?:\\.\\d+){0,2})\\s*");

    /** One operator and version; {@code given} is how many of its numbers were written (for {@code ~>}). */
    public record Condition(String operator, List<Integer> version, int given) {

        boolean admits(List<Integer> candidate) {
            int order = compare(candidate, version);
            return switch (operator) {
                case "=" -> order == 0;
                case "!=" -> order != 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                // Only the rightmost written number may grow: "~> 1.2" is >= 1.2, < 2.0, and
                // "~> 1.2.3" is >= 1.2.3, < 1.3.0 (Terraform's version-constraints page).
                case "~>" -> order >= 0 && candidate.subList(0, given - 1).equals(version.subList(0, given - 1));
                default -> throw new IllegalStateException(operator);
            };
        }
    }

    /** Reads a constraint; an IllegalArgumentException says what it cannot read. */
    public static VersionConstraint parse(String text) {
        List<Condition> conditions = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Matcher m = CONDITION.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("\"" + part.strip() + "\" is not a version condition");
            }
            String[] numbers = m.group(2).split("\\.");
            conditions.add(new Condition(m.group(1) == null ? "=" : m.group(1), numbers(m.group(2)), numbers.length));
        }
        return new VersionConstraint(text, List.copyOf(conditions));
    }

    /** Whether {@code version} (e.g. {@code 6.25.0}) meets every condition. */
    public boolean admits(String version) {
        List<Integer> candidate = numbers(version);
        return conditions.stream().allMatch(c -> c.admits(candidate));
    }

    /** Up to three numbers, missing ones zero: 6.25 is 6.25.0. */
    private static List<Integer> numbers(String version) {
        String[] parts = version.split("\\.");
        if (parts.length > 3) {
            throw new IllegalArgumentException(version + " has more than three numbers");
        }
        List<Integer> numbers = new ArrayList<>(List.of(0, 0, 0));
        for (int i = 0; i < parts.length; i++) {
            numbers.set(i, Integer.parseInt(parts[i]));
        }
        return List.copyOf(numbers);
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < a.size(); i++) {
            int order = Integer.compare(a.get(i), b.get(i));
            if (order != 0) return order;
        }
        return 0;
    }
}

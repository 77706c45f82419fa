package com.clientalbums.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rules/shared-rules.json}: the rules the Java services, the front end and the scripts
 * share (album ids, hidden files, file names, upload limits, error codes) with example cases.
 * Each language's tests check their own implementation against it.
 */
public final class SharedRules {
    public static final String FILE = "rules/shared-rules.json";
    private static final JsonNode RULES = load();

    private SharedRules() {}

    /** One rule's section, e.g. {@code album_id}. */
    public static JsonNode rule(String name) {
        JsonNode node = RULES.get(name);
        if (node == null) throw new IllegalStateException(FILE + " has no rule '" + name + "'");
        return node;
    }

    public static List<String> strings(String rule, String field) {
        List<String> values = new ArrayList<>();
        rule(rule).withArray(field).forEach(v -> values.add(v.asText()));
        if (values.isEmpty()) throw new IllegalStateException(FILE + ": " + rule + "." + field + " lists nothing");
        return values;
    }

    public static long number(String rule, String field) {
        JsonNode value = rule(rule).get(field);
        if (value == null || !value.isIntegralNumber()) throw new IllegalStateException(FILE + ": " + rule + "." + field + " is not a number");
        return value.asLong();
    }

    /** {@code upload_types.types}: extension to content type. */
    public static Map<String, String> uploadTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        rule("upload_types").get("types").properties().forEach(e -> types.put(e.getKey(), e.getValue().asText()));
        if (types.isEmpty()) throw new IllegalStateException(FILE + ": upload_types.types lists nothing");
        return types;
    }

    /** A list of [a, b] examples under {@code rule.group.field}, e.g. a path and a declared type. */
    public static List<List<String>> pairs(String rule, String group, String field) {
        List<List<String>> pairs = new ArrayList<>();
        rule(rule).get(group).withArray(field).forEach(p -> pairs.add(List.of(p.get(0).asText(), p.get(1).asText())));
        if (pairs.isEmpty()) throw new IllegalStateException(FILE + ": " + rule + "." + group + "." + field + " lists nothing");
        return pairs;
    }

    /** The error codes the API sends, with their HTTP status. */
    public static Map<String, Integer> errorCodes() {
        Map<String, Integer> codes = new LinkedHashMap<>();
        rule("error_codes").get("codes").properties().forEach(e -> codes.put(e.getKey(), e.getValue().asInt()));
        return codes;
    }

    /** The repository's root: the nearest folder above the working directory that holds the fixture. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(FILE))) return dir;
        }
        throw new IllegalStateException(FILE + " not found above " + Path.of("").toAbsolutePath());
    }

    private static JsonNode load() {
        try {
            return new ObjectMapper().readTree(repositoryRoot().resolve(FILE).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }
}

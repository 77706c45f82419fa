package com.clientalbums.maintenance.deliveries.logs;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Remembers a function's answers for the values one file repeats (its few tags, keys and
 * User-Agents, on line after line), so each is decoded and validated once per file. Bounded: past
 * {@code limit} distinct values it computes without remembering, so a file of all-different values
 * costs time, never memory.
 */
final class Memo<V> {
    private final Map<String, V> answers = new HashMap<>();
    private final Function<String, V> function;
    private final int limit;

    Memo(Function<String, V> function, int limit) {
        this.function = function;
        this.limit = limit;
    }

    V apply(String value) {
        V known = answers.get(value);
        if (known != null) return known;
        V computed = function.apply(value);
        if (computed != null && answers.size() < limit) answers.put(value, computed);
        return computed;
    }
}

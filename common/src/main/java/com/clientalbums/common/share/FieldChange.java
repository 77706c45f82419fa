package com.clientalbums.common.share;

/**
 * One field of a {@code PATCH}: left out (keep it), given (set it), or given as {@code null}
 * (remove it: no PIN, no expiry, no limit). Jackson reads the last two alike, so the body is read
 * as a tree ({@code admin-api}'s {@code ShareRequests}).
 */
public sealed interface FieldChange<T> {
    record Keep<T>() implements FieldChange<T> {}

    record Set<T>(T value) implements FieldChange<T> {}

    record Remove<T>() implements FieldChange<T> {}

    static <T> FieldChange<T> keep() { return new Keep<>(); }
}

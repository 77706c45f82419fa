package com.clientalbums.common.album;

import java.time.Instant;

/**
 * One line of an album's build history, shown to the photographer and used by tests to count
 * builds. {@code outcome}: ready, retry, error, superseded (content changed while building).
 */
public record BuildRecord(Instant requestedAt, Instant startedAt, Instant finishedAt, String outcome,
                          long files, long bytes, double seconds, String source) {}

package com.clientalbums.common.album;

import java.time.Instant;

/**
 * One archive part of a build under way, as kept in the album record's {@code build_parts} map
 * (by part index): which archive it makes, whether it is waiting, being built (by whom, until
 * when) or done, and how far it has come. Each part has its own lease, so parts are built by
 * separate generator invocations at once, and a lost worker's part is taken over alone.
 *
 * @param index    0-based position of the part in the album (part {@code index + 1} of n)
 * @param key      the archive object this part becomes
 * @param state    {@link State#TODO}, {@link State#BUILDING} or {@link State#DONE}
 * @param owner    the invocation building it; null unless building
 * @param leaseExpiresAt until when {@code owner} holds it; null unless building
 * @param progress files and bytes done of this part's total
 * @param size     the part's exact archive size, known from its layout
 * @param photoSize which archive it belongs to: the originals' or the web-size one (stored as
 *                 {@code photo_size}; a plan written before web size existed holds originals only)
 */
public record PartTask(int index, String key, State state, String owner, Instant leaseExpiresAt, Progress progress,
                       long size, PhotoSize photoSize) {
    public PartTask {
        if (photoSize == null) photoSize = PhotoSize.ORIGINAL;
    }

    public enum State {
        TODO("todo"), BUILDING("building"), DONE("done");

        private final String value;

        State(String value) { this.value = value; }

        public String value() { return value; }

        public static State of(String value) {
            for (State s : values()) if (s.value.equals(value)) return s;
            throw new IllegalArgumentException("unknown part state " + value);
        }
    }

    /** Free to take: waiting, or being built under a lease that has run out. */
    public boolean claimable(Instant now) {
        return state == State.TODO || (state == State.BUILDING && (leaseExpiresAt == null || !leaseExpiresAt.isAfter(now)));
    }
}

package com.clientalbums.common.album;

import java.time.LocalDate;

/**
 * The photographer's terms for an album's selections ({@code docs/favourites.md}): "choose up to
 * 40 photos for your book by 1 March". Each person's favourites are their selection; the server
 * refuses a pick beyond {@code limit}. The due date is shown to clients and in the studio; it does
 * not lock anything by itself (a late pick is better than none; the photographer locks a selection
 * by its submission, or reopens it).
 *
 * @param limit the most photos one person may choose; null for no limit
 * @param due   the day the selection is due; null for none
 */
public record Proofing(Integer limit, LocalDate due) {
    public static final Proofing NONE = new Proofing(null, null);
    /** The largest limit a photographer may set, and the most favourites anyone may have without one. */
    public static final int MAX_FAVOURITES = 2_000;

    public Proofing {
        if (limit != null && (limit < 1 || limit > MAX_FAVOURITES)) {
            throw new IllegalArgumentException("selection limit must be 1-" + MAX_FAVOURITES);
        }
    }

    /** How many photos one person may have chosen at most. */
    public int effectiveLimit() {
        return limit == null ? MAX_FAVOURITES : limit;
    }
}

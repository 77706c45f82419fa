package com.clientalbums.common.album;

import java.util.Locale;

/**
 * The archive lifecycle of an album, stored as {@code zip_status} with the plan's values.
 * <pre>
 *   (none) ──request──▶ pending ──claim──▶ generating ──publish──▶ ready
 *                          ▲                  │   │
 *                          └──retry / change──┘   └──fail (budget spent)──▶ error
 * </pre>
 * Each arrow is one conditional write in {@link AlbumRepository}.
 */
public enum ZipStatus {
    NOT_STARTED, PENDING, GENERATING, READY, ERROR;

    public String value() { return name().toLowerCase(Locale.ROOT); }

    public static ZipStatus of(String value) {
        return value == null || value.isEmpty() ? NOT_STARTED : valueOf(value.toUpperCase(Locale.ROOT));
    }
}

package com.clientalbums.common.access;

import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.error.AlbumsException;

import java.util.Locale;
import java.util.Optional;

/**
 * What a viewer may download, carried by every grant to a signed-in client and by every share
 * link, and enforced on every download route ({@code docs/sharing.md}): nothing (view only),
 * web-size photos, originals, or both. The photographer may download everything.
 */
public enum Downloads {
    NONE, WEB, ORIGINAL, BOTH;

    /** What a grant made before permissions existed allows, and a new grant's default. */
    public static final Downloads DEFAULT = BOTH;

    public boolean allows(PhotoSize size) {
        return switch (this) {
            case NONE -> false;
            case WEB -> size == PhotoSize.WEB;
            case ORIGINAL -> size == PhotoSize.ORIGINAL;
            case BOTH -> true;
        };
    }

    /** The stored and JSON value: {@code none}, {@code web}, {@code original}, {@code both}. */
    public String value() { return name().toLowerCase(Locale.ROOT); }

    /** The value stored, or empty for none or an unknown one. */
    public static Optional<Downloads> of(String value) {
        for (Downloads d : values()) if (d.value().equals(value)) return Optional.of(d);
        return Optional.empty();
    }

    /** A request's {@code downloads} field: 400 naming the field for anything but the four values. */
    public static Downloads parse(String value) {
        return of(value).orElseThrow(() -> AlbumsException.badRequest("downloads must be \"none\", \"web\", \"original\" or \"both\""));
    }
}

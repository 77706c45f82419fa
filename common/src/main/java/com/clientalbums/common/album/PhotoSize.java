package com.clientalbums.common.album;

import com.clientalbums.common.error.AlbumsException;

import java.util.Locale;
import java.util.Optional;

/**
 * The two sizes an album is delivered in: the photographer's originals, and web size (each image
 * made once on arrival with its long edge at {@code WEB_SIZE_PX}, watermarked if the album says
 * so; see {@link WebSize}). Each size has its own archive, built by the same engine in the same
 * build and published with the other in one write. The API's {@code size} parameter and the
 * album record use {@link #value()}.
 */
public enum PhotoSize {
    ORIGINAL, WEB;

    public String value() { return name().toLowerCase(Locale.ROOT); }

    /** The size a stored value names; empty for none or an unknown one. */
    public static Optional<PhotoSize> of(String value) {
        for (PhotoSize s : values()) if (s.value().equals(value)) return Optional.of(s);
        return Optional.empty();
    }

    /** The API's {@code size} parameter: absent means originals; anything else but the two values is 400. */
    public static PhotoSize fromQuery(Optional<String> value) {
        if (value.isEmpty()) return ORIGINAL;
        return of(value.get()).orElseThrow(() -> AlbumsException.badRequest("size must be \"original\" or \"web\""));
    }
}

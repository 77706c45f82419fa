package com.clientalbums.common.delivery;

import java.util.Locale;
import java.util.Optional;

/** What a delivery hands over: the album's archive (in parts or not), a favourites archive, or one photo. */
public enum DeliveredKind {
    ALBUM, FAVOURITES, PHOTO;

    public String value() { return name().toLowerCase(Locale.ROOT); }

    public static Optional<DeliveredKind> of(String value) {
        for (DeliveredKind k : values()) if (k.value().equals(value)) return Optional.of(k);
        return Optional.empty();
    }
}

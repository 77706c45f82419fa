package com.clientalbums.common.album;

import java.util.Locale;
import java.util.Optional;

/**
 * Who asked for an album's build, as recorded in the album record ({@code request_source}) and
 * in its build history, where the photographer reads it.
 */
public enum RequestSource {
    /** The album was registered with its photos already uploaded. */
    REGISTRATION,
    /** A client clicked Download All and no current archive existed. */
    API,
    /** A client clicked Download All after the last build had failed. */
    API_RETRY,
    /** The photographer forced a rebuild from the studio. */
    ADMIN,
    /** The daily maintenance run found a stale, missing, stuck or lost build. */
    MAINTENANCE,
    /** S3 events reported changed photos; the build waits for the quiet period. */
    PHOTOS_CHANGED,
    /** Photos changed while a build ran; this is its one follow-up. */
    CONTENT_CHANGED,
    /** The photographer changed the album's web-size recipe (watermark, other files): the web size is remade. */
    SETTINGS_CHANGED;

    /** The value stored in the album table and shown in the build history. */
    public String value() { return name().toLowerCase(Locale.ROOT); }

    /** The source stored as {@code value}; empty for none, or one this version does not know. */
    public static Optional<RequestSource> of(String value) {
        for (RequestSource s : values()) if (s.value().equals(value)) return Optional.of(s);
        return Optional.empty();
    }

    /**
     * Whether a build for this request starts afresh from the photos: the photographer's forced
     * rebuild keeps no part that exists and copies nothing from the published archives, since that
     * is what it is asked for (any other request keeps the parts whose content is unchanged).
     */
    public static boolean startsAfresh(String value) {
        return of(value).filter(s -> s == ADMIN).isPresent();
    }
}

package com.clientalbums.common.album;

import java.util.Locale;

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
    CONTENT_CHANGED;

    /** The value stored in the album table and shown in the build history. */
    public String value() { return name().toLowerCase(Locale.ROOT); }
}

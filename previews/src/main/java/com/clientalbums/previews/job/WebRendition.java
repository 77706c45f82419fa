package com.clientalbums.previews.job;

import com.clientalbums.common.store.PhotoObject;

import com.clientalbums.previews.keys.PreviewKeys;

/**
 * What one photo contributes to the album's web-size archive ({@code docs/sharing.md}): its
 * web-size rendition, the file itself unchanged (a video or PDF, when the album includes them),
 * or nothing (camera RAW, an image that cannot be decoded, or a video or PDF the album leaves out).
 */
public sealed interface WebRendition permits WebRendition.Rendered, WebRendition.Unchanged, WebRendition.Omitted {
    PhotoObject photo();

    /**
     * The rendition object made of the photo: {@code key} under {@code previews/{album_id}/web/},
     * its length and ETag as S3 reports them.
     */
    record Rendered(PhotoObject photo, String key, long size, String etag) implements WebRendition {}

    /** The photo itself goes into the web-size archive as it is. */
    record Unchanged(PhotoObject photo) implements WebRendition {}

    /** Not in the web-size archive, and why (shown in logs and the studio). */
    record Omitted(PhotoObject photo, String reason) implements WebRendition {}

    /** The name a rendition has in the web-size archive and as a web-size download: {@link PreviewKeys#webPath}. */
    static String renditionPath(String relativePath) {
        return PreviewKeys.webPath(relativePath);
    }
}

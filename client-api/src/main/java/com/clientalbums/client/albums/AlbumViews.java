package com.clientalbums.client.albums;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the album routes (snake_case on the wire). */
public final class AlbumViews {
    private AlbumViews() {}

    /**
     * One album in {@code GET /albums}.
     *
     * @param coverUrl null until a thumbnail exists, and for a client once the gallery has expired
     * @param expired  the gallery's expiry date has passed: a client who opens it gets 410
     */
    public record Summary(String albumId, String name, long photoCount, String coverUrl, Instant createdAt, boolean expired) {}

    public record AlbumList(List<Summary> albums) {}

    /**
     * {@code GET /albums/{album_id}}.
     *
     * @param downloads what the caller may download: {@code none | web | original | both}
     * @param expiresAt when the gallery expires; null when it does not
     * @param webSizePx the long edge of web-size photos
     * @param selectionLimit the most photos one person may choose (the photographer's proofing terms); null for no limit
     * @param selectionDue   the day the selection is due, {@code YYYY-MM-DD}; null for none
     */
    public record Detail(String albumId, String name, long photoCount, Instant createdAt, String downloads, Instant expiresAt,
                         int webSizePx, Integer selectionLimit, String selectionDue, List<Photo> photos) {}

    /**
     * One photo: its path inside the album (sub-folders kept), its size, a link to look at it
     * ({@code view_url}: the original only for a caller who may download originals, else the web-size
     * version, else the preview), links to its previews once they exist, and whether its web-size
     * rendition exists ({@code has_web}).
     */
    public record Photo(String path, long size, String viewUrl, String thumbnailUrl, String previewUrl, boolean previewsReady,
                        boolean hasWeb) {}
}

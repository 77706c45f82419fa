package com.clientalbums.client.albums;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the album routes (snake_case on the wire). */
public final class AlbumViews {
    private AlbumViews() {}

    /** One album in {@code GET /albums}. */
    public record Summary(String albumId, String name, long photoCount, String coverUrl, Instant createdAt) {}

    public record AlbumList(List<Summary> albums) {}

    /** {@code GET /albums/{album_id}}. */
    public record Detail(String albumId, String name, long photoCount, Instant createdAt, List<Photo> photos) {}

    /**
     * One photo: its path inside the album (sub-folders kept), its size, a link to the original,
     * and links to its previews once they exist.
     */
    public record Photo(String path, long size, String viewUrl, String thumbnailUrl, String previewUrl, boolean previewsReady) {}
}

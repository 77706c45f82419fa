package com.clientalbums.previews.job;

import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.WebSize;

/**
 * The web-size recipe of an album by its id, as the photo events need it: the album's record
 * under this function's {@code WEB_SIZE_PX}, or the defaults for an album not registered yet
 * (photos usually arrive before the album is registered; their renditions are remade by the
 * first build should the album get a watermark).
 */
public record AlbumWebSizes(AlbumRepository albums, int webSizePx) {
    public WebSize of(String albumId) {
        return albums.find(albumId).map(album -> WebSize.of(webSizePx, album)).orElseGet(() -> WebSize.defaults(webSizePx));
    }
}

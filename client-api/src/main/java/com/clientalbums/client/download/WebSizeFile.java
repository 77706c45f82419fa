package com.clientalbums.client.download;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.http.PhotoPaths;
import com.clientalbums.common.store.FileTypes;
import com.clientalbums.common.store.ObjectHead;
import com.clientalbums.common.store.ObjectHeads;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.previews.keys.PreviewKeys;

/**
 * Which object a web-size download of one file serves, by the rule of the web-size archive
 * ({@code docs/sharing.md}): an image's web-size rendition, a video or PDF itself when the album
 * includes them, and nothing for camera RAW. A rendition is served only when it is current — made
 * from the photo as it is now ({@code x-amz-meta-source-etag}) by the album's recipe as it is now
 * ({@code x-amz-meta-web-size}, the {@link WebSize#tag()}) — so a watermark added a minute ago is
 * never missing from a download; until the rebuild remakes it the answer is 404, as for a rendition
 * not made yet.
 */
final class WebSizeFile {
    private final ObjectHeads heads;
    private final int webSizePx;

    WebSizeFile(ObjectHeads heads, int webSizePx) {
        this.heads = heads;
        this.webSizePx = webSizePx;
    }

    /** 404 when the file has no web-size version, or its rendition is not made (for the album's recipe) yet. */
    ServedFile of(Album album, String path) {
        String albumId = album.albumId();
        String originalKey = S3Keys.photoKey(albumId, path);
        FileTypes.Kind kind = FileTypes.kind(path).orElseThrow(WebSizeFile::none);
        return switch (kind) {
            case IMAGE -> {
                ObjectHead rendition = heads.head(PreviewKeys.web(albumId, path)).orElseThrow(WebSizeFile::none);
                ObjectHead original = heads.head(originalKey).orElseThrow(() -> AlbumsException.notFound("Photo"));
                if (!PreviewKeys.isCurrentRendition(rendition.metadata(), original.etag(), WebSize.of(webSizePx, album).tag())) {
                    throw none();
                }
                yield new ServedFile(PreviewKeys.web(albumId, path), rendition.size(), PhotoPaths.baseName(PreviewKeys.webPath(path)), "image/jpeg");
            }
            case VIDEO, DOCUMENT -> {
                if (album.webOtherFiles() == WebSize.OtherFiles.OMIT) throw none();
                ObjectHead original = heads.head(originalKey).orElseThrow(() -> AlbumsException.notFound("Photo"));
                yield new ServedFile(originalKey, original.size(), PhotoPaths.baseName(path), null);
            }
            case RAW -> throw none();
        };
    }

    private static AlbumsException none() {
        return new AlbumsException(ErrorCode.NOT_FOUND, "No web-size version of this photo (yet).");
    }
}

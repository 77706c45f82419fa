package com.clientalbums.common.access;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;

/**
 * An album as one caller may see it, and what that caller may download of it.
 *
 * @param linkLabel the label of the share link a guest came by (what the studio knows the link
 *                  as, and its downloads are recorded under); empty for people signed in
 */
public record Viewing(Album album, Downloads downloads, String linkLabel) {
    public Viewing {
        linkLabel = linkLabel == null ? "" : linkLabel;
    }

    /** A signed-in person's view. */
    public Viewing(Album album, Downloads downloads) {
        this(album, downloads, "");
    }

    /** 403 with the API's error body when the caller may not download photos of {@code size}. */
    public void requireDownload(PhotoSize size) {
        if (downloads.allows(size)) return;
        throw new AlbumsException(ErrorCode.FORBIDDEN, switch (size) {
            case ORIGINAL -> downloads == Downloads.NONE
                    ? "Downloads are not included with this gallery." : "Original photos are not included with this gallery.";
            case WEB -> downloads == Downloads.NONE
                    ? "Downloads are not included with this gallery." : "Web-size photos are not included with this gallery.";
        });
    }
}

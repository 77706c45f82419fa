package com.clientalbums.common.error;

/**
 * An album has nothing to archive: no files, or only hidden files, system files and folder
 * markers. Not a failure to retry: the album waits for photos, and their events request the build.
 */
public final class EmptyAlbumException extends AlbumsException {
    private final int filesListed;

    public EmptyAlbumException(int filesListed) {
        super(ErrorCode.EMPTY_ALBUM, "Album has nothing to archive: " + filesListed
                + " file(s) listed, none of them a photo (hidden files, system files and folder markers are left out)");
        this.filesListed = filesListed;
    }

    public int filesListed() { return filesListed; }
}

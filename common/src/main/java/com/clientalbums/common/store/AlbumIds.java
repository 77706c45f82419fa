package com.clientalbums.common.store;

import com.clientalbums.common.error.AlbumsException;

import java.util.regex.Pattern;

/**
 * Album ids appear in S3 keys, table keys and URLs, so they are kept to a safe alphabet:
 * lowercase letters, digits and '-', 3 to 64 characters, starting with a letter or digit.
 */
public final class AlbumIds {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{2,63}");

    private AlbumIds() {}

    public static boolean isValid(String albumId) {
        return albumId != null && VALID.matcher(albumId).matches();
    }

    /** Returns the id, or throws a 400 that tells the photographer what an id may contain. */
    public static String require(String albumId) {
        if (!isValid(albumId)) {
            throw AlbumsException.badRequest(
                    "Album id must be 3-64 characters of lowercase letters, digits and '-', starting with a letter or digit");
        }
        return albumId;
    }
}

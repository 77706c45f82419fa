package com.clientalbums.common.store;

import com.clientalbums.common.error.AlbumsException;

import java.util.regex.Pattern;

/**
 * Album ids appear in S3 keys, table keys and URLs, so they are kept to a safe alphabet:
 * lowercase letters, digits and '-', 3 to 64 characters, starting with a letter or digit. The
 * front end and the scripts apply the same rule, all checked against {@code rules/shared-rules.json}.
 */
public final class AlbumIds {
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{" + (MIN_LENGTH - 1) + "," + (MAX_LENGTH - 1) + "}");

    private AlbumIds() {}

    public static boolean isValid(String albumId) {
        return albumId != null && VALID.matcher(albumId).matches();
    }

    /** Returns the id, or throws a 400 that tells the photographer what an id may contain. */
    public static String require(String albumId) {
        if (!isValid(albumId)) {
            throw AlbumsException.badRequest(
                    "Album id must be " + MIN_LENGTH + "-" + MAX_LENGTH + " characters of lowercase letters, digits and '-', starting with a letter or digit");
        }
        return albumId;
    }
}

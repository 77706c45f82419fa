package com.clientalbums.common.http;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.store.S3Keys;

import java.nio.charset.StandardCharsets;

/**
 * Checks a photo's path inside its album as a caller gives it ({@code ?file_name=} of a download,
 * the {@code path} of an upload): relative, in sub-folders at most, never climbing out of
 * {@code albums/{id}/photos/}. S3 keys are plain strings, so a {@code ..} would not escape
 * anything there by itself; the rule exists so that no path the API accepts means something else
 * to a browser, a file system or a ZIP tool later.
 */
public final class PhotoPaths {
    /** S3's limit on a key's length, in UTF-8 bytes. */
    public static final int MAX_BYTES = 1024;
    /**
     * Longest folder or file name a new photo may have, in UTF-8 bytes: client file systems take
     * 255 (with room left for the " (2)" a ZIP tool adds to a clash), and the local S3 stores a
     * name as a file beside a 37-byte temporary suffix (docs/local-runner.md). The front end and
     * {@code scripts/upload-album.sh} refuse the same names, all checked against
     * {@code rules/shared-rules.json}.
     */
    public static final int MAX_NAME_BYTES = 200;

    private PhotoPaths() {}

    /** Returns the path unchanged, or throws 400 naming the problem. */
    public static String require(String path) {
        String problem = problem(path);
        if (problem != null) throw AlbumsException.badRequest("Invalid file name: " + problem);
        return path;
    }

    /** The path within the album's photos, as a key: also within S3's 1,024-byte key limit. */
    public static String requireKey(String albumId, String path) {
        require(path);
        String key = S3Keys.photoKey(albumId, path);
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw AlbumsException.badRequest("Invalid file name: it is too long");
        }
        return key;
    }

    /**
     * Null when a new photo may be stored at {@code path}, else what is wrong: {@link #problem}, a
     * folder or file name over {@link #MAX_NAME_BYTES}, or a key over S3's limit. Only uploads
     * apply the name limit: a photo already in the bucket stays downloadable whatever its name.
     */
    public static String uploadProblem(String albumId, String path) {
        String problem = problem(path);
        if (problem != null) return problem;
        for (String name : path.split("/")) {
            int bytes = name.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_NAME_BYTES) {
                return "the name '" + name + "' is " + bytes + " bytes long; folder and file names may have at most "
                        + MAX_NAME_BYTES + " bytes (UTF-8)";
            }
        }
        if (S3Keys.photoKey(albumId, path).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) return "it is too long";
        return null;
    }

    /** Null when acceptable, else what is wrong (for a person). */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) return "it is empty";
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) return "it is longer than " + MAX_BYTES + " bytes";
        if (path.startsWith("/")) return "it must not start with '/'";
        if (path.indexOf('\\') >= 0) return "it must not contain '\\'";
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return "it must not contain control characters";
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1));
                if (!paired) return "it is not valid text";
                i++;
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) return "it must not contain empty folder names ('//' or a trailing '/')";
            if (segment.equals(".") || segment.equals("..")) return "it must not contain '.' or '..' as a folder";
        }
        return null;
    }

    /** The last segment: {@code Ceremony/IMG_0001.jpg} → {@code IMG_0001.jpg}. */
    public static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}

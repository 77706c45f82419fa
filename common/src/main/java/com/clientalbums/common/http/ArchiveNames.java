package com.clientalbums.common.http;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.PhotoSize;

/**
 * The file names an album's archive downloads under (both APIs show them): the album's name made
 * safe for a file ({@link ContentDisposition#safeName}) plus {@code .zip}, and for an album cut
 * into parts {@code "Smith Wedding (part 2 of 5).zip"}, so the files sort in order in a downloads
 * folder and each says how many belong together. The web-size archive says so in its name
 * ({@code "Smith Wedding (web size).zip"}, {@code "Smith Wedding (web size, part 2 of 3).zip"}), so a
 * client who downloads both sizes keeps two files apart.
 */
public final class ArchiveNames {
    private ArchiveNames() {}

    /**
     * The name of part {@code index} (0-based) of {@code count}: the album's own name when it comes
     * as one archive.
     */
    public static String part(Album album, int index, int count) {
        return part(album, PhotoSize.ORIGINAL, index, count);
    }

    /** The name of part {@code index} (0-based) of {@code count} of the archive of {@code size}. */
    public static String part(Album album, PhotoSize size, int index, int count) {
        String base = ContentDisposition.safeName(album.name() == null || album.name().isBlank() ? album.albumId() : album.name());
        String part = count <= 1 ? "" : "part " + (index + 1) + " of " + count;
        String qualifier = switch (size) {
            case ORIGINAL -> part;
            case WEB -> part.isEmpty() ? "web size" : "web size, " + part;
        };
        return qualifier.isEmpty() ? base + ".zip" : base + " (" + qualifier + ").zip";
    }
}

package com.clientalbums.common.http;

import com.clientalbums.common.album.Album;

/**
 * The file names an album's archive downloads under (both APIs show them): the album's name made
 * safe for a file ({@link ContentDisposition#safeName}) plus {@code .zip}, and for an album cut
 * into parts {@code "Smith Wedding (part 2 of 5).zip"}, so the files sort in order in a downloads
 * folder and each says how many belong together.
 */
public final class ArchiveNames {
    private ArchiveNames() {}

    /**
     * The name of part {@code index} (0-based) of {@code count}: the album's own name when it comes
     * as one archive.
     */
    public static String part(Album album, int index, int count) {
        String base = ContentDisposition.safeName(album.name() == null || album.name().isBlank() ? album.albumId() : album.name());
        return count <= 1 ? base + ".zip" : base + " (part " + (index + 1) + " of " + count + ").zip";
    }
}

package com.clientalbums.common.album;

import java.util.List;

/**
 * What a favourites archive holds ({@code docs/favourites.md}): the photos at {@code paths} of album
 * {@code albumId}, as they are when it is built. A favourites archive is an archive record in the
 * selection table, keyed {@code {album_id}.{hash of the sorted paths}}, with the album table's
 * attributes, so the one build engine claims, plans, builds, publishes and reports it exactly as an
 * album; only its photos are listed from the album it was chosen from and kept to these paths.
 *
 * @param albumId the album the photos were chosen from
 * @param paths   the chosen photos' paths relative to the album's {@code photos/}, sorted
 */
public record Selection(String albumId, List<String> paths) {
    public Selection {
        paths = paths.stream().sorted().distinct().toList();
    }
}

package com.clientalbums.admin.favourites;

import com.clientalbums.common.favourite.Favourites;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The JSON shapes of the studio's favourites routes (snake_case on the wire). */
public final class FavouriteViews {
    private FavouriteViews() {}

    /**
     * {@code GET /admin/albums/{album_id}/favourites}: the album's proofing terms and everyone who
     * chose photos in it or sent a selection.
     *
     * @param limit the album's selection limit; null for none
     * @param due   the day selections are due ({@code YYYY-MM-DD}); null for none
     */
    public record Listing(String albumId, Integer limit, String due, List<PersonFavourites> people) {}

    /**
     * One person's favourites.
     *
     * @param kind        {@code client | guest}
     * @param email       the client's address, or the one a guest gave; null when none
     * @param shareId     the link a guest came through; null for a client
     * @param shareLabel  that link's label, so the studio can say "guest via Family"; null for a client
     * @param paths       the chosen photos still in the album, sorted (a photo deleted since is left out)
     * @param submittedAt when the selection was sent; null while open
     */
    public record PersonFavourites(String personId, String kind, String name, String email, String shareId, String shareLabel,
                                   List<String> paths, int count, Instant updatedAt, Instant submittedAt) {

        /** @param photos the album's photos now, by path */
        static PersonFavourites of(Favourites favourites, Set<String> photos, String shareLabel) {
            List<String> paths = favourites.in(photos);
            var person = favourites.person();
            return new PersonFavourites(person.id(), person.kind().value(), person.name(), person.email(), person.shareId(),
                    shareLabel, paths, paths.size(), favourites.updatedAt(), favourites.submittedAt());
        }
    }
}

package com.clientalbums.common.favourite;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One person's favourites in one album, as the favourite table keeps them (key {@code album_id} +
 * {@code person_id}; attributes in brackets): {@code paths} (a string set of photo paths relative
 * to the album's {@code photos/}; absent when empty), {@code kind}, {@code name}, {@code email},
 * {@code share_id}, {@code created_at}, {@code updated_at} and, once sent to the photographer,
 * {@code submitted_at}. The set may still hold a photo deleted from the album since: readers keep
 * {@link #in} the album's photos, so it drops out of every list and archive without an error.
 *
 * @param submittedAt when the selection was sent to the photographer; null while open (a reopened one is open again)
 */
public record Favourites(String albumId, Person person, Set<String> paths, Instant createdAt, Instant updatedAt,
                         Instant submittedAt) {

    public Favourites {
        paths = Set.copyOf(paths);
    }

    public boolean submitted() {
        return submittedAt != null;
    }

    /** The favourites still in the album ({@code photos}: its photos' paths now), sorted. */
    public List<String> in(Set<String> photos) {
        return paths.stream().filter(photos::contains).sorted().toList();
    }
}

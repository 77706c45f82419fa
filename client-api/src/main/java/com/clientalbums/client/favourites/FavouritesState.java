package com.clientalbums.client.favourites;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET/POST /albums/{album_id}/favourites} and {@code …/favourites/submit} answer: the
 * caller's favourites (their selection) and the album's terms for it.
 *
 * @param paths       the caller's favourites still in the album, sorted
 * @param limit       the album's selection limit; null for none
 * @param due         the day the selection is due ({@code YYYY-MM-DD}); null for none
 * @param submittedAt when the selection was sent to the photographer; null while open
 * @param needsName   a guest who has not given a name: their first change asks for one
 * @param name        who the favourites are kept for; null before a guest gives a name
 */
public record FavouritesState(List<String> paths, int count, Integer limit, String due, Instant submittedAt,
                              boolean needsName, String name) {}

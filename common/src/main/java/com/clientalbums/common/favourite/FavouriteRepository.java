package com.clientalbums.common.favourite;

import com.clientalbums.common.album.Timestamps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The favourite table ({@code FAVOURITE_TABLE_NAME}; key {@code album_id} + {@code person_id}; the
 * item as {@link Favourites} describes it). Every change is one conditional write on the person's
 * item, so two tabs or two people changing favourites at once lose nothing, the limit holds however
 * many picks arrive together, and a submitted selection changes only when reopened.
 */
public final class FavouriteRepository {
    private final DynamoDbClient dynamo;
    private final String table;

    public FavouriteRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<Favourites> find(String albumId, String personId) {
        var item = dynamo.getItem(GetItemRequest.builder().tableName(table).consistentRead(true)
                .key(Map.of("album_id", AttributeValue.fromS(albumId), "person_id", AttributeValue.fromS(personId))).build());
        if (!item.hasItem() || item.item().isEmpty()) return Optional.empty();
        Map<String, AttributeValue> i = item.item();
        Person person = new Person(personId, Person.Kind.of(s(i, "kind")).orElse(null), s(i, "name"), s(i, "email"), s(i, "share_id"));
        AttributeValue paths = i.get("paths");
        return Optional.of(new Favourites(albumId, person, paths == null || !paths.hasSs() ? Set.of() : Set.copyOf(paths.ss()),
                Timestamps.parse(s(i, "created_at")), Timestamps.parse(s(i, "updated_at")), Timestamps.parse(s(i, "submitted_at"))));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    /** Everyone's favourites in the album, in the order of their person ids. */
    public List<Favourites> ofAlbum(String albumId) {
        throw new UnsupportedOperationException("issue 15, slice A");
    }

    /**
     * Adds {@code paths} (all in the album now: the caller checked) to the person's favourites,
     * creating the item, and records the person's name and e-mail. Paths in the set that are no
     * longer among {@code photos} (the album's paths now) do not count against {@code limit}, and
     * are dropped.
     *
     * @throws com.clientalbums.common.error.AlbumsException {@code SELECTION_LIMIT_REACHED} when the
     *         favourites in the album would exceed {@code limit}; {@code SELECTION_SUBMITTED} when submitted
     */
    public Favourites add(String albumId, Person person, Collection<String> paths, int limit, Set<String> photos, Instant now) {
        throw new UnsupportedOperationException("issue 15, slice A");
    }

    /**
     * Removes {@code paths} from the person's favourites (a path not there is no error).
     *
     * @throws com.clientalbums.common.error.AlbumsException {@code SELECTION_SUBMITTED} when submitted
     */
    public Favourites remove(String albumId, Person person, Collection<String> paths, Instant now) {
        throw new UnsupportedOperationException("issue 15, slice A");
    }

    /**
     * Sends the selection to the photographer: {@code submitted_at} set, if not already. The
     * caller checked it holds at least one photo in the album.
     */
    public Favourites submit(String albumId, String personId, Instant now) {
        throw new UnsupportedOperationException("issue 15, slice A");
    }

    /** The photographer reopens a submitted selection; empty when the person has no favourites item. */
    public Optional<Favourites> reopen(String albumId, String personId, Instant now) {
        throw new UnsupportedOperationException("issue 15, slice A");
    }
}

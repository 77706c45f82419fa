package com.clientalbums.common.favourite;

import com.clientalbums.common.album.Timestamps;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.ArrayList;
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
        var result = dynamo.getItem(g -> g.tableName(table).key(key(albumId, personId)).consistentRead(true));
        return result.hasItem() && !result.item().isEmpty() ? Optional.of(favourites(result.item())) : Optional.empty();
    }

    /** Everyone's favourites in the album, in the order of their person ids, reading every page. */
    public List<Favourites> ofAlbum(String albumId) {
        List<Favourites> all = new ArrayList<>();
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("album_id = :album")
                .expressionAttributeValues(Map.of(":album", AttributeValue.fromS(albumId))).build();
        for (var page : dynamo.queryPaginator(request)) page.items().forEach(i -> all.add(favourites(i)));
        return all;
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
        return update(albumId, personId, "SET submitted_at = if_not_exists(submitted_at, :now), updated_at = :now", now)
                .orElseThrow(() -> new AlbumsException(ErrorCode.NO_FAVOURITES, "You have no favourites in this album to send"));
    }

    /** The photographer reopens a submitted selection; empty when the person has no favourites item. */
    public Optional<Favourites> reopen(String albumId, String personId, Instant now) {
        return update(albumId, personId, "SET updated_at = :now REMOVE submitted_at", now);
    }

    /** One write on the person's existing item, answered as written; empty when there is no such item. */
    private Optional<Favourites> update(String albumId, String personId, String expression, Instant now) {
        try {
            var result = dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(key(albumId, personId))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(person_id)")
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(Timestamps.format(now))))
                    .returnValues(ReturnValue.ALL_NEW).build());
            return Optional.of(favourites(result.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    private static Map<String, AttributeValue> key(String albumId, String personId) {
        return Map.of("album_id", AttributeValue.fromS(albumId), "person_id", AttributeValue.fromS(personId));
    }

    private static Favourites favourites(Map<String, AttributeValue> item) {
        String personId = item.get("person_id").s();
        // An item written before its kind was recorded still says which kind by its id.
        Person.Kind kind = Person.Kind.of(text(item, "kind"))
                .orElse(personId.startsWith("guest:") ? Person.Kind.GUEST : Person.Kind.CLIENT);
        Person person = new Person(personId, kind, text(item, "name"), text(item, "email"), text(item, "share_id"));
        AttributeValue paths = item.get("paths");
        return new Favourites(item.get("album_id").s(), person, paths == null || !paths.hasSs() ? Set.of() : Set.copyOf(paths.ss()),
                Timestamps.parse(text(item, "created_at")), Timestamps.parse(text(item, "updated_at")),
                Timestamps.parse(text(item, "submitted_at")));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}

package com.clientalbums.common.favourite;

import com.clientalbums.common.album.Timestamps;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The favourite table ({@code FAVOURITE_TABLE_NAME}; key {@code album_id} + {@code person_id}; the
 * item as {@link Favourites} describes it). Every change is one conditional write on the person's
 * item, so two tabs or two people changing favourites at once lose nothing, the limit holds however
 * many picks arrive together, and a submitted selection changes only when reopened.
 *
 * <p>The set is changed with DynamoDB's own set operations ({@code ADD}/{@code DELETE} on the
 * string set), which never lose a concurrent change; the limit is a condition on the set's
 * {@code size()}. A refused condition does not say which part failed, so the item is read again
 * to tell a submitted selection or a full one from a read that was already stale (then the write is
 * tried again, a bounded number of times with jitter). dynalite, the local DynamoDB, implements
 * all three the way DynamoDB does ({@code FavouriteRepositoryTest} runs against it).
 */
public final class FavouriteRepository {
    /** Attempts of one change whose condition failed on a stale read; contention on one person's item is two tabs at most. */
    static final int MAX_ATTEMPTS = 8;
    private static final Duration MAX_BACK_OFF = Duration.ofMillis(100);
    private static final Map<String, String> NAMES = Map.of("#paths", "paths", "#name", "name", "#kind", "kind",
            "#email", "email", "#share", "share_id", "#created", "created_at", "#updated", "updated_at",
            "#submitted", "submitted_at", "#person", "person_id");
    private static final String EXISTS = "attribute_exists(#person)";
    private static final String OPEN = "attribute_not_exists(#submitted)";

    private final DynamoDbClient dynamo;
    private final String table;

    public FavouriteRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The person's favourites, read consistently; empty when they never had any. */
    public Optional<Favourites> find(String albumId, String personId) {
        var result = dynamo.getItem(g -> g.tableName(table).key(key(albumId, personId)).consistentRead(true));
        return result.hasItem() && !result.item().isEmpty() ? Optional.of(favourites(result.item())) : Optional.empty();
    }

    /** Everyone's favourites in the album, in the order of their person ids, reading every page. */
    public List<Favourites> ofAlbum(String albumId) {
        List<Favourites> all = new ArrayList<>();
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("album_id = :album")
                .expressionAttributeValues(Map.of(":album", s(albumId))).build();
        for (var page : dynamo.queryPaginator(request)) page.items().forEach(i -> all.add(favourites(i)));
        return all;
    }

    /**
     * Adds {@code paths} (all in the album now: the caller checked) to the person's favourites,
     * creating the item, and records the person's name and e-mail. Paths in the set that are no
     * longer among {@code photos} (the album's paths now) do not count against {@code limit}, and
     * are dropped.
     *
     * @throws AlbumsException {@code SELECTION_LIMIT_REACHED} when the favourites in the album would
     *         exceed {@code limit}; {@code SELECTION_SUBMITTED} when submitted
     */
    public Favourites add(String albumId, Person person, Collection<String> paths, int limit, Set<String> photos, Instant now) {
        if (paths.isEmpty()) throw new IllegalArgumentException("nothing to add");
        for (int attempt = 1; ; attempt++) {
            Optional<Favourites> read = find(albumId, person.id());
            if (read.isPresent() && read.get().submitted()) throw submitted();
            Set<String> gone = new LinkedHashSet<>(read.map(Favourites::paths).orElse(Set.of()));
            gone.removeAll(photos);
            if (!gone.isEmpty()) {
                // Its own write: one expression may not both ADD to and DELETE from the same set.
                read = drop(albumId, person.id(), gone);
                if (read.isEmpty()) continue; // submitted meanwhile: the next read says so
            }
            Set<String> fresh = new LinkedHashSet<>(paths);
            read.ifPresent(f -> fresh.removeAll(f.paths()));
            if (fresh.isEmpty()) return read.orElseThrow();
            int held = read.map(f -> f.in(photos).size()).orElse(0);
            if (held + fresh.size() > limit) throw limitReached(limit);
            try {
                return favourites(dynamo.updateItem(u -> u.tableName(table).key(key(albumId, person.id()))
                        .updateExpression(addExpression(person))
                        // A set of at most room, plus fresh (some of which may be there by now), stays within the limit.
                        .conditionExpression(OPEN + " AND (attribute_not_exists(#paths) OR size(#paths) <= :room)")
                        .expressionAttributeNames(addNames(person))
                        .expressionAttributeValues(addValues(person, fresh, limit - fresh.size(), now))
                        .returnValues(ReturnValue.ALL_NEW)).attributes());
            } catch (ConditionalCheckFailedException refused) {
                Optional<Favourites> current = find(albumId, person.id());
                if (current.isPresent() && current.get().submitted()) throw submitted();
                Set<String> after = new LinkedHashSet<>(current.map(Favourites::paths).orElse(Set.of()));
                after.addAll(fresh);
                if (after.stream().filter(photos::contains).count() > limit) throw limitReached(limit);
                // The read was stale (another tab added some of these, a photo gone meanwhile still
                // counted, the item deleted with the album): read and try again.
                backOff(attempt);
            }
        }
    }

    /**
     * Removes {@code paths} from the person's favourites (a path not there is no error; a person
     * without favourites gets their empty list back).
     *
     * @throws AlbumsException {@code SELECTION_SUBMITTED} when submitted
     */
    public Favourites remove(String albumId, Person person, Collection<String> paths, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return favourites(dynamo.updateItem(u -> u.tableName(table).key(key(albumId, person.id()))
                        .updateExpression("DELETE #paths :paths SET #updated = :now")
                        // Without "exists", DELETE on no item would create one holding only its key.
                        .conditionExpression(EXISTS + " AND " + OPEN)
                        .expressionAttributeNames(names("#paths", "#updated", "#person", "#submitted"))
                        .expressionAttributeValues(Map.of(":paths", AttributeValue.fromSs(List.copyOf(Set.copyOf(paths))),
                                ":now", s(Timestamps.format(now))))
                        .returnValues(ReturnValue.ALL_NEW)).attributes());
            } catch (ConditionalCheckFailedException refused) {
                Optional<Favourites> read = find(albumId, person.id());
                if (read.isEmpty()) return new Favourites(albumId, person, Set.of(), null, null, null);
                if (read.get().submitted()) throw submitted();
                // Made or reopened between the write and the read: remove from it as it is now.
                backOff(attempt);
            }
        }
    }

    /**
     * Sends the selection to the photographer: {@code submitted_at} set, if not already. The
     * caller checked it holds at least one photo in the album.
     *
     * @throws AlbumsException {@code NO_FAVOURITES} when the person has no favourites (left)
     */
    public Favourites submit(String albumId, String personId, Instant now) {
        try {
            return favourites(dynamo.updateItem(u -> u.tableName(table).key(key(albumId, personId))
                    .updateExpression("SET #submitted = :now, #updated = :now")
                    .conditionExpression("attribute_exists(#paths) AND " + OPEN)
                    .expressionAttributeNames(names("#paths", "#submitted", "#updated"))
                    .expressionAttributeValues(Map.of(":now", s(Timestamps.format(now))))
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException refused) {
            Optional<Favourites> read = find(albumId, personId);
            if (read.isPresent() && read.get().submitted()) return read.get(); // sent twice: as it is
            throw noFavourites();
        }
    }

    /** The photographer reopens a submitted selection; empty when the person has no favourites item. */
    public Optional<Favourites> reopen(String albumId, String personId, Instant now) {
        try {
            return Optional.of(favourites(dynamo.updateItem(u -> u.tableName(table).key(key(albumId, personId))
                    .updateExpression("REMOVE #submitted SET #updated = :now")
                    .conditionExpression(EXISTS)
                    .expressionAttributeNames(names("#submitted", "#updated", "#person"))
                    .expressionAttributeValues(Map.of(":now", s(Timestamps.format(now))))
                    .returnValues(ReturnValue.ALL_NEW)).attributes()));
        } catch (ConditionalCheckFailedException none) {
            return Optional.empty();
        }
    }

    /**
     * A link's guest gave a name ({@code POST /share/visitor}): their item, with no favourites yet,
     * so the link's next session finds them by the visitor id their browser kept. A guest who gave
     * a name before keeps their favourites; the name is updated, and the e-mail when one is given.
     */
    public Favourites saveVisitor(String albumId, Person guest, Instant now) {
        if (guest.kind() != Person.Kind.GUEST) throw new IllegalArgumentException("only a guest is a visitor");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":name", s(guest.name()), ":kind", s(guest.kind().value()),
                ":share", s(guest.shareId()), ":now", s(Timestamps.format(now))));
        String set = "SET #name = :name, #kind = :kind, #share = :share, #updated = :now, #created = if_not_exists(#created, :now)";
        List<String> used = new ArrayList<>(List.of("#name", "#kind", "#share", "#updated", "#created"));
        if (guest.email() != null) {
            set += ", #email = :email";
            used.add("#email");
            values.put(":email", s(guest.email()));
        }
        String expression = set;
        return favourites(dynamo.updateItem(u -> u.tableName(table).key(key(albumId, guest.id()))
                .updateExpression(expression)
                .expressionAttributeNames(names(used.toArray(String[]::new)))
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)).attributes());
    }

    // ---- writes' parts ------------------------------------------------------------------------

    /** Drops paths no longer in the album; empty when the selection is submitted (it stays as sent). */
    private Optional<Favourites> drop(String albumId, String personId, Set<String> gone) {
        try {
            return Optional.of(favourites(dynamo.updateItem(u -> u.tableName(table).key(key(albumId, personId))
                    .updateExpression("DELETE #paths :gone")
                    .conditionExpression(EXISTS + " AND " + OPEN)
                    .expressionAttributeNames(names("#paths", "#person", "#submitted"))
                    .expressionAttributeValues(Map.of(":gone", AttributeValue.fromSs(List.copyOf(gone))))
                    .returnValues(ReturnValue.ALL_NEW)).attributes()));
        } catch (ConditionalCheckFailedException submittedMeanwhile) {
            return Optional.empty();
        }
    }

    private static String addExpression(Person person) {
        // A guest's name is theirs to change (saveVisitor); an older session's name must not undo it.
        String name = person.kind() == Person.Kind.GUEST ? "#name = if_not_exists(#name, :name)" : "#name = :name";
        return "ADD #paths :fresh SET " + name + ", #kind = :kind, #updated = :now, #created = if_not_exists(#created, :now)"
                + (person.email() != null ? ", #email = :email" : "")
                + (person.shareId() != null ? ", #share = :share" : "");
    }

    private static Map<String, String> addNames(Person person) {
        List<String> used = new ArrayList<>(List.of("#paths", "#name", "#kind", "#updated", "#created", "#submitted"));
        if (person.email() != null) used.add("#email");
        if (person.shareId() != null) used.add("#share");
        return names(used.toArray(String[]::new));
    }

    private static Map<String, AttributeValue> addValues(Person person, Set<String> fresh, int room, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":fresh", AttributeValue.fromSs(List.copyOf(fresh)),
                ":name", s(person.name()), ":kind", s(person.kind().value()), ":now", s(Timestamps.format(now)),
                ":room", AttributeValue.fromN(Integer.toString(room))));
        if (person.email() != null) values.put(":email", s(person.email()));
        if (person.shareId() != null) values.put(":share", s(person.shareId()));
        return values;
    }

    /** DynamoDB refuses expression names an expression does not use: only those it does. */
    private static Map<String, String> names(String... used) {
        Map<String, String> names = new HashMap<>();
        for (String n : used) names.put(n, NAMES.get(n));
        return names;
    }

    private static void backOff(int attempt) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new AlbumsException(ErrorCode.UNAVAILABLE, "Your favourites are changing in another window. Please try again.");
        }
        // Full jitter: writers that failed together do not all come back together.
        long ceiling = Math.min(MAX_BACK_OFF.toMillis(), 5L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while changing favourites", e);
        }
    }

    // ---- errors -------------------------------------------------------------------------------

    private static AlbumsException submitted() {
        return new AlbumsException(ErrorCode.SELECTION_SUBMITTED,
                "Your selection was sent to the photographer. Ask them to reopen it to make changes.");
    }

    static AlbumsException limitReached(int limit) {
        return new AlbumsException(ErrorCode.SELECTION_LIMIT_REACHED,
                "You can choose up to " + limit + " photos. Remove one to choose another.");
    }

    private static AlbumsException noFavourites() {
        return new AlbumsException(ErrorCode.NO_FAVOURITES, "You have no favourites in this album yet.");
    }

    // ---- items --------------------------------------------------------------------------------

    private static Map<String, AttributeValue> key(String albumId, String personId) {
        return Map.of("album_id", s(albumId), "person_id", s(personId));
    }

    private static AttributeValue s(String value) { return AttributeValue.fromS(value); }

    private static Favourites favourites(Map<String, AttributeValue> item) {
        String personId = item.get("person_id").s();
        Person.Kind kind = Person.Kind.of(str(item, "kind"))
                .orElseThrow(() -> new IllegalStateException("favourite item " + personId + " has no kind"));
        Person person = new Person(personId, kind, str(item, "name"), str(item, "email"), str(item, "share_id"));
        AttributeValue paths = item.get("paths");
        return new Favourites(item.get("album_id").s(), person, paths == null ? Set.of() : Set.copyOf(paths.ss()),
                Timestamps.parse(str(item, "created_at")), Timestamps.parse(str(item, "updated_at")),
                Timestamps.parse(str(item, "submitted_at")));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}

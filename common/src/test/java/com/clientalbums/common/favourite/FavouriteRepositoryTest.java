package com.clientalbums.common.favourite;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The favourite table's writes against the local DynamoDB: sets, the limit, the lock, photos gone since. */
class FavouriteRepositoryTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00.000Z");
    static final Person ANN = new Person("client:ann@example.com", Person.Kind.CLIENT, "Ann", "ann@example.com", null);
    static final Set<String> PHOTOS = Set.of("a.jpg", "b.jpg", "c.jpg", "d.jpg", "Party/e.jpg");

    static FavouriteRepository favourites;

    @BeforeAll
    static void setUp() {
        favourites = new FavouriteRepository(aws.clients().dynamo(), aws.names().favouriteTable());
    }

    static Map<String, AttributeValue> item(String albumId, String personId) {
        return aws.clients().dynamo().getItem(g -> g.tableName(aws.names().favouriteTable()).consistentRead(true)
                .key(Map.of("album_id", AttributeValue.fromS(albumId), "person_id", AttributeValue.fromS(personId)))).item();
    }

    static ErrorCode refusal(Runnable change) {
        return assertThrows(AlbumsException.class, change::run).code();
    }

    @Test
    void aFirstPickCreatesThePersonsItemAndLaterPicksAddToItsSet() {
        favourites.add("fav-create", ANN, List.of("a.jpg", "Party/e.jpg"), 10, PHOTOS, T0);
        Favourites after = favourites.add("fav-create", ANN, List.of("b.jpg", "a.jpg"), 10, PHOTOS, T0.plusSeconds(60));
        assertEquals(Set.of("a.jpg", "b.jpg", "Party/e.jpg"), after.paths());
        assertEquals(T0, after.createdAt(), "created once");
        assertEquals(T0.plusSeconds(60), after.updatedAt());
        var item = item("fav-create", ANN.id());
        assertEquals("client", item.get("kind").s());
        assertEquals("Ann", item.get("name").s());
        assertEquals("ann@example.com", item.get("email").s());
        assertFalse(item.containsKey("share_id"));
    }

    @Test
    void removingTheLastPhotoLeavesNoSetAndRemovingFromNoItemWritesNothing() {
        favourites.add("fav-remove", ANN, List.of("a.jpg"), 10, PHOTOS, T0);
        Favourites after = favourites.remove("fav-remove", ANN, List.of("a.jpg", "never-there.jpg"), T0);
        assertEquals(Set.of(), after.paths());
        assertFalse(item("fav-remove", ANN.id()).containsKey("paths"), "an empty set is no attribute");

        Favourites none = favourites.remove("fav-remove-none", ANN, List.of("a.jpg"), T0);
        assertEquals(Set.of(), none.paths());
        assertTrue(item("fav-remove-none", ANN.id()).isEmpty(), "no item made by a removal");
    }

    @Test
    void aPickBeyondTheLimitIsRefusedAndChangesNothing() {
        favourites.add("fav-limit", ANN, List.of("a.jpg", "b.jpg"), 3, PHOTOS, T0);
        assertEquals(ErrorCode.SELECTION_LIMIT_REACHED,
                refusal(() -> favourites.add("fav-limit", ANN, List.of("c.jpg", "d.jpg"), 3, PHOTOS, T0)));
        assertEquals(Set.of("a.jpg", "b.jpg"), favourites.find("fav-limit", ANN.id()).orElseThrow().paths());
        assertEquals(Set.of("a.jpg", "b.jpg", "c.jpg"),
                favourites.add("fav-limit", ANN, List.of("c.jpg"), 3, PHOTOS, T0).paths());
        assertEquals(Set.of("a.jpg", "b.jpg", "c.jpg"),
                favourites.add("fav-limit", ANN, List.of("a.jpg"), 3, PHOTOS, T0).paths(), "a photo already chosen is no new pick");
    }

    @Test
    void tenSimultaneousPicksWithRoomForThreeAddExactlyThree() throws Exception {
        List<String> photos = new ArrayList<>();
        for (int i = 0; i < 10; i++) photos.add("IMG_" + i + ".jpg");
        Set<String> album = Set.copyOf(photos);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> picks = new ArrayList<>();
            for (String photo : photos) {
                picks.add(pool.submit(() -> {
                    start.await();
                    try {
                        favourites.add("fav-race", ANN, List.of(photo), 3, album, Instant.now());
                        return true;
                    } catch (AlbumsException e) {
                        assertEquals(ErrorCode.SELECTION_LIMIT_REACHED, e.code());
                        return false;
                    }
                }));
            }
            start.countDown();
            int added = 0;
            for (var pick : picks) if (pick.get()) added++;
            assertEquals(3, added);
            assertEquals(3, favourites.find("fav-race", ANN.id()).orElseThrow().paths().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPhotoGoneFromTheAlbumNoLongerCountsAndTheNextPickDropsIt() {
        favourites.add("fav-gone", ANN, List.of("a.jpg", "b.jpg", "c.jpg"), 3, PHOTOS, T0);
        Set<String> withoutB = Set.of("a.jpg", "c.jpg", "d.jpg");
        Favourites after = favourites.add("fav-gone", ANN, List.of("d.jpg"), 3, withoutB, T0);
        assertEquals(Set.of("a.jpg", "c.jpg", "d.jpg"), after.paths());
        assertEquals(List.of("a.jpg", "c.jpg", "d.jpg"), after.in(withoutB));
    }

    @Test
    void aSubmittedSelectionIsLockedUntilReopenedAndSubmittingTwiceKeepsTheFirstTime() {
        favourites.add("fav-lock", ANN, List.of("a.jpg"), 3, PHOTOS, T0);
        Favourites sent = favourites.submit("fav-lock", ANN.id(), T0.plusSeconds(1));
        assertEquals(T0.plusSeconds(1), sent.submittedAt());
        assertEquals(T0.plusSeconds(1), favourites.submit("fav-lock", ANN.id(), T0.plusSeconds(2)).submittedAt());
        assertEquals(ErrorCode.SELECTION_SUBMITTED, refusal(() -> favourites.add("fav-lock", ANN, List.of("b.jpg"), 3, PHOTOS, T0)));
        assertEquals(ErrorCode.SELECTION_SUBMITTED, refusal(() -> favourites.remove("fav-lock", ANN, List.of("a.jpg"), T0)));
        // A photo gone since stays in a submitted selection as it was sent.
        assertEquals(ErrorCode.SELECTION_SUBMITTED,
                refusal(() -> favourites.add("fav-lock", ANN, List.of("b.jpg"), 3, Set.of("b.jpg"), T0)));
        assertEquals(Set.of("a.jpg"), favourites.find("fav-lock", ANN.id()).orElseThrow().paths());

        Favourites reopened = favourites.reopen("fav-lock", ANN.id(), T0.plusSeconds(3)).orElseThrow();
        assertNull(reopened.submittedAt());
        assertEquals(Set.of("a.jpg", "b.jpg"), favourites.add("fav-lock", ANN, List.of("b.jpg"), 3, PHOTOS, T0).paths());
        assertTrue(favourites.reopen("fav-lock", "client:nobody@example.com", T0).isEmpty());
    }

    @Test
    void submittingWithNoFavouritesIsRefused() {
        assertEquals(ErrorCode.NO_FAVOURITES, refusal(() -> favourites.submit("fav-submit-none", ANN.id(), T0)));
        favourites.add("fav-submit-none", ANN, List.of("a.jpg"), 3, PHOTOS, T0);
        favourites.remove("fav-submit-none", ANN, List.of("a.jpg"), T0);
        assertEquals(ErrorCode.NO_FAVOURITES, refusal(() -> favourites.submit("fav-submit-none", ANN.id(), T0)));
    }

    @Test
    void aVisitorsItemKeepsTheirEmailAndNewestNameWhenTheirPicksCarryNeither() {
        Person guest = new Person(Person.guestId("s1", "v".repeat(22)), Person.Kind.GUEST, "Bea", "bea@example.com", "s1");
        Favourites saved = favourites.saveVisitor("fav-visitor", guest, T0);
        assertEquals(Set.of(), saved.paths());
        assertEquals("s1", saved.person().shareId());
        Person fromSession = new Person(guest.id(), Person.Kind.GUEST, "Bea", null, "s1");
        favourites.add("fav-visitor", fromSession, List.of("a.jpg"), 10, PHOTOS, T0);
        Favourites renamed = favourites.saveVisitor("fav-visitor",
                new Person(guest.id(), Person.Kind.GUEST, "Bea Lee", null, "s1"), T0.plusSeconds(5));
        assertEquals(Set.of("a.jpg"), renamed.paths(), "giving a name again keeps the favourites");
        assertEquals("Bea Lee", renamed.person().name());
        assertEquals("bea@example.com", renamed.person().email());
        assertEquals(T0, renamed.createdAt());
        Favourites fromOlderSession = favourites.add("fav-visitor", fromSession, List.of("b.jpg"), 10, PHOTOS, T0.plusSeconds(9));
        assertEquals("Bea Lee", fromOlderSession.person().name(), "a session signed before the new name does not undo it");
    }

    @Test
    void everyonesFavouritesInAnAlbumAreListedInPersonIdOrder() {
        for (int i = 0; i < 30; i++) {
            Person p = new Person(String.format("client:p%02d@example.com", i), Person.Kind.CLIENT, "P" + i, null, null);
            favourites.add("fav-all", p, List.of("a.jpg"), 10, PHOTOS, T0);
        }
        favourites.add("fav-other", ANN, List.of("a.jpg"), 10, PHOTOS, T0);
        List<Favourites> all = favourites.ofAlbum("fav-all");
        assertEquals(30, all.size());
        assertEquals("client:p00@example.com", all.getFirst().person().id());
        assertEquals("client:p29@example.com", all.getLast().person().id());
        assertNotNull(all.getFirst().updatedAt());
    }
}

package com.clientalbums.admin.handler;

import com.clientalbums.common.album.Timestamps;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.auth.GuestSessions;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.favourite.FavouriteRepository;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.WebSizes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.clientalbums.admin.handler.StudioApiFixture.STUDIO;
import static com.clientalbums.admin.handler.StudioApiFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The studio's favourites routes through the admin API's Lambda entry point, on loopback S3 and
 * DynamoDB: favourites are seeded as the favourite table holds them (see
 * {@code common/…/favourite/Favourites.java}), the album's photos are real objects.
 */
class FavouriteRoutesTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    @Order(2)
    static final StudioApiFixture api = StudioApiFixture.on(aws);

    static final Instant EARLIER = Instant.parse("2026-11-01T10:00:00Z");
    static final Instant LATER = Instant.parse("2026-11-02T10:00:00Z");

    static FavouriteRepository favourites;

    @BeforeAll
    static void setUp() {
        favourites = new FavouriteRepository(aws.clients().dynamo(), aws.names().favouriteTable());
    }

    // ---- helpers ------------------------------------------------------------------------------

    static void putPhoto(String albumId, String path) {
        aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, path)),
                RequestBody.fromString("photo " + path));
    }

    /** An album registered with {@code paths} as its photos. */
    static String album(String albumId, String... paths) {
        for (String path : paths) putPhoto(albumId, path);
        var listing = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(api.albums().register(albumId, albumId, STUDIO, listing.size(), Fingerprint.of(listing, WebSizes.DEFAULT), Instant.now()));
        return albumId;
    }

    /** A person's item as the favourite table holds it; no paths writes none (an empty set cannot be stored). */
    static void seed(String albumId, String personId, String kind, String name, String email, String shareId, String... paths) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("album_id", AttributeValue.fromS(albumId));
        item.put("person_id", AttributeValue.fromS(personId));
        item.put("kind", AttributeValue.fromS(kind));
        item.put("name", AttributeValue.fromS(name));
        if (email != null) item.put("email", AttributeValue.fromS(email));
        if (shareId != null) item.put("share_id", AttributeValue.fromS(shareId));
        if (paths.length > 0) item.put("paths", AttributeValue.fromSs(List.of(paths)));
        item.put("created_at", AttributeValue.fromS(Timestamps.format(EARLIER)));
        item.put("updated_at", AttributeValue.fromS(Timestamps.format(EARLIER)));
        aws.clients().dynamo().putItem(p -> p.tableName(aws.names().favouriteTable()).item(item));
    }

    static void client(String albumId, String email, String name, String... paths) {
        seed(albumId, "client:" + email, "client", name, email, null, paths);
    }

    static String shareLink(String albumId, String label) {
        return api.answer(201, ApiEvents.post("/admin/albums/" + albumId + "/shares").bearer(api.admin())
                .body("{\"label\":\"" + label + "\",\"downloads\":\"both\"}")).get("share_id").asText();
    }

    static JsonNode listing(String albumId) {
        return api.answer(200, ApiEvents.get("/admin/albums/" + albumId + "/favourites").bearer(api.admin()));
    }

    static ApiEvents.Request reopen(String albumId, String body) {
        return ApiEvents.post("/admin/albums/" + albumId + "/favourites/reopen").bearer(api.admin()).body(body);
    }

    static List<String> ids(JsonNode listing) {
        List<String> ids = new ArrayList<>();
        listing.get("people").forEach(p -> ids.add(p.get("person_id").asText()));
        return ids;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    // ---- the listing --------------------------------------------------------------------------

    @Test
    void everyoneWithFavouritesIsListedSentSelectionsFirstThenByNameWithAGuestsLinkLabel() {
        String albumId = album("fav-listing", "IMG_1.jpg", "IMG_2.jpg", "IMG_3.jpg", "IMG_4.jpg", "IMG_5.jpg", "Reception/IMG_6.jpg");
        String shareId = shareLink(albumId, "Family");
        String guest = "guest:" + shareId + ":" + "Zo3VisitorIdOf22chars_";
        assertTrue(Caller.Visitor.isWellFormedId(guest.substring(guest.lastIndexOf(':') + 1)));
        client(albumId, "ann@example.com", "Ann Lee", "Reception/IMG_6.jpg", "IMG_1.jpg");
        client(albumId, "bob@example.com", "bob", "IMG_2.jpg", "IMG_3.jpg");
        client(albumId, "emile@example.com", "Émile", "IMG_5.jpg");
        client(albumId, "zed@example.com", "Zed", "IMG_5.jpg", "IMG_1.jpg");
        seed(albumId, guest, "guest", "Zoë", "zoe@example.com", shareId, "IMG_4.jpg");
        client(albumId, "carl@example.com", "Carl");
        client(albumId, "dora@example.com", "Dora", "IMG_deleted_long_ago.jpg");
        client("fav-elsewhere", "ann@example.com", "Ann Lee", "IMG_1.jpg");
        favourites.submit(albumId, "client:ann@example.com", EARLIER);
        favourites.submit(albumId, guest, LATER);
        aws.clients().s3().deleteObject(d -> d.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, "IMG_3.jpg")));

        JsonNode listing = listing(albumId);

        assertEquals(albumId, listing.get("album_id").asText());
        assertEquals(List.of(guest, "client:ann@example.com", "client:bob@example.com", "client:emile@example.com", "client:zed@example.com"),
                ids(listing), "sent (newest first), then by name, accents and case read as letters; Carl and Dora have nothing in the album");
        JsonNode zoe = listing.get("people").get(0);
        assertEquals("guest", zoe.get("kind").asText());
        assertEquals("Zoë", zoe.get("name").asText());
        assertEquals("zoe@example.com", zoe.get("email").asText());
        assertEquals(shareId, zoe.get("share_id").asText());
        assertEquals("Family", zoe.get("share_label").asText());
        assertEquals(Timestamps.format(LATER), zoe.get("submitted_at").asText());
        JsonNode ann = listing.get("people").get(1);
        assertEquals("client", ann.get("kind").asText());
        assertEquals("Ann Lee", ann.get("name").asText());
        assertTrue(ann.get("share_id").isNull() && ann.get("share_label").isNull());
        assertEquals(List.of("IMG_1.jpg", "Reception/IMG_6.jpg"), texts(ann.get("paths")), "sorted, sub-folders kept");
        assertEquals(2, ann.get("count").asInt());
        assertEquals(Timestamps.format(EARLIER), ann.get("submitted_at").asText());
        JsonNode bob = listing.get("people").get(2);
        assertEquals(List.of("IMG_2.jpg"), texts(bob.get("paths")), "the deleted photo is left out");
        assertEquals(1, bob.get("count").asInt());
        assertTrue(bob.get("submitted_at").isNull());
        assertFalse(bob.get("updated_at").isNull());
        assertTrue(listing.get("limit").isNull() && listing.get("due").isNull());
    }

    @Test
    void theListingCarriesTheAlbumsProofingTermsAndAnAlbumWithoutFavouritesListsNobody() {
        String albumId = album("fav-terms", "IMG_1.jpg");
        api.answer(200, ApiEvents.patch("/admin/albums/" + albumId).bearer(api.admin()).body("{\"selection_limit\":40,\"selection_due\":\"2027-03-01\"}"));
        JsonNode listing = listing(albumId);
        assertEquals(40, listing.get("limit").asInt());
        assertEquals("2027-03-01", listing.get("due").asText());
        assertEquals(0, listing.get("people").size());
    }

    @Test
    void aSentSelectionWhosePhotosWereAllDeletedIsStillListedSoThePhotographerHearsOfIt() {
        String albumId = album("fav-all-gone", "IMG_1.jpg", "IMG_2.jpg");
        client(albumId, "ann@example.com", "Ann", "IMG_2.jpg");
        favourites.submit(albumId, "client:ann@example.com", LATER);
        aws.clients().s3().deleteObject(d -> d.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, "IMG_2.jpg")));

        JsonNode ann = listing(albumId).get("people").get(0);
        assertEquals(0, ann.get("count").asInt());
        assertEquals(0, ann.get("paths").size());
        assertEquals(Timestamps.format(LATER), ann.get("submitted_at").asText());
    }

    // ---- reopen -------------------------------------------------------------------------------

    @Test
    void reopeningASentSelectionOpensItOnceAndAnswersThePersonsFavourites() {
        String albumId = album("fav-reopen", "IMG_1.jpg", "IMG_2.jpg");
        String shareId = shareLink(albumId, "Friends");
        String guest = "guest:" + shareId + ":AAAAAAAAAAAAAAAAAAAAAA";
        client(albumId, "ann@example.com", "Ann", "IMG_1.jpg");
        client(albumId, "bob@example.com", "Bob", "IMG_2.jpg");
        seed(albumId, guest, "guest", "Gus", null, shareId, "IMG_1.jpg", "IMG_2.jpg");
        favourites.submit(albumId, "client:bob@example.com", EARLIER);
        favourites.submit(albumId, guest, LATER);
        assertEquals(List.of(guest, "client:bob@example.com", "client:ann@example.com"), ids(listing(albumId)));

        JsonNode bob = api.answer(200, reopen(albumId, "{\"person_id\":\"client:bob@example.com\"}"));
        assertEquals("client:bob@example.com", bob.get("person_id").asText());
        assertTrue(bob.get("submitted_at").isNull());
        assertEquals(List.of("IMG_2.jpg"), texts(bob.get("paths")));
        assertFalse(bob.get("updated_at").isNull());
        assertFalse(favourites.find(albumId, "client:bob@example.com").orElseThrow().submitted());
        assertEquals(List.of(guest, "client:ann@example.com", "client:bob@example.com"), ids(listing(albumId)), "Bob's is open again");
        assertTrue(api.answer(200, reopen(albumId, "{\"person_id\":\"client:bob@example.com\"}")).get("submitted_at").isNull(),
                "an open selection stays open");

        JsonNode gus = api.answer(200, reopen(albumId, "{\"person_id\":\"" + guest + "\"}"));
        assertEquals("Friends", gus.get("share_label").asText());
        assertTrue(gus.get("email").isNull());
        assertEquals(2, gus.get("count").asInt());
        assertFalse(favourites.find(albumId, guest).orElseThrow().submitted());
    }

    @Test
    void anUnknownPersonOrAlbumIs404AndABodyWithoutAPersonIs400() {
        String albumId = album("fav-unknown", "IMG_1.jpg");
        client(albumId, "ann@example.com", "Ann", "IMG_1.jpg");
        favourites.submit(albumId, "client:ann@example.com", EARLIER);
        for (String personId : List.of("client:nobody@example.com", "guest:x:y", "ann@example.com", "client:" + "a".repeat(1100))) {
            assertError(api.call(reopen(albumId, "{\"person_id\":\"" + personId + "\"}")), 404, "NOT_FOUND");
        }
        for (String body : List.of("{}", "{\"person_id\":\"\"}", "{\"person_id\":\"  \"}", "{\"person_id\":7}", "{\"person_id\":null}", "[]")) {
            assertError(api.call(reopen(albumId, body)), 400, "BAD_REQUEST");
        }
        assertError(api.call(reopen("no-such-album", "{\"person_id\":\"client:ann@example.com\"}")), 404, "NOT_FOUND");
        assertError(api.call(ApiEvents.get("/admin/albums/no-such-album/favourites").bearer(api.admin())), 404, "NOT_FOUND");
        assertError(api.call(ApiEvents.get("/admin/albums/Not..An..Id/favourites").bearer(api.admin())), 400, "BAD_REQUEST");
        assertTrue(favourites.find(albumId, "client:ann@example.com").orElseThrow().submitted(), "nothing was reopened");
    }

    @Test
    void onlyThePhotographerReachesTheFavouritesRoutes() throws Exception {
        String albumId = album("fav-guarded", "IMG_1.jpg");
        client(albumId, "ann@example.com", "Ann", "IMG_1.jpg");
        favourites.submit(albumId, "client:ann@example.com", EARLIER);
        String source = aws.env().get(Setting.GUEST_KEY_SOURCE.name());
        byte[] key = Files.readString(Path.of(source.substring("file:".length()))).strip().getBytes(StandardCharsets.UTF_8);
        String guest = new GuestSessions(key, Duration.ofHours(1), Clock.systemUTC()).sign(albumId, shareLink(albumId, "Guests")).token();
        String reopenAnn = "{\"person_id\":\"client:ann@example.com\"}";
        for (String token : List.of(api.issuer().idToken("ann@example.com"), guest)) {
            int expected = token.equals(guest) ? 401 : 403;
            assertEquals(expected, api.call(ApiEvents.get("/admin/albums/" + albumId + "/favourites").bearer(token)).getStatusCode());
            assertEquals(expected, api.call(ApiEvents.post("/admin/albums/" + albumId + "/favourites/reopen").bearer(token)
                    .body(reopenAnn)).getStatusCode(), "not even their own");
        }
        assertTrue(favourites.find(albumId, "client:ann@example.com").orElseThrow().submitted(), "still sent");
        assertEquals(1, listing(albumId).get("people").size());
    }
}

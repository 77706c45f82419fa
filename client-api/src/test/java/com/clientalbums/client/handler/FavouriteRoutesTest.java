package com.clientalbums.client.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.client.favourites.FavouriteService;
import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.http.Json;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.WebSizes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static com.clientalbums.client.handler.ClientApiFixture.STUDIO;
import static com.clientalbums.client.handler.ClientApiFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A signed-in client's favourites through the client API's Lambda entry point: real tokens, real
 * API Gateway events, the favourite table in the local DynamoDB and the album's photos in the local
 * S3, so what counts as "in the album" is the listing, as in AWS.
 */
class FavouriteRoutesTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    @Order(2)
    static final ClientApiFixture api = ClientApiFixture.on(aws);

    static final String ANN = "ann@example.com";
    static final String BOB = "bob@example.com";
    static final AtomicInteger albumsMade = new AtomicInteger();

    // ---- helpers ------------------------------------------------------------------------------

    /** An album (a fresh id per call) holding {@code paths}, granted to each of {@code clients}. */
    static String album(String name, List<String> paths, String... clients) {
        String albumId = name + "-" + albumsMade.incrementAndGet();
        for (String path : paths) {
            aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, path)),
                    RequestBody.fromString("photo " + path));
        }
        var listing = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(api.albums().register(albumId, name, STUDIO, listing.size(), Fingerprint.of(listing, WebSizes.DEFAULT), Instant.now()));
        for (String client : clients) api.grants().grant(client, albumId, Instant.now(), Downloads.BOTH);
        return albumId;
    }

    static List<String> photos(int n) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < n; i++) paths.add(String.format("IMG_%02d.jpg", i));
        return paths;
    }

    /** The photographer's selection limit, as the studio's settings write it (AlbumItems reads it). */
    static void limit(String albumId, int limit) {
        aws.clients().dynamo().updateItem(u -> u.tableName(aws.names().albumTable())
                .key(Map.of("album_id", AttributeValue.fromS(albumId)))
                .updateExpression("SET selection_limit = :n, selection_due = :d")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Integer.toString(limit)), ":d", AttributeValue.fromS("2027-03-01"))));
    }

    static ApiEvents.Request change(String albumId, String token, boolean favourite, String... paths) {
        return ApiEvents.post("/albums/" + albumId + "/favourites").bearer(token)
                .body(Json.write(Map.of("paths", List.of(paths), "favourite", favourite)));
    }

    static ApiEvents.Request state(String albumId, String token) {
        return ApiEvents.get("/albums/" + albumId + "/favourites").bearer(token);
    }

    static ApiEvents.Request submit(String albumId, String token) {
        return ApiEvents.post("/albums/" + albumId + "/favourites/submit").bearer(token);
    }

    static List<String> paths(JsonNode state) {
        List<String> paths = new ArrayList<>();
        state.get("paths").forEach(p -> paths.add(p.asText()));
        return paths;
    }

    // ---- favourites ---------------------------------------------------------------------------

    @Test
    void heartsAreKeptPerPersonAndAnsweredSortedWithTheAlbumsTerms() {
        String albumId = album("hearts", List.of("Ceremony/IMG_2.jpg", "Ceremony/IMG_1.jpg", "Party/IMG_3.jpg"), ANN, BOB);
        String ann = api.issuer().idToken(ANN);
        JsonNode empty = api.ok(state(albumId, ann));
        assertEquals(List.of(), paths(empty));
        assertEquals(0, empty.get("count").asInt());
        assertTrue(empty.get("limit").isNull());
        assertTrue(empty.get("due").isNull());
        assertTrue(empty.get("submitted_at").isNull());
        assertFalse(empty.get("needs_name").asBoolean());
        assertEquals("Name of " + ANN, empty.get("name").asText());

        api.ok(change(albumId, ann, true, "Party/IMG_3.jpg"));
        JsonNode after = api.ok(change(albumId, ann, true, "Ceremony/IMG_2.jpg", "Ceremony/IMG_1.jpg"));
        assertEquals(List.of("Ceremony/IMG_1.jpg", "Ceremony/IMG_2.jpg", "Party/IMG_3.jpg"), paths(after));
        assertEquals(3, after.get("count").asInt());
        assertEquals(List.of("Ceremony/IMG_1.jpg", "Party/IMG_3.jpg"), paths(api.ok(change(albumId, ann, false, "Ceremony/IMG_2.jpg"))));
        assertEquals(List.of("Ceremony/IMG_1.jpg", "Party/IMG_3.jpg"), paths(api.ok(state(albumId, ann))));
        assertEquals(List.of(), paths(api.ok(state(albumId, api.issuer().idToken(BOB)))), "Bob's favourites are his own");

        limit(albumId, 40);
        JsonNode withTerms = api.ok(state(albumId, ann));
        assertEquals(40, withTerms.get("limit").asInt());
        assertEquals("2027-03-01", withTerms.get("due").asText());
    }

    @Test
    void fiftyConcurrentTogglesByTwoPeopleEndWithExactlyTheExpectedSets() throws Exception {
        List<String> photos = photos(12);
        String albumId = album("toggles", photos, ANN, BOB);
        Map<String, String> tokens = Map.of(ANN, api.issuer().idToken(ANN), BOB, api.issuer().idToken(BOB));
        // Each starts with a set; then, at once, adds over some photos and removes over others,
        // the two people's photos overlapping, and each photo added or removed several times.
        Map<String, List<String>> start = Map.of(ANN, photos.subList(0, 6), BOB, photos.subList(3, 9));
        Map<String, List<String>> added = Map.of(ANN, List.of(photos.get(6), photos.get(7), photos.get(8), photos.get(9)),
                BOB, List.of(photos.get(0), photos.get(1), photos.get(9), photos.get(10)));
        Map<String, List<String>> removed = Map.of(ANN, List.of(photos.get(0), photos.get(1), photos.get(2)),
                BOB, List.of(photos.get(3), photos.get(4), photos.get(8)));
        for (String person : List.of(ANN, BOB)) api.ok(change(albumId, tokens.get(person), true, start.get(person).toArray(String[]::new)));

        List<ApiEvents.Request> toggles = new ArrayList<>();
        for (String person : List.of(ANN, BOB)) {
            List<String> add = added.get(person);
            List<String> remove = removed.get(person);
            for (int i = 0; i < 25; i++) {
                toggles.add(i % 2 == 0
                        ? change(albumId, tokens.get(person), true, add.get(i % add.size()), add.get((i + 1) % add.size()))
                        : change(albumId, tokens.get(person), false, remove.get(i % remove.size())));
            }
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            for (var toggle : toggles) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return api.call(toggle);
                }));
            }
            go.countDown();
            for (var answer : answers) {
                var response = answer.get();
                assertEquals(200, response.getStatusCode(), response.getBody());
            }
        } finally {
            pool.shutdownNow();
        }

        for (String person : List.of(ANN, BOB)) {
            Set<String> expected = new LinkedHashSet<>(start.get(person));
            expected.addAll(added.get(person));
            expected.removeAll(removed.get(person));
            assertEquals(expected.stream().sorted().toList(), paths(api.ok(state(albumId, tokens.get(person)))), person);
        }
    }

    @Test
    void aLimitOfThreeRefusesAFourthPickAndOfTenSimultaneousPicksExactlyThreeSucceed() throws Exception {
        List<String> photos = photos(14);
        String albumId = album("limit", photos, ANN, BOB);
        limit(albumId, 3);
        String ann = api.issuer().idToken(ANN);
        JsonNode three = api.ok(change(albumId, ann, true, photos.get(0), photos.get(1), photos.get(2)));
        assertEquals(3, three.get("count").asInt());
        assertEquals(3, three.get("limit").asInt());
        var fourth = api.call(change(albumId, ann, true, photos.get(3)));
        assertError(fourth, 409, "SELECTION_LIMIT_REACHED");
        assertEquals("You can choose up to 3 photos. Remove one to choose another.",
                ApiEvents.body(fourth).get("error").get("message").asText());
        assertEquals(photos.subList(0, 3), paths(api.ok(state(albumId, ann))));

        String bob = api.issuer().idToken(BOB);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            for (int i = 4; i < 14; i++) {
                ApiEvents.Request pick = change(albumId, bob, true, photos.get(i));
                answers.add(pool.submit(() -> {
                    go.await();
                    return api.call(pick);
                }));
            }
            go.countDown();
            int accepted = 0;
            for (var answer : answers) {
                var response = answer.get();
                if (response.getStatusCode() == 200) {
                    accepted++;
                } else {
                    assertError(response, 409, "SELECTION_LIMIT_REACHED");
                }
            }
            assertEquals(3, accepted);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, api.ok(state(albumId, bob)).get("count").asInt());
    }

    @Test
    void aSubmittedSelectionIsLockedUntilThePhotographerReopensIt() {
        List<String> photos = photos(4);
        String albumId = album("submit", photos, ANN);
        String ann = api.issuer().idToken(ANN);
        assertError(api.call(submit(albumId, ann)), 404, "NO_FAVOURITES");
        api.ok(change(albumId, ann, true, photos.get(0), photos.get(1)));
        JsonNode sent = api.ok(submit(albumId, ann));
        String submittedAt = sent.get("submitted_at").asText();
        assertEquals(2, sent.get("count").asInt());
        assertError(api.call(change(albumId, ann, true, photos.get(2))), 409, "SELECTION_SUBMITTED");
        assertError(api.call(change(albumId, ann, false, photos.get(0))), 409, "SELECTION_SUBMITTED");
        assertEquals(submittedAt, api.ok(submit(albumId, ann)).get("submitted_at").asText(), "sent twice: as it was");
        assertEquals(photos.subList(0, 2), paths(api.ok(state(albumId, ann))));

        api.favourites().reopen(albumId, "client:" + ANN, Instant.now()).orElseThrow();
        assertTrue(api.ok(state(albumId, ann)).get("submitted_at").isNull());
        assertEquals(photos.subList(0, 3), paths(api.ok(change(albumId, ann, true, photos.get(2)))));

        limit(albumId, 2); // lowered below the count: allowed, but the selection cannot be sent as it is
        assertError(api.call(submit(albumId, ann)), 409, "SELECTION_LIMIT_REACHED");
        api.ok(change(albumId, ann, false, photos.get(2)));
        assertFalse(api.ok(submit(albumId, ann)).get("submitted_at").isNull());
    }

    @Test
    void aPhotoDeletedAfterBeingHeartedLeavesTheListAndNoLongerCounts() {
        List<String> photos = photos(3);
        String albumId = album("deleted", photos, ANN);
        limit(albumId, 2);
        String ann = api.issuer().idToken(ANN);
        api.ok(change(albumId, ann, true, photos.get(0), photos.get(1)));
        aws.clients().s3().deleteObject(d -> d.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, photos.get(1))));

        JsonNode after = api.ok(state(albumId, ann));
        assertEquals(List.of(photos.get(0)), paths(after));
        assertEquals(1, after.get("count").asInt());
        assertEquals(List.of(photos.get(0), photos.get(2)), paths(api.ok(change(albumId, ann, true, photos.get(2)))), "room for one more");
        assertEquals(Set.of(photos.get(0), photos.get(2)), api.favourites().find(albumId, "client:" + ANN).orElseThrow().paths(),
                "the deleted photo is dropped from the set");
        api.ok(change(albumId, ann, false, photos.get(1))); // a stale page removing it: no error
    }

    @Test
    void aPathNotInTheAlbumOrHostileIs400AndChangesNothing() {
        String albumId = album("paths", List.of("IMG_1.jpg", "Party/IMG_2.jpg"), ANN);
        aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, ".DS_Store")),
                RequestBody.fromString("finder"));
        String ann = api.issuer().idToken(ANN);
        api.ok(change(albumId, ann, true, "IMG_1.jpg"));

        assertError(api.call(change(albumId, ann, true, "Party/IMG_2.jpg", "IMG_9.jpg")), 400, "PHOTO_NOT_IN_ALBUM");
        assertError(api.call(change(albumId, ann, true, ".DS_Store")), 400, "PHOTO_NOT_IN_ALBUM");
        assertError(api.call(change(albumId, ann, true, "party/img_2.jpg")), 400, "PHOTO_NOT_IN_ALBUM");
        for (String hostile : List.of("../IMG_1.jpg", "Party/../IMG_1.jpg", "/IMG_1.jpg", "x".repeat(2048), "IMG\u0000_1.jpg",
                "IMG_1.jpg\n", "Party\\IMG_2.jpg", "Party//IMG_2.jpg", "")) {
            assertError(api.call(change(albumId, ann, true, hostile)), 400, "BAD_REQUEST");
            assertError(api.call(change(albumId, ann, false, hostile)), 400, "BAD_REQUEST");
        }
        String url = "/albums/" + albumId + "/favourites";
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= FavouriteService.MAX_PATHS_PER_CHANGE; i++) tooMany.add("IMG_" + i + ".jpg");
        Map<String, Object> noFlag = new LinkedHashMap<>();
        noFlag.put("paths", List.of("IMG_1.jpg"));
        for (String body : List.of("{\"paths\": [], \"favourite\": true}", "{\"favourite\": true}", Json.write(noFlag),
                "{\"paths\": [\"IMG_1.jpg\"], \"favourite\": \"yes\"}", "{\"paths\": [1], \"favourite\": true}",
                "{\"paths\": \"IMG_1.jpg\", \"favourite\": true}", "{\"paths\": [null], \"favourite\": true}",
                Json.write(Map.of("paths", tooMany, "favourite", true)), "not json")) {
            assertError(api.call(ApiEvents.post(url).bearer(ann).body(body)), 400, "BAD_REQUEST");
        }
        assertEquals(List.of("IMG_1.jpg"), paths(api.ok(state(albumId, ann))));
    }

    @Test
    void anotherClientsAlbumIs404AndAnOversizedBodyIs413() {
        String albumId = album("private", List.of("IMG_1.jpg"), ANN);
        String bob = api.issuer().idToken(BOB);
        assertError(api.call(state(albumId, bob)), 404, "NOT_FOUND");
        assertError(api.call(change(albumId, bob, true, "IMG_1.jpg")), 404, "NOT_FOUND");
        assertError(api.call(submit(albumId, bob)), 404, "NOT_FOUND");
        assertError(api.call(state("no-such-album", bob)), 404, "NOT_FOUND");
        assertTrue(api.favourites().ofAlbum(albumId).isEmpty(), "nothing written for Bob");

        String ann = api.issuer().idToken(ANN);
        String big = "{\"favourite\": true, \"paths\": [\"" + "a".repeat(ClientApiHandler.BODY_LIMIT) + "\"]}";
        assertError(api.call(ApiEvents.post("/albums/" + albumId + "/favourites").bearer(ann).body(big)), 413, "PAYLOAD_TOO_LARGE");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < FavouriteService.MAX_PATHS_PER_CHANGE; i++) many.add("Ceremony and reception/IMG_" + i + ".jpg");
        // 500 ordinary paths fit in the body limit: the change is read, and refused for what it names.
        assertError(api.call(change(albumId, ann, true, many.toArray(String[]::new))), 400, "PHOTO_NOT_IN_ALBUM");
    }
}

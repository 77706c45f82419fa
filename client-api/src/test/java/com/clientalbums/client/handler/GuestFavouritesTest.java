package com.clientalbums.client.handler;

import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.auth.AuthConfig;
import com.clientalbums.common.auth.JwtAuthenticator;
import com.clientalbums.common.favourite.Favourites;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.http.Json;
import com.clientalbums.common.share.Share;
import com.clientalbums.common.share.ShareTokens;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.TestClock;
import com.clientalbums.testing.WebSizes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.clientalbums.client.handler.ClientApiFixture.STUDIO;
import static com.clientalbums.client.handler.ClientApiFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A share link's guests and their favourites through the client API's Lambda entry point: a name
 * asked at the first heart ({@code POST /share/visitor}), the visitor carried by the next session
 * ({@code POST /share/session} with {@code visitor_id}), and each visitor's list their own.
 */
class GuestFavouritesTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    @Order(2)
    static final ClientApiFixture api = ClientApiFixture.on(aws);

    // ---- helpers ------------------------------------------------------------------------------

    static String album(String albumId, List<String> paths) {
        for (String path : paths) {
            aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, path)),
                    RequestBody.fromString("photo " + path));
        }
        var listing = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(api.albums().register(albumId, albumId, STUDIO, listing.size(), Fingerprint.of(listing, WebSizes.DEFAULT), Instant.now()));
        return albumId;
    }

    record Link(String token, String albumId, String shareId) {}

    static Link link(String albumId) {
        String token = ShareTokens.newToken();
        String shareId = ShareTokens.newShareId();
        assertTrue(api.shares().create(new Share(albumId, shareId, "For the family", Downloads.BOTH, null, 0, 0, null,
                null, Instant.now(), STUDIO, null, 0, 0, null), ShareTokens.hash(token)));
        return new Link(token, albumId, shareId);
    }

    static ApiEvents.Request session(Link link, String visitorId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("token", link.token());
        if (visitorId != null) body.put("visitor_id", visitorId);
        return ApiEvents.post("/share/session").body(Json.write(body));
    }

    static ApiEvents.Request visitor(String token, String name, String email) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("name", name);
        if (email != null) body.put("email", email);
        return ApiEvents.post("/share/visitor").bearer(token).body(Json.write(body));
    }

    static ApiEvents.Request heart(String albumId, String token, String... paths) {
        return ApiEvents.post("/albums/" + albumId + "/favourites").bearer(token)
                .body(Json.write(Map.of("paths", List.of(paths), "favourite", true)));
    }

    static List<String> paths(JsonNode state) {
        List<String> paths = new ArrayList<>();
        state.get("paths").forEach(p -> paths.add(p.asText()));
        return paths;
    }

    // ---- guests -------------------------------------------------------------------------------

    @Test
    void aGuestGivesANameAtTheFirstHeartAndTheNextSessionOfTheLinkStillHasTheirFavourites() {
        String albumId = album("guest-hearts", List.of("IMG_1.jpg", "IMG_2.jpg", "IMG_3.jpg"));
        Link link = link(albumId);
        JsonNode first = api.ok(session(link, null));
        assertTrue(first.get("visitor").isNull());
        String unnamed = first.get("guest_token").asText();
        JsonNode before = api.ok(ApiEvents.get("/albums/" + albumId + "/favourites").bearer(unnamed));
        assertTrue(before.get("needs_name").asBoolean());
        assertTrue(before.get("name").isNull());
        assertEquals(List.of(), paths(before));
        assertError(api.call(heart(albumId, unnamed, "IMG_1.jpg")), 400, "NAME_REQUIRED");
        assertError(api.call(ApiEvents.post("/albums/" + albumId + "/favourites/submit").bearer(unnamed)), 404, "NO_FAVOURITES");

        JsonNode named = api.ok(visitor(unnamed, "  Ann Lee ", "Ann@Example.com"));
        String visitorId = named.get("visitor_id").asText();
        assertTrue(visitorId.matches("[A-Za-z0-9_-]{22}"), visitorId);
        assertEquals("Ann Lee", named.get("name").asText());
        String ann = named.get("guest_token").asText();
        JsonNode hearted = api.ok(heart(albumId, ann, "IMG_2.jpg", "IMG_1.jpg"));
        assertEquals(List.of("IMG_1.jpg", "IMG_2.jpg"), paths(hearted));
        assertFalse(hearted.get("needs_name").asBoolean());
        assertEquals("Ann Lee", hearted.get("name").asText());
        Favourites stored = api.favourites().find(albumId, "guest:" + link.shareId() + ":" + visitorId).orElseThrow();
        assertEquals("ann@example.com", stored.person().email(), "the e-mail given with the name is kept by the hearts after it");
        assertEquals(link.shareId(), stored.person().shareId());

        JsonNode again = api.ok(session(link, visitorId));
        assertEquals(visitorId, again.get("visitor").get("id").asText());
        assertEquals("Ann Lee", again.get("visitor").get("name").asText());
        String later = again.get("guest_token").asText();
        assertEquals(List.of("IMG_1.jpg", "IMG_2.jpg"), paths(api.ok(ApiEvents.get("/albums/" + albumId + "/favourites").bearer(later))));

        String madeUp = "A".repeat(22);
        JsonNode stranger = api.ok(session(link, madeUp));
        assertTrue(stranger.get("visitor").isNull(), "an id the server never made carries no one");
        assertTrue(api.ok(ApiEvents.get("/albums/" + albumId + "/favourites").bearer(stranger.get("guest_token").asText()))
                .get("needs_name").asBoolean());
        assertTrue(api.ok(session(link, "not an id")).get("visitor").isNull());
        assertTrue(api.ok(session(link(albumId), visitorId)).get("visitor").isNull(), "a visitor of one link is no one on another");
    }

    @Test
    void twoVisitorsOfOneLinkKeepListsOfTheirOwn() {
        String albumId = album("guest-two", List.of("IMG_1.jpg", "IMG_2.jpg"));
        Link link = link(albumId);
        String ann = api.ok(visitor(api.ok(session(link, null)).get("guest_token").asText(), "Ann", null)).get("guest_token").asText();
        JsonNode bobNamed = api.ok(visitor(api.ok(session(link, null)).get("guest_token").asText(), "Bob", null));
        String bob = bobNamed.get("guest_token").asText();
        api.ok(heart(albumId, ann, "IMG_1.jpg"));
        api.ok(heart(albumId, bob, "IMG_2.jpg"));
        assertEquals(List.of("IMG_1.jpg"), paths(api.ok(ApiEvents.get("/albums/" + albumId + "/favourites").bearer(ann))));
        assertEquals(List.of("IMG_2.jpg"), paths(api.ok(ApiEvents.get("/albums/" + albumId + "/favourites").bearer(bob))));
        assertEquals(2, api.favourites().ofAlbum(albumId).size());

        // Naming oneself again keeps the id and the favourites; the name is the new one.
        JsonNode renamed = api.ok(visitor(bob, "Bob Smith", "bob@example.com"));
        assertEquals(bobNamed.get("visitor_id").asText(), renamed.get("visitor_id").asText());
        JsonNode state = api.ok(ApiEvents.get("/albums/" + albumId + "/favourites").bearer(renamed.get("guest_token").asText()));
        assertEquals("Bob Smith", state.get("name").asText());
        assertEquals(List.of("IMG_2.jpg"), paths(state));
        assertNotEquals(bobNamed.get("visitor_id").asText(), api.ok(visitor(api.ok(session(link, null)).get("guest_token").asText(), "Bob", null))
                .get("visitor_id").asText(), "each unnamed session is a new visitor");
    }

    @Test
    void aNameMustBeShortVisibleTextAndOnlyAGuestGivesOne() {
        String albumId = album("guest-names", List.of("IMG_1.jpg"));
        String guest = api.ok(session(link(albumId), null)).get("guest_token").asText();
        for (String name : List.of("", "   ", "x".repeat(81), "Ann\u202Egpj.exe", "Ann\u200B", "Ann\u0007", "Ann\nLee")) {
            assertError(api.call(visitor(guest, name, null)), 400, "BAD_REQUEST");
        }
        assertError(api.call(visitor(guest, "Ann", "not an address")), 400, "BAD_REQUEST");
        assertError(api.call(ApiEvents.post("/share/visitor").bearer(guest).body("{\"email\": \"ann@example.com\"}")), 400, "BAD_REQUEST");
        // Characters are counted as code points: the family is five (three people, two joiners).
        String longest = "Zoë 👨‍👩‍👧 " + "x".repeat(70);
        assertEquals(80, longest.codePointCount(0, longest.length()));
        assertEquals(longest, api.ok(visitor(guest, longest, "")).get("name").asText(), "80 characters, joiners between pictographs kept");

        assertError(api.call(visitor(api.issuer().idToken("ann@example.com"), "Ann", null)), 403, "FORBIDDEN");
        assertError(api.call(ApiEvents.post("/share/visitor").body("{\"name\": \"Ann\"}")), 401, "UNAUTHORIZED");
    }

    @Test
    void givingANameDoesNotLengthenTheSessionAndNeedsTheLinkStillLive() {
        String albumId = album("guest-session", List.of("IMG_1.jpg"));
        Link link = link(albumId);
        TestClock clock = new TestClock(Instant.now());
        ClientApiHandler h = new ClientApiHandler(api.settings(), aws.clients(), new JwtAuthenticator(AuthConfig.from(api.settings())),
                DefaultCredentialsProvider.builder().build(), clock);
        String guest = api.ok(h, session(link, null)).get("guest_token").asText();
        clock.advance(Duration.ofMinutes(40));
        long left = api.ok(h, visitor(guest, "Ann", null)).get("expires_in").asLong();
        assertTrue(left > 20 * 60 - 2 && left <= 20 * 60, "the session's own 20 minutes remain: " + left);

        String other = api.ok(h, session(link, null)).get("guest_token").asText();
        assertTrue(api.shares().revoke(albumId, link.shareId(), clock.instant()));
        assertError(api.call(h, visitor(other, "Bob", null)), 410, "LINK_REVOKED");
    }
}

package com.clientalbums.client.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.auth.AuthConfig;
import com.clientalbums.common.auth.JwtAuthenticator;
import com.clientalbums.common.auth.TestIssuer;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.favourite.FavouriteRepository;
import com.clientalbums.common.favourite.Favourites;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.http.Json;
import com.clientalbums.common.share.Share;
import com.clientalbums.common.share.ShareRepository;
import com.clientalbums.common.share.ShareTokens;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.TestClock;
import com.clientalbums.testing.WebSizes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
    static final LocalAws aws = LocalAws.create();

    static final String STUDIO = "studio@example.com";

    static TestIssuer issuer;
    static Settings settings;
    static ClientApiHandler handler;
    static AlbumRepository albums;
    static ShareRepository shares;
    static FavouriteRepository favourites;

    @BeforeAll
    static void setUp() {
        issuer = TestIssuer.start();
        settings = aws.settings(ClientApiHandler.SETTINGS, issuer.env(STUDIO));
        handler = new ClientApiHandler(settings, aws.clients());
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        shares = new ShareRepository(aws.clients().dynamo(), aws.names().shareTable());
        favourites = new FavouriteRepository(aws.clients().dynamo(), aws.names().favouriteTable());
    }

    @AfterAll
    static void tearDown() {
        issuer.close();
    }

    // ---- helpers ------------------------------------------------------------------------------

    static APIGatewayV2HTTPResponse call(ClientApiHandler h, ApiEvents.Request request) {
        return h.handleRequest(request.event(), null);
    }

    static APIGatewayV2HTTPResponse call(ApiEvents.Request request) {
        return call(handler, request);
    }

    static JsonNode ok(ClientApiHandler h, ApiEvents.Request request) {
        var response = call(h, request);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return ApiEvents.body(response);
    }

    static JsonNode ok(ApiEvents.Request request) {
        return ok(handler, request);
    }

    static void assertError(APIGatewayV2HTTPResponse response, int status, String code) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals(code, ApiEvents.body(response).path("error").path("code").asText(), response.getBody());
    }

    static String album(String albumId, List<String> paths) {
        for (String path : paths) {
            aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, path)),
                    RequestBody.fromString("photo " + path));
        }
        var listing = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(albums.register(albumId, albumId, STUDIO, listing.size(), Fingerprint.of(listing, WebSizes.DEFAULT), Instant.now()));
        return albumId;
    }

    record Link(String token, String albumId, String shareId) {}

    static Link link(String albumId) {
        String token = ShareTokens.newToken();
        String shareId = ShareTokens.newShareId();
        assertTrue(shares.create(new Share(albumId, shareId, "For the family", Downloads.BOTH, null, 0, 0, null,
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
        JsonNode first = ok(session(link, null));
        assertTrue(first.get("visitor").isNull());
        String unnamed = first.get("guest_token").asText();
        JsonNode before = ok(ApiEvents.get("/albums/" + albumId + "/favourites").bearer(unnamed));
        assertTrue(before.get("needs_name").asBoolean());
        assertTrue(before.get("name").isNull());
        assertEquals(List.of(), paths(before));
        assertError(call(heart(albumId, unnamed, "IMG_1.jpg")), 400, "NAME_REQUIRED");
        assertError(call(ApiEvents.post("/albums/" + albumId + "/favourites/submit").bearer(unnamed)), 404, "NO_FAVOURITES");

        JsonNode named = ok(visitor(unnamed, "  Ann Lee ", "Ann@Example.com"));
        String visitorId = named.get("visitor_id").asText();
        assertTrue(visitorId.matches("[A-Za-z0-9_-]{22}"), visitorId);
        assertEquals("Ann Lee", named.get("name").asText());
        String ann = named.get("guest_token").asText();
        JsonNode hearted = ok(heart(albumId, ann, "IMG_2.jpg", "IMG_1.jpg"));
        assertEquals(List.of("IMG_1.jpg", "IMG_2.jpg"), paths(hearted));
        assertFalse(hearted.get("needs_name").asBoolean());
        assertEquals("Ann Lee", hearted.get("name").asText());
        Favourites stored = favourites.find(albumId, "guest:" + link.shareId() + ":" + visitorId).orElseThrow();
        assertEquals("ann@example.com", stored.person().email(), "the e-mail given with the name is kept by the hearts after it");
        assertEquals(link.shareId(), stored.person().shareId());

        JsonNode again = ok(session(link, visitorId));
        assertEquals(visitorId, again.get("visitor").get("id").asText());
        assertEquals("Ann Lee", again.get("visitor").get("name").asText());
        String later = again.get("guest_token").asText();
        assertEquals(List.of("IMG_1.jpg", "IMG_2.jpg"), paths(ok(ApiEvents.get("/albums/" + albumId + "/favourites").bearer(later))));

        String madeUp = "A".repeat(22);
        JsonNode stranger = ok(session(link, madeUp));
        assertTrue(stranger.get("visitor").isNull(), "an id the server never made carries no one");
        assertTrue(ok(ApiEvents.get("/albums/" + albumId + "/favourites").bearer(stranger.get("guest_token").asText()))
                .get("needs_name").asBoolean());
        assertTrue(ok(session(link, "not an id")).get("visitor").isNull());
        assertTrue(ok(session(link(albumId), visitorId)).get("visitor").isNull(), "a visitor of one link is no one on another");
    }

    @Test
    void twoVisitorsOfOneLinkKeepListsOfTheirOwn() {
        String albumId = album("guest-two", List.of("IMG_1.jpg", "IMG_2.jpg"));
        Link link = link(albumId);
        String ann = ok(visitor(ok(session(link, null)).get("guest_token").asText(), "Ann", null)).get("guest_token").asText();
        JsonNode bobNamed = ok(visitor(ok(session(link, null)).get("guest_token").asText(), "Bob", null));
        String bob = bobNamed.get("guest_token").asText();
        ok(heart(albumId, ann, "IMG_1.jpg"));
        ok(heart(albumId, bob, "IMG_2.jpg"));
        assertEquals(List.of("IMG_1.jpg"), paths(ok(ApiEvents.get("/albums/" + albumId + "/favourites").bearer(ann))));
        assertEquals(List.of("IMG_2.jpg"), paths(ok(ApiEvents.get("/albums/" + albumId + "/favourites").bearer(bob))));
        assertEquals(2, favourites.ofAlbum(albumId).size());

        // Naming oneself again keeps the id and the favourites; the name is the new one.
        JsonNode renamed = ok(visitor(bob, "Bob Smith", "bob@example.com"));
        assertEquals(bobNamed.get("visitor_id").asText(), renamed.get("visitor_id").asText());
        JsonNode state = ok(ApiEvents.get("/albums/" + albumId + "/favourites").bearer(renamed.get("guest_token").asText()));
        assertEquals("Bob Smith", state.get("name").asText());
        assertEquals(List.of("IMG_2.jpg"), paths(state));
        assertNotEquals(bobNamed.get("visitor_id").asText(), ok(visitor(ok(session(link, null)).get("guest_token").asText(), "Bob", null))
                .get("visitor_id").asText(), "each unnamed session is a new visitor");
    }

    @Test
    void aNameMustBeShortVisibleTextAndOnlyAGuestGivesOne() {
        String albumId = album("guest-names", List.of("IMG_1.jpg"));
        String guest = ok(session(link(albumId), null)).get("guest_token").asText();
        for (String name : List.of("", "   ", "x".repeat(81), "Ann\u202Egpj.exe", "Ann\u200B", "Ann\u0007", "Ann\nLee")) {
            assertError(call(visitor(guest, name, null)), 400, "BAD_REQUEST");
        }
        assertError(call(visitor(guest, "Ann", "not an address")), 400, "BAD_REQUEST");
        assertError(call(ApiEvents.post("/share/visitor").bearer(guest).body("{\"email\": \"ann@example.com\"}")), 400, "BAD_REQUEST");
        // Characters are counted as code points: the family is five (three people, two joiners).
        String longest = "Zoë 👨‍👩‍👧 " + "x".repeat(70);
        assertEquals(80, longest.codePointCount(0, longest.length()));
        assertEquals(longest, ok(visitor(guest, longest, "")).get("name").asText(), "80 characters, joiners between pictographs kept");

        assertError(call(visitor(issuer.idToken("ann@example.com"), "Ann", null)), 403, "FORBIDDEN");
        assertError(call(ApiEvents.post("/share/visitor").body("{\"name\": \"Ann\"}")), 401, "UNAUTHORIZED");
    }

    @Test
    void givingANameDoesNotLengthenTheSessionAndNeedsTheLinkStillLive() {
        String albumId = album("guest-session", List.of("IMG_1.jpg"));
        Link link = link(albumId);
        TestClock clock = new TestClock(Instant.now());
        ClientApiHandler h = new ClientApiHandler(settings, aws.clients(), new JwtAuthenticator(AuthConfig.from(settings)),
                DefaultCredentialsProvider.builder().build(), clock);
        String guest = ok(h, session(link, null)).get("guest_token").asText();
        clock.advance(Duration.ofMinutes(40));
        long left = ok(h, visitor(guest, "Ann", null)).get("expires_in").asLong();
        assertTrue(left > 20 * 60 - 2 && left <= 20 * 60, "the session's own 20 minutes remain: " + left);

        String other = ok(h, session(link, null)).get("guest_token").asText();
        assertTrue(shares.revoke(albumId, link.shareId(), clock.instant()));
        assertError(call(h, visitor(other, "Bob", null)), 410, "LINK_REVOKED");
    }
}

package com.clientalbums.admin.handler;

import com.clientalbums.common.auth.GuestSessions;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.share.ShareRepository;
import com.clientalbums.common.share.ShareTokens;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.WebSizes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.clientalbums.admin.handler.StudioApiFixture.NO_ACCOUNTS;
import static com.clientalbums.admin.handler.StudioApiFixture.STUDIO;
import static com.clientalbums.admin.handler.StudioApiFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The studio's share-link routes through the admin API's Lambda entry point, on loopback DynamoDB. */
class ShareRoutesTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    @Order(2)
    static final StudioApiFixture api = StudioApiFixture.on(aws);

    // ---- helpers ------------------------------------------------------------------------------

    static String album(String albumId) {
        var listing = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(api.albums().register(albumId, albumId, STUDIO, 0, Fingerprint.of(listing, WebSizes.DEFAULT), Instant.now()));
        return albumId;
    }

    static String shares(String albumId) {
        return "/admin/albums/" + albumId + "/shares";
    }

    static JsonNode create(String albumId, String body) {
        return api.answer(201, ApiEvents.post(shares(albumId)).bearer(api.admin()).body(body));
    }

    static JsonNode listed(String albumId, String shareId) {
        for (JsonNode share : api.answer(200, ApiEvents.get(shares(albumId)).bearer(api.admin())).get("shares")) {
            if (share.get("share_id").asText().equals(shareId)) return share;
        }
        throw new AssertionError("share " + shareId + " is not listed");
    }

    // ---- the routes ---------------------------------------------------------------------------

    @Test
    void aNewLinkShowsItsTokenOnceAndIsListedWithoutIt() {
        String album = album("shares-new");
        Instant expires = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        JsonNode made = create(album, "{\"label\":\"  Family  \",\"pin\":\"0123\",\"expires_at\":\"" + expires
                + "\",\"downloads\":\"web\",\"download_limit\":3}");
        String token = made.get("token").asText();
        assertTrue(ShareTokens.isWellFormed(token), token);
        assertEquals("/s/" + token, made.get("url").asText(), "relative while PORTAL_URL is empty");
        assertTrue(ShareTokens.isShareId(made.get("share_id").asText()));
        assertEquals("Family", made.get("label").asText());
        assertTrue(made.get("has_pin").asBoolean());
        assertEquals("active", made.get("state").asText());

        var list = api.call(ApiEvents.get(shares(album)).bearer(api.admin()));
        assertFalse(list.getBody().contains(token), "the token is never shown again");
        assertFalse(list.getBody().contains("0123"), "nor the PIN");
        JsonNode share = listed(album, made.get("share_id").asText());
        assertEquals("Family", share.get("label").asText());
        assertTrue(share.get("has_pin").asBoolean());
        assertEquals(Instant.parse(share.get("expires_at").asText()), expires);
        assertEquals("web", share.get("downloads").asText());
        assertEquals(3, share.get("download_limit").asLong());
        assertEquals(0, share.get("downloads_used").asLong());
        assertEquals(0, share.get("sessions").asLong());
        assertTrue(share.get("last_used_at").isNull());
        assertFalse(share.get("created_at").isNull());
        assertEquals("active", share.get("state").asText());
        assertFalse(share.has("token"));
        assertNotEquals(token, create(album, "{\"label\":\"Second\",\"downloads\":\"none\"}").get("token").asText());
    }

    @Test
    void theTableNeverHoldsATokenInClear() {
        String album = album("shares-hashed");
        String token = create(album, "{\"label\":\"Hashed\",\"pin\":\"98765432\",\"downloads\":\"both\"}").get("token").asText();
        List<Map<String, AttributeValue>> items = aws.clients().dynamo().scan(s -> s.tableName(aws.names().shareTable())).items();
        assertFalse(items.isEmpty());
        boolean hashFound = false;
        for (Map<String, AttributeValue> item : items) {
            for (var attribute : item.entrySet()) {
                String value = String.valueOf(attribute.getValue());
                assertFalse(value.contains(token), attribute.getKey() + " holds the token");
                assertFalse(value.contains("98765432"), attribute.getKey() + " holds the PIN");
            }
            hashFound |= item.get("token_hash").s().equals(ShareTokens.hash(token));
        }
        assertTrue(hashFound, "the link is stored under its token's SHA-256");
        assertTrue(new ShareRepository(aws.clients().dynamo(), aws.names().shareTable()).findByToken(token).isPresent());
    }

    @Test
    void aLinksSettingsChangeAndNullRemovesThePinExpiryAndLimit() {
        String album = album("shares-patch");
        String id = create(album, "{\"label\":\"Before\",\"pin\":\"1234\",\"expires_at\":\"2099-01-01T00:00:00Z\","
                + "\"downloads\":\"both\",\"download_limit\":5}").get("share_id").asText();
        String path = shares(album) + "/" + id;
        JsonNode changed = api.answer(200, ApiEvents.patch(path).bearer(api.admin()).body("{\"label\":\"After\",\"downloads\":\"original\"}"));
        assertEquals("After", changed.get("label").asText());
        assertEquals("original", changed.get("downloads").asText());
        assertTrue(changed.get("has_pin").asBoolean(), "left out: kept");
        assertEquals(5, changed.get("download_limit").asLong());

        JsonNode removed = api.answer(200, ApiEvents.patch(path).bearer(api.admin())
                .body("{\"pin\":null,\"expires_at\":null,\"download_limit\":null}"));
        assertFalse(removed.get("has_pin").asBoolean());
        assertTrue(removed.get("expires_at").isNull());
        assertTrue(removed.get("download_limit").isNull());
        assertEquals("After", removed.get("label").asText());

        JsonNode set = api.answer(200, ApiEvents.patch(path).bearer(api.admin()).body("{\"pin\":\"55555\",\"download_limit\":10000}"));
        assertTrue(set.get("has_pin").asBoolean());
        assertEquals(10000, set.get("download_limit").asLong());
        assertEquals(set, listed(album, id));
    }

    @Test
    void deletingTurnsTheLinkOffKeepsItListedAndIs204Twice() {
        String album = album("shares-revoke");
        String id = create(album, "{\"label\":\"Soon off\",\"downloads\":\"both\"}").get("share_id").asText();
        assertEquals(204, api.call(ApiEvents.delete(shares(album) + "/" + id).bearer(api.admin())).getStatusCode());
        JsonNode share = listed(album, id);
        assertEquals("revoked", share.get("state").asText());
        String revokedAt = share.get("revoked_at").asText();
        assertEquals(204, api.call(ApiEvents.delete(shares(album) + "/" + id).bearer(api.admin())).getStatusCode());
        assertEquals(revokedAt, listed(album, id).get("revoked_at").asText(), "turned off once");
    }

    @Test
    void anUnknownAlbumOrLinkIs404() {
        String album = album("shares-unknown");
        String unknownLink = shares(album) + "/" + ShareTokens.newShareId();
        assertError(api.call(ApiEvents.delete(unknownLink).bearer(api.admin())), 404, "NOT_FOUND");
        assertError(api.call(ApiEvents.patch(unknownLink).bearer(api.admin()).body("{\"label\":\"x\"}")), 404, "NOT_FOUND");
        assertError(api.call(ApiEvents.delete(shares(album) + "/not-a-share-id").bearer(api.admin())), 404, "NOT_FOUND");
        String noAlbum = shares("no-such-album");
        assertError(api.call(ApiEvents.post(noAlbum).bearer(api.admin()).body("{\"label\":\"x\",\"downloads\":\"both\"}")), 404, "NOT_FOUND");
        assertError(api.call(ApiEvents.get(noAlbum).bearer(api.admin())), 404, "NOT_FOUND");
        assertError(api.call(ApiEvents.delete(noAlbum + "/" + ShareTokens.newShareId()).bearer(api.admin())), 404, "NOT_FOUND");
    }

    @Test
    void invalidSettingsAre400AndMakeNoLink() {
        String album = album("shares-invalid");
        String past = Instant.now().minusSeconds(60).toString();
        List<String> bodies = List.of(
                "{\"downloads\":\"both\"}",
                "{\"label\":\"   \",\"downloads\":\"both\"}",
                "{\"label\":\"" + "x".repeat(101) + "\",\"downloads\":\"both\"}",
                "{\"label\":\"ok\"}",
                "{\"label\":\"ok\",\"downloads\":\"all\"}",
                "{\"label\":\"ok\",\"downloads\":\"both\",\"pin\":\"123\"}",
                "{\"label\":\"ok\",\"downloads\":\"both\",\"pin\":\"123456789\"}",
                "{\"label\":\"ok\",\"downloads\":\"both\",\"pin\":\"12a4\"}",
                "{\"label\":\"ok\",\"downloads\":\"both\",\"pin\":1234}",
                "{\"label\":\"ok\",\"downloads\":\"both\",\"expires_at\":\"" + past + "\"}",
                "{\"label\":\"ok\",\"downloads\":\"both\",\"expires_at\":\"next tuesday\"}",
                "{\"label\":\"ok\",\"downloads\":\"both\",\"download_limit\":0}",
                "{\"label\":\"ok\",\"downloads\":\"both\",\"download_limit\":10001}");
        for (String body : bodies) assertError(api.call(ApiEvents.post(shares(album)).bearer(api.admin()).body(body)), 400, "BAD_REQUEST");
        assertEquals(0, api.answer(200, ApiEvents.get(shares(album)).bearer(api.admin())).get("shares").size());

        String id = create(album, "{\"label\":\"ok\",\"downloads\":\"both\"}").get("share_id").asText();
        for (String body : List.of("{\"label\":null}", "{\"downloads\":null}", "{\"pin\":\"12\"}", "{\"download_limit\":\"3\"}",
                "{\"expires_at\":\"" + past + "\"}", "[]")) {
            assertError(api.call(ApiEvents.patch(shares(album) + "/" + id).bearer(api.admin()).body(body)), 400, "BAD_REQUEST");
        }
    }

    @Test
    void withAPortalUrlTheLinkIsAbsolute() {
        Map<String, String> env = new HashMap<>(api.issuer().env(STUDIO));
        env.put(Setting.PORTAL_URL.name(), "https://photos.example.com/");
        AdminApiHandler portal = new AdminApiHandler(aws.settings(AdminApiHandler.SETTINGS, env), aws.clients(), NO_ACCOUNTS);
        String album = album("shares-portal");
        var response = portal.handleRequest(ApiEvents.post(shares(album)).bearer(api.admin())
                .body("{\"label\":\"Abs\",\"downloads\":\"both\"}").event(), null);
        JsonNode made = ApiEvents.body(response);
        assertEquals("https://photos.example.com/s/" + made.get("token").asText(), made.get("url").asText());
    }

    @Test
    void onlyThePhotographerReachesTheShareRoutes() throws Exception {
        String album = album("shares-guarded");
        String source = aws.env().get(Setting.GUEST_KEY_SOURCE.name());
        byte[] key = Files.readString(Path.of(source.substring("file:".length()))).strip().getBytes(StandardCharsets.UTF_8);
        String guest = new GuestSessions(key, Duration.ofHours(1), Clock.systemUTC()).sign(album, ShareTokens.newShareId()).token();
        for (String token : List.of(api.issuer().idToken("ann@example.com"), guest)) {
            int expected = token.equals(guest) ? 401 : 403;
            assertEquals(expected, api.call(ApiEvents.get(shares(album)).bearer(token)).getStatusCode());
            assertEquals(expected, api.call(ApiEvents.post(shares(album)).bearer(token).body("{\"label\":\"x\",\"downloads\":\"both\"}")).getStatusCode());
        }
        assertEquals(0, api.answer(200, ApiEvents.get(shares(album)).bearer(api.admin())).get("shares").size());
    }
}

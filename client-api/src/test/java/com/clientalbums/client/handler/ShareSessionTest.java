package com.clientalbums.client.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.access.GrantRepository;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.BuildRecord;
import com.clientalbums.common.album.PublishedArchive;
import com.clientalbums.common.album.Timestamps;
import com.clientalbums.common.auth.AuthConfig;
import com.clientalbums.common.auth.GuestSessions;
import com.clientalbums.common.auth.JwtAuthenticator;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.http.Json;
import com.clientalbums.common.share.PinHash;
import com.clientalbums.common.share.Share;
import com.clientalbums.common.share.ShareTokens;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.QueueInbox;
import com.clientalbums.testing.TestClock;
import com.clientalbums.testing.WebSizes;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.clientalbums.client.handler.ClientApiFixture.STUDIO;
import static com.clientalbums.client.handler.ClientApiFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Share links' guests through the client API's Lambda entry point: {@code POST /share/session}
 * with real links in the share table, then the guest session on the album routes, on loopback
 * S3/SQS/DynamoDB, with the handler's clock in the test's hands.
 */
class ShareSessionTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    @Order(2)
    static final ClientApiFixture api = ClientApiFixture.on(aws);

    static final String ANN = "ann@example.com";
    static final String PIN = "2468";

    static final QueueInbox inbox = new QueueInbox(aws);

    // ---- helpers ------------------------------------------------------------------------------

    static ClientApiHandler handlerAt(Clock clock) {
        return new ClientApiHandler(api.settings(), aws.clients(), new JwtAuthenticator(AuthConfig.from(api.settings())),
                DefaultCredentialsProvider.builder().build(), clock);
    }

    /** An album registered as the admin API would: photos listed, fingerprint recorded, build pending. */
    static String registered(String albumId, int photos) {
        for (int i = 1; i <= photos; i++) {
            String key = S3Keys.photoKey(albumId, "Ceremony/IMG_" + i + ".jpg");
            aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(key), RequestBody.fromString("photo " + i + " of " + albumId));
        }
        var listing = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(api.albums().register(albumId, albumId, STUDIO, listing.size(), Fingerprint.of(listing, WebSizes.DEFAULT), Instant.now()));
        return albumId;
    }

    /** The generator's part: claim, upload an archive, publish it. */
    static String published(String albumId) {
        Album album = api.albums().find(albumId).orElseThrow();
        Album claimed = api.albums().claim(albumId, "gen-test", Instant.now(), Duration.ofMinutes(2)).orElseThrow();
        String key = S3Keys.zipKey(albumId, album.contentFingerprint());
        aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(key), RequestBody.fromString("PK archive of " + albumId));
        var build = new BuildRecord(album.requestedAt(), claimed.zipGenerationStartedAt(), Instant.now(), "ready",
                album.photoCount(), 100, 0.5, "registration");
        long size = ("PK archive of " + albumId).length();
        assertTrue(api.albums().publish(albumId, "gen-test", claimed.buildVersion(),
                new PublishedArchive(key, size, album.photoCount(), 100, album.contentFingerprint()), List.of(build), Instant.now()));
        return albumId;
    }

    static void setAlbumAttribute(String albumId, String name, String value) {
        aws.clients().dynamo().updateItem(u -> u.tableName(aws.names().albumTable())
                .key(Map.of("album_id", AttributeValue.fromS(albumId)))
                .updateExpression("SET #n = :v").expressionAttributeNames(Map.of("#n", name))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))));
    }

    /** A link made as the studio makes it: returns its token, which only its hash is stored under. */
    record Link(String token, String albumId, String shareId) {}

    static Link link(String albumId, String pin, Downloads downloads, Instant expiresAt, long limit) {
        String token = ShareTokens.newToken();
        String shareId = ShareTokens.newShareId();
        assertTrue(api.shares().create(new Share(albumId, shareId, "For the family", downloads, expiresAt, limit, 0, null,
                pin == null ? null : PinHash.of(pin), Instant.now(), STUDIO, null, 0, 0, null), ShareTokens.hash(token)));
        return new Link(token, albumId, shareId);
    }

    static Link link(String albumId) {
        return link(albumId, null, Downloads.BOTH, null, 0);
    }

    static ApiEvents.Request exchange(String token, String pin) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("token", token);
        if (pin != null) body.put("pin", pin);
        return ApiEvents.post("/share/session").body(Json.write(body));
    }

    static String guest(ClientApiHandler h, Link link, String pin) {
        return api.ok(h, exchange(link.token(), pin)).get("guest_token").asText();
    }

    static String guest(Link link) {
        return guest(api.handler(), link, null);
    }

    static byte[] guestKey() throws Exception {
        String source = aws.env().get("GUEST_KEY_SOURCE");
        return Files.readString(Path.of(source.substring("file:".length()))).strip().getBytes(StandardCharsets.UTF_8);
    }

    static String signed(byte[] key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    // ---- the exchange -------------------------------------------------------------------------

    @Test
    void aLinkWithoutAPinGivesAGuestSessionForItsAlbumAndCountsIt() {
        Link link = link(registered("share-plain", 2));
        JsonNode session = api.ok(api.handler(), exchange(link.token(), null));
        assertEquals(link.albumId(), session.get("album_id").asText());
        assertEquals(3600, session.get("expires_in").asLong());
        assertEquals("For the family", session.get("label").asText());
        assertEquals("both", session.get("downloads").asText());
        String guest = session.get("guest_token").asText();
        JsonNode album = api.ok(api.handler(), ApiEvents.get("/albums/" + link.albumId()).bearer(guest));
        assertEquals(2, album.get("photos").size());

        api.ok(api.handler(), exchange(link.token(), null));
        Share stored = api.shares().find(link.albumId(), link.shareId()).orElseThrow();
        assertEquals(2, stored.sessions());
        assertNotNull(stored.lastUsedAt());
    }

    @Test
    void aPinLinkAsksForItsPinAndARightOneOpensIt() {
        Link link = link(registered("share-pin", 1), PIN, Downloads.WEB, null, 0);
        assertError(api.call(exchange(link.token(), null)), 401, "PIN_REQUIRED");
        assertError(api.call(exchange(link.token(), "1357")), 401, "PIN_INCORRECT");
        JsonNode session = api.ok(api.handler(), exchange(link.token(), PIN));
        assertEquals("web", session.get("downloads").asText());
        assertEquals(0, api.shares().find(link.albumId(), link.shareId()).orElseThrow().pinFailures(), "a right PIN clears the count");
    }

    @Test
    void theSixthWrongPinIsRefusedAndTheLockLastsFifteenMinutesByTheClock() {
        Link link = link(registered("share-lockout", 1), PIN, Downloads.BOTH, null, 0);
        TestClock clock = new TestClock(Instant.now());
        ClientApiHandler h = handlerAt(clock);
        for (int i = 1; i <= 5; i++) assertError(api.call(h, exchange(link.token(), "000" + i)), 401, "PIN_INCORRECT");
        var sixth = api.call(h, exchange(link.token(), "0006"));
        assertError(sixth, 429, "LINK_LOCKED");
        assertTrue(ApiEvents.body(sixth).get("error").get("message").asText().contains("15 minutes"), sixth.getBody());

        clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        assertError(api.call(h, exchange(link.token(), PIN)), 429, "LINK_LOCKED");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(link.albumId(), api.ok(h, exchange(link.token(), PIN)).get("album_id").asText());

        // Counting starts again after a lock: five more wrong PINs lock it again.
        for (int i = 1; i <= 5; i++) assertError(api.call(h, exchange(link.token(), "000" + i)), 401, "PIN_INCORRECT");
        assertError(api.call(h, exchange(link.token(), PIN)), 429, "LINK_LOCKED");
    }

    @Test
    void twentySimultaneousWrongPinsAreCheckedAtMostFiveTimes() throws Exception {
        Link link = link(registered("share-pin-race", 1), PIN, Downloads.BOTH, null, 0);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                String wrong = String.format("%04d", 9000 + i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.call(exchange(link.token(), wrong));
                }));
            }
            start.countDown();
            int checked = 0;
            int locked = 0;
            for (var answer : answers) {
                var response = answer.get();
                switch (response.getStatusCode()) {
                    case 401 -> checked++;
                    case 429 -> locked++;
                    default -> throw new AssertionError("unexpected answer " + response.getStatusCode() + " " + response.getBody());
                }
            }
            assertTrue(checked <= Share.MAX_PIN_FAILURES, checked + " wrong PINs were checked");
            assertEquals(20, checked + locked);
        }
        assertError(api.call(exchange(link.token(), PIN)), 429, "LINK_LOCKED");
    }

    @Test
    void unknownAndMalformedTokensAreTheSame404WithOrWithoutAPin() {
        List<String> answers = new ArrayList<>();
        for (String token : List.of(ShareTokens.newToken(), "short", ShareTokens.newToken() + "x", "a".repeat(42) + "!")) {
            for (String pin : new String[] {null, PIN}) {
                var response = api.call(exchange(token, pin));
                assertError(response, 404, "NOT_FOUND");
                answers.add(ApiEvents.body(response).get("error").get("message").asText());
            }
        }
        assertEquals(List.of("This link is not valid."), answers.stream().distinct().toList());
    }

    @Test
    void theExchangeTakesNoTokenAndNoBodyOver4Kb() {
        Link link = link(registered("share-body-limit", 1));
        String padded = "{\"token\":\"" + link.token() + "\",\"pad\":\"" + "x".repeat(4 * 1024) + "\"}";
        assertError(api.call(ApiEvents.post("/share/session").body(padded)), 413, "PAYLOAD_TOO_LARGE");
        assertError(api.call(ApiEvents.post("/share/session").body("{\"token\":1234}")), 400, "BAD_REQUEST");
        assertEquals(link.albumId(), api.ok(api.handler(), exchange(link.token(), null).bearer("not-a-token")).get("album_id").asText(),
                "a public route reads no Authorization header");
    }

    @Test
    void anExpiredLinkIs410LinkExpiredAndTheSessionItMadeEndsWithIt() {
        Instant now = Instant.now();
        TestClock clock = new TestClock(now);
        ClientApiHandler h = handlerAt(clock);
        Link link = link(registered("share-expiring", 1), null, Downloads.BOTH, now.plus(Duration.ofMinutes(30)), 0);
        String guest = guest(h, link, null);
        clock.advance(Duration.ofMinutes(31));
        assertError(api.call(h, exchange(link.token(), null)), 410, "LINK_EXPIRED");
        assertError(api.call(h, exchange(link.token(), PIN)), 410, "LINK_EXPIRED");
        assertError(api.call(h, ApiEvents.get("/albums/" + link.albumId()).bearer(guest)), 410, "LINK_EXPIRED");
    }

    @Test
    void aRevokedLinkIs410AndRefusesTheNextRequestOfASessionAlreadyMade() {
        Link link = link(registered("share-revoked", 1));
        String guest = guest(link);
        api.ok(api.handler(), ApiEvents.get("/albums/" + link.albumId()).bearer(guest));
        assertTrue(api.shares().revoke(link.albumId(), link.shareId(), Instant.now()));
        assertError(api.call(ApiEvents.get("/albums/" + link.albumId()).bearer(guest)), 410, "LINK_REVOKED");
        assertError(api.call(ApiEvents.get("/albums/" + link.albumId() + "/download").bearer(guest)), 410, "LINK_REVOKED");
        assertError(api.call(exchange(link.token(), null)), 410, "LINK_REVOKED");
    }

    @Test
    void anExpiredGalleryIs410ForTheLinkAndItsSessions() {
        Link link = link(registered("share-gallery-expired", 1));
        String guest = guest(link);
        setAlbumAttribute(link.albumId(), "expires_at", Timestamps.format(Instant.now().minusSeconds(60)));
        assertError(api.call(exchange(link.token(), null)), 410, "GALLERY_EXPIRED");
        assertError(api.call(ApiEvents.get("/albums/" + link.albumId()).bearer(guest)), 410, "GALLERY_EXPIRED");
    }

    // ---- what a guest session reaches ----------------------------------------------------------

    @Test
    void aGuestSessionReachesItsAlbumOnlyAndNoSignedInRoute() {
        Link link = link(registered("share-album-a", 1));
        String other = registered("share-album-b", 1);
        String guest = guest(link);
        for (String path : List.of("/albums/" + other, "/albums/" + other + "/download")) {
            var response = api.call(ApiEvents.get(path).bearer(guest));
            assertError(response, 404, "NOT_FOUND");
            assertEquals("Album not found", ApiEvents.body(response).get("error").get("message").asText());
        }
        assertError(api.call(ApiEvents.get("/albums/" + other + "/download").query("file_name", "Ceremony/IMG_1.jpg").bearer(guest)), 404, "NOT_FOUND");
        assertError(api.call(ApiEvents.get("/albums").bearer(guest)), 401, "UNAUTHORIZED");
        assertError(api.call(ApiEvents.get("/me").bearer(guest)), 401, "UNAUTHORIZED");
        assertEquals(200, api.call(ApiEvents.get("/albums/" + link.albumId()).bearer(guest)).getStatusCode());
    }

    @Test
    void aForgedAlteredOrEndedGuestSessionIs401() throws Exception {
        Link link = link(registered("share-forged", 1));
        String other = registered("share-forged-other", 1);
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(GuestSessions.ISSUER).audience(GuestSessions.AUDIENCE)
                .subject(link.shareId()).claim("album_id", link.albumId())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build();
        byte[] otherKey = Base64.getDecoder().decode("c2VjcmV0LWtleS10aGF0LWlzLW5vdC10aGUtZ3Vlc3Qta2V5LWF0LWFsbA==");
        assertEquals(200, api.call(ApiEvents.get("/albums/" + link.albumId()).bearer(signed(guestKey(), claims))).getStatusCode(),
                "the test's own token is right when signed with the key");

        String genuine = guest(link);
        String[] parts = genuine.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace(link.albumId(), other);
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + parts[1] + ".";
        List<String> refused = List.of(
                signed(otherKey, claims),
                signed(guestKey(), new JWTClaimsSet.Builder(claims).audience("client-albums/other").build()),
                signed(guestKey(), new JWTClaimsSet.Builder(claims).expirationTime(Date.from(now.minusSeconds(1))).build()),
                altered, unsigned);
        for (String token : refused) {
            for (String album : List.of(link.albumId(), other)) {
                assertError(api.call(ApiEvents.get("/albums/" + album).bearer(token)), 401, "UNAUTHORIZED");
            }
        }

        TestClock clock = new TestClock(now);
        ClientApiHandler h = handlerAt(clock);
        String session = guest(h, link, null);
        clock.advance(Duration.ofSeconds(3601));
        assertError(api.call(h, ApiEvents.get("/albums/" + link.albumId()).bearer(session)), 401, "UNAUTHORIZED");
    }

    @Test
    void aSignedInClientsTokenStillWorksOnEveryRoute() {
        String album = published(registered("share-cognito", 2));
        new GrantRepository(aws.clients().dynamo(), aws.names().userAlbumTable())
                .grant(ANN, album, Instant.now());
        String ann = api.issuer().idToken(ANN);
        assertEquals(ANN, api.ok(api.handler(), ApiEvents.get("/me").bearer(ann)).get("email").asText());
        assertFalse(api.ok(api.handler(), ApiEvents.get("/albums").bearer(ann)).get("albums").isEmpty());
        assertEquals(2, api.ok(api.handler(), ApiEvents.get("/albums/" + album).bearer(ann)).get("photos").size());
        assertEquals("ready", api.ok(api.handler(), ApiEvents.get("/albums/" + album + "/download").bearer(ann)).get("status").asText());
    }

    // ---- downloads ------------------------------------------------------------------------------

    @Test
    void aDownloadLimitOfTwoHandsOutTwoArchivesThenSays410WhileTheAlbumStillOpens() {
        Link link = link(published(registered("share-limit", 2)), null, Downloads.BOTH, null, 2);
        String guest = guest(link);
        for (int i = 0; i < 2; i++) {
            JsonNode ready = api.ok(api.handler(), ApiEvents.get("/albums/" + link.albumId() + "/download").bearer(guest));
            assertEquals("ready", ready.get("status").asText());
        }
        assertError(api.call(ApiEvents.get("/albums/" + link.albumId() + "/download").bearer(guest)), 410, "DOWNLOAD_LIMIT_REACHED");
        assertEquals(200, api.call(ApiEvents.get("/albums/" + link.albumId()).bearer(guest)).getStatusCode());
        assertEquals(2, api.shares().find(link.albumId(), link.shareId()).orElseThrow().downloadsUsed());
    }

    @Test
    void pollsOfABuildDoNotCountAgainstTheLimit() {
        Link link = link(registered("share-limit-polls", 2), null, Downloads.BOTH, null, 1);
        String guest = guest(link);
        for (int i = 0; i < 3; i++) {
            assertEquals("pending", api.ok(api.handler(), ApiEvents.get("/albums/" + link.albumId() + "/download").bearer(guest)).get("status").asText());
        }
        assertEquals(0, api.shares().find(link.albumId(), link.shareId()).orElseThrow().downloadsUsed());
    }

    @Test
    void twoHundredSimultaneousGuestClicksOfBothSizesRequestExactlyOneBuild() throws Exception {
        String album = published(registered("share-two-hundred", 2));
        aws.clients().dynamo().updateItem(u -> u.tableName(aws.names().albumTable())
                .key(Map.of("album_id", AttributeValue.fromS(album)))
                .updateExpression("SET content_fingerprint = :fp")
                .expressionAttributeValues(Map.of(":fp", AttributeValue.fromS("changed-" + album))));
        String guest = guest(link(album));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                ApiEvents.Request click = ApiEvents.get("/albums/" + album + "/download").bearer(guest);
                if (i % 2 == 1) click.query("size", "web");
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.call(click);
                }));
            }
            start.countDown();
            for (var answer : answers) {
                var response = answer.get();
                assertEquals(200, response.getStatusCode(), response.getBody());
                assertTrue(ApiEvents.body(response).get("download_url").isNull(), "an archive out of date is never served");
            }
        }
        assertEquals(1, inbox.messagesFor(album).size(), "exactly one wake-up for 200 clicks of both sizes");
        assertEquals(0, api.shares().ofAlbum(album).getFirst().downloadsUsed(), "no link was handed out, nothing counted");
    }
}

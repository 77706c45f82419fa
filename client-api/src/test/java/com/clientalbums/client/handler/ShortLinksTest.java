package com.clientalbums.client.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.common.access.GrantRepository;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.BuildRecord;
import com.clientalbums.common.album.PublishedArchive;
import com.clientalbums.common.auth.TestIssuer;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.WebSizes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Links live minutes, a revoked client gets no new one, and an old one stops working when its
 * lifetime ends: through the client API's handler, with the loopback S3 (S3Proxy, which checks a
 * presigned link's {@code X-Amz-Date} plus {@code X-Amz-Expires} when a request starts, as S3
 * does) judging the links.
 */
class ShortLinksTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static final String STUDIO = "studio@example.com";
    static final String ANN = "ann@example.com";
    /** Short enough to wait out, long enough that a link fetched at once is still good on a busy machine. */
    static final int LIFE_SECONDS = 8;
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    static TestIssuer issuer;
    static AlbumRepository albums;
    static GrantRepository grants;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void setUp() {
        issuer = TestIssuer.start();
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        grants = new GrantRepository(aws.clients().dynamo(), aws.names().userAlbumTable());
    }

    @AfterAll
    static void tearDown() {
        issuer.close();
    }

    @Test
    void everyLinkAClientIsGivenLivesTheDocumentedTenMinutes() throws Exception {
        ClientApiHandler handler = handler(Map.of());
        String album = readyAlbum("ten-minutes");
        Links links = links(handler, album);
        for (String url : links.all()) {
            assertEquals("600", param(url, "X-Amz-Expires"), url);
            assertEquals(200, fetch(url).statusCode(), url);
        }
        assertEquals(600, links.archiveAnswer().get("expires_in").asLong());
        assertEquals(600, links.photoAnswer().get("expires_in").asLong());
    }

    @Test
    void anOldLinkStopsWorkingOnceItsLifetimeHasPassedAndAFreshRequestGivesOneThatWorks() throws Exception {
        ClientApiHandler handler = handler(Map.of("PRESIGNED_URL_EXPIRY", "" + LIFE_SECONDS, "ZIP_URL_EXPIRY", "" + LIFE_SECONDS));
        String album = readyAlbum("old-links");
        Links old = links(handler, album);
        assertEquals(LIFE_SECONDS, old.archiveAnswer().get("expires_in").asLong());
        for (String url : old.all()) assertEquals(200, fetch(url).statusCode(), "at once: " + url);

        waitPast(old.all());
        for (String url : old.all()) assertExpired(url);

        for (String url : links(handler, album).all()) assertEquals(200, fetch(url).statusCode(), "asked afresh: " + url);
    }

    @Test
    void aRevokedClientIsRefusedAFreshLinkLikeAnyAlbumTheyCannotSeeAndTheirOldLinksDieWithinTheLifetime() throws Exception {
        ClientApiHandler handler = handler(Map.of("PRESIGNED_URL_EXPIRY", "" + LIFE_SECONDS, "ZIP_URL_EXPIRY", "" + LIFE_SECONDS));
        String album = readyAlbum("revoked");
        Links old = links(handler, album);
        assertTrue(grants.revoke(ANN, album));

        String ann = issuer.idToken(ANN);
        for (String path : List.of("/albums/" + album, "/albums/" + album + "/download", "/albums/no-such-album/download")) {
            assertNotFound(call(handler, ApiEvents.get(path).bearer(ann)), path);
        }
        assertNotFound(call(handler, ApiEvents.get("/albums/" + album + "/download").query("file_name", "IMG_1.jpg").bearer(ann)), "one photo");
        JsonNode list = ApiEvents.body(call(handler, ApiEvents.get("/albums").bearer(ann)));
        for (JsonNode listed : list.get("albums")) assertNotEquals(album, listed.get("album_id").asText(), list.toString());

        // What was handed out before the revocation is not recalled: it ends with its lifetime (docs/security.md).
        waitPast(old.all());
        for (String url : old.all()) assertExpired(url);
    }

    @Test
    void aDownloadStartedBeforeItsLinkExpiredRunsToTheEnd() throws Exception {
        ClientApiHandler handler = handler(Map.of("PRESIGNED_URL_EXPIRY", "" + LIFE_SECONDS));
        String album = "long-download";
        // Larger than loopback's socket buffers: the server is still sending when the link expires.
        byte[] big = new byte[24 * 1024 * 1024];
        new Random(12).nextBytes(big);
        putObject(S3Keys.photoKey(album, "IMG_1.jpg"), big);
        register(album);
        String url = ApiEvents.body(call(handler, ApiEvents.get("/albums/" + album + "/download").query("file_name", "IMG_1.jpg")
                .bearer(issuer.idToken(ANN)))).get("download_url").asText();

        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (InputStream body = response.body()) {
            byte[] start = body.readNBytes(64 * 1024);
            waitPast(List.of(url));
            assertExpired(url);
            byte[] rest = body.readAllBytes();
            byte[] all = new byte[start.length + rest.length];
            System.arraycopy(start, 0, all, 0, start.length);
            System.arraycopy(rest, 0, all, start.length, rest.length);
            assertArrayEquals(big, all, "the download begun before the expiry");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** The links a client is given for one album: the archive, one photo, and the gallery's view, thumbnail and preview. */
    record Links(JsonNode archiveAnswer, JsonNode photoAnswer, JsonNode photo) {
        List<String> all() {
            return List.of(archiveAnswer.get("download_url").asText(), photoAnswer.get("download_url").asText(),
                    photo.get("view_url").asText(), photo.get("thumbnail_url").asText(), photo.get("preview_url").asText());
        }
    }

    static Links links(ClientApiHandler handler, String album) {
        String ann = issuer.idToken(ANN);
        JsonNode archive = ok(handler, ApiEvents.get("/albums/" + album + "/download").bearer(ann));
        assertEquals("ready", archive.get("status").asText(), archive.toString());
        JsonNode photo = ok(handler, ApiEvents.get("/albums/" + album + "/download").query("file_name", "IMG_1.jpg").bearer(ann));
        JsonNode detail = ok(handler, ApiEvents.get("/albums/" + album).bearer(ann));
        return new Links(archive, photo, detail.get("photos").get(0));
    }

    static ClientApiHandler handler(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(issuer.env(STUDIO));
        env.putAll(overrides);
        return new ClientApiHandler(aws.settings(ClientApiHandler.SETTINGS, env), aws.clients());
    }

    /** An album granted to Ann with one photo, its thumbnail and preview, and a published archive. */
    static String readyAlbum(String albumId) {
        putObject(S3Keys.photoKey(albumId, "IMG_1.jpg"), ("photo of " + albumId).getBytes());
        putObject(PreviewKeys.image(albumId, PreviewSize.THUMB, "IMG_1.jpg"), "thumb".getBytes());
        putObject(PreviewKeys.image(albumId, PreviewSize.PREVIEW, "IMG_1.jpg"), "preview".getBytes());
        register(albumId);
        Album album = albums.find(albumId).orElseThrow();
        Album claimed = albums.claim(albumId, "gen-test", Instant.now(), Duration.ofMinutes(2)).orElseThrow();
        byte[] zip = ("PK archive of " + albumId).getBytes();
        String key = S3Keys.zipKey(albumId, album.contentFingerprint());
        putObject(key, zip);
        var build = new BuildRecord(album.requestedAt(), claimed.zipGenerationStartedAt(), Instant.now(), "ready", 1, 100, 0.5, "registration");
        assertTrue(albums.publish(albumId, "gen-test", claimed.buildVersion(),
                new PublishedArchive(key, zip.length, 1, 100, album.contentFingerprint()), List.of(build), Instant.now()));
        return albumId;
    }

    static void register(String albumId) {
        var listing = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(albums.register(albumId, albumId, STUDIO, listing.size(), Fingerprint.of(listing, WebSizes.DEFAULT), Instant.now()));
        grants.grant(ANN, albumId, Instant.now());
    }

    static void putObject(String key, byte[] bytes) {
        aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(key), RequestBody.fromBytes(bytes));
    }

    static APIGatewayV2HTTPResponse call(ClientApiHandler handler, ApiEvents.Request request) {
        return handler.handleRequest(request.event(), null);
    }

    static JsonNode ok(ClientApiHandler handler, ApiEvents.Request request) {
        var response = call(handler, request);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return ApiEvents.body(response);
    }

    static void assertNotFound(APIGatewayV2HTTPResponse response, String what) {
        assertEquals(404, response.getStatusCode(), what + ": " + response.getBody());
        JsonNode error = ApiEvents.body(response).get("error");
        assertEquals("NOT_FOUND", error.get("code").asText(), what);
        assertEquals("Album not found", error.get("message").asText(), what);
    }

    static HttpResponse<String> fetch(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertExpired(String url) throws Exception {
        var response = fetch(url);
        assertEquals(403, response.statusCode(), url + ": " + response.body());
        assertTrue(response.body().contains("<Code>AccessDenied</Code>"), response.body());
    }

    /** Sleeps until a second after the last of the links expired (X-Amz-Date has whole seconds). */
    static void waitPast(List<String> urls) throws InterruptedException {
        Instant last = Instant.EPOCH;
        for (String url : urls) {
            Instant signed = LocalDateTime.parse(param(url, "X-Amz-Date"), AMZ_DATE).toInstant(ZoneOffset.UTC);
            Instant expires = signed.plusSeconds(Long.parseLong(param(url, "X-Amz-Expires")));
            if (expires.isAfter(last)) last = expires;
        }
        Duration wait = Duration.between(Instant.now(), last.plusSeconds(1));
        assertTrue(wait.compareTo(Duration.ofSeconds(LIFE_SECONDS + 1)) <= 0, "links signed to live " + LIFE_SECONDS + " s: " + urls);
        if (!wait.isNegative()) Thread.sleep(wait.toMillis());
    }

    static String param(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
        throw new AssertionError(name + " not in " + url);
    }
}

package com.clientalbums.client.handler;

import com.clientalbums.common.album.RequestSource;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.BuildRecord;
import com.clientalbums.common.album.Progress;
import com.clientalbums.common.album.PublishedArchive;
import com.clientalbums.common.album.SettingsUpdate;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.auth.AuthConfig;
import com.clientalbums.common.auth.JwtAuthenticator;
import com.clientalbums.common.auth.TestIssuer;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.queue.ZipRequest;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.QueueInbox;
import com.clientalbums.testing.WebSizes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.clientalbums.client.handler.ClientApiFixture.STUDIO;
import static com.clientalbums.client.handler.ClientApiFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client API through its Lambda entry point: real event JSON, real tokens, real S3/SQS/DynamoDB on loopback. */
class ClientApiHandlerTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    @Order(2)
    static final ClientApiFixture api = ClientApiFixture.on(aws);

    static final String ANN = "ann@example.com";
    static final String BOB = "bob@example.com";

    static final HttpClient http = HttpClient.newHttpClient();
    static final QueueInbox inbox = new QueueInbox(aws);

    // ---- helpers ------------------------------------------------------------------------------

    static void putObject(String key, byte[] bytes) {
        aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(key), RequestBody.fromBytes(bytes));
    }

    /** An album registered as the admin API would: photos listed, fingerprint recorded, build pending. */
    static String registered(String albumId, String name, int photos, String... grantedTo) {
        for (int i = 1; i <= photos; i++) api.putPhoto(albumId, "Ceremony/IMG_" + i + ".jpg", ("photo " + i + " of " + albumId).getBytes());
        var listing = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(api.albums().register(albumId, name, STUDIO, listing.size(), Fingerprint.of(listing, WebSizes.DEFAULT), Instant.now()));
        for (String email : grantedTo) api.grants().grant(email, albumId, Instant.now());
        return albumId;
    }

    /** The generator's part: claim, upload an archive, publish it. Returns the archive's bytes. */
    static byte[] published(String albumId) {
        Album album = api.albums().find(albumId).orElseThrow();
        Album claimed = api.albums().claim(albumId, "gen-test", Instant.now(), Duration.ofMinutes(2)).orElseThrow();
        byte[] zip = ("PK fake archive of " + albumId).getBytes();
        String key = S3Keys.zipKey(albumId, album.contentFingerprint());
        putObject(key, zip);
        var build = new BuildRecord(album.requestedAt(), claimed.zipGenerationStartedAt(), Instant.now(), "ready",
                album.photoCount(), 100, 0.5, "registration");
        assertTrue(api.albums().publish(albumId, "gen-test", claimed.buildVersion(),
                new PublishedArchive(key, zip.length, album.photoCount(), 100, album.contentFingerprint()), List.of(build), Instant.now()));
        return zip;
    }

    /** A photo replaced since the archive was built. */
    static void madeStale(String albumId) {
        aws.clients().dynamo().updateItem(u -> u.tableName(aws.names().albumTable())
                .key(Map.of("album_id", AttributeValue.fromS(albumId)))
                .updateExpression("SET content_fingerprint = :fp")
                .expressionAttributeValues(Map.of(":fp", AttributeValue.fromS("changed-" + albumId))));
    }

    static ClientApiHandler handlerAt(Instant now, Map<String, String> overrides) {
        Settings s = aws.settings(ClientApiHandler.SETTINGS, api.env(overrides));
        return new ClientApiHandler(s, aws.clients(), new JwtAuthenticator(AuthConfig.from(s)),
                DefaultCredentialsProvider.builder().build(), Clock.fixed(now, ZoneOffset.UTC));
    }

    static HttpResponse<byte[]> fetch(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    // ---- who is calling ---------------------------------------------------------------------

    @Test
    void meAnswersWhoTheTokenSaysIsSignedIn() {
        JsonNode me = api.ok(ApiEvents.get("/me").bearer(api.issuer().token("Ann@Example.com").name("Ann").sign()));
        assertEquals("ann@example.com", me.get("email").asText());
        assertEquals("Ann", me.get("name").asText());
        assertFalse(me.get("is_admin").asBoolean());
        assertTrue(api.ok(ApiEvents.get("/me").bearer(api.issuer().idToken(STUDIO))).get("is_admin").asBoolean());
    }

    @Test
    void aMissingForgedForeignOrExpiredTokenIs401AndNeverData() {
        String album = registered("token-checks", "Token checks", 1, ANN);
        List<ApiEvents.Request> refused = List.of(
                ApiEvents.get("/albums"),
                ApiEvents.get("/albums/" + album + "/download").bearer(api.issuer().token(ANN).signedWith(TestIssuer.foreignKey("key-1")).sign()),
                ApiEvents.get("/albums/" + album + "/download").bearer(api.issuer().token(ANN).signedWith(TestIssuer.foreignKey("evil")).sign()),
                ApiEvents.get("/albums/" + album).bearer(api.issuer().token(ANN).audience("another-app").sign()),
                ApiEvents.get("/albums/" + album).bearer(api.issuer().token(ANN).expiredAgo(Duration.ofMinutes(5)).sign()),
                ApiEvents.get("/albums/" + album).header("authorization", "Bearer garbage"));
        for (var request : refused) {
            var response = api.call(request);
            assertError(response, 401, "UNAUTHORIZED");
            assertFalse(response.getBody().contains(album), "no album data in a refusal");
        }
        assertTrue(inbox.messagesFor(album).isEmpty(), "a refused call requests nothing");
    }

    // ---- albums -------------------------------------------------------------------------------

    @Test
    void aClientListsOnlyTheAlbumsGrantedToThemAndTheStudioListsAll() {
        registered("list-ann", "Ann's wedding", 2, ANN);
        registered("list-bob", "Bob's portraits", 1, BOB);
        Set<String> annSees = new HashSet<>();
        api.ok(ApiEvents.get("/albums").bearer(api.issuer().idToken(ANN))).get("albums").forEach(a -> annSees.add(a.get("album_id").asText()));
        assertTrue(annSees.contains("list-ann"));
        assertFalse(annSees.contains("list-bob"));
        Set<String> studioSees = new HashSet<>();
        api.ok(ApiEvents.get("/albums").bearer(api.issuer().idToken(STUDIO))).get("albums").forEach(a -> studioSees.add(a.get("album_id").asText()));
        assertTrue(studioSees.containsAll(Set.of("list-ann", "list-bob")));
    }

    @Test
    void anAlbumSummaryHasItsCountDateAndACoverOnceAThumbnailExists() throws Exception {
        String album = registered("cover-album", "Cover", 2, "cover@example.com");
        JsonNode before = api.ok(ApiEvents.get("/albums").bearer(api.issuer().idToken("cover@example.com"))).get("albums").get(0);
        assertEquals("cover-album", before.get("album_id").asText());
        assertEquals("Cover", before.get("name").asText());
        assertEquals(2, before.get("photo_count").asLong());
        assertTrue(before.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertTrue(before.get("cover_url").isNull());

        putObject(PreviewKeys.image(album, PreviewSize.THUMB, "Ceremony/IMG_1.jpg"), "thumb-1".getBytes());
        putObject(PreviewKeys.image(album, PreviewSize.THUMB, "Ceremony/IMG_2.jpg"), "thumb-2".getBytes());
        String cover = api.ok(ApiEvents.get("/albums").bearer(api.issuer().idToken("cover@example.com"))).get("albums").get(0).get("cover_url").asText();
        assertEquals("thumb-1", new String(fetch(cover).body()));
    }

    @Test
    void anAlbumListsItsPhotosWithLinksThatWorkAndPreviewsOnlyWhenTheyExist() throws Exception {
        String album = registered("detail-album", "Detail", 3, ANN);
        api.putPhoto(album, ".DS_Store", "junk".getBytes());
        putObject(PreviewKeys.image(album, PreviewSize.THUMB, "Ceremony/IMG_2.jpg"), "t2".getBytes());
        putObject(PreviewKeys.image(album, PreviewSize.PREVIEW, "Ceremony/IMG_2.jpg"), "p2".getBytes());
        putObject(PreviewKeys.image(album, PreviewSize.THUMB, "Ceremony/IMG_3.jpg"), "t3".getBytes());

        JsonNode detail = api.ok(ApiEvents.get("/albums/" + album).bearer(api.issuer().idToken(ANN)));
        assertEquals("Detail", detail.get("name").asText());
        assertEquals(3, detail.get("photo_count").asLong());
        JsonNode photos = detail.get("photos");
        assertEquals(3, photos.size(), "hidden files are not photos");
        JsonNode first = photos.get(0);
        assertEquals("Ceremony/IMG_1.jpg", first.get("path").asText());
        assertEquals("photo 1 of detail-album".length(), first.get("size").asLong());
        assertEquals("photo 1 of detail-album", new String(fetch(first.get("view_url").asText()).body()));
        assertTrue(first.get("thumbnail_url").isNull() && first.get("preview_url").isNull());
        assertFalse(first.get("previews_ready").asBoolean());
        JsonNode second = photos.get(1);
        assertEquals("t2", new String(fetch(second.get("thumbnail_url").asText()).body()));
        assertEquals("p2", new String(fetch(second.get("preview_url").asText()).body()));
        assertTrue(second.get("previews_ready").asBoolean());
        assertFalse(photos.get(2).get("previews_ready").asBoolean());
    }

    @Test
    void anAlbumShowsThePhotographersSelectionLimitAndDueDateAndNullsWithoutThem() {
        String album = registered("proofing-detail", "Proofing", 1, ANN);
        JsonNode open = api.ok(ApiEvents.get("/albums/" + album).bearer(api.issuer().idToken(ANN)));
        assertTrue(open.get("selection_limit").isNull() && open.get("selection_due").isNull(), open.toString());

        api.albums().updateSettings(album, new SettingsUpdate(Optional.empty(), Optional.empty(),
                Optional.of(new SettingsUpdate.SelectionLimit(40)), Optional.of(new SettingsUpdate.SelectionDue(LocalDate.of(2027, 3, 1)))))
                .orElseThrow();
        JsonNode terms = api.ok(ApiEvents.get("/albums/" + album).bearer(api.issuer().idToken(ANN)));
        assertEquals(40, terms.get("selection_limit").asInt());
        assertEquals("2027-03-01", terms.get("selection_due").asText());
    }

    @Test
    void aJpgWhoseBytesAreSvgIsServedAsAJpegAndActiveContentOnlyAsADownload() throws Exception {
        String album = registered("typed-views", "Typed", 0, ANN);
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(document.domain)\"/>".getBytes();
        // Stored as whoever put them there typed them: the links must not trust that.
        Map<String, String> stored = Map.of("Ceremony/logo.jpg", "image/svg+xml", "page.html", "text/html",
                "raw/IMG_5.CR3", "image/svg+xml", "Ceremony/IMG_6.png", "image/png");
        stored.forEach((path, type) -> aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket())
                .key(S3Keys.photoKey(album, path)).contentType(type), RequestBody.fromBytes(svg)));
        putObject(PreviewKeys.image(album, PreviewSize.THUMB, "Ceremony/logo.jpg"), "t".getBytes());

        Map<String, JsonNode> photos = new HashMap<>();
        api.ok(ApiEvents.get("/albums/" + album).bearer(api.issuer().idToken(ANN))).get("photos").forEach(p -> photos.put(p.get("path").asText(), p));
        assertEquals(stored.keySet(), photos.keySet());
        record Served(String type, String disposition) {}
        Map<String, Served> expected = Map.of(
                "Ceremony/logo.jpg", new Served("image/jpeg", "inline"),
                "Ceremony/IMG_6.png", new Served("image/png", "inline"),
                "page.html", new Served("application/octet-stream", "attachment; filename=\"page.html\"; filename*=UTF-8''page.html"),
                "raw/IMG_5.CR3", new Served("application/octet-stream", "attachment; filename=\"IMG_5.CR3\"; filename*=UTF-8''IMG_5.CR3"));
        for (var e : expected.entrySet()) {
            HttpResponse<byte[]> view = fetch(photos.get(e.getKey()).get("view_url").asText());
            assertEquals(200, view.statusCode(), e.getKey());
            assertArrayEquals(svg, view.body(), e.getKey());
            assertEquals(e.getValue(), new Served(view.headers().firstValue("Content-Type").orElse(""),
                    view.headers().firstValue("Content-Disposition").orElse("")), e.getKey());
        }
        HttpResponse<byte[]> thumb = fetch(photos.get("Ceremony/logo.jpg").get("thumbnail_url").asText());
        assertEquals("image/jpeg", thumb.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void anotherClientsAlbumAndAnUnknownAlbumAreBothNotFoundAndReadTheSame() {
        String album = registered("bobs-secret", "Bob's secret", 1, BOB);
        String ann = api.issuer().idToken(ANN);
        for (String path : List.of("/albums/" + album, "/albums/" + album + "/download", "/albums/no-such-album",
                "/albums/no-such-album/download")) {
            var response = api.call(ApiEvents.get(path).bearer(ann));
            assertError(response, 404, "NOT_FOUND");
            assertEquals("Album not found", ApiEvents.body(response).get("error").get("message").asText());
        }
        var photo = api.call(ApiEvents.get("/albums/" + album + "/download").query("file_name", "Ceremony/IMG_1.jpg").bearer(ann));
        assertError(photo, 404, "NOT_FOUND");
        assertTrue(inbox.messagesFor(album).isEmpty(), "another client's click requests nothing");
    }

    @Test
    void hostileAlbumIdsAre400() {
        String ann = api.issuer().idToken(ANN);
        for (String path : List.of("/albums/..%2Fbobs-secret", "/albums/%2E%2E/download", "/albums/../download",
                "/albums/UPPER-case", "/albums/a%00b/download", "/albums/x")) {
            assertError(api.call(ApiEvents.get(path).bearer(ann)), 400, "BAD_REQUEST");
        }
    }

    // ---- one photo ----------------------------------------------------------------------------

    @Test
    void onePhotoIsALinkUnderItsOwnNameThatDownloadsIt() throws Exception {
        String album = registered("one-photo", "One photo", 2, ANN);
        api.putPhoto(album, "Réception/Öl & Brot.jpg", "the photo".getBytes());
        JsonNode answer = api.ok(ApiEvents.get("/albums/" + album + "/download").query("file_name", "Réception/Öl & Brot.jpg").bearer(api.issuer().idToken(ANN)));
        assertEquals("ready", answer.get("status").asText());
        assertEquals(1, answer.get("file_count").asLong());
        assertEquals(600, answer.get("expires_in").asLong());
        var response = fetch(answer.get("download_url").asText());
        assertEquals(200, response.statusCode());
        assertEquals("the photo", new String(response.body()));
        String disposition = response.headers().firstValue("content-disposition").orElseThrow();
        assertTrue(disposition.startsWith("attachment; filename=\"Ol & Brot.jpg\""), disposition);
        assertTrue(URLDecoder.decode(disposition, StandardCharsets.UTF_8).contains("Öl & Brot.jpg"), disposition);
    }

    @Test
    void hostileFileNamesAre400AndAMissingPhotoIs404() {
        String album = registered("file-names", "File names", 1, ANN);
        String ann = api.issuer().idToken(ANN);
        for (String name : List.of("../bobs-secret/photos/IMG_1.jpg", "Ceremony/../../x.jpg", "/etc/passwd", "..\\..\\win.ini",
                "a//b.jpg", "", "a\u0000b.jpg", "x".repeat(1100))) {
            assertError(api.call(ApiEvents.get("/albums/" + album + "/download").query("file_name", name).bearer(ann)), 400, "BAD_REQUEST");
        }
        assertError(api.call(ApiEvents.get("/albums/" + album + "/download").query("file_name", "Ceremony/nope.jpg").bearer(ann)), 404, "NOT_FOUND");
        api.putPhoto(album, ".DS_Store", "junk".getBytes());
        assertError(api.call(ApiEvents.get("/albums/" + album + "/download").query("file_name", ".DS_Store").bearer(ann)), 404, "NOT_FOUND");
    }

    // ---- Download All -------------------------------------------------------------------------

    @Test
    void aReadyCurrentArchiveIsALinkSignedNowThatDownloadsUnderTheAlbumsName() throws Exception {
        String album = registered("ready-album", "Smith & Jøhnson: Wedding 2026", 3, ANN);
        byte[] zip = published(album);
        JsonNode answer = api.ok(ApiEvents.get("/albums/" + album + "/download").bearer(api.issuer().idToken(ANN)));
        assertEquals("ready", answer.get("status").asText());
        assertEquals(3, answer.get("file_count").asLong());
        assertEquals(zip.length, answer.get("zip_size").asLong());
        assertEquals(600, answer.get("expires_in").asLong());
        JsonNode part = answer.get("parts").get(0);
        assertEquals(1, answer.get("parts").size());
        assertEquals(answer.get("download_url").asText(), part.get("download_url").asText());
        assertEquals("Smith & Jøhnson: Wedding 2026.zip", part.get("name").asText());
        assertEquals(3, answer.get("progress").get("files_done").asLong());

        var response = fetch(answer.get("download_url").asText());
        assertEquals(200, response.statusCode());
        assertArrayEquals(zip, response.body());
        String disposition = response.headers().firstValue("content-disposition").orElseThrow();
        assertEquals("attachment; filename=\"Smith & Johnson_ Wedding 2026.zip\"; filename*=UTF-8''Smith%20&%20J%C3%B8hnson%3A%20Wedding%202026.zip",
                disposition);
        assertEquals("application/zip", response.headers().firstValue("content-type").orElseThrow());
        assertTrue(inbox.messagesFor(album).isEmpty(), "a ready archive requests nothing");
    }

    @Test
    void twoHundredSimultaneousClicksOnAStaleAlbumRequestExactlyOneBuild() throws Exception {
        String album = registered("two-hundred", "Two hundred", 2, ANN);
        published(album);
        madeStale(album);
        String token = api.issuer().idToken(ANN);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<APIGatewayV2HTTPResponse>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.call(ApiEvents.get("/albums/" + album + "/download").bearer(token));
                }));
            }
            start.countDown();
            for (var answer : answers) {
                var response = answer.get();
                assertEquals(200, response.getStatusCode(), response.getBody());
                JsonNode body = ApiEvents.body(response);
                assertEquals("pending", body.get("status").asText());
                assertTrue(body.get("download_url").isNull(), "a stale archive is never served");
            }
        } finally {
            pool.shutdown();
        }
        List<ZipRequest> sent = inbox.messagesFor(album);
        assertEquals(1, sent.size(), "exactly one wake-up for 200 clicks");
        assertEquals(RequestSource.API.value(), api.albums().find(album).orElseThrow().requestSource());
    }

    @Test
    void aStaleArchiveIsNotServedAndTheClientIsToldAnUpdateIsComing() {
        String album = registered("stale-album", "Stale", 2, ANN);
        published(album);
        madeStale(album);
        JsonNode answer = api.ok(ApiEvents.get("/albums/" + album + "/download").bearer(api.issuer().idToken(ANN)));
        assertEquals("pending", answer.get("status").asText());
        assertTrue(answer.get("download_url").isNull());
        assertEquals(0, answer.get("parts").size());
        assertTrue(answer.get("zip_size").isNull());
        assertEquals("New photos are being added; preparing an updated download.", answer.get("message").asText());
        assertEquals(ZipStatus.PENDING, api.albums().find(album).orElseThrow().zipStatus());
        assertEquals(1, inbox.messagesFor(album).size());
    }

    @Test
    void aPendingBuildIsReportedWithoutAskingAgain() {
        String album = registered("just-registered", "Just registered", 4, ANN);
        JsonNode answer = api.ok(ApiEvents.get("/albums/" + album + "/download").bearer(api.issuer().idToken(ANN)));
        assertEquals("pending", answer.get("status").asText());
        assertEquals(4, answer.get("file_count").asLong());
        assertEquals("Preparing your download of 4 photos.", answer.get("message").asText());
        assertEquals(0, answer.get("expires_in").asLong());
        JsonNode progress = answer.get("progress");
        assertEquals(0, progress.get("files_done").asLong());
        assertEquals(4, progress.get("files_total").asLong());
        assertTrue(progress.get("eta_seconds").isNull());
        assertTrue(inbox.messagesFor(album).isEmpty(), "registration already woke a generator");
    }

    @Test
    void aBuildUnderWayShowsItsProgressAndTheTimeLeft() {
        String album = registered("in-progress", "In progress", 3, ANN);
        Instant started = Instant.now().minusSeconds(40);
        api.albums().claim(album, "gen-x", started, Duration.ofMinutes(5)).orElseThrow();
        api.albums().heartbeat(album, "gen-x", Instant.now(), Duration.ofMinutes(5), new Progress(412, 1000, 412_000_000L, 1_000_000_000L));
        JsonNode answer = api.ok(ApiEvents.get("/albums/" + album + "/download").bearer(api.issuer().idToken(ANN)));
        assertEquals("generating", answer.get("status").asText());
        JsonNode progress = answer.get("progress");
        assertEquals(412, progress.get("files_done").asLong());
        assertEquals(1000, progress.get("files_total").asLong());
        assertEquals(1_000_000_000L, progress.get("bytes_total").asLong());
        long eta = progress.get("eta_seconds").asLong();
        assertTrue(eta >= 55 && eta <= 60, "588 MB left at 412 MB per 40 s: " + eta);
        assertTrue(answer.get("message").asText().startsWith("Preparing your download: 412 of 1,000 photos, about "), answer.get("message").asText());
        assertTrue(inbox.messagesFor(album).isEmpty());
    }

    @Test
    void aFreshErrorIsShownThenALaterClickRetriesIt() {
        String album = registered("failed-album", "Failed", 2, ANN);
        Instant now = Instant.now();
        api.albums().claim(album, "gen-f", now, Duration.ofMinutes(2)).orElseThrow();
        var failed = new BuildRecord(now, now, now, "error", 0, 0, 1, "registration");
        assertTrue(api.albums().fail(album, "gen-f", "Photo Ceremony/IMG_2.jpg could not be read", java.util.Optional.empty(), List.of(failed)));

        JsonNode shown = api.ok(ApiEvents.get("/albums/" + album + "/download").bearer(api.issuer().idToken(ANN)));
        assertEquals("error", shown.get("status").asText());
        assertEquals("Photo Ceremony/IMG_2.jpg could not be read. Click Download All to try again.", shown.get("message").asText());
        assertTrue(inbox.messagesFor(album).isEmpty(), "the polling page sees the error; nothing is retried yet");

        var later = handlerAt(now.plusSeconds(30), Map.of());
        var retried = ApiEvents.body(api.call(later, ApiEvents.get("/albums/" + album + "/download").bearer(api.issuer().idToken(ANN))));
        assertEquals("pending", retried.get("status").asText());
        assertEquals(List.of(new ZipRequest(album)), inbox.messagesFor(album));
        assertEquals(RequestSource.API_RETRY.value(), api.albums().find(album).orElseThrow().requestSource());
    }

    @Test
    void aFailedWakeUpStillAnswersPendingAndALaterClickSendsItAgain() {
        String album = registered("lost-message", "Lost message", 2, ANN);
        published(album);
        madeStale(album);
        Instant now = Instant.now();
        var broken = handlerAt(now, Map.of(Setting.ZIP_GENERATION_QUEUE_URL.name(), aws.queueUrl() + "-does-not-exist"));
        var response = api.call(broken, ApiEvents.get("/albums/" + album + "/download").bearer(api.issuer().idToken(ANN)));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("pending", ApiEvents.body(response).get("status").asText());
        assertEquals(ZipStatus.PENDING, api.albums().find(album).orElseThrow().zipStatus(), "the request is recorded: nothing is stuck");
        assertTrue(inbox.messagesFor(album).isEmpty());

        var soon = handlerAt(now.plusSeconds(30), Map.of());
        assertEquals("pending", ApiEvents.body(api.call(soon, ApiEvents.get("/albums/" + album + "/download").bearer(api.issuer().idToken(ANN)))).get("status").asText());
        assertTrue(inbox.messagesFor(album).isEmpty(), "within the retry window the request counts as under way");

        var later = handlerAt(now.plus(Duration.ofMinutes(3)), Map.of());
        assertEquals(200, api.call(later, ApiEvents.get("/albums/" + album + "/download").bearer(api.issuer().idToken(ANN))).getStatusCode());
        assertEquals(1, inbox.messagesFor(album).size(), "the lost wake-up is sent again");
    }

    @Test
    void theHandlerAnswersEvenWithoutALambdaContext() {
        assertNotNull(api.handler().handleRequest(ApiEvents.get("/me").event(), null));
    }
}

package com.clientalbums.client.handler;

import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.PublishedArchive;
import com.clientalbums.common.album.SettingsUpdate;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.http.ApiEvents;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.clientalbums.client.handler.ClientApiFixture.STUDIO;
import static com.clientalbums.client.handler.ClientApiFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a signed-in client may download is enforced on every download route, whatever the request
 * looks like; the web-size archive and web-size photos are answered by the same routes under their
 * own names; an expired gallery is closed to clients and not to the photographer. Real handler,
 * real tokens, real S3/DynamoDB/SQS on loopback.
 */
class DownloadPermissionsTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    @Order(2)
    static final ClientApiFixture api = ClientApiFixture.on(aws);

    static final HttpClient http = HttpClient.newHttpClient();
    static final QueueInbox inbox = new QueueInbox(aws);

    // ---- helpers ------------------------------------------------------------------------------

    static void put(String key, byte[] bytes, Map<String, String> metadata) {
        aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(key).metadata(metadata), RequestBody.fromBytes(bytes));
    }

    static String etag(String key) {
        return aws.clients().s3().headObject(h -> h.bucket(aws.names().bucket()).key(key)).eTag().replace("\"", "");
    }

    /** An album with {@code paths} as its photos (each file's bytes name it), granted to {@code email} allowing {@code downloads}. */
    static String album(String albumId, String name, List<String> paths, String email, Downloads downloads) {
        for (String path : paths) put(S3Keys.photoKey(albumId, path), ("original " + path).getBytes(), Map.of());
        var listing = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(api.albums().register(albumId, name, STUDIO, listing.size(), Fingerprint.of(listing, WebSizes.DEFAULT), Instant.now()));
        api.grants().grant(email, albumId, Instant.now(), downloads);
        return albumId;
    }

    /**
     * The generator's part for both sizes: an original archive published as the engine does today,
     * then its web-size parts set beside it (same attribute shape as {@code zip_parts}, see
     * {@code common/…/album/AlbumItems.java}). Each archive's bytes name it.
     */
    static void published(String albumId, int webParts) {
        Album album = api.albums().find(albumId).orElseThrow();
        Album claimed = api.albums().claim(albumId, "gen-test", Instant.now(), Duration.ofMinutes(2)).orElseThrow();
        String key = S3Keys.zipKey(albumId, album.contentFingerprint());
        put(key, ("original archive of " + albumId).getBytes(), Map.of());
        assertTrue(api.albums().publish(albumId, "gen-test", claimed.buildVersion(),
                new PublishedArchive(key, 100, album.photoCount(), 100, album.contentFingerprint()), List.of(), Instant.now()));
        List<AttributeValue> parts = new ArrayList<>();
        for (int i = 0; i < webParts; i++) {
            String partKey = S3Keys.zipPrefix(albumId) + "web-" + i + ".zip";
            put(partKey, ("web part " + (i + 1) + " of " + albumId).getBytes(), Map.of());
            parts.add(AttributeValue.fromM(Map.of("key", AttributeValue.fromS(partKey), "size", AttributeValue.fromN(Integer.toString(10 + i)),
                    "file_count", AttributeValue.fromN(Integer.toString(2 + i)), "content_bytes", AttributeValue.fromN("9"))));
        }
        aws.clients().dynamo().updateItem(u -> u.tableName(aws.names().albumTable())
                .key(Map.of("album_id", AttributeValue.fromS(albumId)))
                .updateExpression("SET web_parts = :parts")
                .expressionAttributeValues(Map.of(":parts", AttributeValue.fromL(parts))));
    }

    /** A web-size rendition of {@code path} as the preview job writes it: current for the photo and the album's recipe. */
    static void rendition(String albumId, String path) {
        Album album = api.albums().find(albumId).orElseThrow();
        String tag = WebSize.of(api.settings().integer(Setting.WEB_SIZE_PX), album).tag();
        put(PreviewKeys.web(albumId, path), ("web " + path).getBytes(),
                Map.of("source-etag", etag(S3Keys.photoKey(albumId, path)), "web-size", tag));
    }

    static ApiEvents.Request download(String albumId, String token, Map<String, String> query) {
        ApiEvents.Request request = ApiEvents.get("/albums/" + albumId + "/download").bearer(token);
        query.forEach(request::query);
        return request;
    }

    static String fetched(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }

    // ---- permissions ------------------------------------------------------------------------------

    @Test
    void aWebOnlyClientIsRefusedOriginalsOnEveryRouteAndGetsTheWebSizeArchiveUnderItsOwnNames() throws Exception {
        String albumId = album("web-only", "Smith Wedding", List.of("Ceremony/IMG_1.jpg", "Ceremony/IMG_2.png"), "web@example.com", Downloads.WEB);
        published(albumId, 2);
        String token = api.issuer().idToken("web@example.com");

        // Hand-made requests for originals: no size (originals), size=original, archive or one photo.
        for (Map<String, String> query : List.of(Map.<String, String>of(), Map.of("size", "original"),
                Map.of("file_name", "Ceremony/IMG_1.jpg"), Map.of("file_name", "Ceremony/IMG_1.jpg", "size", "original"))) {
            var refused = api.call(download(albumId, token, query));
            assertError(refused, 403, "FORBIDDEN");
            assertEquals("Original photos are not included with this gallery.",
                    ApiEvents.body(refused).path("error").path("message").asText(), query.toString());
            assertFalse(refused.getBody().contains("X-Amz-Signature"), "no link in a refusal");
        }

        JsonNode web = api.ok(download(albumId, token, Map.of("size", "web")));
        assertEquals("ready", web.get("status").asText());
        assertEquals("web", web.get("size").asText());
        assertEquals(10 + 11, web.get("zip_size").asLong(), "the web-size parts' sizes");
        assertEquals(2 + 3, web.get("file_count").asLong(), "the web-size parts' files");
        JsonNode parts = web.get("parts");
        assertEquals(2, parts.size());
        assertEquals("Smith Wedding (web size, part 1 of 2).zip", parts.get(0).get("name").asText());
        assertEquals("Smith Wedding (web size, part 2 of 2).zip", parts.get(1).get("name").asText());
        assertEquals("web part 1 of web-only", fetched(parts.get(0).get("download_url").asText()));
        assertEquals("web part 2 of web-only", fetched(parts.get(1).get("download_url").asText()));
        assertEquals(parts.get(0).get("download_url").asText(), web.get("download_url").asText());
    }

    @Test
    void aClientAllowedBothGetsEitherArchiveAndEachAnswerSaysWhichSizeItIs() throws Exception {
        String albumId = album("both-sizes", "Portraits", List.of("IMG_1.jpg"), "both@example.com", Downloads.BOTH);
        published(albumId, 1);
        String token = api.issuer().idToken("both@example.com");
        JsonNode original = api.ok(download(albumId, token, Map.of()));
        assertEquals("original", original.get("size").asText());
        assertEquals("Portraits.zip", original.get("parts").get(0).get("name").asText());
        assertEquals("original archive of both-sizes", fetched(original.get("download_url").asText()));
        JsonNode web = api.ok(download(albumId, token, Map.of("size", "web")));
        assertEquals("Portraits (web size).zip", web.get("parts").get(0).get("name").asText());
        assertEquals("web part 1 of both-sizes", fetched(web.get("download_url").asText()));

        assertError(api.call(download(albumId, token, Map.of("size", "large"))), 400, "BAD_REQUEST");
        assertError(api.call(download(albumId, token, Map.of("size", "WEB"))), 400, "BAD_REQUEST");
    }

    @Test
    void aViewOnlyClientSeesTheGalleryButEveryDownloadIs403AndNothingIsRequested() throws Exception {
        String albumId = album("view-only", "View only", List.of("IMG_1.jpg"), "viewer@example.com", Downloads.NONE);
        String token = api.issuer().idToken("viewer@example.com");
        for (Map<String, String> query : List.of(Map.<String, String>of(), Map.of("size", "web"), Map.of("size", "original"),
                Map.of("file_name", "IMG_1.jpg"), Map.of("file_name", "IMG_1.jpg", "size", "web"))) {
            var refused = api.call(download(albumId, token, query));
            assertError(refused, 403, "FORBIDDEN");
            assertEquals("Downloads are not included with this gallery.", ApiEvents.body(refused).path("error").path("message").asText());
        }
        assertTrue(inbox.messagesFor(albumId).isEmpty(), "a refused download requests no build");

        put(PreviewKeys.image(albumId, PreviewSize.PREVIEW, "IMG_1.jpg"), "preview 1".getBytes(), Map.of());
        rendition(albumId, "IMG_1.jpg");
        JsonNode detail = api.ok(ApiEvents.get("/albums/" + albumId).bearer(token));
        assertEquals("none", detail.get("downloads").asText());
        assertEquals(api.settings().integer(Setting.WEB_SIZE_PX), detail.get("web_size_px").asInt());
        assertTrue(detail.get("expires_at").isNull());
        assertEquals("preview 1", fetched(detail.get("photos").get(0).get("view_url").asText()), "view only: the preview");
    }

    @Test
    void aWebOnlyClientsViewLinksNeverPointAtAnOriginal() throws Exception {
        String albumId = album("web-views", "Web views", List.of("IMG_1.jpg", "IMG_2.jpg", "IMG_3.jpg", "clip.mp4", "RAW/IMG_4.CR3"),
                "webview@example.com", Downloads.WEB);
        rendition(albumId, "IMG_1.jpg");
        put(PreviewKeys.image(albumId, PreviewSize.PREVIEW, "IMG_2.jpg"), "preview 2".getBytes(), Map.of());

        Map<String, JsonNode> photos = new HashMap<>();
        JsonNode detail = api.ok(ApiEvents.get("/albums/" + albumId).bearer(api.issuer().idToken("webview@example.com")));
        detail.get("photos").forEach(p -> photos.put(p.get("path").asText(), p));
        assertEquals("web", detail.get("downloads").asText());
        assertEquals("web IMG_1.jpg", fetched(photos.get("IMG_1.jpg").get("view_url").asText()), "the web-size version");
        assertTrue(photos.get("IMG_1.jpg").get("has_web").asBoolean());
        assertEquals("preview 2", fetched(photos.get("IMG_2.jpg").get("view_url").asText()), "the preview until it is made");
        assertFalse(photos.get("IMG_2.jpg").get("has_web").asBoolean());
        assertTrue(photos.get("IMG_3.jpg").get("view_url").isNull(), "nothing made yet: nothing to look at");
        assertTrue(photos.get("RAW/IMG_4.CR3").get("view_url").isNull(), "a RAW has no web size");
        assertEquals("original clip.mp4", fetched(photos.get("clip.mp4").get("view_url").asText()),
                "a video is its own web size while the album includes other files");
        for (JsonNode p : detail.get("photos")) {
            if (!p.get("view_url").isNull() && !p.get("path").asText().equals("clip.mp4")) {
                assertFalse(p.get("view_url").asText().contains("/photos/"), "not an original: " + p);
            }
        }

        JsonNode asStudio = api.ok(ApiEvents.get("/albums/" + albumId).bearer(api.issuer().idToken(STUDIO)));
        assertEquals("both", asStudio.get("downloads").asText());
        assertEquals("original IMG_2.jpg", fetched(asStudio.get("photos").get(1).get("view_url").asText()), "originals allowed: the original");
    }

    @Test
    void aWebSizePhotoIsItsCurrentRenditionUnderAJpgNameAndOtherwiseAClear404() throws Exception {
        String albumId = album("web-photos", "Web photos", List.of("Ceremony/IMG_1.png", "Ceremony/IMG_2.jpg", "clip.mp4",
                "RAW/IMG_3.CR3"), "webphoto@example.com", Downloads.WEB);
        String token = api.issuer().idToken("webphoto@example.com");
        rendition(albumId, "Ceremony/IMG_1.png");

        JsonNode png = api.ok(download(albumId, token, Map.of("file_name", "Ceremony/IMG_1.png", "size", "web")));
        assertEquals("web", png.get("size").asText());
        assertEquals("IMG_1.jpg", png.get("parts").get(0).get("name").asText());
        HttpResponse<String> served = http.send(HttpRequest.newBuilder(URI.create(png.get("download_url").asText())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("web Ceremony/IMG_1.png", served.body());
        assertEquals("image/jpeg", served.headers().firstValue("Content-Type").orElse(""));
        assertTrue(served.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename=\"IMG_1.jpg\""));

        JsonNode video = api.ok(download(albumId, token, Map.of("file_name", "clip.mp4", "size", "web")));
        assertEquals("original clip.mp4", fetched(video.get("download_url").asText()), "a video goes into the web size unchanged");

        for (String missing : List.of("Ceremony/IMG_2.jpg", "RAW/IMG_3.CR3")) {
            var none = api.call(download(albumId, token, Map.of("file_name", missing, "size", "web")));
            assertError(none, 404, "NOT_FOUND");
            assertEquals("No web-size version of this photo (yet).", ApiEvents.body(none).path("error").path("message").asText());
        }

        // The photographer adds a watermark and leaves videos out: the rendition made before is no longer served.
        api.albums().updateSettings(albumId, new SettingsUpdate(Optional.empty(), Optional.of(new SettingsUpdate.Recipe(
                new com.clientalbums.common.album.Watermark(com.clientalbums.common.album.Watermark.Kind.TEXT, "© Studio", null,
                        com.clientalbums.common.album.Watermark.Position.BOTTOM_RIGHT, 20, 50, false),
                WebSize.OtherFiles.OMIT, "changed", 4, api.albums().find(albumId).orElseThrow().contentVersion())))).orElseThrow();
        for (String path : List.of("Ceremony/IMG_1.png", "clip.mp4")) {
            assertError(api.call(download(albumId, token, Map.of("file_name", path, "size", "web"))), 404, "NOT_FOUND");
        }
        rendition(albumId, "Ceremony/IMG_1.png");
        assertEquals(200, api.call(download(albumId, token, Map.of("file_name", "Ceremony/IMG_1.png", "size", "web"))).getStatusCode(),
                "made again for the new recipe");
    }

    @Test
    void aReadyAlbumWithNothingInWebSizeSaysSo() {
        String albumId = album("only-raw", "Only RAW", List.of("IMG_1.CR3"), "raw@example.com", Downloads.BOTH);
        published(albumId, 0);
        var none = api.call(download(albumId, api.issuer().idToken("raw@example.com"), Map.of("size", "web")));
        assertError(none, 404, "NOT_FOUND");
        assertEquals("This album has no photos in web size.", ApiEvents.body(none).path("error").path("message").asText());
        assertEquals(200, api.call(download(albumId, api.issuer().idToken("raw@example.com"), Map.of())).getStatusCode(), "the originals are there");
    }

    // ---- gallery expiry ---------------------------------------------------------------------------

    @Test
    void anExpiredGalleryIs410ForItsClientListedAsExpiredWithoutACoverAndOpenToTheStudioUntilExtended() throws Exception {
        String albumId = album("expiring", "Expiring", List.of("IMG_1.jpg"), "late@example.com", Downloads.BOTH);
        published(albumId, 1);
        put(PreviewKeys.image(albumId, PreviewSize.THUMB, "IMG_1.jpg"), "thumb".getBytes(), Map.of());
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        api.albums().updateSettings(albumId, new SettingsUpdate(Optional.of(new SettingsUpdate.Expiry(yesterday)), Optional.empty())).orElseThrow();
        String client = api.issuer().idToken("late@example.com");

        for (ApiEvents.Request request : List.of(ApiEvents.get("/albums/" + albumId).bearer(client), download(albumId, client, Map.of()),
                download(albumId, client, Map.of("size", "web")), download(albumId, client, Map.of("file_name", "IMG_1.jpg")))) {
            var refused = api.call(request);
            assertError(refused, 410, "GALLERY_EXPIRED");
            assertFalse(refused.getBody().contains("X-Amz-Signature"), "no link after expiry");
        }
        JsonNode listed = api.ok(ApiEvents.get("/albums").bearer(client)).get("albums").get(0);
        assertTrue(listed.get("expired").asBoolean());
        assertTrue(listed.get("cover_url").isNull());

        String studio = api.issuer().idToken(STUDIO);
        assertEquals(yesterday.toEpochMilli(), Instant.parse(api.ok(ApiEvents.get("/albums/" + albumId).bearer(studio)).get("expires_at").asText())
                .toEpochMilli());
        assertEquals("ready", api.ok(download(albumId, studio, Map.of())).get("status").asText(), "the photographer still downloads it");

        Instant nextMonth = Instant.now().plus(Duration.ofDays(30));
        api.albums().updateSettings(albumId, new SettingsUpdate(Optional.of(new SettingsUpdate.Expiry(nextMonth)), Optional.empty())).orElseThrow();
        assertEquals("ready", api.ok(download(albumId, client, Map.of())).get("status").asText(), "extended: open again");
        JsonNode open = api.ok(ApiEvents.get("/albums").bearer(client)).get("albums").get(0);
        assertFalse(open.get("expired").asBoolean());
        assertEquals("thumb", fetched(open.get("cover_url").asText()));
    }
}

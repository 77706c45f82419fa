package com.clientalbums.admin.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.access.GrantRepository;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.Proofing;
import com.clientalbums.common.album.PublishedArchive;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.Watermark;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.queue.ZipRequest;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.QueueInbox;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The studio's album settings (expiry, watermark, web-size other files), its watermark logo
 * uploads and its grants' download permissions, through the Lambda entry point on loopback AWS.
 */
class AlbumSettingsTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    @Order(2)
    static final StudioApiFixture api = StudioApiFixture.on(aws);

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static GrantRepository grants;
    static int webSizePx;
    static String admin;
    static final QueueInbox inbox = new QueueInbox(aws);

    @BeforeAll
    static void setUp() {
        grants = new GrantRepository(aws.clients().dynamo(), aws.names().userAlbumTable());
        webSizePx = api.settings().integer(Setting.WEB_SIZE_PX);
        admin = api.issuer().token("someone@example.com").groups("admin").sign();
    }

    // ---- helpers ------------------------------------------------------------------------------

    static String errorMessage(APIGatewayV2HTTPResponse response, int status, String code) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals(code, ApiEvents.body(response).path("error").path("code").asText(), response.getBody());
        return ApiEvents.body(response).path("error").path("message").asText();
    }

    static ApiEvents.Request patch(String albumId, String body) {
        return ApiEvents.patch("/admin/albums/" + albumId).bearer(admin).body(body);
    }

    /** An album registered through the API with {@code photos} photos, its first build published (ready, current). */
    static String readyAlbum(String albumId, int photos) {
        for (int i = 1; i <= photos; i++) {
            String key = S3Keys.photoKey(albumId, "IMG_" + i + ".jpg");
            aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(key), RequestBody.fromString("photo " + key));
        }
        api.answer(201, ApiEvents.post("/admin/albums").bearer(admin).body("{\"album_id\":\"" + albumId + "\",\"name\":\"" + albumId + "\"}"));
        Album album = api.albums().find(albumId).orElseThrow();
        Album claimed = api.albums().claim(albumId, "gen", Instant.now(), Duration.ofMinutes(2)).orElseThrow();
        assertTrue(api.albums().publish(albumId, "gen", claimed.buildVersion(), new PublishedArchive(S3Keys.zipKey(albumId, album.contentFingerprint()),
                100, album.photoCount(), 90, album.contentFingerprint()), List.of(), Instant.now()));
        inbox.forget(albumId);
        return albumId;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static HttpResponse<String> upload(JsonNode link, String type, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(link.get("upload_url").asText())).header("Content-Type", type)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- settings -----------------------------------------------------------------------------

    @Test
    void aNewWatermarkMakesTheArchivesStaleAndRequestsExactlyOneBuild() {
        String albumId = readyAlbum("watermarked", 3);
        Album before = api.albums().find(albumId).orElseThrow();
        String body = "{\"watermark\":{\"kind\":\"text\",\"text\":\"© Studio\",\"position\":\"bottom-right\",\"size\":20,"
                + "\"opacity\":50,\"on_previews\":true}}";

        JsonNode row = api.answer(200, patch(albumId, body));

        Album after = api.albums().find(albumId).orElseThrow();
        Watermark expected = new Watermark(Watermark.Kind.TEXT, "© Studio", null, Watermark.Position.BOTTOM_RIGHT, 20, 50, true);
        assertEquals(expected, after.watermark());
        var listed = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertEquals(Fingerprint.of(listed, new WebSize(webSizePx, expected, WebSize.OtherFiles.INCLUDE)), after.contentFingerprint());
        assertNotEquals(before.contentFingerprint(), after.contentFingerprint());
        assertEquals(before.contentVersion() + 1, after.contentVersion());
        assertEquals(ZipStatus.PENDING, after.zipStatus());
        assertEquals(RequestSource.SETTINGS_CHANGED.value(), after.requestSource());
        assertEquals(List.of(new ZipRequest(albumId)), inbox.messagesFor(albumId), "one wake-up");
        assertEquals("pending", row.get("zip_status").asText());
        assertEquals("text", row.get("watermark").get("kind").asText());
        assertEquals("bottom-right", row.get("watermark").get("position").asText());
        assertEquals(20, row.get("watermark").get("size").asInt());
        assertTrue(row.get("watermark").get("on_previews").asBoolean());

        // The same recipe again, and an expiry date: nothing to rebuild.
        api.answer(200, patch(albumId, body));
        api.answer(200, patch(albumId, "{\"expires_at\":\"2030-01-01T00:00:00Z\"}"));
        Album unchanged = api.albums().find(albumId).orElseThrow();
        assertEquals(after.contentFingerprint(), unchanged.contentFingerprint());
        assertEquals(after.contentVersion(), unchanged.contentVersion());
        assertEquals(List.of(new ZipRequest(albumId)), inbox.messagesFor(albumId), "still one wake-up");

        // Leaving videos out is a new recipe too; removing the watermark another.
        api.answer(200, patch(albumId, "{\"web_other_files\":\"omit\",\"watermark\":null}"));
        Album omitted = api.albums().find(albumId).orElseThrow();
        assertNull(omitted.watermark());
        assertEquals(WebSize.OtherFiles.OMIT, omitted.webOtherFiles());
        assertEquals(Fingerprint.of(listed, new WebSize(webSizePx, null, WebSize.OtherFiles.OMIT)), omitted.contentFingerprint());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), omitted.expiresAt(), "a field left out is left as it is");
    }

    @Test
    void theExpiryDateIsSetExtendedAndRemovedAndTheRowSaysWhetherItHasPassed() {
        String albumId = readyAlbum("expiry-dates", 1);
        String fingerprint = api.albums().find(albumId).orElseThrow().contentFingerprint();

        JsonNode past = api.answer(200, patch(albumId, "{\"expires_at\":\"2020-06-30T23:59:59+02:00\"}"));
        assertEquals("2020-06-30T21:59:59.000Z", past.get("expires_at").asText());
        assertTrue(past.get("expired").asBoolean());
        JsonNode listed = null;
        for (JsonNode a : api.answer(200, ApiEvents.get("/admin/albums").bearer(admin)).get("albums")) {
            if (a.get("album_id").asText().equals(albumId)) listed = a;
        }
        assertTrue(listed.get("expired").asBoolean(), "the studio still lists it, as expired");

        JsonNode extended = api.answer(200, patch(albumId, "{\"expires_at\":\"2099-01-01T00:00:00Z\"}"));
        assertFalse(extended.get("expired").asBoolean());
        JsonNode removed = api.answer(200, patch(albumId, "{\"expires_at\":null}"));
        assertTrue(removed.get("expires_at").isNull());
        assertNull(api.albums().find(albumId).orElseThrow().expiresAt());
        assertEquals(fingerprint, api.albums().find(albumId).orElseThrow().contentFingerprint(), "expiry changes no archive");
        assertEquals(ZipStatus.READY, api.albums().find(albumId).orElseThrow().zipStatus());
        assertTrue(inbox.messagesFor(albumId).isEmpty());
    }

    @Test
    void invalidSettingsAre400NamingTheFieldAndChangeNothing() {
        String albumId = readyAlbum("invalid-settings", 1);
        Album before = api.albums().find(albumId).orElseThrow();
        String mark = "\"kind\":\"text\",\"text\":\"x\",\"position\":\"center\",\"opacity\":50";
        Map<String, String> refused = Map.ofEntries(
                Map.entry("{\"expires_at\":\"next tuesday\"}", "expires_at"),
                Map.entry("{\"expires_at\":1767225600}", "expires_at"),
                Map.entry("{\"expires_at\":\"2030-01-01T00:00:00\"}", "expires_at"),
                Map.entry("{\"web_other_files\":\"sometimes\"}", "web_other_files"),
                Map.entry("{\"watermark\":\"© me\"}", "watermark"),
                Map.entry("{\"watermark\":{" + mark + ",\"size\":61}}", "watermark.size"),
                Map.entry("{\"watermark\":{" + mark + ",\"size\":4}}", "watermark.size"),
                Map.entry("{\"watermark\":{" + mark + ",\"size\":\"20\"}}", "watermark.size"),
                Map.entry("{\"watermark\":{" + mark + ",\"size\":20.5}}", "watermark.size"),
                Map.entry("{\"watermark\":{\"kind\":\"text\",\"text\":\"x\",\"position\":\"center\",\"size\":20,\"opacity\":5}}", "watermark.opacity"),
                Map.entry("{\"watermark\":{\"kind\":\"stamp\",\"position\":\"center\",\"size\":20,\"opacity\":50}}", "watermark.kind"),
                Map.entry("{\"watermark\":{\"kind\":\"text\",\"text\":\"x\",\"position\":\"middle\",\"size\":20,\"opacity\":50}}", "watermark.position"),
                Map.entry("{\"watermark\":{\"kind\":\"text\",\"text\":\"\",\"position\":\"center\",\"size\":20,\"opacity\":50}}", "watermark.text"),
                Map.entry("{\"watermark\":{" + mark + ",\"size\":20,\"on_previews\":\"yes\"}}", "watermark.on_previews"),
                Map.entry("{\"watermark\":{\"kind\":\"logo\",\"position\":\"center\",\"size\":20,\"opacity\":50}}", "watermark.logo"),
                Map.entry("{\"expires_at\":\"2030-01-01T00:00:00Z\",\"web_other_files\":\"no\"}", "web_other_files"),
                Map.entry("{\"selection_limit\":0}", "selection_limit"),
                Map.entry("{\"selection_limit\":2001}", "selection_limit"),
                Map.entry("{\"selection_limit\":-3}", "selection_limit"),
                Map.entry("{\"selection_limit\":12.5}", "selection_limit"),
                Map.entry("{\"selection_limit\":\"40\"}", "selection_limit"),
                Map.entry("{\"selection_limit\":true}", "selection_limit"),
                Map.entry("{\"selection_limit\":4294967336}", "selection_limit"),
                Map.entry("{\"selection_due\":\"1 March 2027\"}", "selection_due"),
                Map.entry("{\"selection_due\":\"2027-02-30\"}", "selection_due"),
                Map.entry("{\"selection_due\":\"2027-3-1\"}", "selection_due"),
                Map.entry("{\"selection_due\":\"+2027-03-01\"}", "selection_due"),
                Map.entry("{\"selection_due\":\"2027-03-01T00:00:00Z\"}", "selection_due"),
                Map.entry("{\"selection_due\":20270301}", "selection_due"),
                Map.entry("{\"selection_limit\":40,\"selection_due\":\"tomorrow\"}", "selection_due"),
                Map.entry("{}", "expires_at, watermark, web_other_files, selection_limit and selection_due"),
                Map.entry("[1,2]", "JSON object"),
                Map.entry("{\"watermark\":", "not valid JSON"));
        refused.forEach((body, field) -> {
            String message = errorMessage(api.call(patch(albumId, body)), 400, "BAD_REQUEST");
            assertTrue(message.contains(field), body + " → " + message);
        });
        assertEquals(before, api.albums().find(albumId).orElseThrow(), "nothing was written");
        assertTrue(inbox.messagesFor(albumId).isEmpty());
        errorMessage(api.call(patch("no-such-album", "{\"expires_at\":null}")), 404, "NOT_FOUND");
        errorMessage(api.call(ApiEvents.patch("/admin/albums/" + albumId).bearer(api.issuer().idToken("ann@example.com"))
                .body("{\"expires_at\":null}")), 403, "FORBIDDEN");
    }

    @Test
    void proofingTermsAreSetOneAtATimeShownInEveryViewAndRemovedByNullWithoutTouchingTheArchive() {
        String albumId = readyAlbum("proofing-terms", 2);
        Album before = api.albums().find(albumId).orElseThrow();

        JsonNode both = api.answer(200, patch(albumId, "{\"selection_limit\":40,\"selection_due\":\"2027-03-01\"}"));
        assertEquals(40, both.get("selection_limit").asInt());
        assertEquals("2027-03-01", both.get("selection_due").asText());
        assertEquals(new Proofing(40, LocalDate.of(2027, 3, 1)), api.albums().find(albumId).orElseThrow().proofing());

        JsonNode lowered = api.answer(200, patch(albumId, "{\"selection_limit\":1}"));
        assertEquals(1, lowered.get("selection_limit").asInt());
        assertEquals("2027-03-01", lowered.get("selection_due").asText(), "a field left out is left as it is");
        JsonNode archive = api.answer(200, ApiEvents.get("/admin/albums/" + albumId + "/zip").bearer(admin));
        assertEquals(1, archive.get("selection_limit").asInt());
        assertEquals("2027-03-01", archive.get("selection_due").asText());
        assertEquals(2000, api.answer(200, patch(albumId, "{\"selection_limit\":2000}")).get("selection_limit").asInt(), "the largest");

        JsonNode noDue = api.answer(200, patch(albumId, "{\"selection_due\":null}"));
        assertTrue(noDue.get("selection_due").isNull());
        assertEquals(2000, noDue.get("selection_limit").asInt());
        JsonNode none = api.answer(200, patch(albumId, "{\"selection_limit\":null}"));
        assertTrue(none.get("selection_limit").isNull());
        assertEquals(Proofing.NONE, api.albums().find(albumId).orElseThrow().proofing());
        var item = aws.clients().dynamo().getItem(g -> g.tableName(aws.names().albumTable())
                .key(Map.of("album_id", AttributeValue.fromS(albumId))).consistentRead(true)).item();
        assertFalse(item.containsKey("selection_limit") || item.containsKey("selection_due"), "null removes the attribute: " + item.keySet());

        Album after = api.albums().find(albumId).orElseThrow();
        assertEquals(before.contentFingerprint(), after.contentFingerprint(), "no archive holds the terms");
        assertEquals(before.contentVersion(), after.contentVersion());
        assertEquals(ZipStatus.READY, after.zipStatus());
        assertTrue(inbox.messagesFor(albumId).isEmpty(), "nothing to rebuild");
    }

    @Test
    void proofingTermsTravelWithTheOtherSettingsInOneRequest() {
        String albumId = readyAlbum("proofing-with-others", 1);
        JsonNode row = api.answer(200, patch(albumId, "{\"expires_at\":\"2030-01-01T00:00:00Z\",\"selection_limit\":12,"
                + "\"selection_due\":\"2029-12-24\",\"web_other_files\":\"omit\"}"));
        assertEquals(12, row.get("selection_limit").asInt());
        assertEquals("2029-12-24", row.get("selection_due").asText());
        assertEquals("omit", row.get("web_other_files").asText());
        Album album = api.albums().find(albumId).orElseThrow();
        assertEquals(new Proofing(12, LocalDate.of(2029, 12, 24)), album.proofing());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), album.expiresAt());
        JsonNode listed = null;
        for (JsonNode a : api.answer(200, ApiEvents.get("/admin/albums").bearer(admin)).get("albums")) {
            if (a.get("album_id").asText().equals(albumId)) listed = a;
        }
        assertEquals(12, listed.get("selection_limit").asInt(), "the studio's list shows the terms too");
        assertEquals("2029-12-24", listed.get("selection_due").asText());
        // A refused field refuses the whole request: the valid one beside it is not written either.
        errorMessage(api.call(patch(albumId, "{\"selection_limit\":3,\"selection_due\":\"soon\"}")), 400, "BAD_REQUEST");
        assertEquals(new Proofing(12, LocalDate.of(2029, 12, 24)), api.albums().find(albumId).orElseThrow().proofing());
    }

    // ---- watermark logo -------------------------------------------------------------------------

    @Test
    void aLogoLinkIsSignedForAPngOfItsSizeAndOnlyAnUploadedLogoOfTheAlbumCanBeChosen() throws Exception {
        String albumId = readyAlbum("logo-album", 2);
        String other = readyAlbum("other-logo-album", 1);
        byte[] png = "\u0089PNG pretend logo bytes".getBytes();
        String sha = sha256(png);

        JsonNode link = api.answer(200, ApiEvents.post("/admin/albums/" + albumId + "/watermark-logo").bearer(admin)
                .body("{\"sha256\":\"" + sha + "\",\"size\":" + png.length + "}"));
        String key = "watermarks/" + albumId + "/" + sha + ".png";
        assertEquals(key, link.get("logo_key").asText());
        assertTrue(link.get("expires_in").asLong() > 0);
        String logo = "{\"watermark\":{\"kind\":\"logo\",\"logo_key\":\"" + key + "\",\"position\":\"top-left\",\"size\":15,\"opacity\":80}}";
        assertTrue(errorMessage(api.call(patch(albumId, logo)), 400, "BAD_REQUEST").contains("watermark.logo_key"), "not uploaded yet");

        for (String type : List.of("image/svg+xml", "text/html")) {
            try {
                assertEquals(403, upload(link, type, png).statusCode(), type);
            } catch (IOException closedBeforeTheAnswer) {
                // Refused too: the server ended the exchange without accepting the body.
            }
        }
        try {
            assertEquals(403, upload(link, "image/png", new byte[png.length + 1]).statusCode(), "another length");
        } catch (IOException closedBeforeTheAnswer) {
            // Refused too.
        }
        assertEquals(0, aws.clients().s3().listObjectsV2(l -> l.bucket(aws.names().bucket()).prefix(key)).keyCount(), "nothing stored");
        assertEquals(200, upload(link, "image/png", png).statusCode());

        JsonNode row = api.answer(200, patch(albumId, logo));
        assertEquals(key, row.get("watermark").get("logo_key").asText());
        assertEquals(Watermark.Kind.LOGO, api.albums().find(albumId).orElseThrow().watermark().kind());
        // Another album's logo, or a key outside the album's logos, is not this album's to use.
        for (String foreign : List.of(key, "albums/" + other + "/photos/IMG_1.jpg", "watermarks/" + other + "/../" + albumId + "/" + sha + ".png")) {
            String body = "{\"watermark\":{\"kind\":\"logo\",\"logo_key\":\"" + foreign + "\",\"position\":\"center\",\"size\":15,\"opacity\":80}}";
            assertTrue(errorMessage(api.call(patch(other, body)), 400, "BAD_REQUEST").contains("watermark.logo_key"), foreign);
        }

        for (String body : List.of("{\"sha256\":\"" + sha + "\",\"size\":0}", "{\"sha256\":\"" + sha + "\",\"size\":2097153}",
                "{\"sha256\":\"abc\",\"size\":10}", "{\"size\":10}", "{\"sha256\":\"" + sha + "\"}")) {
            errorMessage(api.call(ApiEvents.post("/admin/albums/" + albumId + "/watermark-logo").bearer(admin).body(body)), 400, "BAD_REQUEST");
        }
        api.answer(200, ApiEvents.post("/admin/albums/" + albumId + "/watermark-logo").bearer(admin)
                .body("{\"sha256\":\"" + sha + "\",\"size\":2097152}"));
        errorMessage(api.call(ApiEvents.post("/admin/albums/no-such-album/watermark-logo").bearer(admin)
                .body("{\"sha256\":\"" + sha + "\",\"size\":10}")), 404, "NOT_FOUND");
    }

    // ---- grants -------------------------------------------------------------------------------

    @Test
    void aGrantCarriesItsDownloadPermissionWhichAReGrantChangesAndTheUserListShows() {
        String albumId = readyAlbum("granted-sizes", 1);
        String path = "/admin/albums/" + albumId + "/users/" + ApiEvents.encode("Eve@Example.com");

        assertEquals(204, api.call(ApiEvents.put(path).bearer(admin).body("{\"downloads\":\"web\"}")).getStatusCode());
        assertEquals(Downloads.WEB, grants.find("eve@example.com", albumId).orElseThrow().downloads());
        assertEquals("web", grantShown("eve@example.com", albumId));

        assertEquals(204, api.call(ApiEvents.put(path).bearer(admin).body("{\"downloads\":\"none\"}")).getStatusCode());
        assertEquals(Downloads.NONE, grants.find("eve@example.com", albumId).orElseThrow().downloads());
        assertEquals("none", grantShown("eve@example.com", albumId));

        assertEquals(204, api.call(ApiEvents.put(path).bearer(admin)).getStatusCode(), "no body: both sizes");
        assertEquals(Downloads.BOTH, grants.find("eve@example.com", albumId).orElseThrow().downloads());
        assertEquals(204, api.call(ApiEvents.put(path).bearer(admin).body("{\"downloads\":\"original\"}")).getStatusCode());
        assertEquals("original", grantShown("eve@example.com", albumId));

        for (String body : List.of("{\"downloads\":\"all\"}", "{\"downloads\":1}", "{\"downloads\":\"WEB\"}", "[\"web\"]")) {
            errorMessage(api.call(ApiEvents.put(path).bearer(admin).body(body)), 400, "BAD_REQUEST");
        }
        assertEquals(Downloads.ORIGINAL, grants.find("eve@example.com", albumId).orElseThrow().downloads(), "a refused grant changes nothing");
    }

    private static String grantShown(String email, String albumId) {
        for (JsonNode u : api.answer(200, ApiEvents.get("/admin/users").bearer(admin)).get("users")) {
            if (!u.get("email").asText().equals(email)) continue;
            assertEquals(List.of(albumId), List.of(u.get("albums").get(0).asText()));
            for (JsonNode g : u.get("grants")) if (g.get("album_id").asText().equals(albumId)) return g.get("downloads").asText();
        }
        throw new AssertionError(email + " is not listed with " + albumId);
    }

    // ---- the web-size archive in the studio ------------------------------------------------------

    @Test
    void theStudioSeesTheWebSizeArchivesPartsBesideTheOriginals() {
        String albumId = readyAlbum("studio-web-parts", 2);
        List<AttributeValue> parts = List.of(
                AttributeValue.fromM(Map.of("key", AttributeValue.fromS("zips/studio-web-parts/w1.zip"), "size", AttributeValue.fromN("30"),
                        "file_count", AttributeValue.fromN("1"), "content_bytes", AttributeValue.fromN("29"))),
                AttributeValue.fromM(Map.of("key", AttributeValue.fromS("zips/studio-web-parts/w2.zip"), "size", AttributeValue.fromN("20"),
                        "file_count", AttributeValue.fromN("1"), "content_bytes", AttributeValue.fromN("19"))));
        aws.clients().dynamo().updateItem(u -> u.tableName(aws.names().albumTable())
                .key(Map.of("album_id", AttributeValue.fromS(albumId)))
                .updateExpression("SET web_parts = :parts")
                .expressionAttributeValues(Map.of(":parts", AttributeValue.fromL(parts))));

        JsonNode archive = api.answer(200, ApiEvents.get("/admin/albums/" + albumId + "/zip").bearer(admin));
        assertEquals(List.of("studio-web-parts.zip"), List.of(archive.get("parts").get(0).get("name").asText()));
        JsonNode web = archive.get("web_parts");
        assertEquals(2, web.size());
        assertEquals("studio-web-parts (web size, part 1 of 2).zip", web.get(0).get("name").asText());
        assertEquals(30, web.get(0).get("size").asLong());
        assertEquals("studio-web-parts (web size, part 2 of 2).zip", web.get(1).get("name").asText());
        assertEquals("include", archive.get("web_other_files").asText());
        assertTrue(archive.get("watermark").isNull());
        assertFalse(archive.get("expired").asBoolean());
    }
}

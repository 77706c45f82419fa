package com.clientalbums.admin.handler;

import com.clientalbums.common.album.RequestSource;
import com.clientalbums.admin.users.AccountDirectory;
import com.clientalbums.admin.users.CognitoAccountDirectory;
import com.clientalbums.admin.users.LocalAccountDirectory;
import com.clientalbums.common.access.GrantRepository;
import com.clientalbums.common.access.UserRepository;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.BuildRecord;
import com.clientalbums.common.album.PublishedArchive;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.queue.ZipRequest;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.QueueInbox;
import com.clientalbums.testing.WebSizes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.clientalbums.admin.handler.StudioApiFixture.STUDIO;
import static com.clientalbums.admin.handler.StudioApiFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The studio API through its Lambda entry point: real event JSON, real tokens, real S3/SQS/DynamoDB on loopback. */
class AdminApiHandlerTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    static final List<String[]> invited = new CopyOnWriteArrayList<>();

    @RegisterExtension
    @Order(2)
    static final StudioApiFixture api = StudioApiFixture.on(aws, (email, name) -> {
        invited.add(new String[] {email, name});
        return email.startsWith("existing") ? AccountDirectory.Outcome.ALREADY_EXISTS : AccountDirectory.Outcome.CREATED;
    });

    static UserRepository users;
    static GrantRepository grants;
    static String admin;
    static String client;
    static final QueueInbox inbox = new QueueInbox(aws);

    @BeforeAll
    static void setUp() {
        users = new UserRepository(aws.clients().dynamo(), aws.names().userTable());
        grants = new GrantRepository(aws.clients().dynamo(), aws.names().userAlbumTable());
        admin = api.issuer().token("someone@example.com").groups("admin").sign();
        client = api.issuer().idToken("ann@example.com");
    }

    // ---- helpers ------------------------------------------------------------------------------

    static void putPhotos(String albumId, int n) {
        for (int i = 1; i <= n; i++) {
            String key = S3Keys.photoKey(albumId, (i % 2 == 0 ? "Reception/" : "Ceremony/") + "IMG_" + i + ".jpg");
            aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(key), RequestBody.fromString("photo " + key));
        }
    }

    static ApiEvents.Request register(String albumId, String name) {
        return ApiEvents.post("/admin/albums").bearer(admin)
                .body("{\"album_id\":" + json(albumId) + ",\"name\":" + json(name) + "}");
    }

    static String json(String s) {
        return s == null ? "null" : com.clientalbums.common.http.Json.write(s);
    }

    static void publish(String albumId) {
        Album album = api.albums().find(albumId).orElseThrow();
        Album claimed = api.albums().claim(albumId, "gen", Instant.now(), Duration.ofMinutes(2)).orElseThrow();
        var build = new BuildRecord(album.requestedAt(), claimed.zipGenerationStartedAt(), Instant.now(), "ready", album.photoCount(), 1234, 2.5, "registration");
        assertTrue(api.albums().publish(albumId, "gen", claimed.buildVersion(),
                new PublishedArchive(S3Keys.zipKey(albumId, album.contentFingerprint()), 4321, album.photoCount(), 1234, album.contentFingerprint()),
                List.of(build), Instant.now()));
    }

    // ---- who may call -------------------------------------------------------------------------

    @Test
    void everyStudioRouteRefusesAClientWith403AndDoesNothing() {
        List<ApiEvents.Request> requests = List.of(
                ApiEvents.get("/me"),
                ApiEvents.post("/admin/albums").body("{\"album_id\":\"client-made\",\"name\":\"Mine\"}"),
                ApiEvents.get("/admin/albums"),
                ApiEvents.get("/admin/albums/client-made/zip"),
                ApiEvents.post("/admin/albums/client-made/zip"),
                ApiEvents.post("/admin/albums/client-made/uploads").body("{\"files\":[]}"),
                ApiEvents.get("/admin/users"),
                ApiEvents.post("/admin/users").body("{\"email\":\"x@example.com\",\"name\":\"X\"}"),
                ApiEvents.put("/admin/albums/client-made/users/ann%40example.com"),
                ApiEvents.delete("/admin/albums/client-made/users/ann%40example.com"));
        for (var request : requests) assertError(api.call(request.bearer(client)), 403, "FORBIDDEN");
        assertTrue(api.albums().find("client-made").isEmpty());
        assertTrue(users.find("x@example.com").isEmpty());
    }

    @Test
    void noTokenIs401AndTheAdminAddressIsAnAdminWithoutTheGroup() {
        assertError(api.call(ApiEvents.get("/admin/albums")), 401, "UNAUTHORIZED");
        assertError(api.call(ApiEvents.get("/admin/albums").bearer(api.issuer().token(STUDIO).audience("other").sign())), 401, "UNAUTHORIZED");
        JsonNode me = api.answer(200, ApiEvents.get("/me").bearer(api.issuer().idToken("Studio@Example.com")));
        assertTrue(me.get("is_admin").asBoolean());
        assertEquals("studio@example.com", me.get("email").asText());
    }

    // ---- albums -------------------------------------------------------------------------------

    @Test
    void registeringAnAlbumRecordsItsPhotosAndQueuesOneBuild() {
        putPhotos("smith-wedding", 5);
        aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(S3Keys.photoKey("smith-wedding", ".DS_Store")), RequestBody.fromString("x"));
        JsonNode row = api.answer(201, register("smith-wedding", "  Smith Wedding  "));
        assertEquals("smith-wedding", row.get("album_id").asText());
        assertEquals("Smith Wedding", row.get("name").asText());
        assertEquals(5, row.get("photo_count").asLong(), "hidden files do not count");
        assertEquals("pending", row.get("zip_status").asText());
        assertFalse(row.get("stale").asBoolean());
        assertTrue(row.get("zip_size").isNull());
        assertEquals(5, row.get("progress").get("files_total").asLong());

        Album album = api.albums().find("smith-wedding").orElseThrow();
        var listing = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list("smith-wedding");
        assertEquals(Fingerprint.of(listing, WebSizes.DEFAULT), album.contentFingerprint());
        assertEquals("someone@example.com", album.createdBy());
        assertEquals(List.of(new ZipRequest("smith-wedding")), inbox.messagesFor("smith-wedding"));
        assertEquals(RequestSource.REGISTRATION.value(), album.requestSource());
    }

    @Test
    void anEmptyAlbumCanBeRegisteredBeforeItsPhotosAreUploadedAndWaitsForThemWithoutABuild() {
        JsonNode row = api.answer(201, register("upload-later", "Upload later"));
        assertEquals(0, row.get("photo_count").asLong());
        assertEquals("none", row.get("zip_status").asText(), "nothing to build until the photos' events ask for it");
        assertEquals(List.of(), inbox.messagesFor("upload-later"));
    }

    @Test
    void registeringATakenIdIs409AndChangesNothing() {
        putPhotos("taken-album", 1);
        api.answer(201, register("taken-album", "First"));
        assertError(api.call(register("taken-album", "Second")), 409, "CONFLICT");
        assertEquals("First", api.albums().find("taken-album").orElseThrow().name());
        assertEquals(1, inbox.messagesFor("taken-album").size());
    }

    @Test
    void invalidIdsAndNamesAre400() {
        for (String id : List.of("../etc", "ab", "Upper-Case", "under_score", "a".repeat(65), "-leading", "sp ace", "")) {
            assertError(api.call(register(id, "Name")), 400, "BAD_REQUEST");
        }
        assertError(api.call(register(null, "Name")), 400, "BAD_REQUEST");
        assertError(api.call(register("good-id", "")), 400, "BAD_REQUEST");
        assertError(api.call(register("good-id", "   ")), 400, "BAD_REQUEST");
        assertError(api.call(register("good-id", "x".repeat(201))), 400, "BAD_REQUEST");
        assertError(api.call(register("good-id", "bad\nname")), 400, "BAD_REQUEST");
        assertError(api.call(ApiEvents.post("/admin/albums").bearer(admin).body("{\"album_id\": 42,")), 400, "BAD_REQUEST");
        assertTrue(api.albums().find("good-id").isEmpty());
        api.answer(201, register("x".repeat(64), "y".repeat(200)));
    }

    @Test
    void aBodyFieldOfTheWrongJsonTypeIs400NamingTheFieldAndChangesNothing() {
        for (var wrong : List.of(
                List.of("/admin/albums", "{\"album_id\":123,\"name\":\"Numbered\"}", "album_id"),
                List.of("/admin/albums", "{\"album_id\":true,\"name\":\"Flag\"}", "album_id"),
                List.of("/admin/albums", "{\"album_id\":[\"in-a-list\"],\"name\":\"Listed\"}", "album_id"),
                List.of("/admin/albums", "{\"album_id\":{\"id\":\"nested\"},\"name\":\"Nested\"}", "album_id"),
                List.of("/admin/albums", "{\"album_id\":\"typed-name\",\"name\":12.5}", "name"),
                List.of("/admin/albums", "{\"album_id\":\"null-name\",\"name\":null}", "name"),
                List.of("/admin/users", "{\"email\":\"typed@example.com\",\"name\":42}", "name"),
                List.of("/admin/users", "{\"email\":[\"typed@example.com\"],\"name\":\"Listed\"}", "email"))) {
            var response = api.call(ApiEvents.post(wrong.get(0)).bearer(admin).body(wrong.get(1)));
            assertError(response, 400, "BAD_REQUEST");
            String message = ApiEvents.body(response).path("error").path("message").asText();
            assertTrue(message.contains("'" + wrong.get(2) + "'"), wrong.get(1) + " -> " + message);
        }
        for (String id : List.of("123", "true", "typed-name", "null-name")) assertTrue(api.albums().find(id).isEmpty(), id);
        assertTrue(users.find("typed@example.com").isEmpty());

        api.answer(201, register("typed-uploads", "Typed uploads"));
        String path = "/admin/albums/typed-uploads/uploads";
        for (var wrong : List.of(
                List.of("{\"files\":[{\"path\":\"a.jpg\",\"size\":\"10\",\"content_type\":\"image/jpeg\"}]}", "files[0].size"),
                List.of("{\"files\":[{\"path\":\"a.jpg\",\"size\":10.5,\"content_type\":\"image/jpeg\"}]}", "files[0].size"),
                List.of("{\"files\":[{\"path\":\"a.jpg\",\"size\":true,\"content_type\":\"image/jpeg\"}]}", "files[0].size"),
                List.of("{\"files\":[{\"path\":\"a.jpg\",\"size\":1,\"content_type\":\"image/jpeg\"},"
                        + "{\"path\":7,\"size\":1,\"content_type\":\"image/jpeg\"}]}", "files[1].path"),
                List.of("{\"files\":[{\"path\":\"a.jpg\",\"size\":1,\"content_type\":false}]}", "files[0].content_type"),
                List.of("{\"files\":{\"path\":\"a.jpg\",\"size\":1,\"content_type\":\"image/jpeg\"}}", "files"))) {
            var response = api.call(ApiEvents.post(path).bearer(admin).body(wrong.get(0)));
            assertError(response, 400, "BAD_REQUEST");
            String message = ApiEvents.body(response).path("error").path("message").asText();
            assertTrue(message.contains("'" + wrong.get(1) + "'"), wrong.get(0) + " -> " + message);
        }
    }

    @Test
    void unknownBodyFieldsAreIgnored() {
        api.answer(201, ApiEvents.post("/admin/albums").bearer(admin).body("{\"album_id\":\"extra-fields\",\"name\":\"Extra\",\"colour\":[1,2]}"));
        assertEquals("Extra", api.albums().find("extra-fields").orElseThrow().name());
    }

    @Test
    void theAlbumListShowsEachArchivesState() {
        putPhotos("listed-ready", 2);
        api.answer(201, register("listed-ready", "Listed ready"));
        publish("listed-ready");
        putPhotos("listed-pending", 1);
        api.answer(201, register("listed-pending", "Listed pending"));
        Map<String, JsonNode> rows = new HashMap<>();
        api.answer(200, ApiEvents.get("/admin/albums").bearer(admin)).get("albums").forEach(a -> rows.put(a.get("album_id").asText(), a));
        JsonNode ready = rows.get("listed-ready");
        assertEquals("ready", ready.get("zip_status").asText());
        assertEquals(4321, ready.get("zip_size").asLong());
        assertFalse(ready.get("zip_generated_at").isNull());
        assertTrue(ready.get("zip_error").isNull());
        assertEquals(2, ready.get("progress").get("files_done").asLong());
        assertEquals("pending", rows.get("listed-pending").get("zip_status").asText());
    }

    @Test
    void theStudioSeesAnArchiveInPartsEachWithItsNameSizeAndPhotos() {
        putPhotos("studio-parts", 5);
        api.answer(201, register("studio-parts", "Studio parts"));
        publish("studio-parts");
        // The generator's record of a build published in parts (common/…/album/AlbumItems.java).
        List<AttributeValue> parts = List.of(
                AttributeValue.fromM(Map.of("key", AttributeValue.fromS("zips/studio-parts/a.zip"), "size", AttributeValue.fromN("3000"),
                        "file_count", AttributeValue.fromN("3"), "content_bytes", AttributeValue.fromN("2900"))),
                AttributeValue.fromM(Map.of("key", AttributeValue.fromS("zips/studio-parts/b.zip"), "size", AttributeValue.fromN("2000"),
                        "file_count", AttributeValue.fromN("2"), "content_bytes", AttributeValue.fromN("1900"))));
        aws.clients().dynamo().updateItem(u -> u.tableName(aws.names().albumTable())
                .key(Map.of("album_id", AttributeValue.fromS("studio-parts")))
                .updateExpression("SET zip_parts = :parts, zip_size = :size, zip_key = :first")
                .expressionAttributeValues(Map.of(":parts", AttributeValue.fromL(parts), ":size", AttributeValue.fromN("5000"),
                        ":first", AttributeValue.fromS("zips/studio-parts/a.zip"))));

        JsonNode archive = api.answer(200, ApiEvents.get("/admin/albums/studio-parts/zip").bearer(admin));
        assertEquals(5000, archive.get("zip_size").asLong());
        JsonNode shown = archive.get("parts");
        assertEquals(2, shown.size());
        assertEquals("Studio parts (part 1 of 2).zip", shown.get(0).get("name").asText());
        assertEquals(3000, shown.get(0).get("size").asLong());
        assertEquals(3, shown.get(0).get("file_count").asLong());
        assertEquals("Studio parts (part 2 of 2).zip", shown.get(1).get("name").asText());
        assertEquals(2000, shown.get(1).get("size").asLong());
        assertEquals(2, shown.get(1).get("file_count").asLong());

        Map<String, JsonNode> rows = new HashMap<>();
        api.answer(200, ApiEvents.get("/admin/albums").bearer(admin)).get("albums").forEach(a -> rows.put(a.get("album_id").asText(), a));
        assertEquals(2, rows.get("studio-parts").get("parts").size());
    }

    @Test
    void theStudioSeesABuildInPartsProgressPartByPart() {
        putPhotos("studio-building", 4);
        api.answer(201, register("studio-building", "Studio building"));
        Instant now = Instant.now();
        api.albums().claim("studio-building", "build-s", now, Duration.ofMinutes(2)).orElseThrow();
        Map<String, AttributeValue> tasks = Map.of(
                "0", task("done", 2, 2, 2000, 2100),
                "1", task("building", 1, 2, 500, 2100));
        aws.clients().dynamo().updateItem(u -> u.tableName(aws.names().albumTable())
                .key(Map.of("album_id", AttributeValue.fromS("studio-building")))
                .updateExpression("SET build_parts = :parts, parts_remaining = :left, build_fingerprint = :fp")
                .expressionAttributeValues(Map.of(":parts", AttributeValue.fromM(tasks), ":left", AttributeValue.fromN("1"),
                        ":fp", AttributeValue.fromS("plan"))));

        JsonNode progress = api.answer(200, ApiEvents.get("/admin/albums/studio-building/zip").bearer(admin)).get("progress");
        assertEquals(3, progress.get("files_done").asLong());
        assertEquals(4, progress.get("files_total").asLong());
        JsonNode parts = progress.get("parts");
        assertEquals(2, parts.size());
        assertTrue(parts.get(0).get("ready").asBoolean());
        assertEquals(2, parts.get(0).get("files_done").asLong());
        assertFalse(parts.get(1).get("ready").asBoolean());
        assertEquals(1, parts.get(1).get("files_done").asLong());
        assertEquals(500, parts.get(1).get("bytes_done").asLong());
        assertEquals(2100, parts.get(1).get("size").asLong());
        assertEquals("Studio building (part 2 of 2).zip", parts.get(1).get("name").asText());
    }

    static AttributeValue task(String state, long filesDone, long filesTotal, long bytesDone, long size) {
        return AttributeValue.fromM(Map.of("key", AttributeValue.fromS("zips/studio-building/" + state + ".zip"),
                "state", AttributeValue.fromS(state),
                "progress", AttributeValue.fromM(Map.of("files_done", AttributeValue.fromN(Long.toString(filesDone)),
                        "files_total", AttributeValue.fromN(Long.toString(filesTotal)),
                        "bytes_done", AttributeValue.fromN(Long.toString(bytesDone)), "bytes_total", AttributeValue.fromN("2000"))),
                "size", AttributeValue.fromN(Long.toString(size))));
    }

    @Test
    void theArchiveRouteShowsTheBuildHistory() {
        putPhotos("with-history", 3);
        api.answer(201, register("with-history", "With history"));
        publish("with-history");
        JsonNode archive = api.answer(200, ApiEvents.get("/admin/albums/with-history/zip").bearer(admin));
        assertEquals("ready", archive.get("zip_status").asText());
        assertEquals("ready", archive.get("status").asText());
        assertEquals(3, archive.get("file_count").asLong());
        JsonNode build = archive.get("builds").get(0);
        assertEquals("ready", build.get("outcome").asText());
        assertEquals(3, build.get("files").asLong());
        assertEquals(1234, build.get("bytes").asLong());
        assertEquals(2.5, build.get("seconds").asDouble());
        assertEquals("registration", build.get("source").asText());
        for (String field : List.of("requested_at", "started_at", "finished_at")) assertFalse(build.get(field).isNull(), field);
        assertError(api.call(ApiEvents.get("/admin/albums/no-such-album/zip").bearer(admin)), 404, "NOT_FOUND");
        assertError(api.call(ApiEvents.get("/admin/albums/..%2Fx/zip").bearer(admin)), 400, "BAD_REQUEST");
    }

    @Test
    void aForcedRebuildOfACurrentArchiveQueuesOneBuildAndASecondOneWaitsForIt() {
        putPhotos("rebuild-me", 2);
        api.answer(201, register("rebuild-me", "Rebuild me"));
        publish("rebuild-me");
        inbox.forget("rebuild-me");

        JsonNode first = api.answer(202, ApiEvents.post("/admin/albums/rebuild-me/zip").bearer(admin));
        assertEquals("pending", first.get("zip_status").asText());
        JsonNode second = api.answer(202, ApiEvents.post("/admin/albums/rebuild-me/zip").bearer(admin));
        assertEquals("pending", second.get("zip_status").asText());
        assertEquals(List.of(new ZipRequest("rebuild-me")), inbox.messagesFor("rebuild-me"), "one wake-up for two clicks");
        assertEquals(RequestSource.ADMIN.value(), api.albums().find("rebuild-me").orElseThrow().requestSource(),
                "the record, not the message, says the rebuild was forced from the studio");
        assertEquals(ZipStatus.PENDING, api.albums().find("rebuild-me").orElseThrow().zipStatus());
        assertError(api.call(ApiEvents.post("/admin/albums/nothing-here/zip").bearer(admin)), 404, "NOT_FOUND");
    }

    // ---- uploads ------------------------------------------------------------------------------

    @Test
    void uploadLinksArePresignedPutsThatStoreThePhotoInTheAlbum() throws Exception {
        api.answer(201, register("browser-upload", "Browser upload"));
        JsonNode uploads = api.answer(200, ApiEvents.post("/admin/albums/browser-upload/uploads").bearer(admin).body(
                "{\"files\":[{\"path\":\"Ceremony/IMG 1.jpg\",\"size\":5,\"content_type\":\"image/jpeg\"},"
                        + "{\"path\":\"raw/IMG_2.CR3\",\"size\":7,\"content_type\":\"application/octet-stream\"}]}")).get("uploads");
        assertEquals(2, uploads.size());
        JsonNode first = uploads.get(0);
        assertEquals("Ceremony/IMG 1.jpg", first.get("path").asText());
        assertEquals("PUT", first.get("method").asText());
        assertEquals("image/jpeg", first.get("headers").get("Content-Type").asText());
        assertEquals("image/x-canon-cr3", uploads.get(1).get("headers").get("Content-Type").asText(),
                "signed for the extension's type, not the octet-stream the browser guessed");

        var put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(first.get("url").asText()))
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        String stored = aws.clients().s3().getObjectAsBytes(g -> g.bucket(aws.names().bucket())
                .key(S3Keys.photoKey("browser-upload", "Ceremony/IMG 1.jpg"))).asUtf8String();
        assertEquals("hello", stored);
    }

    @Test
    void uploadRequestsAreChecked() {
        api.answer(201, register("checked-upload", "Checked"));
        String path = "/admin/albums/checked-upload/uploads";
        for (String body : List.of(
                "{\"files\":[]}", "{}",
                "{\"files\":[{\"path\":\"../other/photos/x.jpg\",\"size\":1,\"content_type\":\"image/jpeg\"}]}",
                "{\"files\":[{\"path\":\"/abs.jpg\",\"size\":1,\"content_type\":\"image/jpeg\"}]}",
                "{\"files\":[{\"path\":\"a\\\\b.jpg\",\"size\":1,\"content_type\":\"image/jpeg\"}]}",
                "{\"files\":[{\"path\":\"a.jpg\",\"size\":5368709121,\"content_type\":\"image/jpeg\"}]}",
                "{\"files\":[{\"path\":\"a.jpg\",\"size\":-1,\"content_type\":\"image/jpeg\"}]}",
                "{\"files\":[{\"path\":\"a.jpg\",\"content_type\":\"image/jpeg\"}]}")) {
            assertError(api.call(ApiEvents.post(path).bearer(admin).body(body)), 400, "BAD_REQUEST");
        }
        StringBuilder many = new StringBuilder("{\"files\":[");
        for (int i = 0; i <= 500; i++) many.append(i == 0 ? "" : ",").append("{\"path\":\"p").append(i).append(".jpg\",\"size\":1,\"content_type\":\"image/jpeg\"}");
        assertError(api.call(ApiEvents.post(path).bearer(admin).body(many.append("]}").toString())), 400, "BAD_REQUEST");
        assertError(api.call(ApiEvents.post("/admin/albums/not-registered/uploads").bearer(admin)
                .body("{\"files\":[{\"path\":\"a.jpg\",\"size\":1,\"content_type\":\"image/jpeg\"}]}")), 404, "NOT_FOUND");
    }

    @Test
    void svgHtmlAndScriptUploadsAre422NamingTheFileAndWhatIsAccepted() {
        api.answer(201, register("active-content", "Active content"));
        String path = "/admin/albums/active-content/uploads";
        for (String[] file : new String[][] {{"logo.svg", "image/svg+xml"}, {"index.html", "text/html"}, {"app.js", "text/javascript"},
                {"feed.xml", "application/xml"}, {"logo.svg", "image/jpeg"}, {"IMG_1.jpg", "image/svg+xml"}, {"IMG_1.jpg", "text/html"}}) {
            var response = api.call(ApiEvents.post(path).bearer(admin).body("{\"files\":[{\"path\":\"IMG_0.jpg\",\"size\":1,\"content_type\":\"image/jpeg\"},"
                    + "{\"path\":\"" + file[0] + "\",\"size\":1,\"content_type\":\"" + file[1] + "\"}]}"));
            assertError(response, 422, "FILE_TYPE_NOT_ALLOWED");
            String message = ApiEvents.body(response).path("error").path("message").asText();
            assertTrue(message.startsWith("Cannot upload " + file[0]), message);
        }
        var svg = api.call(ApiEvents.post(path).bearer(admin).body("{\"files\":[{\"path\":\"logo.svg\",\"size\":1,\"content_type\":\"image/svg+xml\"}]}"));
        String message = ApiEvents.body(svg).path("error").path("message").asText();
        assertTrue(message.contains("only photos") && message.contains("SVG, HTML, XML, scripts") && message.contains("are refused"), message);
    }

    @Test
    void aFileNameOverTheLimitIs400NamingTheFileAndTheLimit() {
        api.answer(201, register("long-names", "Long names"));
        String longName = "Ceremony/" + "x".repeat(197) + ".jpg";
        var response = api.call(ApiEvents.post("/admin/albums/long-names/uploads").bearer(admin).body(
                "{\"files\":[{\"path\":\"IMG_1.jpg\",\"size\":1,\"content_type\":\"image/jpeg\"},"
                        + "{\"path\":\"" + longName + "\",\"size\":1,\"content_type\":\"image/jpeg\"}]}"));
        assertError(response, 400, "BAD_REQUEST");
        String message = ApiEvents.body(response).path("error").path("message").asText();
        assertTrue(message.contains(longName) && message.contains("201 bytes") && message.contains("at most 200 bytes"), message);
        String fits = "Ceremony/" + "x".repeat(196) + ".jpg";
        api.answer(200, ApiEvents.post("/admin/albums/long-names/uploads").bearer(admin).body(
                "{\"files\":[{\"path\":\"" + fits + "\",\"size\":1,\"content_type\":\"image/jpeg\"}]}"));
    }

    @Test
    void fiveHundredFilesFitInOneRequest() {
        api.answer(201, register("five-hundred", "Five hundred"));
        StringBuilder body = new StringBuilder("{\"files\":[");
        for (int i = 0; i < 500; i++) {
            body.append(i == 0 ? "" : ",").append("{\"path\":\"Folder ").append("x".repeat(150)).append("/IMG_").append(i)
                    .append(".jpg\",\"size\":123456,\"content_type\":\"image/jpeg\"}");
        }
        assertEquals(500, api.answer(200, ApiEvents.post("/admin/albums/five-hundred/uploads").bearer(admin).body(body.append("]}").toString()))
                .get("uploads").size());
    }

    // ---- clients and grants ---------------------------------------------------------------------

    @Test
    void creatingAClientMakesTheirAccountAndRowOnce() {
        JsonNode created = api.answer(201, ApiEvents.post("/admin/users").bearer(admin).body("{\"email\":\" Carol@Example.com \",\"name\":\"Carol Client\"}"));
        assertEquals("carol@example.com", created.get("email").asText());
        assertEquals("Carol Client", created.get("name").asText());
        assertEquals(0, created.get("albums").size());
        assertTrue(invited.stream().anyMatch(i -> i[0].equals("carol@example.com") && i[1].equals("Carol Client")));
        assertEquals("Carol Client", users.find("carol@example.com").orElseThrow().name());

        int invitations = invited.size();
        assertError(api.call(ApiEvents.post("/admin/users").bearer(admin).body("{\"email\":\"carol@example.com\",\"name\":\"Again\"}")), 409, "CONFLICT");
        assertEquals(invitations, invited.size(), "no second invitation");
    }

    @Test
    void anAccountThatAlreadyExistsStillGetsItsRow() {
        api.answer(201, ApiEvents.post("/admin/users").bearer(admin).body("{\"email\":\"existing@example.com\",\"name\":\"Existing\"}"));
        assertTrue(users.find("existing@example.com").isPresent());
    }

    @Test
    void invalidClientsAre400() {
        for (String body : List.of("{\"email\":\"not-an-address\",\"name\":\"X\"}", "{\"name\":\"X\"}",
                "{\"email\":\"a@example.com\",\"name\":\"" + "x".repeat(201) + "\"}")) {
            assertError(api.call(ApiEvents.post("/admin/users").bearer(admin).body(body)), 400, "BAD_REQUEST");
        }
    }

    @Test
    void grantingAndRevokingAccess() {
        api.answer(201, register("granted-album", "Granted"));
        var grant = api.call(ApiEvents.put("/admin/albums/granted-album/users/" + ApiEvents.encode("Dan+Photos@Example.com")).bearer(admin));
        assertEquals(204, grant.getStatusCode(), grant.getBody());
        assertNull(grant.getBody());
        assertTrue(grants.isGranted("dan+photos@example.com", "granted-album"));
        assertTrue(users.find("dan+photos@example.com").isPresent(), "the user row is created with the grant");
        assertEquals(204, api.call(ApiEvents.put("/admin/albums/granted-album/users/dan%2Bphotos%40example.com").bearer(admin)).getStatusCode(),
                "granting twice is fine");

        JsonNode dan = null;
        for (JsonNode u : api.answer(200, ApiEvents.get("/admin/users").bearer(admin)).get("users")) {
            if (u.get("email").asText().equals("dan+photos@example.com")) dan = u;
        }
        assertEquals(List.of("granted-album"), List.of(dan.get("albums").get(0).asText()));

        assertEquals(204, api.call(ApiEvents.delete("/admin/albums/granted-album/users/dan%2Bphotos%40example.com").bearer(admin)).getStatusCode());
        assertFalse(grants.isGranted("dan+photos@example.com", "granted-album"));
        assertEquals(204, api.call(ApiEvents.delete("/admin/albums/granted-album/users/dan%2Bphotos%40example.com").bearer(admin)).getStatusCode());

        assertError(api.call(ApiEvents.put("/admin/albums/no-such-album/users/dan%40example.com").bearer(admin)), 404, "NOT_FOUND");
        assertError(api.call(ApiEvents.put("/admin/albums/granted-album/users/not-an-address").bearer(admin)), 400, "BAD_REQUEST");
        assertError(api.call(ApiEvents.put("/admin/albums/..%2Fgranted-album/users/dan%40example.com").bearer(admin)), 400, "BAD_REQUEST");
        assertFalse(grants.isGranted("dan@example.com", "no-such-album"));
    }

    // ---- construction -----------------------------------------------------------------------------

    @Test
    void withTheLocalIssuerNoCognitoIsCalledAndInAwsCognitoIs() {
        Settings local = aws.settings(AdminApiHandler.SETTINGS, api.issuer().env(STUDIO));
        assertInstanceOf(LocalAccountDirectory.class, AdminApiHandler.defaultDirectory(local));
        Map<String, String> inAws = new HashMap<>(api.issuer().env(STUDIO));
        inAws.put(Setting.AUTH_ISSUER_URL.name(), "");
        assertInstanceOf(CognitoAccountDirectory.class, AdminApiHandler.defaultDirectory(aws.settings(AdminApiHandler.SETTINGS, inAws)));
        new AdminApiHandler(local, aws.clients());
    }
}

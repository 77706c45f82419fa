package com.clientalbums.local;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.local.demo.DemoAlbum;
import com.clientalbums.local.demo.DemoPhotos;
import com.clientalbums.localaws.AwsResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 5 through the local runner: photos put into its S3 (which emits S3 event notifications
 * to the queue, as AWS does) change the demo album's archive by themselves, after a 1 s quiet
 * period, while clients see "New photos are being added" instead of the old archive.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhotoChangesEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String PASSWORD = "photo-changes-password";
    private static final String ALBUM = DemoAlbum.ALBUM_ID;

    @TempDir static Path data;
    @TempDir static Path work;
    static LocalRunner runner;
    static S3Client s3;
    static String client;
    static String admin;
    /** The album's photos as the archive must hold them: path → bytes. */
    static final Map<String, byte[]> expected = new TreeMap<>();

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunner.start(TestRunners.config(data).withDemo(true, PASSWORD)
                .withEnvironment(Map.of("ZIP_QUIET_SECONDS", "1")).withSiteDir(work.resolve("no-site")));
        s3 = AwsResources.s3(runner.endpoints());
        client = signIn(DemoAlbum.CLIENT_EMAIL);
        admin = signIn(DemoAlbum.ADMIN_EMAIL);
        for (DemoAlbum.Photo p : DemoAlbum.photos()) expected.put(p.path(), DemoAlbum.bytes(p));
        poll("api/albums/" + ALBUM + "/download", client, a -> a.path("status").asText().equals("ready"));
    }

    @AfterAll
    static void stop() {
        if (s3 != null) s3.close();
        if (runner != null) runner.close();
    }

    @Test
    @Order(1)
    void three_photos_added_to_a_ready_album_are_in_its_archive_and_gallery_after_the_quiet_period() throws Exception {
        int builds = builds().size();
        for (int i = 1; i <= 3; i++) put("Late arrivals/EXTRA_" + i + ".jpg", DemoPhotos.jpeg(900 + i, "Extra"));

        JsonNode meanwhile = poll("api/albums/" + ALBUM + "/download", client, a -> !a.path("status").asText().equals("ready"));
        assertTrue(meanwhile.path("download_url").isNull(), "the old archive is not handed out: " + meanwhile);
        assertTrue(meanwhile.path("message").asText().startsWith("New photos are being added"), meanwhile.toString());

        JsonNode ready = readyWith(63);
        assertArchive(ready);
        assertEquals(builds + 1, builds().size(), "one build for three photos: " + builds());
        JsonNode photo = photo("Late arrivals/EXTRA_2.jpg");
        assertTrue(photo.path("previews_ready").asBoolean(), photo.toString());
        HttpResponse<byte[]> thumb = HTTP.send(HttpRequest.newBuilder(URI.create(photo.path("thumbnail_url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, thumb.statusCode());
        assertTrue(thumb.body().length > 0 && thumb.body().length < DemoPhotos.jpeg(902, "Extra").length);
    }

    @Test
    @Order(2)
    void a_photo_replaced_under_the_same_name_and_a_deleted_one_are_caught() throws Exception {
        int builds = builds().size();
        put("Late arrivals/EXTRA_1.jpg", DemoPhotos.jpeg(1901, "Replaced"));
        assertArchive(readyAfter(builds + 1));

        s3.deleteObject(d -> d.bucket(runner.names().bucket()).key(S3Keys.photoKey(ALBUM, "Late arrivals/EXTRA_3.jpg")));
        expected.remove("Late arrivals/EXTRA_3.jpg");
        assertArchive(readyAfter(builds + 2));
        assertEquals(builds + 2, builds().size());
    }

    @Test
    @Order(3)
    void five_hundred_uploads_in_a_burst_make_exactly_one_build() throws Exception {
        int builds = builds().size();
        Instant started = Instant.now();
        for (int i = 1; i <= 500; i++) put(String.format("Burst/IMG_%04d.jpg", i), ("burst photo " + i).getBytes());

        JsonNode ready = readyWith(expected.size());
        Thread.sleep(3_000); // past another quiet period: nothing else may start
        assertEquals(builds + 1, builds().size(), "exactly one build for the burst: " + builds());
        assertEquals("ready", download().path("status").asText());
        assertArchive(ready);
        System.out.printf("local runner: 500 uploads through S3Proxy events -> 1 build, ready %.1f s after the first upload%n",
                Duration.between(started, Instant.now()).toMillis() / 1000.0);
    }

    @Test
    @Order(4)
    void maintenance_on_demand_finds_nothing_left_to_repair() throws Exception {
        HttpResponse<String> run = HTTP.send(HttpRequest.newBuilder(runner.url().resolve("local-admin/maintenance"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, run.statusCode(), run.body());
        JsonNode counts = JSON.readTree(run.body()).path("daily");
        for (String key : List.of("stale_zips_queued", "stuck_jobs_reset", "pending_requeued", "multipart_uploads_aborted")) {
            assertEquals(0, counts.path(key).asInt(), key + " in " + counts);
        }
        assertEquals(0, counts.path("errors").size(), counts.toString());
    }

    // --- helpers ----------------------------------------------------------------------------

    private static void put(String path, byte[] bytes) {
        s3.putObject(p -> p.bucket(runner.names().bucket()).key(S3Keys.photoKey(ALBUM, path)), RequestBody.fromBytes(bytes));
        expected.put(path, bytes);
    }

    private static JsonNode readyWith(int files) throws Exception {
        return poll("api/albums/" + ALBUM + "/download", client,
                a -> a.path("status").asText().equals("ready") && a.path("file_count").asInt() == files);
    }

    private static JsonNode readyAfter(int builds) throws Exception {
        poll("api/admin/albums/" + ALBUM + "/zip", admin,
                a -> a.path("builds").size() >= builds && a.path("zip_status").asText().equals("ready"));
        return poll("api/albums/" + ALBUM + "/download", client, a -> a.path("status").asText().equals("ready"));
    }

    private static JsonNode download() throws Exception {
        return get("api/albums/" + ALBUM + "/download", client);
    }

    private static JsonNode builds() throws Exception {
        return get("api/admin/albums/" + ALBUM + "/zip", admin).path("builds");
    }

    private static JsonNode photo(String path) throws Exception {
        for (JsonNode p : get("api/albums/" + ALBUM, client).path("photos")) {
            if (p.path("path").asText().equals(path)) return p;
        }
        fail("no photo " + path);
        return null;
    }

    private static void assertArchive(JsonNode ready) throws Exception {
        Path zip = work.resolve("album-" + System.nanoTime() + ".zip");
        HttpResponse<Path> got = HTTP.send(HttpRequest.newBuilder(URI.create(ready.path("download_url").asText())).build(),
                HttpResponse.BodyHandlers.ofFile(zip));
        assertEquals(200, got.statusCode());
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Map<String, byte[]> inside = new HashMap<>();
            for (ZipEntry e : Collections.list(archive.entries())) inside.put(e.getName(), archive.getInputStream(e).readAllBytes());
            assertEquals(expected.keySet(), new TreeMap<>(inside).keySet());
            List<String> different = new ArrayList<>();
            expected.forEach((path, bytes) -> { if (!java.util.Arrays.equals(bytes, inside.get(path))) different.add(path); });
            assertEquals(List.of(), different, "entries whose bytes differ from the photos");
        }
        assertFalse(ready.path("download_url").isNull());
    }

    private static String signIn(String email) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(runner.url().resolve("local-auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body()).path("id_token").asText();
    }

    private static JsonNode poll(String path, String token, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = get(path, token);
            if (done.test(last)) return last;
            Thread.sleep(200);
        }
        fail("not done in 120 s; last answer: " + last);
        return last;
    }

    private static JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(runner.url().resolve(path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), path + ": " + answer.body());
        return JSON.readTree(answer.body());
    }
}

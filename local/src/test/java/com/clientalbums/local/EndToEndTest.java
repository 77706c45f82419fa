package com.clientalbums.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.clientalbums.local.demo.DemoAlbum;
import com.clientalbums.local.demo.DemoPhotos;
import com.clientalbums.local.lambda.Lambdas;
import com.clientalbums.local.lambda.RealLambdas;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The system's own handlers behind the runner, as {@code scripts/run-local.sh --demo} starts
 * them: the demo album built in the background and downloaded; the scripts driving a second
 * album; a restart on the same data folder.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String PASSWORD = "e2e-demo-password";

    @TempDir static Path data;
    @TempDir static Path work;
    /** Holds the generator until the test has seen the archive not ready yet. */
    static final CountDownLatch generatorGate = new CountDownLatch(1);
    static RunnerConfig config;
    static LocalRunner runner;

    @BeforeAll
    static void start() throws Exception {
        Lambdas.Factory gated = env -> {
            Lambdas real = new RealLambdas().create(env);
            return new Lambdas(real.clientApi(), real.adminApi(), (event, context) -> {
                try {
                    if (!generatorGate.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("gate never opened");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new SQSBatchResponse(List.of());
                }
                return real.zipGenerator().handleRequest(event, context);
            }, real.maintenance());
        };
        config = TestRunners.config(data).withDemo(true, PASSWORD).withLambdas(gated)
                .withSiteDir(work.resolve("no-site-here"));
        runner = LocalRunner.start(config);
    }

    @AfterAll
    static void stop() {
        generatorGate.countDown();
        if (runner != null) runner.close();
    }

    @Test
    @Order(1)
    void the_demo_album_answers_pending_then_ready_and_its_zip_holds_every_photo_byte_for_byte() throws Exception {
        assertEquals(List.of(), runner.demoProblems());
        String token = signIn(DemoAlbum.CLIENT_EMAIL, PASSWORD);

        // A known path with a wrong method: the function's 405 naming what it takes, as in AWS.
        HttpResponse<String> wrongMethod = send("DELETE", "api/albums/demo/download", token, null);
        assertEquals(405, wrongMethod.statusCode(), wrongMethod.body());
        assertEquals("GET", wrongMethod.headers().firstValue("Allow").orElse(""));
        assertEquals("METHOD_NOT_ALLOWED", JSON.readTree(wrongMethod.body()).path("error").path("code").asText());

        JsonNode first = getJson("api/albums/demo/download", token);
        assertTrue(Set.of("pending", "generating").contains(first.path("status").asText()), first.toString());
        assertTrue(first.path("download_url").isNull(), first.toString());
        assertTrue(first.path("progress").has("files_done") && first.path("progress").has("files_total"), first.toString());

        generatorGate.countDown();
        List<String> seen = new ArrayList<>();
        JsonNode ready = poll(token, "api/albums/demo/download", answer -> {
            seen.add(answer.path("status").asText() + " " + answer.path("progress").path("files_done").asText()
                    + "/" + answer.path("progress").path("files_total").asText());
            return answer.path("status").asText().equals("ready");
        });
        assertEquals(60, ready.path("file_count").asInt(), ready.toString());
        assertEquals(1, ready.path("parts").size());
        assertEquals("Demo Wedding.zip", ready.path("parts").path(0).path("name").asText());
        assertEquals(60, ready.path("progress").path("files_total").asInt(), "seen: " + seen);

        URI link = URI.create(ready.path("download_url").asText());
        assertEquals(runner.s3Front().endpoint().getPort(), link.getPort(), "the link points at the S3 front of the local S3");
        Path zip = work.resolve("demo.zip");
        HttpResponse<Path> download = HTTP.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofFile(zip));
        assertEquals(200, download.statusCode());
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").contains("Demo Wedding.zip"));
        assertEquals(ready.path("zip_size").asLong(), Files.size(zip));

        Map<String, byte[]> originals = new HashMap<>();
        try (S3Client s3 = AwsResources.s3(runner.endpoints())) {
            for (DemoAlbum.Photo p : DemoAlbum.photos()) {
                originals.put(p.path(), s3.getObjectAsBytes(g -> g.bucket(runner.names().bucket()).key(p.key())).asByteArray());
            }
        }
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Set<String> names = new TreeSet<>();
            for (ZipEntry e : java.util.Collections.list(archive.entries())) {
                names.add(e.getName());
                assertArrayEquals(originals.get(e.getName()), archive.getInputStream(e).readAllBytes(), e.getName());
            }
            assertEquals(new TreeSet<>(originals.keySet()), names);
        }
        assertArrayEquals(DemoAlbum.bytes(DemoAlbum.photos().get(41)), originals.get("Reception/IMG_0042.jpg"),
                "the demo uploaded what it generates");

        if (TestRunners.hasCommand("unzip")) {
            TestRunners.Result test = TestRunners.bash("unzip -t \"$1\"", zip.toString());
            assertEquals(0, test.exit(), test.output());
            assertTrue(test.output().contains("No errors detected"), test.output());
        } else {
            assertTrue(System.getenv("CI") == null, "unzip is missing, and CI is set");
        }
    }

    @Test
    @Order(2)
    void photos_uploaded_registered_and_granted_with_the_scripts_build_once_for_200_clicks_and_once_more_on_rebuild()
            throws Exception {
        generatorGate.countDown();
        if (!TestRunners.hasCommand("aws")) {
            assumeTrue(System.getenv("CI") != null, "no aws CLI here (CI would fail)");
            fail("the aws CLI is not installed, and CI is set");
        }
        Path photos = work.resolve("smith");
        Files.createDirectories(photos.resolve("Ceremony"));
        Files.write(photos.resolve("Ceremony/first kiss.jpg"), DemoPhotos.jpeg(101, "Smith"));
        Files.write(photos.resolve("Ceremony/rings.jpg"), DemoPhotos.jpeg(102, "Smith"));
        Files.write(photos.resolve("Zoë & Max.jpg"), DemoPhotos.jpeg(103, "Smith"));
        for (String junk : List.of(".DS_Store", "Thumbs.db", "Ceremony/desktop.ini", "Ceremony/._rings.jpg")) {
            Files.writeString(photos.resolve(junk), "junk");
        }

        TestRunners.Result upload = script("upload-album.sh", photos.toString(), "smith-wedding");
        assertEquals(0, upload.exit(), upload.output());
        try (S3Client s3 = AwsResources.s3(runner.endpoints())) {
            List<String> keys = s3.listObjectsV2(l -> l.bucket(runner.names().bucket()).prefix("albums/smith-wedding/"))
                    .contents().stream().map(S3Object::key).sorted().toList();
            assertEquals(List.of("albums/smith-wedding/photos/Ceremony/first kiss.jpg", "albums/smith-wedding/photos/Ceremony/rings.jpg",
                    "albums/smith-wedding/photos/Zoë & Max.jpg"), keys, "hidden and system files stay home");
        }
        assertEquals(2, script("upload-album.sh", photos.toString(), "Bad_Id").exit());

        TestRunners.Result register = script("register-album.sh", "smith-wedding", "Smith Wedding");
        assertEquals(0, register.exit(), register.output());
        TestRunners.Result again = script("register-album.sh", "smith-wedding", "Smith Wedding");
        assertEquals(1, again.exit(), again.output());
        assertTrue(again.output().contains("HTTP 409"), again.output());

        String admin = signIn(DemoAlbum.ADMIN_EMAIL, PASSWORD);
        HttpResponse<String> created = send("POST", "api/admin/users", admin, "{\"email\":\"jo@smith.test\",\"name\":\"Jo Smith\"}");
        assertEquals(201, created.statusCode(), created.body());
        TestRunners.Result grant = script("grant.sh", "jo@smith.test", "smith-wedding");
        assertEquals(0, grant.exit(), grant.output());

        // The account made through POST /admin/users signs in (with --demo: the demo password).
        String jo = signIn("jo@smith.test", PASSWORD);
        assertAllOk(clicks(jo, "api/albums/smith-wedding/download", 200));
        poll(jo, "api/albums/smith-wedding/download", a -> a.path("status").asText().equals("ready"));
        assertEquals(1, builds(admin).size(), "one build for 200 clicks: " + builds(admin));

        assertEquals(202, send("POST", "api/admin/albums/smith-wedding/zip", admin, null).statusCode());
        assertAllOk(clicks(jo, "api/albums/smith-wedding/download", 200));
        poll(admin, "api/admin/albums/smith-wedding/zip",
                a -> a.path("builds").size() >= 2 && a.path("zip_status").asText().equals("ready"));
        assertEquals(2, builds(admin).size(), "a forced rebuild adds exactly one: " + builds(admin));

        // Another client's album is "not found" for Jo, as is an unknown one.
        assertEquals(404, send("GET", "api/albums/demo/download", jo, null).statusCode());
        assertEquals(404, send("GET", "api/albums/no-such-album/download", jo, null).statusCode());
    }

    @Test
    @Order(2)
    void the_api_refuses_a_bare_token_and_an_escape_that_is_not_utf8_with_its_own_error_body() throws Exception {
        String token = signIn(DemoAlbum.CLIENT_EMAIL, PASSWORD);
        HttpResponse<String> bare = HTTP.send(HttpRequest.newBuilder(runner.url().resolve("api/me"))
                .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, bare.statusCode(), bare.body());
        assertEquals("UNAUTHORIZED", JSON.readTree(bare.body()).at("/error/code").asText(), bare.body());
        for (String path : List.of("api/me?file_name=%E9", "api/nowhere?%C3%28=1", "api/albums/demo/download?file_name=a%FFb")) {
            HttpResponse<String> answer = send("GET", path, token, null);
            assertEquals(400, answer.statusCode(), path + ": " + answer.body());
            assertEquals("BAD_REQUEST", JSON.readTree(answer.body()).at("/error/code").asText(), path + ": " + answer.body());
            assertFalse(answer.body().contains("Exception"), answer.body());
        }
    }

    @Test
    @Order(2)
    void a_malformed_escape_in_the_query_answers_the_apis_own_400_not_the_http_servers() throws Exception {
        String token = signIn(DemoAlbum.CLIENT_EMAIL, PASSWORD);
        // java.net.URI refuses these targets, so they go over a plain socket, as curl sends them.
        for (String target : List.of("/api/x?%ZZ=1", "/api/albums/demo/download?file_name=%Z", "/api/me?a=%",
                "/api/albums/a%E9b/download")) {
            RawAnswer answer = rawGet(target, token);
            assertEquals(400, answer.status(), target + ": " + answer.body());
            assertTrue(answer.contentType().startsWith("application/json"), target + ": " + answer.contentType());
            assertEquals("BAD_REQUEST", JSON.readTree(answer.body()).at("/error/code").asText(), target + ": " + answer.body());
            assertFalse(answer.body().contains("Exception"), answer.body());
        }
    }

    @Test
    @Order(3)
    void a_restart_on_the_same_data_folder_keeps_albums_accounts_and_tokens_and_sets_up_nothing_twice() throws Exception {
        String token = signIn(DemoAlbum.CLIENT_EMAIL, PASSWORD);
        int port = runner.url().getPort();
        runner.close();
        runner = LocalRunner.start(config.withPort(port));

        assertEquals(List.of(), runner.demoProblems());
        JsonNode answer = getJson("api/albums/demo/download", token);
        assertEquals("ready", answer.path("status").asText(), "the token from before the restart still works: " + answer);
        try (S3Client s3 = AwsResources.s3(runner.endpoints())) {
            assertEquals(60, s3.listObjectsV2(l -> l.bucket(runner.names().bucket()).prefix("albums/demo/photos/")).keyCount());
        }
        assertNotEquals("", Files.readString(runner.envFile()));
    }

    // --- helpers ----------------------------------------------------------------------------

    private record RawAnswer(int status, String contentType, String body) {}

    /** One GET with the request target sent byte for byte (HTTP/1.1, connection closed after the answer). */
    private static RawAnswer rawGet(String target, String token) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", runner.url().getPort())) {
            socket.setSoTimeout(20_000);
            String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String head = answer.substring(0, end);
            String contentType = head.lines().filter(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(l -> l.substring(13).strip()).findFirst().orElse("");
            return new RawAnswer(Integer.parseInt(head.split(" ")[1]), contentType, answer.substring(end + 4));
        }
    }

    private static TestRunners.Result script(String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(TestRunners.projectRoot().resolve("scripts/" + name).toString()));
        all.addAll(List.of(args));
        String command = "LOCAL_ENV=\"$1\"; shift; export LOCAL_ENV; unset TOKEN API_URL ADMIN_PASSWORD ADMIN_EMAIL; \"$@\"";
        List<String> argv = new ArrayList<>(List.of(runner.envFile().toString()));
        argv.addAll(all);
        return TestRunners.bash(command, argv.toArray(String[]::new));
    }

    private static JsonNode builds(String admin) throws Exception {
        return getJson("api/admin/albums/smith-wedding/zip", admin).path("builds");
    }

    private static List<HttpResponse<String>> clicks(String token, String path, int n) {
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(HTTP.sendAsync(request("GET", path, token, null), HttpResponse.BodyHandlers.ofString()));
        }
        return all.stream().map(CompletableFuture::join).toList();
    }

    private static void assertAllOk(List<HttpResponse<String>> answers) {
        Set<String> problems = new LinkedHashSet<>();
        for (HttpResponse<String> a : answers) if (a.statusCode() != 200) problems.add(a.statusCode() + " " + a.body());
        assertEquals(Set.of(), problems);
    }

    private static JsonNode poll(String token, String path, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = getJson(path, token);
            if (done.test(last)) return last;
            Thread.sleep(250);
        }
        fail("not done in 120 s; last answer: " + last);
        return last;
    }

    static String signIn(String email, String password) throws Exception {
        HttpResponse<String> answer = send("POST", "local-auth/token", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertEquals(200, answer.statusCode(), answer.body());
        String token = JSON.readTree(answer.body()).path("id_token").asText();
        assertNotNull(token);
        return token;
    }

    private static JsonNode getJson(String path, String token) throws Exception {
        HttpResponse<String> answer = send("GET", path, token, null);
        assertEquals(200, answer.statusCode(), path + ": " + answer.body());
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        return HTTP.send(request(method, path, token, json), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(runner.url().resolve(path)).timeout(Duration.ofSeconds(60));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }
}

package com.clientalbums.local;

import com.clientalbums.local.demo.DemoAlbum;
import com.clientalbums.localaws.AwsEndpoints;
import com.clientalbums.localaws.AwsResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole runner killed with SIGKILL while archives are being built, then started again on the
 * same data folder: every album must end {@code ready} with an archive holding exactly its photos,
 * and no answer, before or after the kill, may hand out a link to an archive that is not complete.
 *
 * <p>What survives a kill: S3Proxy's files (photos, completed archives, the parts of an unfinished
 * multipart upload), dynalite's LevelDB (the album records, with their leases) and the accounts.
 * What does not: ElasticMQ's messages, held in memory, so the wake-ups of the builds under way
 * are gone. Recovery is therefore the system's own: the dead generator's lease expires, and the
 * next click (or maintenance) requests the build again. The test runs with a 4 s lease (AWS: 120 s)
 * and no quiet period, and registers each album only once the one before is being built, so that
 * no album is left pending on a lost message (those wait out the 2-minute retry window instead).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KillNineRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String PASSWORD = "kill-nine-password";
    private static final int PHOTO_BYTES = 200 * 1024;
    /** Album id → photos, in the order they are registered; the large ones are mid-build at the kill. */
    private static final Map<String, Integer> ALBUMS = orderedMap("killed-small", 30, "killed-large-a", 300,
            "killed-large-b", 300);
    private static final List<String> LARGE = List.of("killed-large-a", "killed-large-b");

    private Path data;
    private URI site;
    private String clientToken;
    /**
     * One link for every archive object the API handed out (links to one object differ only in
     * their signature), with the album it was for.
     */
    private final Map<String, Link> linksAnswered = new LinkedHashMap<>();

    private record Link(String album, URI uri) {}

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void albums_being_built_when_the_runner_is_killed_all_end_ready_with_complete_archives_after_a_restart() throws Exception {
        Path work = Path.of("target", "kill-nine").toAbsolutePath();
        deleteTree(work);
        data = Files.createDirectories(work.resolve("data"));
        int port = freePort();
        int s3Port = freePort();
        List<String> args = List.of("--demo", "--port", Integer.toString(port), "--s3-port", Integer.toString(s3Port),
                "--data", data.toString(), "--generator-concurrency", "3", "--batching-window-seconds", "0",
                "--maintenance-minutes", "60");
        Map<String, String> environment = Map.of("DEMO_PASSWORD", PASSWORD, "ZIP_LEASE_SECONDS", "4",
                "ZIP_QUIET_SECONDS", "0", "ZIP_FETCH_CONCURRENCY", "2", "ZIP_PART_SIZE_MB", "5");
        site = URI.create("http://127.0.0.1:" + port + "/");

        Map<String, JsonNode> atKill;
        try (RunnerProcess first = RunnerProcess.start(args, environment, work.resolve("runner-1.log"))) {
            String admin = signIn(DemoAlbum.ADMIN_EMAIL);
            clientToken = signIn(DemoAlbum.CLIENT_EMAIL);
            AwsEndpoints endpoints = endpoints();
            try (S3Client s3 = AwsResources.s3(endpoints); SqsClient sqs = AwsResources.sqs(endpoints)) {
                String bucket = env().get("CLIENT_ALBUMS_BUCKET");
                ALBUMS.forEach((album, count) -> {
                    for (int i = 0; i < count; i++) {
                        String key = "albums/" + album + "/photos/" + photoPath(i);
                        s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(photo(album, i)));
                    }
                });
                // The uploads' S3 events (previews) are handled first, so the builds below start at once.
                awaitEmpty(sqs, env().get("ZIP_GENERATION_QUEUE_URL"), Duration.ofSeconds(120));
            }
            for (String album : ALBUMS.keySet()) {
                assertEquals(201, call("POST", "api/admin/albums", admin,
                        "{\"album_id\":\"" + album + "\",\"name\":\"" + album + "\"}").statusCode());
                int granted = call("PUT", "api/admin/albums/" + album + "/users/" + DemoAlbum.CLIENT_EMAIL, admin, null)
                        .statusCode();
                assertTrue(granted >= 200 && granted < 300, "grant: " + granted);
                until(Duration.ofSeconds(60), "album " + album + " claimed by a generator",
                        () -> !click(album).path("status").asText().equals("pending"));
            }
            atKill = untilBuildsUnderWay(Duration.ofSeconds(60));
            first.killNine();
        }

        // The big albums were mid-build: generating, some but not all photos written.
        for (String album : LARGE) {
            JsonNode answer = atKill.get(album);
            assertEquals("generating", answer.path("status").asText(), album + " at the kill: " + answer);
            long done = answer.at("/progress/files_done").asLong();
            assertTrue(done > 0 && done < ALBUMS.get(album), album + " at the kill: " + answer);
        }

        try (RunnerProcess second = RunnerProcess.start(args, environment, work.resolve("runner-2.log"))) {
            Map<String, JsonNode> ready = new TreeMap<>();
            until(Duration.ofSeconds(90), "every album ready again within 90 s of the restart", () -> {
                for (String album : ALBUMS.keySet()) {
                    JsonNode answer = click(album);
                    if (answer.path("status").asText().equals("ready")) ready.put(album, answer);
                    else ready.remove(album);
                }
                return ready.keySet().equals(new TreeSet<>(ALBUMS.keySet()));
            });

            // Every link ever answered, before or after the kill, downloads a complete archive of its album.
            assertFalse(linksAnswered.isEmpty());
            for (Link link : linksAnswered.values()) {
                HttpResponse<InputStream> download = HTTP.send(HttpRequest.newBuilder(link.uri()).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, download.statusCode(), "link for " + link.album() + ": " + link.uri());
                assertArchiveHoldsEveryPhoto(link.album(), download.body());
            }
            // Nor is any other archive object in the bucket torn: the killed builds never completed theirs.
            try (S3Client s3 = AwsResources.s3(endpoints())) {
                String bucket = env().get("CLIENT_ALBUMS_BUCKET");
                for (String album : ALBUMS.keySet()) {
                    // Only archive names: S3Proxy keeps an unfinished upload's parts as objects of its own names.
                    var archives = s3.listObjectsV2(l -> l.bucket(bucket).prefix("zips/" + album + "/")).contents()
                            .stream().filter(o -> o.key().endsWith(".zip")).toList();
                    assertFalse(archives.isEmpty(), album);
                    for (var archive : archives) {
                        try (InputStream in = s3.getObject(g -> g.bucket(bucket).key(archive.key()))) {
                            assertArchiveHoldsEveryPhoto(album, in);
                        }
                    }
                }
            }
            try (SqsClient sqs = AwsResources.sqs(endpoints())) {
                String dlq = env().get("ZIP_GENERATION_DLQ_URL");
                var attributes = sqs.getQueueAttributes(a -> a.queueUrl(dlq).attributeNames(QueueAttributeName.ALL)).attributes();
                assertEquals("0", attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES), "dead letters: " + attributes);
                assertEquals("0", attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE), "dead letters: " + attributes);
            }
        }
        deleteTree(data);
    }

    /** Clicks every album until both big ones are generating with some photos written; their answers then. */
    private Map<String, JsonNode> untilBuildsUnderWay(Duration timeout) throws Exception {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        until(timeout, "both large albums mid-build", () -> {
            for (String album : ALBUMS.keySet()) answers.put(album, click(album));
            return LARGE.stream().map(answers::get).allMatch(a ->
                    a.path("status").asText().equals("generating") && a.at("/progress/files_done").asLong() > 0);
        });
        return answers;
    }

    /** One download click as the granted client; a link must only ever come with {@code ready}. */
    private JsonNode click(String album) throws Exception {
        HttpResponse<String> response = call("GET", "api/albums/" + album + "/download", clientToken, null);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = JSON.readTree(response.body());
        String link = answer.path("download_url").asText(null);
        if (link != null) {
            assertEquals("ready", answer.path("status").asText(), "a link before the archive was ready: " + answer);
            URI uri = URI.create(link);
            linksAnswered.putIfAbsent(uri.getPath(), new Link(album, uri));
        }
        return answer;
    }

    private static void assertArchiveHoldsEveryPhoto(String album, InputStream archive) throws IOException {
        Map<String, Integer> expected = new TreeMap<>();
        for (int i = 0; i < ALBUMS.get(album); i++) expected.put(photoPath(i), i);
        Set<String> seen = new TreeSet<>();
        try (ZipInputStream zip = new ZipInputStream(archive)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                assertTrue(seen.add(entry.getName()), album + ": entry twice: " + entry.getName());
                Integer index = expected.get(entry.getName());
                assertTrue(index != null, album + ": unexpected entry " + entry.getName());
                assertArrayEquals(photo(album, index), zip.readAllBytes(), album + ": bytes of " + entry.getName());
            }
        }
        assertEquals(expected.keySet(), seen, album + ": entries");
    }

    // --- helpers ----------------------------------------------------------------------------

    private static Map<String, Integer> orderedMap(String a, int na, String b, int nb, String c, int nc) {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put(a, na);
        map.put(b, nb);
        map.put(c, nc);
        return map;
    }

    private static String photoPath(int i) {
        return (i % 2 == 0 ? "Ceremony/" : "Reception/") + "IMG_%04d.jpg".formatted(i);
    }

    /** The photo's bytes, the same every time they are asked for (nothing held in memory). */
    private static byte[] photo(String album, int i) {
        byte[] bytes = new byte[PHOTO_BYTES - 97 * i % 4096];
        new Random(album.hashCode() * 31L + i).nextBytes(bytes);
        return bytes;
    }

    private Map<String, String> env() throws IOException, InterruptedException {
        return TestRunners.source(data.resolve("local.env"));
    }

    private AwsEndpoints endpoints() throws IOException, InterruptedException {
        Map<String, String> env = env();
        return new AwsEndpoints(URI.create(env.get("AWS_ENDPOINT_URL_S3")), URI.create(env.get("AWS_ENDPOINT_URL_SQS")),
                URI.create(env.get("AWS_ENDPOINT_URL_DYNAMODB")), env.get("AWS_ACCESS_KEY_ID"),
                env.get("AWS_SECRET_ACCESS_KEY"), env.get("AWS_REGION"));
    }

    private static void awaitEmpty(SqsClient sqs, String queueUrl, Duration timeout) throws Exception {
        int[] emptyInARow = {0};
        until(timeout, "the queue drained", () -> {
            var a = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL)).attributes();
            boolean empty = a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES).equals("0")
                    && a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE).equals("0");
            emptyInARow[0] = empty ? emptyInARow[0] + 1 : 0;
            return emptyInARow[0] >= 3;
        });
    }

    private String signIn(String email) throws Exception {
        HttpResponse<String> answer = call("POST", "local-auth/token", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body()).path("id_token").asText();
    }

    private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(site.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (json != null) request.header("Content-Type", "application/json");
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @FunctionalInterface
    private interface Check {
        boolean passed() throws Exception;
    }

    private static void until(Duration timeout, String what, Check check) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!check.passed()) {
            if (Instant.now().isAfter(deadline)) fail("not within " + timeout + ": " + what);
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}

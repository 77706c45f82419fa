package com.clientalbums.local;

import com.clientalbums.common.album.WebSize;
import com.clientalbums.admin.handler.AdminApiHandler;
import com.clientalbums.client.handler.ClientApiHandler;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.BuildRecord;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.local.auth.LocalAccounts;
import com.clientalbums.local.faults.Fault;
import com.clientalbums.local.faults.FaultPlan;
import com.clientalbums.local.faults.FaultyWire;
import com.clientalbums.local.faults.Service;
import com.clientalbums.local.lambda.FunctionEnvironment;
import com.clientalbums.local.lambda.Lambdas;
import com.clientalbums.maintenance.handler.MaintenanceHandler;
import com.clientalbums.zip.handler.ZipGeneratorHandler;
import com.clientalbums.localaws.AwsResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault suite: the four real handlers behind the runner, each talking to S3, SQS and
 * DynamoDB through a {@link FaultyWire} that spoils a tenth of all calls on the wire (the
 * services' own 500 and throttling errors, requests held past the SDK's timeout, connections
 * reset before the request is read and after the server acted). Twenty albums are registered
 * and built while two hundred clients click Download All and poll as the portal does, with
 * maintenance on a schedule. Everything the test asserts it reads through clients of its own,
 * straight to the servers.
 *
 * <p>The run is fixed by its seed ({@code -Dfaults.seed=N} picks another); the fault counts are
 * written to {@code target/fault-suite-summary.txt} and the test's output.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FaultSuiteTest {
    private static final Logger LOG = LoggerFactory.getLogger(FaultSuiteTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = Long.getLong("faults.seed", 12);
    /** One call in this many to each service is spoiled. */
    private static final int FAULT_EVERY = 10;
    private static final int ALBUMS = 20;
    private static final int CLICKS = 200;
    /** What each function's SDK waits for an answer before it tries again; held requests outlast it. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Every album ready within this of its registration. The design's worst case under these
     * faults: a build that fails on a broken photo stream retries after ZIP_RETRY_SECONDS, then
     * twice that (ArchiveBuildService's back-off; 30 s in AWS, shortened here so the suite spends
     * its time on faults rather than on waiting), and a lease lost with a reset answer expires after
     * ZIP_LEASE_SECONDS; on top of that, the builds themselves, five at a time on two cores, each
     * renewing web-size renditions through the same faulty wire. The bound leaves room for a slower
     * machine: it bounds the recovery (minutes, not a stuck album), not the speed.
     */
    private static final Duration READY_WITHIN = Duration.ofSeconds(240);
    private static final String ADMIN = "admin@demo.test";

    @TempDir static Path data;
    static final FaultPlan plan = new FaultPlan(SEED, FAULT_EVERY);
    static final List<FaultyWire> wires = new ArrayList<>();
    static LocalRunner runner;
    static HttpClient http;

    /** The real handlers, as RealLambdas makes them, but with every AWS endpoint behind a faulty wire. */
    static Lambdas behindFaultyWires(FunctionEnvironment env) throws IOException {
        Map<String, String> vars = new HashMap<>(env.variables());
        for (Service service : Service.values()) {
            String variable = "AWS_ENDPOINT_URL_" + service.name();
            FaultyWire wire = FaultyWire.start(service, URI.create(vars.get(variable)), plan);
            wires.add(wire);
            vars.put(variable, wire.endpoint().toString());
        }
        FunctionEnvironment faulty = new FunctionEnvironment(vars, env.accounts());
        String region = vars.get("AWS_REGION");
        return new Lambdas(
                new ClientApiHandler(faulty.settings(ClientApiHandler.SETTINGS), AwsClients.create(region, vars, ATTEMPT_TIMEOUT)),
                new AdminApiHandler(faulty.settings(AdminApiHandler.SETTINGS), AwsClients.create(region, vars, ATTEMPT_TIMEOUT),
                        faulty.accounts()),
                new ZipGeneratorHandler(faulty.settings(ZipGeneratorHandler.SETTINGS), AwsClients.create(region, vars, ATTEMPT_TIMEOUT)),
                new MaintenanceHandler(faulty.settings(MaintenanceHandler.SETTINGS), AwsClients.create(region, vars, ATTEMPT_TIMEOUT)));
    }

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunner.start(TestRunners.config(data)
                .withSiteDir(data.resolve("no-site"))
                .withLambdas(FaultSuiteTest::behindFaultyWires)
                .withVisibilityTimeout(Duration.ofSeconds(10))
                .withGeneratorConcurrency(5)
                .withMaintenanceEvery(Duration.ofSeconds(20))
                .withEnvironment(Map.of("ZIP_QUIET_SECONDS", "2", "ZIP_LEASE_SECONDS", "10", "ZIP_RETRY_SECONDS", "3")));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        // The wires first: a call still on them fails at once instead of holding the servers' shutdown.
        for (FaultyWire wire : wires) wire.close();
        if (runner != null) runner.close();
    }

    /** One album of the run: its id and its photos (relative path → bytes). */
    record TestAlbum(String id, String client, Map<String, byte[]> photos) {}

    /** What the clients saw. */
    record Clicks(int answers, int readyAnswers, int unavailable, Map<String, Integer> byStatus, String firstFailure) {}

    @Test
    void twenty_albums_build_correctly_while_two_hundred_clients_click_and_a_tenth_of_all_aws_calls_fail_on_the_wire()
            throws Exception {
        List<TestAlbum> albums = albums(new Random(SEED));
        String bucket = runner.names().bucket();
        try (S3Client s3 = AwsResources.s3(runner.endpoints()); DynamoDbClient dynamo = AwsResources.dynamo(runner.endpoints());
             SqsClient sqs = AwsResources.sqs(runner.endpoints())) {
            // The photographer's upload (aws s3 sync) goes to S3 itself: it is not the system under test.
            for (TestAlbum album : albums) {
                album.photos().forEach((path, bytes) -> s3.putObject(p -> p.bucket(bucket)
                        .key("albums/" + album.id() + "/photos/" + path).contentType("image/jpeg"), RequestBody.fromBytes(bytes)));
            }
            awaitQueueDrained(sqs);
            LocalAccounts.Account admin = runner.cognito().accounts().put(ADMIN, "Studio", Set.of(LocalAccounts.ADMIN_GROUP), "unused-pw");
            String adminToken = runner.cognito().idToken(admin);

            Instant registered = Instant.now();
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> studio = new ArrayList<>();
            for (TestAlbum album : albums) {
                studio.add(pool.submit(() -> {
                    studioCall("POST", "admin/albums", adminToken, "{\"album_id\":\"" + album.id() + "\",\"name\":\"Album " + album.id() + "\"}", 201);
                    studioCall("POST", "admin/users", adminToken, "{\"email\":\"" + album.client() + "\",\"name\":\"Client\"}", 201);
                    studioCall("PUT", "admin/albums/" + album.id() + "/users/" + album.client(), adminToken, null, 204);
                    return null;
                }));
            }
            for (Future<?> f : studio) f.get();

            Map<String, String> tokens = new HashMap<>();
            for (TestAlbum album : albums) {
                tokens.put(album.id(), runner.cognito().idToken(runner.cognito().accounts().find(album.client()).orElseThrow()));
            }
            Clicks clicks = clickAndPoll(albums, tokens, registered.plus(READY_WITHIN), pool);
            pool.shutdown();

            AlbumRepository records = new AlbumRepository(dynamo, runner.names().albumTable());
            PhotoListing listing = new PhotoListing(s3, bucket);
            Map<String, ZipStatus> notReady = new TreeMap<>();
            for (TestAlbum album : albums) {
                Album record = records.find(album.id()).orElseThrow();
                if (record.zipStatus() != ZipStatus.READY) notReady.put(album.id(), record.zipStatus());
            }
            String summary = summary(clicks, Duration.between(registered, Instant.now()));
            assertEquals(Map.of(), notReady, "albums not ready within " + READY_WITHIN + "\n" + summary);

            for (TestAlbum album : albums) {
                Album record = records.find(album.id()).orElseThrow();
                String fingerprint = Fingerprint.of(listing.list(album.id()), WebSize.of(2048, record));
                assertEquals(fingerprint, record.zipFingerprint(), album.id());
                assertEquals(1, record.publishedParts().size(), album.id() + ": one archive (far under ZIP_SPLIT_SIZE_MB)");
                // 0 duplicates: one archive object per album, the published one (beside it only its manifest, and
                // checkpoints whose delete a fault may have cut off); one published build; no entry twice.
                List<String> objects = s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix("zips/" + album.id() + "/"))
                        .contents().stream().map(S3Object::key).filter(k -> k.endsWith(".zip")).toList();
                assertEquals(List.of(record.zipKey()), objects, album.id() + ": archive objects");
                List<BuildRecord> published = record.builds().stream().filter(b -> b.outcome().equals("ready")).toList();
                assertEquals(1, published.size(), album.id() + ": builds published " + record.builds());
                assertArchiveHoldsExactly(album, s3.getObjectAsBytes(g -> g.bucket(bucket).key(record.zipKey())).asByteArray());
                assertEquals(album.photos().size(), record.zipFileCount(), album.id());
            }

            Map<QueueAttributeName, String> dlq = sqs.getQueueAttributes(a -> a.queueUrl(runner.deadLetterQueueUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            assertEquals("0", dlq.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES), "dead-letter queue: " + dlq);
            assertEquals("0", dlq.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE), "dead-letter queue: " + dlq);

            assertEquals(CLICKS, clicks.readyAnswers(), "every client ended with a ready answer\n" + summary);
            // The faults really happened: a tenth of each service's calls (SQS too, the least called), every kind.
            for (Service service : Service.values()) {
                assertTrue(plan.requests(service) >= 2L * FAULT_EVERY, service + " was hardly called\n" + summary);
                assertTrue(Math.abs(plan.faults(service) - plan.requests(service) / FAULT_EVERY) <= 1, service + "\n" + summary);
            }
            for (Fault fault : Fault.values()) assertTrue(plan.count(fault) > 0, fault + " was never injected\n" + summary);
        }
    }

    /**
     * Twenty albums of 5-30 small photos, every third with folders; each shared with a client of
     * its own. The bytes are random (the generator archives any file; a photo that is not an image
     * just gets an "unreadable" preview marker).
     */
    static List<TestAlbum> albums(Random random) {
        List<TestAlbum> albums = new ArrayList<>();
        for (int a = 0; a < ALBUMS; a++) {
            Map<String, byte[]> photos = new LinkedHashMap<>();
            int count = 5 + random.nextInt(26);
            for (int p = 1; p <= count; p++) {
                String folder = a % 3 == 0 ? (p % 2 == 0 ? "Ceremony/" : "Reception/Evening/") : "";
                byte[] bytes = new byte[200 + random.nextInt(4000)];
                random.nextBytes(bytes);
                photos.put(folder + String.format("IMG_%04d.jpg", p), bytes);
            }
            String id = String.format("fault-album-%02d", a);
            albums.add(new TestAlbum(id, "client" + a + "@faults.test", photos));
        }
        return albums;
    }

    /**
     * The photographer's call, repeated as a person would until the studio answers: a 5xx or a
     * broken connection is tried again, and an answer that the first try already took effect
     * (409 for a registration or a client whose answer was lost) counts as done.
     */
    static void studioCall(String method, String path, String token, String body, int expected) throws Exception {
        for (int attempt = 1; attempt <= 20; attempt++) {
            try {
                HttpResponse<String> answer = send(method, path, token, body);
                if (answer.statusCode() == expected || answer.statusCode() == 409 && attempt > 1) return;
                assertTrue(answer.statusCode() >= 500, method + " " + path + ": " + answer.statusCode() + " " + answer.body());
                JsonNode error = JSON.readTree(answer.body());
                assertTrue(error.path("error").isObject() || error.has("message"), "a failure answers the API's error body: " + answer.body());
            } catch (IOException brokenConnection) {
                // tried again below
            }
            Thread.sleep(200L * attempt);
        }
        throw new AssertionError(method + " " + path + " never succeeded in 20 tries");
    }

    /**
     * Two hundred clients, ten per album, arriving over the first seconds of the builds: each
     * clicks Download All, then polls with the portal's back-off (1 s, growing by half up to 10 s) until the answer is ready
     * (an error answer is clicked again, as its message asks).
     */
    static Clicks clickAndPoll(List<TestAlbum> albums, Map<String, String> tokens, Instant deadline, ExecutorService pool)
            throws Exception {
        AtomicInteger answers = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>("");
        Map<String, Integer> byStatus = new ConcurrentHashMap<>();
        Random arrivals = new Random(SEED + 1);
        List<Future<Boolean>> clients = new ArrayList<>();
        for (int c = 0; c < CLICKS; c++) {
            TestAlbum album = albums.get(c % albums.size());
            long arrivesAfter = arrivals.nextInt(10_000);
            clients.add(pool.submit(() -> {
                Thread.sleep(arrivesAfter);
                long pause = 1000;
                while (Instant.now().isBefore(deadline)) {
                    HttpResponse<String> answer;
                    try {
                        answer = send("GET", "albums/" + album.id() + "/download", tokens.get(album.id()), null);
                    } catch (IOException e) {
                        throw new AssertionError("the runner's HTTP front broke a connection", e);
                    }
                    answers.incrementAndGet();
                    JsonNode body = JSON.readTree(answer.body());
                    if (answer.statusCode() >= 500) {
                        // The API could not reach its store even after the SDK's retries: an honest error, never a wrong answer.
                        assertTrue(body.path("error").isObject() || body.has("message"), answer.body());
                        unavailable.incrementAndGet();
                        firstFailure.compareAndSet("", answer.statusCode() + " " + answer.body());
                    } else {
                        assertEquals(200, answer.statusCode(), answer.body());
                        String status = body.path("status").asText();
                        byStatus.merge(status, 1, Integer::sum);
                        if (status.equals("ready")) {
                            assertEquals(album.photos().size(), body.path("file_count").asInt(), answer.body());
                            assertTrue(body.path("download_url").asText().contains("/zips/" + album.id() + "/"), answer.body());
                            return true;
                        }
                        assertTrue(Set.of("pending", "generating", "error").contains(status), answer.body());
                    }
                    Thread.sleep(pause);
                    pause = Math.min(10_000, pause * 3 / 2);
                }
                return false;
            }));
        }
        int ready = 0;
        for (Future<Boolean> client : clients) {
            if (client.get()) ready++;
        }
        return new Clicks(answers.get(), ready, unavailable.get(), new TreeMap<>(byStatus), firstFailure.get());
    }

    /**
     * Waits until the generator has handled the uploads' S3 events (previews), as a photographer
     * registers an album after its upload: otherwise the registrations' wake-ups queue behind
     * hundreds of photo events and the bound below would measure the previews.
     */
    static void awaitQueueDrained(SqsClient sqs) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            Map<QueueAttributeName, String> q = sqs.getQueueAttributes(a -> a.queueUrl(runner.queueUrl()).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            if (q.values().stream().allMatch("0"::equals)) return;
            Thread.sleep(500);
        }
        throw new AssertionError("the uploads' photo events were not handled within 180 s");
    }

    /** The archive holds each photo once, under its path, with its bytes and their CRC-32, and nothing else. */
    static void assertArchiveHoldsExactly(TestAlbum album, byte[] archive) throws IOException {
        Set<String> seen = new HashSet<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertTrue(seen.add(entry.getName()), album.id() + ": " + entry.getName() + " twice");
                byte[] expected = album.photos().get(entry.getName());
                assertNotNull(expected, album.id() + ": unexpected entry " + entry.getName());
                byte[] bytes = zip.readAllBytes();
                assertArrayEquals(expected, bytes, album.id() + ": " + entry.getName());
                CRC32 crc = new CRC32();
                crc.update(bytes);
                assertEquals(crc.getValue(), entry.getCrc(), album.id() + ": CRC of " + entry.getName());
            }
        }
        assertEquals(album.photos().keySet(), seen, album.id());
    }

    static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(runner.url().resolve("api/" + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        if (body != null) request.header("Content-Type", "application/json");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String summary(Clicks clicks, Duration took) throws IOException {
        String summary = "fault suite, seed " + SEED + ", " + ALBUMS + " albums, " + CLICKS + " clients, "
                + took.toSeconds() + " s from registration to the end of the clicks\n"
                + "clicks and polls: " + clicks.answers() + " answers, " + clicks.unavailable() + " 5xx, by status "
                + clicks.byStatus() + ", " + clicks.readyAnswers() + " clients ended ready; first 5xx: " + clicks.firstFailure() + "\n"
                + plan.summary();
        Files.writeString(Path.of("target/fault-suite-summary.txt"), summary);
        LOG.info("{}", summary.replace('\n', ';'));
        System.out.print(summary);
        return summary;
    }
}

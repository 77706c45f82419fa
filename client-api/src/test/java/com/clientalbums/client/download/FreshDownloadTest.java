package com.clientalbums.client.download;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.client.handler.ClientApiHandler;
import com.clientalbums.common.access.GrantRepository;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.auth.TestIssuer;
import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.aws.HttpClients;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.QueueInbox;
import com.clientalbums.testing.SqsLambdaDriver;
import com.clientalbums.testing.WebSizes;
import com.clientalbums.zip.build.ArchiveBuildService;
import com.clientalbums.zip.handler.GeneratorServices;
import com.clientalbums.zip.handler.ZipGeneratorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Download All against S3 as it is at the moment of the click, not as the album record last saw
 * it: changes whose S3 event has not been handled, an archive object that is gone, and bursts of
 * clicks on a build already requested. The API handler, the real generator (its build service,
 * in-process) and the real S3/SQS/DynamoDB on loopback.
 */
class FreshDownloadTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create().visibilityTimeout(Duration.ofSeconds(2));

    static final String STUDIO = "studio@example.com";
    static final String ANN = "ann@example.com";
    static final Duration QUIET = Duration.ofSeconds(1);
    static final ArchiveBuildService.Timing TIMING =
            new ArchiveBuildService.Timing(Duration.ofSeconds(30), 3, Duration.ofSeconds(1), Duration.ofSeconds(5), QUIET);

    static TestIssuer issuer;
    static String token;
    static AlbumWrites writes;
    static ClientApiHandler api;
    static AlbumRepository albums;
    static GrantRepository grants;
    static PhotoListing listing;
    static Settings generatorSettings;
    static ArchiveBuildService generator;
    static final QueueInbox inbox = new QueueInbox(aws);
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void setUp() {
        issuer = TestIssuer.start();
        token = issuer.idToken(ANN);
        writes = new AlbumWrites(aws.names().albumTable());
        Settings apiSettings = aws.settings(ClientApiHandler.SETTINGS, issuer.env(STUDIO));
        api = new ClientApiHandler(apiSettings, new AwsClients(aws.clients().s3(), aws.clients().presigner(),
                aws.clients().sqs(), countingDynamo(writes)));
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        grants = new GrantRepository(aws.clients().dynamo(), aws.names().userAlbumTable());
        listing = new PhotoListing(aws.clients().s3(), aws.names().bucket());
        generatorSettings = aws.settings(ZipGeneratorHandler.SETTINGS, java.util.Map.of());
        generator = GeneratorServices.from(generatorSettings, aws.clients(), TIMING).builds();
    }

    @AfterAll
    static void tearDown() {
        issuer.close();
    }

    // ---- never stale --------------------------------------------------------------------------

    /**
     * A hundred times: a ready archive holding photo N, photo N deleted, a click at once (its S3
     * event is never handled here), then photo N+1 added and a click at once. Neither click may be
     * a link to an archive without the change; the build each click requested is run, and the
     * click after it must link an archive of exactly the photos in the bucket.
     */
    @Test
    void aPhotoDeletedOrAddedThenClickedAtOnceIsNeverServedFromTheArchiveBeforeTheChange() throws Exception {
        String album = registered("fresh-changes", 2);
        put(album, "Rep/P-0.jpg", "photo 0".getBytes());
        assertEquals("pending", click(album).get("status").asText(), "a photo added before the first build");
        assertArchiveHolds(album, builtAndClicked(album));

        for (int i = 0; i < 100; i++) {
            delete(album, "Rep/P-" + i + ".jpg");
            JsonNode afterDelete = click(album);
            assertNoLinkWithout(afterDelete, "P-" + i + ".jpg", "deleted", i);
            assertEquals("pending", afterDelete.get("status").asText(), "repetition " + i + ": " + afterDelete);
            assertEquals("New photos are being added; preparing an updated download.", afterDelete.get("message").asText());
            Set<String> held = builtAndClicked(album);
            assertFalse(held.contains("P-" + i + ".jpg"), "repetition " + i + ": " + held);

            put(album, "Rep/P-" + (i + 1) + ".jpg", ("photo " + (i + 1)).getBytes());
            JsonNode afterAdd = click(album);
            assertNoLinkWithout(afterAdd, "P-" + (i + 1) + ".jpg", "added", i);
            assertEquals("pending", afterAdd.get("status").asText(), "repetition " + i + ": " + afterAdd);
            held = builtAndClicked(album);
            assertTrue(held.contains("P-" + (i + 1) + ".jpg"), "repetition " + i + ": " + held);
        }
        Album last = albums.find(album).orElseThrow();
        assertEquals(RequestSource.API.value(), last.requestSource(), "each rebuild was the click's request");
    }

    /**
     * The click saw the deletion before its S3 event did. When the event arrives (here: while the
     * click's build is still to run, in the same batch as its wake-up), it finds the change
     * recorded: one build, not a second after a quiet period, and the photo's previews go with it.
     */
    @Test
    void theLateS3EventOfAChangeAClickAlreadyRecordedMakesNoSecondBuildAndStillUpdatesPreviews() throws Exception {
        String album = registered("late-event", 3);
        assertArchiveHolds(album, builtAndClicked(album));
        inbox.forget(album); // the queue holds only what this test sends from here on
        int buildsBefore = albums.find(album).orElseThrow().builds().size();
        String gone = "Ceremony/IMG_1.jpg";
        put(album, "Ceremony/NEW.jpg", jpeg(new Color(200, 40, 90)));
        putRaw(PreviewKeys.image(album, PreviewSize.THUMB, gone), "old thumb".getBytes());
        delete(album, gone);

        assertEquals("pending", click(album).get("status").asText());
        for (String key : List.of(S3Keys.photoKey(album, gone), S3Keys.photoKey(album, "Ceremony/NEW.jpg"))) {
            aws.clients().sqs().sendMessage(r -> r.queueUrl(aws.queueUrl()).messageBody(s3Event(key)));
        }
        SqsLambdaDriver lambda = new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(),
                new ZipGeneratorHandler(GeneratorServices.from(generatorSettings, aws.clients(), TIMING)));
        int received = 0;
        for (int polls = 0; received < 3 && polls < 20; polls++) received += lambda.pollOnce(Duration.ofSeconds(1)).received();
        assertEquals(3, received, "the click's wake-up and the two photo events");
        Album ready = albums.find(album).orElseThrow();
        assertTrue(ready.archiveCurrent(), "built at once, not held for a quiet period: " + ready.zipStatus());
        assertEquals(buildsBefore + 1, ready.builds().size());

        for (int polls = 0; polls < 2; polls++) lambda.pollOnce(QUIET.plusSeconds(1));
        assertEquals(buildsBefore + 1, albums.find(album).orElseThrow().builds().size(), "no second build after the quiet period");
        Set<String> held = entries(click(album));
        assertEquals(Set.of("IMG_2.jpg", "IMG_3.jpg", "NEW.jpg"), held);
        assertFalse(exists(PreviewKeys.image(album, PreviewSize.THUMB, gone)), "the deleted photo's thumbnail is removed");
        for (PreviewSize size : PreviewSize.values()) {
            assertTrue(exists(PreviewKeys.image(album, size, "Ceremony/NEW.jpg")), size + " of the added photo");
        }
    }

    // ---- never a dead link ----------------------------------------------------------------------

    @Test
    void anArchiveObjectDeletedUnderAReadyAlbumIsRebuiltOnTheNextClickAndACorrectArchiveFollows() throws Exception {
        String album = registered("dead-link", 3);
        assertArchiveHolds(album, builtAndClicked(album));
        inbox.forget(album);
        Album ready = albums.find(album).orElseThrow();
        aws.clients().s3().deleteObject(d -> d.bucket(aws.names().bucket()).key(ready.zipKey()));

        JsonNode first = click(album);
        assertEquals("pending", first.get("status").asText(), first.toString());
        assertTrue(first.get("download_url").isNull());
        assertEquals(3, first.get("progress").get("files_total").asLong());
        assertEquals(1, inbox.messagesFor(album).size(), "the click woke a generator");
        assertEquals(RequestSource.API.value(), albums.find(album).orElseThrow().requestSource());

        int before = writes.attempts();
        JsonNode second = click(album);
        assertEquals("pending", second.get("status").asText());
        assertEquals(before, writes.attempts(), "the next click finds the rebuild requested and only reads");
        assertEquals(1, inbox.messagesFor(album).size());

        assertEquals(ArchiveBuildService.Outcome.BUILT, generator.build(album, "gen-dead-link", () -> 600_000L));
        assertArchiveHolds(album, entries(click(album)));
    }

    // ---- reads during a build --------------------------------------------------------------------

    /**
     * Fifty clicks at once on an album whose build is requested, then on one being built with a
     * live lease, twenty times over: none writes the album. A burst on a stale album makes one
     * request, and the burst after it writes nothing.
     */
    @Test
    void fiftyConcurrentClicksOnAPendingOrGeneratingAlbumWriteTheAlbumAtMostOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            for (int round = 0; round < 20; round++) {
                String pending = registered("burst-pending-" + round, 2);
                AlbumWrites.Count burst = writes.during(() -> assertEveryStatus(clickTogether(pool, pending, 50), "pending"));
                assertEquals(0, burst.attempts(), "round " + round + ": clicks on a pending album only read");

                String building = registered("burst-generating-" + round, 2);
                albums.claim(building, "gen-burst", Instant.now(), Duration.ofMinutes(2)).orElseThrow();
                burst = writes.during(() -> assertEveryStatus(clickTogether(pool, building, 50), "generating"));
                assertEquals(0, burst.attempts(), "round " + round + ": clicks on a build under way only read");
            }

            String stale = registered("burst-stale", 2);
            builtAndClicked(stale);
            inbox.forget(stale);
            put(stale, "Ceremony/LATE.jpg", "late".getBytes());
            AlbumWrites.Count first = writes.during(() -> assertEveryStatus(clickTogether(pool, stale, 50), "pending"));
            assertEquals(2, first.succeeded(), "the new content recorded once and one request made: " + first);
            assertEquals(1, inbox.messagesFor(stale).size(), "one wake-up for the burst");
            AlbumWrites.Count next = writes.during(() -> assertEveryStatus(clickTogether(pool, stale, 50), "pending"));
            assertEquals(0, next.attempts(), "the burst after the request only reads");
        } finally {
            pool.shutdown();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    static String registered(String albumId, int photos) {
        for (int i = 1; i <= photos; i++) put(albumId, "Ceremony/IMG_" + i + ".jpg", ("photo " + i + " of " + albumId).getBytes());
        var listed = listing.list(albumId);
        assertTrue(albums.register(albumId, albumId, STUDIO, listed.size(), Fingerprint.of(listed, WebSizes.DEFAULT), Instant.now()));
        grants.grant(ANN, albumId, Instant.now());
        return albumId;
    }

    /** Runs the requested build, clicks, and returns the names in the archive the click links. */
    static Set<String> builtAndClicked(String albumId) throws Exception {
        assertEquals(ArchiveBuildService.Outcome.BUILT, generator.build(albumId, "gen-" + System.nanoTime(), () -> 600_000L));
        return entries(click(albumId));
    }

    static JsonNode click(String albumId) {
        APIGatewayV2HTTPResponse response = api.handleRequest(ApiEvents.get("/albums/" + albumId + "/download").bearer(token).event(), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return ApiEvents.body(response);
    }

    static List<JsonNode> clickTogether(ExecutorService pool, String albumId, int clicks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < clicks; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return click(albumId);
            }));
        }
        start.countDown();
        List<JsonNode> out = new ArrayList<>();
        for (var a : answers) out.add(a.get());
        return out;
    }

    static void assertEveryStatus(List<JsonNode> answers, String status) {
        for (JsonNode a : answers) {
            assertEquals(status, a.get("status").asText(), a.toString());
            assertTrue(a.get("download_url").isNull(), a.toString());
        }
    }

    /** The answer is no link, or a link to an archive that agrees with the change ({@code name} gone when deleted, there when added). */
    static void assertNoLinkWithout(JsonNode answer, String name, String change, int repetition) throws Exception {
        if (answer.get("download_url").isNull()) return;
        Set<String> held = entries(answer);
        assertEquals(change.equals("added"), held.contains(name),
                "repetition " + repetition + ": a link after " + name + " was " + change + " holds " + held);
    }

    /** The file names in the archive the answer links to (downloaded through its presigned link). */
    static Set<String> entries(JsonNode answer) throws Exception {
        assertEquals("ready", answer.get("status").asText(), answer.toString());
        HttpResponse<byte[]> zip = http.send(HttpRequest.newBuilder(URI.create(answer.get("download_url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        Path file = Files.createTempFile("fresh-download", ".zip");
        try {
            Files.write(file, zip.body());
            Set<String> names = new TreeSet<>();
            try (ZipFile archive = new ZipFile(file.toFile())) {
                Collections.list(archive.entries()).forEach(e -> {
                    if (!e.isDirectory()) names.add(e.getName().substring(e.getName().lastIndexOf('/') + 1));
                });
            }
            return names;
        } finally {
            Files.delete(file);
        }
    }

    /** The archive holds exactly the album's photos as the bucket lists them now. */
    static void assertArchiveHolds(String albumId, Set<String> held) {
        Set<String> listed = new TreeSet<>();
        listing.list(albumId).forEach(p -> listed.add(p.relativePath().substring(p.relativePath().lastIndexOf('/') + 1)));
        assertEquals(listed, held);
    }

    static void put(String albumId, String path, byte[] bytes) {
        putRaw(S3Keys.photoKey(albumId, path), bytes);
    }

    static void putRaw(String key, byte[] bytes) {
        aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(key), RequestBody.fromBytes(bytes));
    }

    static void delete(String albumId, String path) {
        aws.clients().s3().deleteObject(d -> d.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, path)));
    }

    static boolean exists(String key) {
        return aws.clients().s3().listObjectsV2(l -> l.bucket(aws.names().bucket()).prefix(key)).contents().stream()
                .anyMatch(o -> o.key().equals(key));
    }

    /** The S3 notification for {@code key} as the bucket sends it to the queue (created or removed: the generator lists anyway). */
    static String s3Event(String key) {
        String object = "\"key\":\"" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/") + "\",\"sequencer\":\""
                + Long.toHexString(System.nanoTime()) + "\"";
        boolean removed = !exists(key);
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"" + aws.endpoints().region()
                + "\",\"eventTime\":\"" + Instant.now() + "\",\"eventName\":\"" + (removed ? "ObjectRemoved:Delete" : "ObjectCreated:Put")
                + "\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":\"album-photo-changes\",\"bucket\":{\"name\":\""
                + aws.names().bucket() + "\",\"arn\":\"arn:aws:s3:::" + aws.names().bucket() + "\"},\"object\":{" + object + "}}}]}";
    }

    static byte[] jpeg(Color colour) throws IOException {
        BufferedImage image = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 80, 60);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** The API's DynamoDB client: the real SDK against the loopback DynamoDB, with {@code writes} counting. */
    static DynamoDbClient countingDynamo(AlbumWrites writes) {
        return DynamoDbClient.builder().region(Region.of(aws.endpoints().region()))
                .endpointOverride(aws.endpoints().dynamo())
                .httpClientBuilder(HttpClients.urlConnection())
                .overrideConfiguration(c -> c.addExecutionInterceptor(writes)).build();
    }

    /**
     * Counts the API's writes to the album table, as the SDK executes them: every attempt (a
     * conditional write that loses is still a write request on the item) and those that succeeded.
     */
    static final class AlbumWrites implements ExecutionInterceptor {
        record Count(int attempts, int succeeded) {}

        private final String table;
        private final AtomicInteger attempts = new AtomicInteger();
        private final AtomicInteger succeeded = new AtomicInteger();

        AlbumWrites(String table) {
            this.table = table;
        }

        int attempts() {
            return attempts.get();
        }

        /** The writes made while {@code action} ran. */
        Count during(ThrowingRunnable action) throws Exception {
            int a = attempts.get();
            int s = succeeded.get();
            action.run();
            return new Count(attempts.get() - a, succeeded.get() - s);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (isAlbumWrite(context.request())) attempts.incrementAndGet();
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (isAlbumWrite(context.request())) succeeded.incrementAndGet();
        }

        private boolean isAlbumWrite(Object request) {
            return switch (request) {
                case UpdateItemRequest u -> table.equals(u.tableName());
                case PutItemRequest p -> table.equals(p.tableName());
                case DeleteItemRequest d -> table.equals(d.tableName());
                default -> false;
            };
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}

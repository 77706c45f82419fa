package com.clientalbums.zip.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PartTask;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.queue.ZipQueue;
import com.clientalbums.common.queue.ZipRequest;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.QueueInbox;
import com.clientalbums.testing.SqsLambdaDriver;
import com.clientalbums.testing.TestContext;
import com.clientalbums.testing.WebSizes;
import com.clientalbums.zip.build.ArchiveBuildService;
import com.clientalbums.zip.pipeline.CountingPhotoSource;
import com.clientalbums.zip.pipeline.S3PhotoSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator driven through a real SQS queue, S3 bucket and album table on loopback. */
class ZipGeneratorIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create().visibilityTimeout(Duration.ofSeconds(2));

    /** Short lease and fast retries so the recovery tests take seconds. */
    static final ArchiveBuildService.Timing TIMING =
            new ArchiveBuildService.Timing(Duration.ofSeconds(1), 3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(60));

    static Settings settings;
    static AlbumRepository albums;
    static ZipQueue queue;

    @BeforeAll
    static void setUp() {
        settings = aws.settings(ZipGeneratorHandler.SETTINGS, Map.of("ZIP_PART_SIZE_MB", "5", "ZIP_MEMORY_BUDGET_MB", "40"));
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        queue = new ZipQueue(aws.clients().sqs(), aws.queueUrl());
    }

    private ZipGeneratorHandler handler() {
        return new ZipGeneratorHandler(GeneratorServices.from(settings, aws.clients(), TIMING));
    }

    /** Uploads photos (relative path → bytes) and registers the album the way the admin API does. */
    private static void registerAlbum(String albumId, Map<String, byte[]> photos) {
        photos.forEach((path, bytes) -> aws.clients().s3().putObject(
                r -> r.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, path)), RequestBody.fromBytes(bytes)));
        List<PhotoObject> listed = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(albums.register(albumId, "Album " + albumId, "studio@example.com", listed.size(),
                Fingerprint.of(listed, WebSizes.DEFAULT), Instant.now()));
    }

    private static Map<String, byte[]> photos(int count, int size, long seed) {
        Random random = new Random(seed);
        Map<String, byte[]> photos = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            byte[] bytes = new byte[size + random.nextInt(size)];
            random.nextBytes(bytes);
            String folder = i % 3 == 0 ? "Reception/" : i % 3 == 1 ? "Ceremony/" : "";
            photos.put(folder + "IMG_" + String.format("%04d", i) + ".jpg", bytes);
        }
        return photos;
    }

    private static Path download(Album album) throws IOException {
        Path file = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), album.albumId(), ".zip");
        try (var in = aws.clients().s3().getObject(r -> r.bucket(aws.names().bucket()).key(album.zipKey()))) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static void assertArchiveHolds(Path zip, Map<String, byte[]> photos) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            assertEquals(photos.size(), file.size());
            for (var e : photos.entrySet()) {
                ZipEntry entry = file.getEntry(e.getKey());
                assertNotNull(entry, "archive lacks " + e.getKey());
                assertEquals(ZipEntry.STORED, entry.getMethod());
                try (var in = file.getInputStream(entry)) {
                    assertArrayEquals(e.getValue(), in.readAllBytes(), e.getKey());
                }
            }
        }
        int seen = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; seen++) {
                assertArrayEquals(photos.get(entry.getName()), in.readAllBytes(), entry.getName());
            }
        }
        assertEquals(photos.size(), seen);
    }

    private static void drainUntil(SqsLambdaDriver driver, String albumId, ZipStatus wanted, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (albums.find(albumId).orElseThrow().zipStatus() == wanted) return;
            driver.pollOnce(Duration.ofSeconds(1));
        }
        assertEquals(wanted, albums.find(albumId).orElseThrow().zipStatus(), "album " + albumId + " state");
    }

    @Test
    void aRegisteredAlbumBecomesReadyWithEveryPhotoByteForByteUnderItsFolder() throws Exception {
        Map<String, byte[]> photos = photos(24, 400_000, 1);
        registerAlbum("happy-path", photos);
        queue.wake("happy-path");

        var poll = new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(), handler()).pollOnce(Duration.ofSeconds(5));

        assertEquals(1, poll.received());
        assertTrue(poll.failedIds().isEmpty());
        Album album = albums.find("happy-path").orElseThrow();
        assertEquals(ZipStatus.READY, album.zipStatus());
        assertTrue(album.archiveCurrent());
        assertEquals(24, album.zipFileCount());
        assertEquals(1, album.builds().size());
        assertEquals("registration", album.builds().getFirst().source());
        Path zip = download(album);
        assertEquals(album.zipSize(), Files.size(zip));
        assertArchiveHolds(zip, photos);
    }

    @Test
    void duplicateMessagesForAnAlbumBeingBuiltAreDroppedWithoutASecondBuild() {
        registerAlbum("duplicates", photos(3, 1000, 2));
        albums.claim("duplicates", "someone-else", Instant.now(), Duration.ofMinutes(5)).orElseThrow();
        for (int i = 0; i < 5; i++) queue.wake("duplicates");

        var poll = new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(), handler()).pollOnce(Duration.ofSeconds(5));

        assertEquals(5, poll.received());
        assertTrue(poll.failedIds().isEmpty(), "duplicates are deleted, not retried");
        Album album = albums.find("duplicates").orElseThrow();
        assertEquals("someone-else", album.leaseOwner());
        assertEquals(0, album.builds().size());
    }

    @Test
    void aBuildOfAnAlbumWithNothingToArchiveEndsAsNothingToArchiveWithTheDocumentedMessage() {
        // Only what the listing leaves out: a hidden file, a system file and a folder marker.
        registerAlbum("only-hidden", Map.of(".DS_Store", new byte[6], "Thumbs.db", new byte[4], "Ceremony/", new byte[0]));
        assertTrue(albums.requestBuild("only-hidden", RequestSource.ADMIN, true, Instant.now(), Duration.ofMinutes(2)));
        ArchiveBuildService builds = GeneratorServices.from(settings, aws.clients(), TIMING).builds();

        assertEquals(ArchiveBuildService.Outcome.NOTHING_TO_ARCHIVE, builds.build("only-hidden", "gen", () -> 900_000));

        Album album = albums.find("only-hidden").orElseThrow();
        assertEquals(ZipStatus.ERROR, album.zipStatus(), "not retried: the photos' events request the next build");
        assertEquals("This album has no photos to download yet. Upload photos, then try again. (Album has nothing to"
                + " archive: 0 file(s) listed, none of them a photo (hidden files, system files and folder markers are"
                + " left out))", album.zipError());
        assertEquals(List.of("error"), album.builds().stream().map(b -> b.outcome()).toList());
    }

    @Test
    void aPhotoTooLargeToHoldIsReadOnceWhenS3KeepsItsCrc32AndTwiceWhenItDoesNot() throws Exception {
        // 20 MiB: above what a 40 MB budget holds of a photo (some 15 MiB beside the part buffers), so it is streamed.
        byte[] large = new byte[20 << 20];
        new Random(11).nextBytes(large);
        Map<String, byte[]> photos = new LinkedHashMap<>(photos(2, 10_000, 12));
        photos.put("Ceremony/IMG_LARGE.tif", large);
        Map<String, Long> read = new LinkedHashMap<>();
        for (boolean withCrc : List.of(true, false)) {
            String id = withCrc ? "crc-kept" : "crc-absent";
            photos.forEach((path, bytes) -> aws.clients().s3().putObject(r -> {
                r.bucket(aws.names().bucket()).key(S3Keys.photoKey(id, path));
                if (withCrc) r.checksumAlgorithm(ChecksumAlgorithm.CRC32); // as scripts/upload-album.sh sends it
            }, RequestBody.fromBytes(bytes)));
            List<PhotoObject> listed = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(id);
            assertTrue(albums.register(id, "Album " + id, "studio@example.com", listed.size(), Fingerprint.of(listed, WebSizes.DEFAULT), Instant.now()));
            var counting = new CountingPhotoSource(new S3PhotoSource(aws.clients().s3(), aws.names().bucket()));
            var builds = GeneratorServices.from(settings, aws.clients(), TIMING, counting).builds();

            assertEquals(ArchiveBuildService.Outcome.BUILT, builds.build(id, "gen", () -> 900_000));
            assertArchiveHolds(download(albums.find(id).orElseThrow()), photos);
            read.put(id, counting.bytesRead());
        }
        long album = photos.values().stream().mapToLong(b -> b.length).sum();
        assertEquals(album, read.get("crc-kept"), "S3's full-object CRC-32 goes in the header: every photo read once");
        assertEquals(album + large.length, read.get("crc-absent"), "without it the large photo is read for its CRC-32, then copied");
    }

    @Test
    void aBuildStoppedForWantOfTimeHandsItsPartBackAndTheNextInvocationContinuesIt() throws Exception {
        // About 36 MiB in 5 MiB upload parts, against a prefetch share of some 15 MiB: stopped while its
        // first photos are read, the build finishes the parts those photos reach and leaves the rest.
        Map<String, byte[]> photos = photos(12, 2 << 20, 5);
        registerAlbum("out-of-time", photos);
        // Time runs short once the part is being read. The lease keeper asks how much time is left every
        // quarter lease; from its second look on, the first one has already stopped the build, and the
        // held photo read may go on.
        AtomicBoolean reading = new AtomicBoolean();
        AtomicInteger looks = new AtomicInteger();
        CountDownLatch stopped = new CountDownLatch(1);
        var s3 = new S3PhotoSource(aws.clients().s3(), aws.names().bucket());
        ArchiveBuildService builds = GeneratorServices.from(settings, aws.clients(), TIMING, (key, etag) -> {
            reading.set(true);
            try {
                if (!stopped.await(30, TimeUnit.SECONDS)) throw new IOException("the lease keeper never looked twice");
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            return s3.open(key, etag);
        }).builds();

        var outcome = builds.build("out-of-time", "gen", () -> {
            if (!reading.get()) return 900_000;
            if (looks.incrementAndGet() >= 2) stopped.countDown();
            return TIMING.safetyMargin().toMillis() - 1;
        });

        assertEquals(ArchiveBuildService.Outcome.CONTINUED, outcome);
        Album album = albums.find("out-of-time").orElseThrow();
        assertEquals(ZipStatus.GENERATING, album.zipStatus(), "the build goes on: no failure, no new request");
        assertEquals(null, album.zipError());
        PartTask part = album.buildParts().getFirst();
        assertEquals(PartTask.State.TODO, part.state(), "its part waits for the next invocation");
        assertEquals(null, part.owner());
        assertEquals(List.of(), album.builds(), "one build, not ended yet");
        assertEquals(List.of(new ZipRequest("out-of-time")), new QueueInbox(aws).messagesFor("out-of-time"),
                "its continuation is woken at once");

        var readNext = new CountingPhotoSource(s3);
        var next = GeneratorServices.from(settings, aws.clients(), TIMING, readNext).builds().build("out-of-time", "gen-2", () -> 900_000);

        assertEquals(ArchiveBuildService.Outcome.BUILT, next);
        long albumBytes = photos.values().stream().mapToLong(b -> b.length).sum();
        assertTrue(readNext.bytesRead() < albumBytes * 0.9, "continued from the parts uploaded, not from byte 0: read "
                + readNext.bytesRead() + " of " + albumBytes + " bytes");
        Album done = albums.find("out-of-time").orElseThrow();
        assertEquals(ZipStatus.READY, done.zipStatus());
        assertEquals(List.of("ready"), done.builds().stream().map(b -> b.outcome()).toList());
        assertArchiveHolds(download(done), photos);
    }

    @Test
    void aBuildWhoseLeaseWasTakenOverStopsAndLeavesTheAlbumToItsNewOwner() {
        registerAlbum("taken-over", photos(4, 10_000, 6));
        AtomicInteger looksSinceTakeOver = new AtomicInteger(-1);
        CountDownLatch refused = new CountDownLatch(1);
        var s3 = new S3PhotoSource(aws.clients().s3(), aws.names().bucket());
        ArchiveBuildService builds = GeneratorServices.from(settings, aws.clients(), TIMING, (key, etag) -> {
            // Another generator claims as if this one's lease had lapsed (its clock two leases ahead).
            if (looksSinceTakeOver.compareAndSet(-1, 0)) {
                albums.claim("taken-over", "gen-b", Instant.now().plus(TIMING.lease().multipliedBy(2)), TIMING.lease())
                        .orElseThrow();
            }
            try {
                if (!refused.await(30, TimeUnit.SECONDS)) throw new IOException("the lease keeper never looked twice");
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            return s3.open(key, etag);
        }).builds();

        // Each look at the time left comes just before a heartbeat: by the second look after the
        // take-over, one heartbeat has been refused and the build told to stop.
        var outcome = builds.build("taken-over", "gen-a", () -> {
            if (looksSinceTakeOver.get() >= 0 && looksSinceTakeOver.incrementAndGet() >= 2) refused.countDown();
            return 900_000;
        });

        assertEquals(ArchiveBuildService.Outcome.LEASE_LOST, outcome);
        Album album = albums.find("taken-over").orElseThrow();
        assertEquals("gen-b", album.leaseOwner(), "the new owner keeps the album");
        assertEquals(ZipStatus.GENERATING, album.zipStatus());
        assertEquals(List.of(), album.builds(), "the stopped build records nothing over its successor's");
    }

    @Test
    void aReadThatFailsIsRetriedAfterABackOffAndItsWakeUpIsScheduled() throws Exception {
        registerAlbum("read-fails", photos(3, 10_000, 7));
        ArchiveBuildService builds = GeneratorServices.from(settings, aws.clients(), TIMING, (key, etag) -> {
            throw new IOException("connection reset");
        }).builds();

        assertEquals(ArchiveBuildService.Outcome.RETRY_SCHEDULED, builds.build("read-fails", "gen", () -> 900_000));

        Album album = albums.find("read-fails").orElseThrow();
        assertEquals(ZipStatus.PENDING, album.zipStatus());
        assertTrue(album.zipError().startsWith("Retrying after a temporary problem: "), album.zipError());
        assertTrue(album.notBefore().isAfter(album.zipGenerationStartedAt()), "the retry waits its back-off");
        QueueInbox inbox = new QueueInbox(aws);
        Instant deadline = Instant.now().plusSeconds(15);
        while (inbox.messagesFor("read-fails").isEmpty() && Instant.now().isBefore(deadline)) Thread.sleep(200);
        assertEquals(List.of(new ZipRequest("read-fails")), inbox.messagesFor("read-fails"), "one delayed wake-up");
    }

    @Test
    void aFailureThatIsNoTemporaryProblemIsNotRetriedAsOne() {
        registerAlbum("a-bug", photos(3, 10_000, 8));
        ArchiveBuildService builds = GeneratorServices.from(settings, aws.clients(), TIMING, (key, etag) -> {
            throw new IllegalStateException("a bug");
        }).builds();

        assertThrows(IllegalStateException.class, () -> builds.build("a-bug", "gen", () -> 900_000),
                "it reaches the handler, which leaves the message to SQS and its dead-letter queue");
        Album album = albums.find("a-bug").orElseThrow();
        assertEquals(ZipStatus.GENERATING, album.zipStatus(), "its lease lapses and another generator or maintenance takes over");
        assertEquals(List.of(), album.builds());
    }

    @Test
    void aGeneratorKilledMidBuildLeavesNoArchiveAndTheRedeliveredMessageFinishesTheBuild() throws Exception {
        Map<String, byte[]> photos = photos(12, 300_000, 3);
        registerAlbum("killed-midway", photos);
        queue.wake("killed-midway");
        AtomicInteger opened = new AtomicInteger();
        var s3 = new S3PhotoSource(aws.clients().s3(), aws.names().bucket());
        var dying = new ZipGeneratorHandler(GeneratorServices.from(settings, aws.clients(), TIMING, (key, etag) -> {
            if (opened.incrementAndGet() == 6) throw new SimulatedCrash();
            return s3.open(key, etag);
        }));

        assertThrows(SimulatedCrash.class,
                () -> new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(), dying).pollOnce(Duration.ofSeconds(5)));
        Album halfway = albums.find("killed-midway").orElseThrow();
        assertEquals(ZipStatus.GENERATING, halfway.zipStatus(), "the dead generator never recorded anything");
        assertEquals(null, halfway.zipKey());
        assertTrue(aws.clients().s3().listObjectsV2(r -> r.bucket(aws.names().bucket()).prefix("zips/killed-midway/"))
                .contents().stream().noneMatch(o -> o.key().endsWith(".zip")), "no archive object exists");

        // The message was not deleted: after the visibility timeout SQS delivers it again, the
        // lease has lapsed, and a healthy generator takes over.
        drainUntil(new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(), handler()), "killed-midway",
                ZipStatus.READY, Duration.ofSeconds(20));
        Album done = albums.find("killed-midway").orElseThrow();
        assertEquals(0, done.attempts(), "attempts start again after a publish");
        assertEquals(List.of("ready"), done.builds().stream().map(b -> b.outcome()).toList(),
                "the dead build wrote no history; the take-over did");
        assertArchiveHolds(download(done), photos);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterQueueAfterThreeReceivesWithoutBlockingItsBatch() throws Exception {
        registerAlbum("next-to-poison", photos(2, 1000, 4));
        aws.clients().sqs().sendMessage(r -> r.queueUrl(aws.queueUrl()).messageBody("{this is not json"));
        queue.wake("next-to-poison");
        queue.wake("never-registered");
        var driver = new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(), handler());

        Instant deadline = Instant.now().plusSeconds(30);
        int poisonFailures = 0;
        while (Instant.now().isBefore(deadline) && dlqSize() == 0) {
            var poll = driver.pollOnce(Duration.ofSeconds(1));
            poisonFailures += poll.failedIds().size();
        }

        assertEquals(1, dlqSize(), "the malformed message is in the dead-letter queue");
        assertEquals(3, poisonFailures, "it was received and reported failed three times");
        assertEquals(ZipStatus.READY, albums.find("next-to-poison").orElseThrow().zipStatus());
        assertTrue(albums.find("never-registered").isEmpty());
        assertEquals(0, queueSize(), "the unregistered album's message was dropped, not retried");
    }

    @Test
    void handlerTakesARealSqsEventWithDirectAndS3MessagesAndUrlEncodedUnicodeKeys() throws Exception {
        Map<String, byte[]> photos = new LinkedHashMap<>();
        photos.put("Café Night/写真 01.jpg", new byte[] {1, 2, 3});
        photos.put("Ceremony/IMG 0002.jpg", new byte[] {4, 5});
        registerAlbum("event-json", photos);
        String json = new String(getClass().getResourceAsStream("/events/sqs-batch.json").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        SQSEvent event = com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers
                .serializerFor(SQSEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        SQSBatchResponse response = handler().handleRequest(event, TestContext.withMinutes(15));

        assertEquals(List.of("poison-1"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        Album album = albums.find("event-json").orElseThrow();
        assertEquals(ZipStatus.READY, album.zipStatus());
        assertArchiveHolds(download(album), photos);
    }

    private static int dlqSize() {
        return approximateCount(aws.deadLetterQueueUrl());
    }

    private static int queueSize() {
        return approximateCount(aws.queueUrl());
    }

    private static int approximateCount(String url) {
        var attrs = aws.clients().sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Stands for the process dying: an Error no layer of the generator catches. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() { super("simulated crash"); }
    }
}

package com.clientalbums.zip.handler;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.BuildRecord;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.queue.ZipQueue;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.previews.job.PhotoPreviews;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.SqsLambdaDriver;
import com.clientalbums.testing.WebSizes;
import com.clientalbums.zip.build.ArchiveBuildService;
import com.clientalbums.zip.pipeline.S3PhotoSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Albums that follow their photos: S3 events through a real queue into the generator, debounced
 * rebuilds, previews, and what a client's download sees meanwhile. Quiet periods are 1-2 s here.
 */
class PhotoEventsIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static final Duration QUIET = Duration.ofSeconds(1);
    static final ArchiveBuildService.Timing TIMING =
            new ArchiveBuildService.Timing(Duration.ofSeconds(2), 3, Duration.ofSeconds(1), Duration.ofSeconds(5), QUIET);

    static Settings settings;
    static AlbumRepository albums;
    static PhotoBucket bucket;

    @BeforeAll
    static void setUp() {
        settings = aws.settings(ZipGeneratorHandler.SETTINGS, Map.of("ZIP_PART_SIZE_MB", "5", "ZIP_MEMORY_BUDGET_MB", "40"));
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        bucket = new PhotoBucket(aws);
    }

    private static ZipGeneratorHandler handler(ArchiveBuildService.Timing timing) {
        return new ZipGeneratorHandler(GeneratorServices.from(settings, aws.clients(), timing));
    }

    private static SqsLambdaDriver generator() {
        return new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(), handler(TIMING));
    }

    // ---- the stories of issue 5 ----

    @Test
    void threePhotosAddedToAReadyAlbumAreInItsArchiveAfterTheQuietPeriodWithTheirPreviews() throws Exception {
        Map<String, byte[]> photos = readyAlbum("three-added", 2);
        Album before = albums.find("three-added").orElseThrow();

        for (int i = 1; i <= 3; i++) {
            byte[] jpeg = PhotoBucket.jpeg(90 + i, 60, new Color(40 * i, 90, 160));
            bucket.put("three-added", "Reception/NEW_" + i + ".jpg", jpeg);
            photos.put("Reception/NEW_" + i + ".jpg", jpeg);
        }
        SqsLambdaDriver generator = generator();
        for (int events = 0; events < 3; ) events += generator.pollOnce(Duration.ofSeconds(1)).received();

        Album stale = albums.find("three-added").orElseThrow();
        assertFalse(stale.archiveCurrent(), "the old archive is not handed out as current");
        assertTrue(stale.archiveStale(), "the download API can say new photos are being added");
        assertEquals(ZipStatus.PENDING, stale.zipStatus());
        assertEquals(5, stale.photoCount());
        assertTrue(stale.notBefore().isAfter(Instant.now().minus(QUIET)), "the rebuild waits for the quiet period");
        assertEquals(before.zipKey(), stale.zipKey());

        Album ready = runUntil(generator, "three-added", Album::archiveCurrent, Duration.ofSeconds(30));
        assertArchiveHolds(ready, photos);
        assertEquals(List.of("registration", "photos_changed"), sources(ready));
        for (int i = 1; i <= 3; i++) {
            for (PreviewSize size : PreviewSize.values()) {
                assertTrue(bucket.exists(PreviewKeys.image("three-added", size, "Reception/NEW_" + i + ".jpg")), size + " of NEW_" + i);
            }
        }
        assertQuietFor(generator, "three-added", ready.builds().size(), QUIET.plusSeconds(2));
    }

    @Test
    void aPhotoReplacedByOtherBytesOfTheSameNameAndSizeIsCaughtByTheFingerprint() throws Exception {
        Map<String, byte[]> photos = readyAlbum("replaced", 3);
        String path = photos.keySet().iterator().next();
        byte[] old = photos.get(path);
        byte[] replacement = old.clone();
        replacement[replacement.length / 2] ^= 0x5A; // same name, same size, same count: only the ETag differs
        bucket.put("replaced", path, replacement);
        photos.put(path, replacement);

        Album ready = runUntil(generator(), "replaced", a -> a.archiveCurrent() && a.builds().size() == 2, Duration.ofSeconds(30));

        assertEquals(3, ready.photoCount());
        assertArchiveHolds(ready, photos);
    }

    @Test
    void aDeletedPhotoIsGoneFromTheNextArchiveAndItsPreviewsWithIt() throws Exception {
        Map<String, byte[]> photos = readyAlbum("deleted", 3);
        String path = photos.keySet().iterator().next();
        String thumb = PreviewKeys.image("deleted", PreviewSize.THUMB, path);
        assertTrue(bucket.exists(thumb), "previews were made when the photos arrived");

        bucket.delete("deleted", path);
        photos.remove(path);
        Album ready = runUntil(generator(), "deleted", a -> a.archiveCurrent() && a.builds().size() == 2, Duration.ofSeconds(30));

        assertEquals(2, ready.photoCount());
        assertArchiveHolds(ready, photos);
        assertFalse(bucket.exists(thumb));
    }

    @Test
    void aDeleteInTheVersionedBucketReportedAsADeleteMarkerIsARemovalLikeAnyOther() throws Exception {
        Map<String, byte[]> photos = readyAlbum("delete-marker", 3);
        String path = photos.keySet().iterator().next();
        String thumb = PreviewKeys.image("delete-marker", PreviewSize.THUMB, path);
        assertTrue(bucket.exists(thumb), "previews were made when the photos arrived");

        // With versioning on, S3 reports a DELETE as ObjectRemoved:DeleteMarkerCreated (this S3
        // keeps no versions, but the listing sees the photo gone as it does in a versioned bucket).
        String key = S3Keys.photoKey("delete-marker", path);
        aws.clients().s3().deleteObject(r -> r.bucket(aws.names().bucket()).key(key));
        bucket.notify("ObjectRemoved:DeleteMarkerCreated", key, null, null);
        photos.remove(path);
        Album ready = runUntil(generator(), "delete-marker", a -> a.archiveCurrent() && a.builds().size() == 2, Duration.ofSeconds(30));

        assertEquals(2, ready.photoCount());
        assertArchiveHolds(ready, photos);
        assertFalse(bucket.exists(thumb), "the deleted photo's previews go with it");
    }

    @Test
    void aBurstOf500UploadsMakesExactlyOneBuild() throws Exception {
        Map<String, byte[]> photos = readyAlbum("burst", 1);
        long versionBefore = albums.find("burst").orElseThrow().contentVersion();
        Duration quiet = Duration.ofSeconds(2);
        var timing = new ArchiveBuildService.Timing(TIMING.lease(), 3, TIMING.firstRetryDelay(), TIMING.safetyMargin(), quiet);
        AtomicInteger wakeUps = new AtomicInteger();
        AtomicInteger events = new AtomicInteger();
        SqsLambdaDriver generator = new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(), handler(timing));
        ExecutorService uploader = Executors.newSingleThreadExecutor();
        Instant started = Instant.now();
        // The photographer's sync uploads while the generator already handles the first events.
        Future<?> upload = uploader.submit(() -> {
            for (int i = 1; i <= 500; i++) {
                byte[] bytes = ("photo " + i).getBytes();
                bucket.put("burst", String.format("Burst/IMG_%04d.jpg", i), bytes);
                synchronized (photos) { photos.put(String.format("Burst/IMG_%04d.jpg", i), bytes); }
            }
        });
        try {
            Instant deadline = Instant.now().plusSeconds(120);
            while (Instant.now().isBefore(deadline)) {
                var poll = generator.pollOnce(Duration.ofSeconds(1));
                poll.bodies().forEach(b -> (b.contains("\"Records\"") ? events : wakeUps).incrementAndGet());
                Album a = albums.find("burst").orElseThrow();
                if (upload.isDone() && a.archiveCurrent() && a.photoCount() == 501 && queueDepth() == 0) break;
            }
            upload.get();
        } finally {
            uploader.shutdownNow();
        }
        Album ready = albums.find("burst").orElseThrow();
        assertTrue(ready.archiveCurrent(), "state " + ready.zipStatus());
        assertQuietFor(generator, "burst", 2, quiet.plusSeconds(2));

        ready = albums.find("burst").orElseThrow();
        assertEquals(2, ready.builds().size(), "registration + exactly one rebuild: " + ready.builds());
        assertEquals(501, ready.zipFileCount());
        assertArchiveHolds(ready, photos);
        System.out.printf("burst: 500 uploads, %d event messages, %d content changes recorded, %d wake-up messages,"
                        + " 1 build of %d photos, %.1f s from first upload to ready%n",
                events.get(), ready.contentVersion() - versionBefore, wakeUps.get(), ready.zipFileCount(),
                Duration.between(started, ready.zipGeneratedAt()).toMillis() / 1000.0);
        assertTrue(wakeUps.get() <= 10, "wake-ups are not sent per event: " + wakeUps.get());
    }

    @Test
    void aPhotoAddedWhileABuildRunsMakesExactlyOneFollowUpAndTheFirstArchiveIsNeverServed() throws Exception {
        Map<String, byte[]> photos = new TreeMap<>();
        for (int i = 1; i <= 6; i++) photos.put("IMG_" + i + ".jpg", PhotoBucket.jpeg(64, 48, new Color(30 * i, 60, 90)));
        register("changed-midway", photos);
        new ZipQueue(aws.clients().sqs(), aws.queueUrl()).wake("changed-midway");

        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger opened = new AtomicInteger();
        var s3 = new S3PhotoSource(aws.clients().s3(), aws.names().bucket());
        var slow = new ZipGeneratorHandler(GeneratorServices.from(settings, aws.clients(), TIMING,
                (key, etag) -> {
                    if (opened.incrementAndGet() == 3) {
                        blocked.countDown();
                        await(release);
                    }
                    return s3.open(key, etag);
                }));
        ExecutorService lambda = Executors.newSingleThreadExecutor();
        try {
            Future<?> firstBuild = lambda.submit(() -> new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(), slow)
                    .pollOnce(Duration.ofSeconds(5)));
            assertTrue(blocked.await(30, TimeUnit.SECONDS), "the first build is under way");

            byte[] late = PhotoBucket.jpeg(64, 48, Color.ORANGE);
            bucket.put("changed-midway", "IMG_late.jpg", late);
            photos.put("IMG_late.jpg", late);
            // Another generator instance handles the event while the first build runs, as Lambda would.
            SqsLambdaDriver generator = generator();
            while (generator.pollOnce(Duration.ofSeconds(1)).received() == 0) { /* wait for the event */ }
            Album during = albums.find("changed-midway").orElseThrow();
            assertEquals(ZipStatus.GENERATING, during.zipStatus());
            assertEquals(7, during.photoCount());
            assertFalse(during.archiveCurrent());

            release.countDown();
            firstBuild.get(60, TimeUnit.SECONDS);
            Album superseded = albums.find("changed-midway").orElseThrow();
            assertEquals(ZipStatus.PENDING, superseded.zipStatus(), "the first build could not publish");
            assertNull(superseded.zipKey(), "its archive was never made current");
            assertEquals(List.of("superseded"), outcomes(superseded));
            List<String> uploaded = zipKeys("changed-midway");
            assertEquals(2, uploaded.size(), "the first build's archives (originals and web size) exist, unreferenced: " + uploaded);

            Album ready = runUntil(generator, "changed-midway", Album::archiveCurrent, Duration.ofSeconds(30));
            assertQuietFor(generator, "changed-midway", 2, QUIET.plusSeconds(2));
            ready = albums.find("changed-midway").orElseThrow();
            assertEquals(List.of("superseded", "ready"), outcomes(ready), "exactly one follow-up build");
            assertEquals("content_changed", ready.builds().getLast().source());
            assertFalse(uploaded.contains(ready.zipKey()), "the follow-up's archive is another: " + uploaded);
            assertArchiveHolds(ready, photos);
        } finally {
            release.countDown();
            lambda.shutdownNow();
        }
    }

    @Test
    void eventsForArchivesPreviewsAndOtherPrefixesAreIgnoredAndUnregisteredAlbumsChangeNothing() throws Exception {
        readyAlbum("ignores", 2);
        Album before = albums.find("ignores").orElseThrow();
        bucket.notify("ObjectCreated:CompleteMultipartUpload", before.zipKey(), 100, "\"z\"");
        bucket.notify("ObjectCreated:Put", PreviewKeys.image("ignores", PreviewSize.THUMB, "IMG_1.jpg"), 100, "\"p\"");
        bucket.notify("ObjectCreated:Put", "albums/ignores/cover.jpg", 100, "\"c\"");
        bucket.notify("ObjectCreated:Put", "uploads/ignores/photos/x.jpg", 100, "\"u\"");
        bucket.notify("ObjectRemoved:Delete", "zips/ignores/old.zip", null, null);
        // A hidden file under photos/ is an event of the album, but not a photo: nothing changes.
        bucket.put("ignores", ".DS_Store", new byte[] {0, 0, 0, 1});
        // Photos uploaded before their album is registered get previews, and no album record.
        byte[] early = PhotoBucket.jpeg(80, 60, Color.GREEN);
        bucket.put("not-registered-yet", "IMG_1.jpg", early);

        SqsLambdaDriver generator = generator();
        int handled = 0;
        for (int i = 0; i < 10 && handled < 7; i++) {
            var poll = generator.pollOnce(Duration.ofSeconds(1));
            assertTrue(poll.failedIds().isEmpty(), "no message is retried");
            handled += poll.received();
        }
        assertEquals(7, handled);
        assertEquals(0, queueDepth(), "no wake-up or build message was sent");
        Album after = albums.find("ignores").orElseThrow();
        assertEquals(before.contentVersion(), after.contentVersion());
        assertEquals(ZipStatus.READY, after.zipStatus());
        assertTrue(after.archiveCurrent());
        assertEquals(1, after.builds().size());
        assertTrue(albums.find("not-registered-yet").isEmpty());
        assertTrue(bucket.exists(PreviewKeys.image("not-registered-yet", PreviewSize.THUMB, "IMG_1.jpg")));
        assertFalse(bucket.exists(PreviewKeys.image("ignores", PreviewSize.THUMB, ".DS_Store")));
    }

    @Test
    void aCorruptPhotoGetsNoPreviewAndNoRetryButStillGoesIntoTheArchive() throws Exception {
        Map<String, byte[]> photos = readyAlbum("corrupt", 1);
        byte[] corrupt = java.util.Arrays.copyOf(PhotoBucket.jpeg(64, 48, Color.RED), 150);
        bucket.put("corrupt", "broken.jpg", corrupt);
        photos.put("broken.jpg", corrupt);

        SqsLambdaDriver generator = generator();
        var poll = generator.pollOnce(Duration.ofSeconds(1));
        assertEquals(1, poll.received());
        assertTrue(poll.failedIds().isEmpty(), "an unreadable photo is not a reason to retry the message");
        assertFalse(bucket.exists(PreviewKeys.image("corrupt", PreviewSize.THUMB, "broken.jpg")));
        assertTrue(bucket.exists(PreviewKeys.unreadableMarker("corrupt", "broken.jpg")), "remembered, so it is not tried again");

        Album ready = runUntil(generator, "corrupt", a -> a.archiveCurrent() && a.builds().size() == 2, Duration.ofSeconds(30));
        assertArchiveHolds(ready, photos);
    }

    @Test
    void aJpgWhoseBytesAreSvgIsQuarantinedOnArrivalAndStaysOutOfTheArchive() throws Exception {
        Map<String, byte[]> photos = readyAlbum("disguised", 2);
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes();
        bucket.put("disguised", "Ceremony/logo.jpg", svg);

        SqsLambdaDriver generator = generator();
        var poll = generator.pollOnce(Duration.ofSeconds(1));
        assertEquals(1, poll.received());
        assertTrue(poll.failedIds().isEmpty());
        assertFalse(bucket.exists(S3Keys.photoKey("disguised", "Ceremony/logo.jpg")), "moved out of the album on arrival");
        assertArrayEquals(svg, aws.clients().s3().getObjectAsBytes(r -> r.bucket(aws.names().bucket())
                .key(S3Keys.quarantineKey("disguised", "Ceremony/logo.jpg"))).asByteArray(), "and kept in quarantine");
        // What S3 then sends for the generator's delete (the local runner's S3 sends it too).
        bucket.notify("ObjectRemoved:Delete", S3Keys.photoKey("disguised", "Ceremony/logo.jpg"), null, null);

        Album ready = runUntil(generator, "disguised", a -> a.archiveCurrent() && a.builds().size() >= 2, Duration.ofSeconds(30));
        assertEquals(2, ready.photoCount());
        assertArchiveHolds(ready, photos);
        assertFalse(bucket.exists(PreviewKeys.image("disguised", PreviewSize.THUMB, "Ceremony/logo.jpg")));
    }

    // ---- helpers ----

    /** Registers an album of {@code count} small JPEGs, builds it, and makes their previews: a ready album. */
    private static Map<String, byte[]> readyAlbum(String albumId, int count) throws Exception {
        Map<String, byte[]> photos = new TreeMap<>();
        for (int i = 1; i <= count; i++) photos.put("IMG_" + i + ".jpg", PhotoBucket.jpeg(60 + i, 40, new Color(20 * i, 100, 50)));
        register(albumId, photos);
        new ZipQueue(aws.clients().sqs(), aws.queueUrl()).wake(albumId);
        Album ready = runUntil(generator(), albumId, Album::archiveCurrent, Duration.ofSeconds(30));
        assertEquals(1, ready.builds().size());
        for (String path : photos.keySet()) new PhotoPreviews(aws.clients().s3(), aws.names().bucket()).make(albumId, path, WebSizes.DEFAULT);
        return photos;
    }

    private static void register(String albumId, Map<String, byte[]> photos) {
        photos.forEach((path, bytes) -> aws.clients().s3().putObject(
                r -> r.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, path)), RequestBody.fromBytes(bytes)));
        List<PhotoObject> listed = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(albums.register(albumId, "Album " + albumId, "studio@example.com", listed.size(), Fingerprint.of(listed, WebSizes.DEFAULT), Instant.now()));
    }

    private static Album runUntil(SqsLambdaDriver generator, String albumId, Predicate<Album> done, Duration limit) {
        return generator.pollUntil(() -> albums.find(albumId).orElseThrow(), done, limit);
    }

    /** Keeps the generator polling past the quiet period: no further build may start. */
    private static void assertQuietFor(SqsLambdaDriver generator, String albumId, int builds, Duration period) {
        Instant until = Instant.now().plus(period);
        while (Instant.now().isBefore(until)) generator.pollOnce(Duration.ofSeconds(1));
        Album album = albums.find(albumId).orElseThrow();
        assertEquals(builds, album.builds().size(), "builds: " + album.builds());
        assertTrue(album.archiveCurrent());
        assertEquals(0, queueDepth(), "nothing left on the queue");
    }

    private static void assertArchiveHolds(Album album, Map<String, byte[]> photos) throws IOException {
        Path file = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), album.albumId(), ".zip");
        try (var in = aws.clients().s3().getObject(r -> r.bucket(aws.names().bucket()).key(album.zipKey()))) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, byte[]> expected = new LinkedHashMap<>();
        synchronized (photos) { expected.putAll(photos); }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals(expected.size(), zip.size(), "entries of " + album.zipKey());
            for (var e : expected.entrySet()) {
                var entry = zip.getEntry(e.getKey());
                assertTrue(entry != null, "archive lacks " + e.getKey());
                try (var in = zip.getInputStream(entry)) {
                    assertArrayEquals(e.getValue(), in.readAllBytes(), e.getKey());
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The album's archives, without the manifests and checkpoints beside them. */
    private static List<String> zipKeys(String albumId) {
        List<String> keys = new ArrayList<>();
        aws.clients().s3().listObjectsV2Paginator(r -> r.bucket(aws.names().bucket()).prefix(S3Keys.zipPrefix(albumId)))
                .contents().stream().filter(o -> o.key().endsWith(".zip")).forEach(o -> keys.add(o.key()));
        return keys;
    }

    private static List<String> outcomes(Album album) {
        return album.builds().stream().map(BuildRecord::outcome).toList();
    }

    private static List<String> sources(Album album) {
        return album.builds().stream().map(BuildRecord::source).toList();
    }

    private static int queueDepth() {
        var attrs = aws.clients().sqs().getQueueAttributes(r -> r.queueUrl(aws.queueUrl()).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attrs.values().stream().mapToInt(Integer::parseInt).sum();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package com.clientalbums.maintenance.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.queue.QueueMessages;
import com.clientalbums.common.queue.ZipQueue;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.sweep.MaintenancePolicy;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.SqsLambdaDriver;
import com.clientalbums.testing.TestContext;
import com.clientalbums.testing.WebSizes;
import com.clientalbums.zip.build.ArchiveBuildService;
import com.clientalbums.zip.handler.GeneratorServices;
import com.clientalbums.zip.handler.ZipGeneratorHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The maintenance function against real S3, SQS and DynamoDB on loopback, fed a real
 * EventBridge event: each kind of damage repaired by one run, a second run finding nothing, and
 * the generator then bringing every album back to a current archive.
 */
class MaintenanceIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    /** Seconds instead of hours and days; pending requests count as lost 20 s after they are due. */
    static final MaintenancePolicy POLICY = new MaintenancePolicy(Duration.ofSeconds(2), Duration.ofSeconds(1),
            Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(5));
    static final ArchiveBuildService.Timing TIMING =
            new ArchiveBuildService.Timing(Duration.ofSeconds(2), 3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1));

    static Settings settings;
    static AlbumRepository albums;
    static String bucket;

    @BeforeAll
    static void setUp() {
        settings = aws.settings(MaintenanceHandler.SETTINGS, Map.of());
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        bucket = aws.names().bucket();
    }

    private static Map<String, Object> runMaintenance(MaintenanceHandler handler) throws IOException {
        return handler.handleRequest(scheduledEvent(), TestContext.withMinutes(15));
    }

    @Test
    void oneRunRepairsEveryKindOfDamageAndASecondRunFindsNothing() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        // An album left pending with no message: its registration's wake-up was lost.
        upload("lost-message", 2);
        register("lost-message", longAgo);
        // A build whose generator died mid-way: its lease expired a minute ago.
        upload("dead-generator", 2);
        register("dead-generator", longAgo);
        albums.claim("dead-generator", "died", Instant.now().minusSeconds(60), Duration.ofSeconds(1)).orElseThrow();
        // A ready album whose new photo's event was lost: its archive is stale, not current by fingerprint.
        buildReady("stale-ready", 2);
        putPhoto("stale-ready", "IMG_new.jpg", jpeg(Color.PINK));
        // A ready album whose archive object expired (the lifecycle rule): current by fingerprint, but gone.
        Album expired = buildReady("archive-expired", 1);
        aws.clients().s3().deleteObject(r -> r.bucket(bucket).key(expired.zipKey()));
        // A ready album with an archive it superseded, and an orphaned archive upload of a dead generator.
        Album current = buildReady("with-old-archive", 1);
        String oldArchive = S3Keys.zipKey("with-old-archive", "0123456789abcdef0123456789abcdef");
        aws.clients().s3().putObject(r -> r.bucket(bucket).key(oldArchive), RequestBody.fromString("old archive"));
        String unowned = S3Keys.zipKey("deleted-album", "fedcba9876543210fedcba9876543210");
        aws.clients().s3().putObject(r -> r.bucket(bucket).key(unowned), RequestBody.fromString("album deleted"));
        String abandoned = S3Keys.zipKey("with-old-archive", "abandoned00000000000000000000000");
        String uploadId = aws.clients().s3().createMultipartUpload(r -> r.bucket(bucket).key(abandoned)).uploadId();
        aws.clients().s3().uploadPart(r -> r.bucket(bucket).key(abandoned).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[5 * 1024 * 1024]));
        // A preview of a photo that was deleted.
        String orphanPreview = PreviewKeys.image("with-old-archive", PreviewSize.THUMB, "deleted.jpg");
        aws.clients().s3().putObject(r -> r.bucket(bucket).key(orphanPreview), RequestBody.fromBytes(jpeg(Color.GRAY)));
        // Let the grace periods (2 s) pass.
        Thread.sleep(3_000);
        MaintenanceHandler maintenance = new MaintenanceHandler(settings, aws.clients(), POLICY);

        Map<String, Object> first = runMaintenance(maintenance);

        assertEquals(List.of(), first.get("errors"));
        assertEquals(2, first.get("stale_zips_queued"), "stale-ready and archive-expired: " + first);
        assertEquals(1, first.get("stuck_jobs_reset"));
        assertEquals(1, first.get("pending_requeued"));
        assertEquals(2, first.get("superseded_zips_deleted"), "the old archive and the deleted album's");
        assertEquals(1, first.get("multipart_uploads_aborted"));
        // A build makes the web-size renditions of the photos it archives, and their previews with them
        // (one decode): only the 4 photos of the two albums never built and the photo added since lack them.
        assertEquals(5, first.get("previews_made"), "every photo no build reached lacked its previews: " + first);
        assertEquals(1, first.get("orphan_previews_deleted"));
        assertEquals(5, first.get("albums_checked"));
        assertFalse(exists(oldArchive));
        assertFalse(exists(unowned));
        assertTrue(exists(current.zipKey()), "the current archive stays");
        assertFalse(exists(orphanPreview));
        assertTrue(exists(PreviewKeys.image("stale-ready", PreviewSize.PREVIEW, "IMG_new.jpg")));
        assertTrue(aws.clients().s3().listMultipartUploads(r -> r.bucket(bucket).prefix("zips/")).uploads().isEmpty());
        for (String id : List.of("lost-message", "dead-generator", "stale-ready", "archive-expired")) {
            assertEquals(ZipStatus.PENDING, albums.find(id).orElseThrow().zipStatus(), id);
            assertEquals(RequestSource.MAINTENANCE.value(), albums.find(id).orElseThrow().requestSource(), id);
        }
        assertFalse(albums.find("stale-ready").orElseThrow().archiveCurrent());
        assertEquals(3, albums.find("stale-ready").orElseThrow().photoCount(), "the lost event's photo is recorded");

        Map<String, Object> second = runMaintenance(maintenance);
        assertZeros(second);

        // The generator takes the re-queued albums from there: one message each, all current.
        assertEquals(4, queuedAlbums().size(), "one wake-up per repaired album: " + queuedAlbums());
        var generator = new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(), new ZipGeneratorHandler(
                GeneratorServices.from(aws.settings(ZipGeneratorHandler.SETTINGS, Map.of()), aws.clients(), TIMING)));
        for (String id : List.of("lost-message", "dead-generator", "stale-ready", "archive-expired")) {
            Album album = drainUntilCurrent(generator, id);
            try (ZipFile zip = download(album)) {
                assertEquals(album.photoCount(), zip.size(), id);
            }
        }
        assertZeros(runMaintenance(maintenance));
    }

    // ---- helpers ----

    private static void assertZeros(Map<String, Object> result) {
        Map<String, Object> counts = new HashMap<>(result);
        counts.remove("albums_checked");
        counts.values().removeIf(v -> v instanceof Integer i && i == 0);
        assertEquals(Map.of("errors", List.of()), counts, "a second run has nothing to do");
    }

    static ScheduledEvent scheduledEvent() throws IOException {
        try (InputStream in = MaintenanceIntegrationTest.class.getResourceAsStream("/events/scheduled.json")) {
            return LambdaEventSerializers.serializerFor(ScheduledEvent.class, MaintenanceIntegrationTest.class.getClassLoader())
                    .fromJson(new ByteArrayInputStream(in.readAllBytes()));
        }
    }

    static void upload(String albumId, int count) {
        for (int i = 1; i <= count; i++) putPhoto(albumId, "IMG_" + i + ".jpg", jpeg(new Color(40 * i, 120, 80)));
    }

    static void putPhoto(String albumId, String path, byte[] bytes) {
        aws.clients().s3().putObject(r -> r.bucket(bucket).key(S3Keys.photoKey(albumId, path)), RequestBody.fromBytes(bytes));
    }

    static void register(String albumId, Instant at) {
        List<PhotoObject> listed = new PhotoListing(aws.clients().s3(), bucket).list(albumId);
        assertTrue(albums.register(albumId, "Album " + albumId, "studio@example.com", listed.size(), Fingerprint.of(listed, WebSizes.DEFAULT), at));
    }

    /** An album built by the generator, as after its registration. */
    private static Album buildReady(String albumId, int photos) {
        upload(albumId, photos);
        register(albumId, Instant.now());
        new ZipQueue(aws.clients().sqs(), aws.queueUrl()).wake(albumId);
        var generator = new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(), new ZipGeneratorHandler(
                GeneratorServices.from(aws.settings(ZipGeneratorHandler.SETTINGS, Map.of()), aws.clients(), TIMING)));
        return drainUntilCurrent(generator, albumId);
    }

    private static Album drainUntilCurrent(SqsLambdaDriver generator, String albumId) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Album album = albums.find(albumId).orElseThrow();
            if (album.archiveCurrent()) return album;
            generator.pollOnce(Duration.ofSeconds(1));
        }
        Album album = albums.find(albumId).orElseThrow();
        assertTrue(album.archiveCurrent(), albumId + " is " + album.zipStatus() + " " + album.zipError());
        return album;
    }

    private static List<String> queuedAlbums() {
        List<String> ids = new ArrayList<>();
        var messages = aws.clients().sqs().receiveMessage(r -> r.queueUrl(aws.queueUrl()).maxNumberOfMessages(10)
                .visibilityTimeout(0).waitTimeSeconds(1)).messages();
        messages.forEach(m -> QueueMessages.parse(m.body()).requests().forEach(q -> ids.add(q.albumId())));
        return ids;
    }

    private static ZipFile download(Album album) throws IOException {
        var file = java.nio.file.Files.createTempFile(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), album.albumId(), ".zip");
        try (var in = aws.clients().s3().getObject(r -> r.bucket(bucket).key(album.zipKey()))) {
            java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return new ZipFile(file.toFile());
    }

    private static boolean exists(String key) {
        try {
            aws.clients().s3().headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    static byte[] jpeg(Color colour) {
        BufferedImage image = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 48, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}

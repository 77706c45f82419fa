package com.clientalbums.maintenance.handler;

import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PublishedArchive;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.sweep.MaintenancePolicy;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.TestContext;
import com.clientalbums.testing.WebSizes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A wake-up that cannot be sent is not a failed repair: the album's request is recorded (the state
 * of record), the rest of its repairs and every other album's still run, and the next run or a
 * click sends the wake-up again.
 */
class MaintenanceErrorsTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    @Test
    void aWakeUpThatCannotBeSentLeavesItsAlbumPendingAndEveryRepairStillRuns() throws Exception {
        AlbumRepository albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        String bucket = aws.names().bucket();
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        for (String id : List.of("unlucky", "also-unlucky", "healthy")) {
            aws.clients().s3().putObject(r -> r.bucket(bucket).key(S3Keys.photoKey(id, "IMG_1.jpg")),
                    RequestBody.fromBytes(MaintenanceIntegrationTest.jpeg(Color.BLUE)));
            var listed = new PhotoListing(aws.clients().s3(), bucket).list(id);
            assertTrue(albums.register(id, id, "studio@example.com", listed.size(), Fingerprint.of(listed, WebSizes.DEFAULT), longAgo));
        }
        // The unlucky albums are due to be re-queued, and their wake-ups go to a queue that does not exist.
        Settings broken = aws.settings(MaintenanceHandler.SETTINGS, Map.of("ZIP_GENERATION_QUEUE_URL", aws.queueUrl() + "-missing"));
        // "healthy" is built meanwhile (as a generator would), so it needs no message: only its previews.
        var claimed = albums.claim("healthy", "gen", Instant.now(), Duration.ofMinutes(1)).orElseThrow();
        var listed = new PhotoListing(aws.clients().s3(), bucket).list("healthy");
        aws.clients().s3().putObject(r -> r.bucket(bucket).key(S3Keys.zipKey("healthy", Fingerprint.of(listed, WebSizes.DEFAULT))),
                RequestBody.fromString("an archive"));
        assertTrue(albums.publish("healthy", "gen", claimed.buildVersion(), new PublishedArchive(
                S3Keys.zipKey("healthy", Fingerprint.of(listed, WebSizes.DEFAULT)), 10, 1, 1, Fingerprint.of(listed, WebSizes.DEFAULT)), List.of(), Instant.now()));
        var policy = new MaintenancePolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(20),
                Duration.ofSeconds(2), Duration.ofSeconds(5));

        Map<String, Object> result = new MaintenanceHandler(broken, aws.clients(), policy)
                .handleRequest(MaintenanceIntegrationTest.scheduledEvent(), TestContext.withMinutes(15));

        assertEquals(List.of(), result.get("errors"), "a failed send is logged, not a failed repair: " + result);
        assertEquals(2, result.get("pending_requeued"), "both requests are recorded: " + result);
        assertEquals(3, result.get("albums_checked"), "every album was checked: " + result);
        assertEquals(3, result.get("previews_made"), "the unlucky albums' previews were made too: " + result);
        for (String id : List.of("unlucky", "also-unlucky")) {
            // Pending: the next run after the grace period (or a click) sends its wake-up again.
            assertEquals(ZipStatus.PENDING, albums.find(id).orElseThrow().zipStatus(), id);
            assertEquals(RequestSource.MAINTENANCE.value(), albums.find(id).orElseThrow().requestSource(), id);
        }
    }
}

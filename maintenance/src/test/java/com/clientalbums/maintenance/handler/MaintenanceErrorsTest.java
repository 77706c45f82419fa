package com.clientalbums.maintenance.handler;

import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PublishedArchive;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.sweep.MaintenancePolicy;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.TestContext;
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

/** A failing album does not stop the run: its error is reported with its id, the others are still repaired. */
class MaintenanceErrorsTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    @Test
    void anErrorIsRecordedAgainstItsAlbumAndTheRunGoesOn() throws Exception {
        AlbumRepository albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        String bucket = aws.names().bucket();
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        for (String id : List.of("unlucky", "healthy")) {
            aws.clients().s3().putObject(r -> r.bucket(bucket).key(S3Keys.photoKey(id, "IMG_1.jpg")),
                    RequestBody.fromBytes(MaintenanceIntegrationTest.jpeg(Color.BLUE)));
            var listed = new PhotoListing(aws.clients().s3(), bucket).list(id);
            assertTrue(albums.register(id, id, "studio@example.com", listed.size(), Fingerprint.of(listed), longAgo));
        }
        // "unlucky" is due to be re-queued, and its wake-up goes to a queue that does not exist.
        Settings broken = aws.settings(MaintenanceHandler.SETTINGS, Map.of("ZIP_GENERATION_QUEUE_URL", aws.queueUrl() + "-missing"));
        // "healthy" is built meanwhile (as a generator would), so it needs no message: only its previews.
        var claimed = albums.claim("healthy", "gen", Instant.now(), Duration.ofMinutes(1)).orElseThrow();
        var listed = new PhotoListing(aws.clients().s3(), bucket).list("healthy");
        aws.clients().s3().putObject(r -> r.bucket(bucket).key(S3Keys.zipKey("healthy", Fingerprint.of(listed))),
                RequestBody.fromString("an archive"));
        assertTrue(albums.publish("healthy", "gen", claimed.buildVersion(), new PublishedArchive(
                S3Keys.zipKey("healthy", Fingerprint.of(listed)), 10, 1, 1, Fingerprint.of(listed)), List.of(), Instant.now()));
        var policy = new MaintenancePolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(20),
                Duration.ofSeconds(2), Duration.ofSeconds(5));

        Map<String, Object> result = new MaintenanceHandler(broken, aws.clients(), policy)
                .handleRequest(MaintenanceIntegrationTest.scheduledEvent(), TestContext.withMinutes(15));

        @SuppressWarnings("unchecked")
        List<Map<String, String>> errors = (List<Map<String, String>>) result.get("errors");
        assertEquals(1, errors.size(), "errors: " + errors);
        assertEquals("unlucky", errors.getFirst().get("album_id"));
        assertTrue(errors.getFirst().get("error").contains("queue does not exist"), errors.getFirst().get("error"));
        assertEquals(1, result.get("albums_checked"), "the healthy album was still checked: " + result);
        assertEquals(1, result.get("previews_made"), "and its previews made");
        // The failed album is pending: the next run after the grace period (or a click) sends its wake-up again.
        assertEquals(ZipStatus.PENDING, albums.find("unlucky").orElseThrow().zipStatus());
    }
}

package com.clientalbums.maintenance.handler;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.PublishedPart;
import com.clientalbums.common.album.Selection;
import com.clientalbums.common.album.SelectionIds;
import com.clientalbums.common.album.Timestamps;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.queue.QueueMessages;
import com.clientalbums.common.queue.ZipQueue;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.sweep.MaintenancePolicy;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.SqsLambdaDriver;
import com.clientalbums.testing.TestContext;
import com.clientalbums.testing.WebSizes;
import com.clientalbums.zip.build.ArchiveBuildService;
import com.clientalbums.zip.handler.GeneratorServices;
import com.clientalbums.zip.handler.ZipGeneratorHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Maintenance over the favourites archives' records (the selection table), with the real handler,
 * generator and loopback S3, SQS and DynamoDB: a record unused for 30 days is deleted and its
 * archives follow as unowned in the next run; a recent one is kept, its superseded archives swept
 * as an album's; none is ever rebuilt by maintenance, and the album sweeps never take them for albums.
 */
class FavouritesArchivesMaintenanceTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static final MaintenancePolicy POLICY = new MaintenancePolicy(Duration.ofSeconds(2), Duration.ofSeconds(1),
            Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(5));
    static final ArchiveBuildService.Timing TIMING =
            new ArchiveBuildService.Timing(Duration.ofSeconds(5), 3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1));

    @Test
    void anUnusedRecordIsDeletedAndItsArchivesFollowWhileARecentOneIsKeptAndNeverRebuilt() throws Exception {
        AlbumRepository albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        AlbumRepository selections = new AlbumRepository(aws.clients().dynamo(), aws.names().selectionTable());
        String bucket = aws.names().bucket();
        String albumId = "fav-maintenance";
        for (int i = 1; i <= 4; i++) {
            byte[] photo = MaintenanceIntegrationTest.jpeg(new Color(50 * i, 100, 60));
            String key = S3Keys.photoKey(albumId, "IMG_" + i + ".jpg");
            aws.clients().s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(photo));
        }
        var listed = new PhotoListing(aws.clients().s3(), bucket).list(albumId);
        assertTrue(albums.register(albumId, "Album", "studio@example.com", listed.size(), Fingerprint.of(listed, WebSizes.DEFAULT), Instant.now()));
        var generator = new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(), new ZipGeneratorHandler(
                GeneratorServices.from(aws.settings(ZipGeneratorHandler.SETTINGS, Map.of()), aws.clients(), TIMING)));
        new ZipQueue(aws.clients().sqs(), aws.queueUrl()).wake(albumId);
        Album album = generator.pollUntil(() -> albums.find(albumId).orElseThrow(), Album::archiveCurrent, Duration.ofSeconds(60));

        String old = built(generator, selections, album, List.of("IMG_1.jpg", "IMG_2.jpg"));
        String recent = built(generator, selections, album, List.of("IMG_3.jpg", "IMG_4.jpg"));
        Instant longAgo = Instant.now().minus(Duration.ofDays(31));
        aws.clients().dynamo().updateItem(u -> u.tableName(aws.names().selectionTable())
                .key(Map.of("album_id", AttributeValue.fromS(old)))
                .updateExpression("SET zip_generated_at = :t, requested_at = :t, created_at = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(Timestamps.format(longAgo)))));
        List<String> oldArchives = keys(selections.find(old).orElseThrow());
        List<String> recentArchives = keys(selections.find(recent).orElseThrow());
        String superseded = S3Keys.zipKey(recent, "0123456789abcdef0123456789abcdef");
        aws.clients().s3().putObject(r -> r.bucket(bucket).key(superseded), RequestBody.fromString("an earlier archive"));
        // A chosen photo deleted without its event: an album would be rebuilt, a favourites archive waits for a click.
        aws.clients().s3().deleteObject(r -> r.bucket(bucket).key(S3Keys.photoKey(albumId, "IMG_4.jpg")));
        Thread.sleep(3_000); // the grace periods (2 s)
        MaintenanceHandler maintenance = new MaintenanceHandler(aws.settings(MaintenanceHandler.SETTINGS, Map.of()), aws.clients(), POLICY);

        Map<String, Object> first = maintenance.handleRequest(MaintenanceIntegrationTest.scheduledEvent(), TestContext.withMinutes(15));

        assertEquals(List.of(), first.get("errors"));
        assertEquals(1, first.get("selections_deleted"), first.toString());
        assertEquals(1, first.get("selections_checked"), first.toString());
        assertEquals(1, first.get("albums_checked"), "the album alone: " + first);
        assertEquals(1, first.get("superseded_zips_deleted"), "the recent selection's earlier archive: " + first);
        assertEquals(1, first.get("stale_zips_queued"), "the album, whose photo went: " + first);
        assertTrue(selections.find(old).isEmpty());
        Album kept = selections.find(recent).orElseThrow();
        assertEquals(ZipStatus.READY, kept.zipStatus(), "never rebuilt by maintenance");
        assertFalse(exists(superseded));
        for (String key : recentArchives) assertTrue(exists(key), key);
        for (String key : oldArchives) assertTrue(exists(key), "kept through the run that deleted its record: " + key);
        assertEquals(List.of(albumId), queued(), "one wake-up, the album's");

        Map<String, Object> second = maintenance.handleRequest(MaintenanceIntegrationTest.scheduledEvent(), TestContext.withMinutes(15));
        assertEquals(List.of(), second.get("errors"));
        assertEquals(2, oldArchives.size(), "an original and a web-size archive");
        assertEquals(oldArchives.size(), second.get("superseded_zips_deleted"), "the deleted record's archives: " + second);
        assertEquals(oldArchives.size(), second.get("sidecars_deleted"), "and their manifests: " + second);
        for (String key : oldArchives) assertFalse(exists(key), key);
        for (String key : recentArchives) assertTrue(exists(key), key);
        assertEquals(0, second.get("selections_deleted"));
    }

    /** A favourites archive of {@code paths} as a click makes it, built by the generator. */
    private static String built(SqsLambdaDriver generator, AlbumRepository selections, Album album, List<String> paths) {
        Selection selection = new Selection(album.albumId(), paths);
        var chosen = PhotoListing.keptTo(selection, new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(album.albumId()));
        assertTrue(selections.registerSelection(album, selection, Fingerprint.of(chosen, WebSizes.DEFAULT), chosen.size(), Instant.now()));
        String id = SelectionIds.of(selection);
        new ZipQueue(aws.clients().sqs(), aws.queueUrl()).wake(id);
        generator.pollUntil(() -> selections.find(id).orElseThrow(), Album::archiveCurrent, Duration.ofSeconds(60));
        return id;
    }

    /** The record's published archives of both sizes. */
    private static List<String> keys(Album record) {
        List<String> keys = new ArrayList<>();
        for (PhotoSize size : PhotoSize.values()) record.publishedParts(size).stream().map(PublishedPart::key).forEach(keys::add);
        return keys;
    }

    private static List<String> queued() {
        List<String> ids = new ArrayList<>();
        aws.clients().sqs().receiveMessage(r -> r.queueUrl(aws.queueUrl()).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                .forEach(m -> QueueMessages.parse(m.body()).requests().forEach(q -> ids.add(q.albumId())));
        return ids;
    }

    private static boolean exists(String key) {
        try {
            aws.clients().s3().headObject(r -> r.bucket(aws.names().bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }
}

package com.clientalbums.maintenance.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.delivery.ByteRange;
import com.clientalbums.common.delivery.DeliveredKind;
import com.clientalbums.common.delivery.DeliveredPart;
import com.clientalbums.common.delivery.DeliveryRepository;
import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.delivery.DeviceType;
import com.clientalbums.common.delivery.HandOut;
import com.clientalbums.common.delivery.PartReceipt;
import com.clientalbums.common.delivery.PartReceipts;
import com.clientalbums.common.delivery.Recipient;
import com.clientalbums.common.delivery.ServedRange;
import com.clientalbums.common.queue.ZipQueue;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.SqsLambdaDriver;
import com.clientalbums.testing.StoredZips;
import com.clientalbums.testing.TestContext;
import com.clientalbums.testing.WebSizes;
import com.clientalbums.zip.handler.GeneratorServices;
import com.clientalbums.zip.handler.ZipGeneratorHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Receipts made by maintenance's deliveries run against real S3 and DynamoDB on loopback: the
 * receipt of an archive the generator built, once its delivery is complete, and only then; none
 * for a part whose bytes do not match their CRC-32; and a receipt kept when the daily run deletes
 * its superseded archive with the archive's sidecars (the receipt is the client's proof).
 */
class ReceiptsMaintenanceIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00.000Z");

    static AlbumRepository albums;
    static DeliveryRepository deliveries;
    static PartReceipts receipts;
    static String bucket;

    @BeforeAll
    static void setUp() {
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        deliveries = new DeliveryRepository(aws.clients().dynamo(), aws.names().deliveryTable());
        receipts = new PartReceipts(aws.clients().s3(), aws.names().bucket());
        bucket = aws.names().bucket();
    }

    @Test
    void aCompleteDeliveryOfARealArchiveGetsItsReceiptOnceAndAnUnfinishedOneNone() throws Exception {
        Album album = buildReady("receipts-built", 3);
        String part = album.zipKey();
        byte[] archive = aws.clients().s3().getObjectAsBytes(r -> r.bucket(bucket).key(part)).asByteArray();
        // Ann's download of the archive is complete; Bob has half of it; Carol took one photo whole.
        DeliveryTag ann = handOut(album.albumId(), Recipient.client("ann@example.com"), DeliveredKind.ALBUM, part, archive.length);
        serve(ann, part, 0, archive.length);
        DeliveryTag bob = handOut(album.albumId(), Recipient.client("bob@example.com"), DeliveredKind.ALBUM, part, archive.length);
        serve(bob, part, 0, archive.length / 2);
        String photo = S3Keys.photoKey(album.albumId(), "IMG_1.jpg");
        DeliveryTag carol = handOut(album.albumId(), Recipient.client("carol@example.com"), DeliveredKind.PHOTO, photo, 10);
        serve(carol, photo, 0, 10);
        MaintenanceHandler maintenance = new MaintenanceHandler(aws.settings(MaintenanceHandler.SETTINGS, Map.of()), aws.clients(),
                MaintenanceIntegrationTest.POLICY);

        Map<String, Object> first = deliveriesRun(maintenance);

        assertEquals(List.of(), errorsOf(first, album.albumId()));
        assertEquals(1, first.get("receipts_made"), "one part, however many complete deliveries hold it: " + first);
        PartReceipt receipt = receipts.find(part).orElseThrow();
        assertEquals(archive.length, receipt.size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive)), receipt.sha256());
        assertEquals(entriesAsZipFileReadsThem(archive), receipt.entries());
        assertEquals(3, receipt.entries().size());

        Map<String, Object> second = deliveriesRun(maintenance);
        assertEquals(0, second.get("receipts_made"), "a receipt is made once: " + second);
        assertEquals(List.of(), errorsOf(second, album.albumId()));
    }

    @Test
    void aPartWhoseBytesDoNotMatchTheirCrcGetsNoReceiptAndItsAlbumIsReported() {
        String albumId = "receipts-damaged";
        String part = PartsSeeds.part(albumId, 1);
        Map<String, byte[]> photos = new LinkedHashMap<>();
        byte[] photo = new byte[100_000];
        new Random(7).nextBytes(photo);
        photos.put("IMG_0001.jpg", photo);
        byte[] archive = StoredZips.of(photos);
        archive[archive.length / 2] ^= 0x04; // inside the photo: its CRC-32 in the header no longer matches
        aws.clients().s3().putObject(r -> r.bucket(bucket).key(part), RequestBody.fromBytes(archive));
        new PartsSeeds(aws).ready(albumId, List.of(part), T0);
        DeliveryTag tag = handOut(albumId, Recipient.link("s1", "Family"), DeliveredKind.ALBUM, part, archive.length);
        serve(tag, part, 0, archive.length);
        MaintenanceHandler maintenance = new MaintenanceHandler(aws.settings(MaintenanceHandler.SETTINGS, Map.of()), aws.clients(),
                MaintenanceIntegrationTest.POLICY);

        Map<String, Object> report = deliveriesRun(maintenance);

        assertEquals(0, report.get("receipts_made"), report.toString());
        List<Map<String, String>> errors = errorsOf(report, albumId);
        assertEquals(1, errors.size(), report.toString());
        assertTrue(errors.getFirst().get("error").contains(part) && errors.getFirst().get("error").contains("CRC"), errors.toString());
        assertFalse(new PartsSeeds(aws).exists(PartReceipts.keyOf(part)));
    }

    @Test
    void aReceiptOutlivesItsSupersededArchiveWhoseSidecarsGoWithIt() throws Exception {
        PartsSeeds seeds = new PartsSeeds(aws);
        String albumId = "receipts-superseded";
        String published = PartsSeeds.part(albumId, 1);
        String superseded = PartsSeeds.part(albumId, 2);
        for (String key : List.of(published, superseded)) {
            seeds.putArchive(key, true, false);
            receipts.put(new PartReceipt(key, 15, "00".repeat(32), List.of(new PartReceipt.Entry("IMG_1.jpg", 1, 1))));
        }
        seeds.ready(albumId, List.of(published), Instant.now().minus(Duration.ofMinutes(10)));
        Thread.sleep(3_000); // the grace periods (2 s)
        MaintenanceHandler maintenance = new MaintenanceHandler(aws.settings(MaintenanceHandler.SETTINGS, Map.of()), aws.clients(),
                MaintenanceIntegrationTest.POLICY);

        Map<String, Object> report = PartsMaintenanceIntegrationTest.run(maintenance);

        assertEquals(List.of(), report.get("errors"));
        assertEquals(1, report.get("superseded_zips_deleted"), report.toString());
        assertEquals(1, report.get("sidecars_deleted"), "the superseded archive's manifest: " + report);
        assertFalse(seeds.exists(superseded));
        assertTrue(seeds.exists(PartReceipts.keyOf(superseded)), "a receipt outlives the archive it describes");
        assertTrue(seeds.exists(PartReceipts.keyOf(published)));
    }

    /** The run's errors about one album: the tests share the tables, and each looks at its own album. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> errorsOf(Map<String, Object> report, String albumId) {
        return ((List<Map<String, String>>) report.get("errors")).stream().filter(e -> albumId.equals(e.get("album_id"))).toList();
    }

    private static DeliveryTag handOut(String albumId, Recipient recipient, DeliveredKind kind, String key, long size) {
        return deliveries.handOut(new HandOut(albumId, recipient, kind, PhotoSize.ORIGINAL, "Album.zip",
                List.of(DeliveredPart.handedOut(key, "Album.zip", size, 3)), 3, DeviceType.DESKTOP, "", T0));
    }

    /** The access logs' answer for {@code [start, end)}, not cut short. */
    private static void serve(DeliveryTag tag, String key, long start, long end) {
        deliveries.record(tag, List.of(new ServedRange(tag, key, new ByteRange(start, end), false, T0.plusSeconds(60), "curl/8.5.0")),
                T0.plusSeconds(120)).orElseThrow();
    }

    private static Map<String, Object> deliveriesRun(MaintenanceHandler handler) {
        ScheduledEvent event = new ScheduledEvent();
        event.setResources(List.of("arn:aws:events:us-east-2:123456789012:rule/client-albums" + MaintenanceJob.DELIVERIES_RULE_SUFFIX));
        return new HashMap<>(handler.handleRequest(event, TestContext.withMinutes(15)));
    }

    /** The entries as the central directory lists them, read by another reader than the receipt's. */
    private static List<PartReceipt.Entry> entriesAsZipFileReadsThem(byte[] archive) throws Exception {
        Path file = Files.createTempFile("receipt", ".zip");
        try {
            Files.write(file, archive);
            List<PartReceipt.Entry> entries = new ArrayList<>();
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry e : Collections.list(zip.entries())) entries.add(new PartReceipt.Entry(e.getName(), e.getSize(), e.getCrc()));
            }
            return entries;
        } finally {
            Files.delete(file);
        }
    }

    /** An album built by the generator, as after its registration. */
    private static Album buildReady(String albumId, int photos) {
        for (int i = 1; i <= photos; i++) {
            String path = "IMG_" + i + ".jpg";
            byte[] jpeg = MaintenanceIntegrationTest.jpeg(new Color(40 * i, 120, 80));
            aws.clients().s3().putObject(r -> r.bucket(bucket).key(S3Keys.photoKey(albumId, path)), RequestBody.fromBytes(jpeg));
        }
        List<PhotoObject> listed = new PhotoListing(aws.clients().s3(), bucket).list(albumId);
        assertTrue(albums.register(albumId, "Album " + albumId, "studio@example.com", listed.size(),
                Fingerprint.of(listed, WebSizes.DEFAULT), Instant.now()));
        new ZipQueue(aws.clients().sqs(), aws.queueUrl()).wake(albumId);
        var generator = new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(), new ZipGeneratorHandler(
                GeneratorServices.from(aws.settings(ZipGeneratorHandler.SETTINGS, Map.of()), aws.clients(),
                        MaintenanceIntegrationTest.TIMING)));
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
}

package com.clientalbums.common.delivery;

import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delivery table's writes against the local DynamoDB: hand-outs counted, served ranges merged, never lost. */
class DeliveryRepositoryTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00.000Z");
    static final Recipient ANN = Recipient.client("ann@example.com");
    static final String PART_1 = "zips/%s/0a1b2c.zip";
    static final String PART_2 = "zips/%s/3d4e5f.zip";

    static DeliveryRepository deliveries;

    @BeforeAll
    static void setUp() {
        deliveries = new DeliveryRepository(aws.clients().dynamo(), aws.names().deliveryTable());
    }

    /** Two parts of 1,000 and 500 bytes, as Ann's desktop asks for them. */
    static HandOut twoParts(String albumId, Recipient recipient, DeviceType device, String visitor, Instant at) {
        return new HandOut(albumId, recipient, DeliveredKind.ALBUM, PhotoSize.ORIGINAL, "Smith Wedding.zip",
                List.of(DeliveredPart.handedOut(PART_1.formatted(albumId), "Smith Wedding (part 1 of 2).zip", 1000, 8),
                        DeliveredPart.handedOut(PART_2.formatted(albumId), "Smith Wedding (part 2 of 2).zip", 500, 4)),
                12, device, visitor, at);
    }

    static ServedRange served(DeliveryTag tag, String key, long start, long end, boolean cutShort, Instant at) {
        return new ServedRange(tag, key, new ByteRange(start, end), cutShort, at, "curl/8.5.0");
    }

    static Map<String, AttributeValue> item(DeliveryTag tag) {
        return aws.clients().dynamo().getItem(g -> g.tableName(aws.names().deliveryTable()).consistentRead(true)
                .key(Map.of("album_id", AttributeValue.fromS(tag.albumId()), "delivery_id", AttributeValue.fromS(tag.deliveryId())))).item();
    }

    @Test
    void aFirstHandOutCreatesTheRecordAndLaterOnesCountAndAddTheirDeviceAndVisitor() {
        Recipient link = Recipient.link("s1234", "Family");
        DeliveryTag tag = deliveries.handOut(twoParts("del-create", link, DeviceType.DESKTOP, "", T0));
        DeliveryTag again = deliveries.handOut(twoParts("del-create", Recipient.link("s1234", "Family and friends"),
                DeviceType.PHONE, "Grandma", T0.plusSeconds(60)));
        assertEquals(tag, again, "the same thing to the same recipient is one delivery");

        Delivery d = deliveries.find(tag.albumId(), tag.deliveryId()).orElseThrow();
        assertEquals(Recipient.link("s1234", "Family and friends"), d.recipient(), "the link's label as it is now");
        assertEquals(DeliveredKind.ALBUM, d.kind());
        assertEquals(PhotoSize.ORIGINAL, d.size());
        assertEquals("Smith Wedding.zip", d.archiveName());
        assertEquals(12, d.photoCount());
        assertEquals(List.of("Smith Wedding (part 1 of 2).zip", "Smith Wedding (part 2 of 2).zip"),
                d.parts().stream().map(DeliveredPart::name).toList());
        assertEquals(1500, d.totalSize());
        assertEquals(T0, d.firstHandedAt());
        assertEquals(T0.plusSeconds(60), d.lastHandedAt());
        assertEquals(2, d.linksHanded());
        assertEquals(Set.of(DeviceType.DESKTOP, DeviceType.PHONE), d.devices());
        assertEquals(Set.of("Grandma"), d.visitors());
        assertFalse(d.started(), "handed out, nothing served");
        assertEquals("link:s1234", item(tag).get("recipient").s());
    }

    @Test
    void handOutsAtTheSameMomentNeverLoseACount() throws Exception {
        int clicks = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clicks);
        try {
            List<Future<DeliveryTag>> handed = new ArrayList<>();
            for (int i = 0; i < clicks; i++) {
                DeviceType device = i % 2 == 0 ? DeviceType.PHONE : DeviceType.TABLET;
                handed.add(pool.submit(() -> {
                    start.await();
                    return deliveries.handOut(twoParts("del-clicks", ANN, device, "", T0));
                }));
            }
            start.countDown();
            for (Future<DeliveryTag> f : handed) f.get();
            DeliveryTag tag = handed.getFirst().get();
            Delivery d = deliveries.find(tag.albumId(), tag.deliveryId()).orElseThrow();
            assertEquals(clicks, d.linksHanded());
            assertEquals(Set.of(DeviceType.PHONE, DeviceType.TABLET), d.devices());
            assertEquals(0, d.version(), "hand-outs never move the log processor's version");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rangesMergeAcrossRecordsAndTheDeliveryCompletesOnceWhenEveryByteArrivedToTheEnd() {
        DeliveryTag tag = deliveries.handOut(twoParts("del-merge", ANN, DeviceType.DESKTOP, "", T0));
        String p1 = PART_1.formatted("del-merge");
        String p2 = PART_2.formatted("del-merge");

        // The first attempt is cut off half-way; the second part arrives whole.
        Delivery half = deliveries.record(tag, List.of(served(tag, p1, 0, 500, true, T0.plusSeconds(10)),
                served(tag, p2, 0, 500, false, T0.plusSeconds(20))), T0.plusSeconds(3600)).orElseThrow();
        assertEquals(1000, half.bytesServed());
        assertFalse(half.complete());
        assertNull(half.completedAt());
        assertTrue(half.parts().get(1).complete());
        assertEquals(T0.plusSeconds(10), half.firstAt());
        assertEquals(T0.plusSeconds(20), half.lastAt());

        // Resumed from what arrived (Range: bytes=500-), later, overlapping a little.
        Instant processed = T0.plusSeconds(7200);
        Delivery whole = deliveries.record(tag, List.of(served(tag, p1, 480, 1000, false, T0.plusSeconds(4000))), processed).orElseThrow();
        assertEquals(1500, whole.bytesServed());
        assertTrue(whole.complete());
        assertEquals(processed, whole.completedAt());
        assertEquals(List.of(new ByteRange(0, 1000)), whole.parts().getFirst().served());
        assertEquals(T0.plusSeconds(10), whole.firstAt());
        assertEquals(T0.plusSeconds(4000), whole.lastAt());
        assertEquals(whole, deliveries.find(tag.albumId(), tag.deliveryId()).orElseThrow(), "as written");

        // The same log file processed again, a day later: nothing changes, completed_at least of all.
        Delivery replayed = deliveries.record(tag, List.of(served(tag, p1, 480, 1000, false, T0.plusSeconds(4000))),
                processed.plusSeconds(86_400)).orElseThrow();
        assertEquals(whole, replayed);
        assertEquals(Long.toString(whole.version()), item(tag).get("version").n());
    }

    @Test
    void anAnswerCutShortNeverConfirmsTheLastByteEvenWhenCreditedWithIt() {
        DeliveryTag tag = deliveries.handOut(twoParts("del-cut", ANN, DeviceType.DESKTOP, "", T0));
        Delivery d = deliveries.record(tag, List.of(served(tag, PART_1.formatted("del-cut"), 0, 1000, true, T0),
                served(tag, PART_2.formatted("del-cut"), 0, 500, false, T0)), T0).orElseThrow();
        assertEquals(1500, d.bytesServed(), "every byte credited");
        assertFalse(d.parts().getFirst().endConfirmed());
        assertFalse(d.complete());

        Delivery resumed = deliveries.record(tag, List.of(served(tag, PART_1.formatted("del-cut"), 900, 1000, false, T0.plusSeconds(5))),
                T0.plusSeconds(60)).orElseThrow();
        assertTrue(resumed.complete());
    }

    @Test
    void rangesOfObjectsTheDeliveryDoesNotHoldOrOfAnotherTagAreIgnored() {
        DeliveryTag tag = deliveries.handOut(twoParts("del-other", ANN, DeviceType.DESKTOP, "", T0));
        DeliveryTag bobs = deliveries.handOut(twoParts("del-other", Recipient.client("bob@example.com"), DeviceType.DESKTOP, "", T0));
        Delivery d = deliveries.record(tag, List.of(served(tag, "zips/del-other/ffffff.zip", 0, 1000, false, T0),
                served(bobs, PART_1.formatted("del-other"), 0, 1000, false, T0)), T0).orElseThrow();
        assertEquals(0, d.bytesServed());
        assertFalse(d.started());
        assertEquals(0, d.version(), "nothing written");
    }

    @Test
    void aTagOfNoDeliveryFindsNothingAndMakesNoRecord() {
        DeliveryTag forged = new DeliveryTag("del-forged", DeliveryIds.of(ANN, DeliveredKind.PHOTO, PhotoSize.ORIGINAL, List.of("x.jpg")));
        assertTrue(deliveries.record(forged, List.of(served(forged, "x.jpg", 0, 10, false, T0)), T0).isEmpty());
        assertTrue(item(forged).isEmpty());
    }

    @Test
    void recordsFromTwoProcessorsAtOnceBothLand() throws Exception {
        DeliveryTag tag = deliveries.handOut(twoParts("del-race", ANN, DeviceType.DESKTOP, "", T0));
        String p1 = PART_1.formatted("del-race");
        int rounds = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // Each processor credits its own 10-byte slices, one record at a time: every slice must land.
            List<Future<?>> processors = new ArrayList<>();
            for (int processor = 0; processor < 2; processor++) {
                int offset = processor * 10;
                processors.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < rounds; round++) {
                        long from = round * 40L + offset;
                        deliveries.record(tag, List.of(served(tag, p1, from, from + 10, false, T0.plusSeconds(round))), T0);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : processors) f.get();
        } finally {
            pool.shutdownNow();
        }
        Delivery d = deliveries.find(tag.albumId(), tag.deliveryId()).orElseThrow();
        List<ByteRange> expected = new ArrayList<>();
        for (int round = 0; round < rounds; round++) expected.add(new ByteRange(round * 40L, round * 40L + 20));
        assertEquals(expected, d.parts().getFirst().served());
        assertEquals(2L * rounds, d.version(), "one version per record");
    }

    @Test
    void anAlbumsDeliveriesAreListedStartedOrNot() {
        DeliveryTag ann = deliveries.handOut(twoParts("del-list", ANN, DeviceType.DESKTOP, "", T0));
        deliveries.handOut(twoParts("del-list", Recipient.link("s9", "Friends"), DeviceType.DESKTOP, "", T0));
        deliveries.record(ann, List.of(served(ann, PART_2.formatted("del-list"), 0, 10, false, T0)), T0);
        List<Delivery> all = deliveries.forAlbum("del-list");
        assertEquals(2, all.size());
        assertEquals(1, all.stream().filter(Delivery::started).count());
        assertTrue(deliveries.forAlbum("del-none").isEmpty());
    }
}

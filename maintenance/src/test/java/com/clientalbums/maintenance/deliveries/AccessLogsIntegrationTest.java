package com.clientalbums.maintenance.deliveries;

import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.delivery.DeliveredKind;
import com.clientalbums.common.delivery.DeliveredPart;
import com.clientalbums.common.delivery.Delivery;
import com.clientalbums.common.delivery.DeliveryRepository;
import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.delivery.DeviceType;
import com.clientalbums.common.delivery.HandOut;
import com.clientalbums.common.delivery.Recipient;
import com.clientalbums.maintenance.deliveries.logs.LogExamples;
import com.clientalbums.maintenance.store.S3AccessLogStore;
import com.clientalbums.maintenance.sweep.MaintenanceReport;
import com.clientalbums.maintenance.sweep.MaintenanceReport.Count;
import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static com.clientalbums.maintenance.deliveries.logs.LogExamples.cloudFrontDownload;
import static com.clientalbums.maintenance.deliveries.logs.LogExamples.s3Download;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log processor against the local S3 and DynamoDB: a delivery handed out by the real repository,
 * CloudFront's gzipped file and S3's plain one in the log bucket, the step run as maintenance runs it.
 */
class AccessLogsIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    private static final Instant HANDED = Instant.parse("2026-12-05T09:00:00Z");
    private static DeliveryRepository deliveries;
    private static String logBucket;

    @BeforeAll
    static void setUp() {
        deliveries = new DeliveryRepository(aws.clients().dynamo(), aws.names().deliveryTable());
        logBucket = aws.names().accessLogBucket();
    }

    /** Each test starts from an empty log bucket: the step processes whatever waits there. */
    @BeforeEach
    void emptyTheLogBucket() {
        for (String key : keys("")) aws.clients().s3().deleteObject(r -> r.bucket(logBucket).key(key));
    }

    /** Ann's desktop is handed the album's archive, one part of 1,000 bytes. */
    private static DeliveryTag handOut(String albumId) {
        return deliveries.handOut(new HandOut(albumId, Recipient.client("ann@example.com"), DeliveredKind.ALBUM, PhotoSize.ORIGINAL,
                "Garden Party.zip", List.of(DeliveredPart.handedOut(archive(albumId), "Garden Party.zip", 1000, 12)), 12,
                DeviceType.DESKTOP, "", HANDED));
    }

    private static String archive(String albumId) {
        return "zips/" + albumId + "/5f2c9a.zip";
    }

    private static AccessLogs step() {
        return new AccessLogs(new S3AccessLogStore(aws.clients().s3(), logBucket), deliveries);
    }

    /** The step's input at {@code now}: the access logs read no albums, and asking for them fails the test. */
    private static RunInput at(Instant now) {
        return new RunInput(now, () -> { throw new AssertionError("the access-log step read the album table"); });
    }

    private static MaintenanceReport run(Instant now) {
        MaintenanceReport report = new MaintenanceReport();
        step().run(at(now), () -> true, report);
        return report;
    }

    private static void put(String key, byte[] bytes) {
        aws.clients().s3().putObject(r -> r.bucket(logBucket).key(key), RequestBody.fromBytes(bytes));
    }

    private static byte[] text(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static List<String> keys(String prefix) {
        return aws.clients().s3().listObjectsV2Paginator(r -> r.bucket(logBucket).prefix(prefix)).contents().stream()
                .map(o -> o.key()).toList();
    }

    private static Delivery delivery(DeliveryTag tag) {
        return deliveries.find(tag.albumId(), tag.deliveryId()).orElseThrow();
    }

    private static int percent(Delivery d) {
        return (int) (d.bytesServed() * 100 / d.totalSize());
    }

    @Test
    void aDownloadCutOffHalfWayShowsFiftyPercentThenTheResumedHalfInS3sLogCompletesItAndNothingIsCountedTwice() throws IOException {
        DeliveryTag tag = handOut("garden-party");
        String part = archive("garden-party");
        // CloudFront's hour: the example requests, a HEAD, the first half cut off (the viewer hung up), a broken line.
        List<String> cloudFront = new ArrayList<>(LogExamples.cloudFrontFile());
        cloudFront.add(cloudFrontDownload(tag, part, "200", 500, "1000", "-", "-", "Hit").replace("\tGET\t", "\tHEAD\t"));
        cloudFront.add(cloudFrontDownload(tag, part, "200", 500, "1000", "-", "-", "Error"));
        cloudFront.add("2019-12-04\t21:02:31\tLAX1\tnot-a-number");
        String cloudFrontKey = "cloudfront/E2EXAMPLE.2026-12-05-10.a1b2c3d4.gz";
        byte[] cloudFrontFile = gzip(text(cloudFront));
        put(cloudFrontKey, cloudFrontFile);

        MaintenanceReport first = run(Instant.parse("2026-12-05T11:05:00Z"));

        assertEquals(List.of(), first.errors());
        assertEquals(1, first.get(Count.LOG_FILES_PROCESSED));
        assertEquals(6, first.get(Count.LOG_LINES_READ));
        assertEquals(1, first.get(Count.LOG_LINES_MALFORMED));
        assertEquals(1, first.get(Count.LOG_LINES_ATTRIBUTED));
        assertEquals(1, first.get(Count.DELIVERIES_UPDATED));
        assertEquals(0, first.get(Count.DELIVERIES_COMPLETED));
        Delivery half = delivery(tag);
        assertEquals(50, percent(half));
        assertFalse(half.complete());
        assertEquals(Instant.parse("2019-12-04T21:02:31Z"), half.firstAt());
        assertEquals(List.of(), keys("cloudfront/"), "processed files leave their folder");
        assertEquals(List.of("processed/" + cloudFrontKey), keys("processed/"));
        assertArrayEquals(cloudFrontFile, aws.clients().s3().getObjectAsBytes(r -> r.bucket(logBucket).key("processed/" + cloudFrontKey)).asByteArray());

        // S3's log: the download resumed from byte 500 (Range: bytes=500-), answered 206 with the other 500 bytes.
        List<String> s3 = new ArrayList<>(LogExamples.s3File());
        s3.add(s3Download(tag, part, "206", "500", "1000"));
        put("s3/2026-12-05-11-30-00-0123456789ABCDEF", text(s3));
        Instant secondRun = Instant.parse("2026-12-05T12:05:00.123456Z");

        MaintenanceReport second = run(secondRun);

        assertEquals(List.of(), second.errors());
        assertEquals(6, second.get(Count.LOG_LINES_READ));
        assertEquals(0, second.get(Count.LOG_LINES_MALFORMED));
        assertEquals(1, second.get(Count.DELIVERIES_COMPLETED));
        Delivery complete = delivery(tag);
        assertEquals(100, percent(complete));
        assertTrue(complete.complete());
        assertEquals(secondRun.truncatedTo(ChronoUnit.MILLIS), complete.completedAt());
        assertEquals(List.of("processed/" + cloudFrontKey, "processed/s3/2026-12-05-11-30-00-0123456789ABCDEF"), keys("processed/"));

        MaintenanceReport third = run(Instant.parse("2026-12-05T12:10:00Z"));

        assertEquals(new MaintenanceReport().toMap(), third.toMap(), "nothing waits, nothing changes");
        assertEquals(complete, delivery(tag));
    }

    @Test
    void aFileProcessedAgainChangesNothingAndATagOfNoDeliveryIsCountedButAttributedToNone() {
        DeliveryTag tag = handOut("again");
        DeliveryTag forged = new DeliveryTag("again", "d000000000000000000000000");
        List<String> lines = List.of(s3Download(tag, archive("again"), "200", "1000", "1000"),
                s3Download(forged, archive("again"), "200", "1000", "1000"));
        put("s3/2026-12-05-13-00-00-00000000000000A1", text(lines));
        MaintenanceReport first = run(Instant.parse("2026-12-05T13:05:00Z"));
        Delivery afterFirst = delivery(tag);
        // A run stopped between the copy and the delete leaves the file to be read once more.
        put("s3/2026-12-05-13-00-00-00000000000000A1", text(lines));

        MaintenanceReport second = run(Instant.parse("2026-12-05T13:10:00Z"));

        assertEquals(1, first.get(Count.LOG_LINES_ATTRIBUTED), "the forged tag finds no delivery");
        assertEquals(1, first.get(Count.DELIVERIES_COMPLETED));
        assertTrue(afterFirst.complete());
        assertEquals(afterFirst, delivery(tag), "ranges merge as sets: the same file twice is the same record");
        assertEquals(0, second.get(Count.DELIVERIES_COMPLETED), "completed once");
        assertEquals(1, second.get(Count.LOG_FILES_PROCESSED));
        assertTrue(deliveries.find(forged.albumId(), forged.deliveryId()).isEmpty(), "no record is made for a forged tag");
    }

    @Test
    void aFileThatCannotBeReadIsReportedAndStaysWhileTheOthersAreProcessed() throws IOException {
        String broken = "cloudfront/E2EXAMPLE.2026-12-05-14.broken00.gz";
        put(broken, text(LogExamples.cloudFrontFile())); // named .gz, but not gzipped
        put("cloudfront/E2EXAMPLE.2026-12-05-14.fine0000.gz", gzip(text(LogExamples.cloudFrontFile())));

        MaintenanceReport report = run(Instant.parse("2026-12-05T15:05:00Z"));

        assertEquals(1, report.get(Count.LOG_FILES_PROCESSED));
        assertEquals(1, report.errors().size());
        Map<String, String> error = report.errors().getFirst();
        assertEquals(AccessLogs.NAME, error.get("step"));
        assertTrue(error.get("error").startsWith(broken + ": "), error.toString());
        assertEquals(List.of(broken), keys("cloudfront/"));
    }

    @Test
    void noFileIsStartedOnceTimeIsUp() {
        put("s3/2026-12-05-16-00-00-00000000000000B2", text(LogExamples.s3File()));
        MaintenanceReport report = new MaintenanceReport();

        step().run(at(Instant.parse("2026-12-05T16:05:00Z")), () -> false, report);

        assertEquals(0, report.get(Count.LOG_FILES_PROCESSED));
        assertTrue(keys("s3/").contains("s3/2026-12-05-16-00-00-00000000000000B2"));
    }
}

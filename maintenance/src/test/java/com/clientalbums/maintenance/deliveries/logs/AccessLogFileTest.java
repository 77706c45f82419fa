package com.clientalbums.maintenance.deliveries.logs;

import com.clientalbums.common.delivery.ByteRange;
import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.delivery.ServedRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static com.clientalbums.maintenance.deliveries.logs.LogExamples.ARCHIVE;
import static com.clientalbums.maintenance.deliveries.logs.LogExamples.TAG;
import static com.clientalbums.maintenance.deliveries.logs.LogExamples.cloudFrontDownload;
import static com.clientalbums.maintenance.deliveries.logs.LogExamples.s3Download;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessLogFileTest {
    private static final DeliveryTag OTHER_TAG = new DeliveryTag("garden-party", "dfedcba9876543210fedcba98");

    static byte[] gzip(List<String> lines) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void aGzippedCloudFrontFileIsReadLineByLineAndItsRangesGroupedByDelivery() throws IOException {
        List<String> lines = new ArrayList<>(LogExamples.cloudFrontFile());
        lines.add(cloudFrontDownload("200", 400_000, "1000000", "-", "-", "Error"));
        lines.add(cloudFrontDownload(OTHER_TAG, ARCHIVE, "200", 1_000_312, "1000000", "-", "-", "Hit"));
        lines.add(cloudFrontDownload("206", 600_300, "600000", "400000", "999999", "Hit"));
        lines.add("2019-12-04\t21:02");

        AccessLogFile file = AccessLogFile.read(LogFormat.CLOUDFRONT, new ByteArrayInputStream(gzip(lines)), true);

        assertEquals(7, file.lines(), "three example requests, three downloads, one malformed; the two headers are no requests");
        assertEquals(1, file.malformed());
        assertTrue(file.firstMalformed().startsWith("line 9: "), file.firstMalformed());
        assertEquals(3, file.tagged());
        assertEquals(List.of(new ByteRange(0, 400_000), new ByteRange(400_000, 1_000_000)),
                file.served().get(TAG).stream().map(ServedRange::range).toList());
        assertEquals(List.of(new ByteRange(0, 1_000_000)), file.served().get(OTHER_TAG).stream().map(ServedRange::range).toList());
    }

    @Test
    void aDeliverysLinesAreCompactedToTheUnionOfTheirRangesWithTheirFirstAndLastTimes() throws IOException {
        List<String> lines = new ArrayList<>(LogExamples.cloudFrontFile().subList(0, 2));
        lines.add(cloudFrontDownload("206", 600, "100", "100", "199", "Hit").replace("21:02:31", "21:05:00"));
        lines.add(cloudFrontDownload("206", 600, "100", "0", "99", "Hit"));
        lines.add(cloudFrontDownload("206", 600, "100", "300", "399", "Hit").replace("21:02:31", "21:09:00"));
        lines.add(cloudFrontDownload("206", 50, "100", "900", "999", "Error").replace("21:02:31", "21:07:00"));

        AccessLogFile file = AccessLogFile.read(LogFormat.CLOUDFRONT, new ByteArrayInputStream(gzip(lines)), true);

        Instant first = Instant.parse("2019-12-04T21:02:31Z");
        Instant last = Instant.parse("2019-12-04T21:09:00Z");
        Instant cut = Instant.parse("2019-12-04T21:07:00Z");
        assertEquals(4, file.tagged(), "every line still counts");
        assertEquals(List.of(new Summary(0, 200, false, first), new Summary(300, 400, false, first), new Summary(300, 400, false, last),
                        new Summary(900, 950, true, cut)),
                file.served().get(TAG).stream().map(Summary::of).toList());
    }

    private record Summary(long start, long end, boolean cut, Instant at) {
        static Summary of(ServedRange r) {
            return new Summary(r.range().start(), r.range().end(), r.cutShort(), r.at());
        }
    }

    @Test
    void aPlainS3FileIsReadAsItIs() throws IOException {
        List<String> lines = new ArrayList<>(LogExamples.s3File());
        lines.add(s3Download(ARCHIVE, "206", "2406583", "4406583"));
        byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);

        AccessLogFile file = AccessLogFile.read(LogFormat.S3, new ByteArrayInputStream(text), false);

        assertEquals(6, file.lines());
        assertEquals(0, file.malformed());
        assertEquals("", file.firstMalformed());
        assertEquals(List.of(new ByteRange(2_000_000, 4_406_583)), file.served().get(TAG).stream().map(ServedRange::range).toList());
    }

    @Test
    void aFileThatIsNotTheGzipItsNameSaysFailsAsAWholeToBeLeftForALaterRun() {
        byte[] text = String.join("\n", LogExamples.cloudFrontFile()).getBytes(StandardCharsets.UTF_8);

        assertThrows(IOException.class, () -> AccessLogFile.read(LogFormat.CLOUDFRONT, new ByteArrayInputStream(text), true));
    }

    @Test
    void eachFolderHasItsFormat() {
        assertEquals(LogFormat.CLOUDFRONT, LogFormat.ofKey("cloudfront/E2EXAMPLE.2026-12-05-10.a1b2c3d4.gz").orElseThrow());
        assertEquals(LogFormat.S3, LogFormat.ofKey("s3/2026-12-05-10-30-00-0123456789ABCDEF").orElseThrow());
        assertTrue(LogFormat.ofKey("processed/s3/2026-12-05-10-30-00-0123456789ABCDEF").isEmpty());
    }
}

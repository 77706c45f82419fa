package com.clientalbums.maintenance.deliveries.logs;

import com.clientalbums.common.delivery.ByteRange;
import com.clientalbums.common.delivery.ServedRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static com.clientalbums.maintenance.deliveries.logs.LogExamples.ARCHIVE;
import static com.clientalbums.maintenance.deliveries.logs.LogExamples.TAG;
import static com.clientalbums.maintenance.deliveries.logs.LogExamples.s3Download;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3AccessLogParserTest {
    private final S3AccessLogParser parser = new S3AccessLogParser();

    private ServedRange served(String line) {
        return assertInstanceOf(LogLine.Served.class, parser.parse(line), line).range();
    }

    private void malformed(String line) {
        assertInstanceOf(LogLine.Malformed.class, parser.parse(line), line);
    }

    @Test
    void theDocumentationsExampleLinesOldAndNewAreRequestsOfNoDelivery() {
        List<LogLine> lines = LogExamples.s3File().stream().map(parser::parse).toList();

        assertEquals(List.of(LogLine.OTHER, LogLine.OTHER, LogLine.OTHER, LogLine.OTHER, LogLine.OTHER), lines,
                "versioning, logging, a 404 in the older 18-field form, versioning, a PUT");
    }

    @Test
    void aTaggedGetAnsweredInFullProvesEveryByteAndTheLastOne() {
        ServedRange range = served(s3Download(ARCHIVE, "200", "4406583", "4406583"));

        assertEquals(TAG, range.tag());
        assertEquals(ARCHIVE, range.key());
        assertEquals(new ByteRange(0, 4_406_583), range.range());
        assertFalse(range.cutShort());
        assertEquals(Instant.parse("2019-02-06T00:01:57Z"), range.at());
        assertEquals("S3Console/0.4", range.userAgent());
    }

    @Test
    void aCutOffDownloadIsCreditedItsBodyBytesAndMarkedCut() {
        ServedRange range = served(s3Download(ARCHIVE, "200", "2000000", "4406583"));

        assertEquals(new ByteRange(0, 2_000_000), range.range());
        assertTrue(range.cutShort());
    }

    @Test
    void aRangeAnswerHasNoLoggedRangeSoItIsTakenToEndAtTheObjectsEnd() {
        ServedRange range = served(s3Download(ARCHIVE, "206", "2406583", "4406583"));

        assertEquals(new ByteRange(2_000_000, 4_406_583), range.range(), "where a resumed download asks from: bytes=N-");
        assertFalse(range.cutShort(), "a 206 cannot tell: never cut");
    }

    @Test
    void theKeyFieldIsUrlDecodedAndQuotedFieldsKeepTheirEscapedQuotes() {
        String line = s3Download("photos/garden-party/Smith%20Wedding%20%23%C3%A9.jpg", "200", "-", "0")
                .replace("\"S3Console/0.4\"", "\"curl/8.5.0 \\\"resumed\\\" (x86_64)\"");

        ServedRange range = served(line);

        assertEquals("photos/garden-party/Smith Wedding #é.jpg", range.key());
        assertEquals(new ByteRange(0, 0), range.range(), "Bytes Sent - is zero");
        assertEquals("curl/8.5.0 \"resumed\" (x86_64)", range.userAgent());
    }

    @Test
    void headRequestsErrorsAndUntaggedGetsAreOtherRequests() {
        String download = s3Download(ARCHIVE, "200", "4406583", "4406583");

        assertEquals(LogLine.OTHER, parser.parse(download.replace("REST.GET.OBJECT", "REST.HEAD.OBJECT")));
        assertEquals(LogLine.OTHER, parser.parse(s3Download(ARCHIVE, "403", "243", "-").replace(" 403 - ", " 403 AccessDenied ")));
        assertEquals(LogLine.OTHER, parser.parse(s3Download(ARCHIVE, "304", "-", "4406583")));
        assertEquals(LogLine.OTHER, parser.parse(download.replace("x-delivery=", "x-amz-other=")));
        assertEquals(LogLine.OTHER, parser.parse(download.replace(TAG.value(), "not.a-tag")));
    }

    @Test
    void linesThatDoNotFitTheFormatAreMalformedNeverAnException() {
        String download = s3Download(ARCHIVE, "200", "4406583", "4406583");

        malformed(download.substring(0, download.indexOf("\"S3Console")));          // truncated before User-Agent
        malformed(download.substring(0, download.indexOf("HTTP/1.1")));             // inside the quoted Request-URI
        malformed(download.replace("[06/Feb/2019:00:01:57 +0000]", "[06/Feb/2019:00:01:57]"));
        malformed(download.replace("06/Feb/2019", "06/Fev/2019"));
        malformed(download.replace("00:01:57 +0000", "00:01:60 +0000"));
        malformed(download.replace("[06/Feb/2019:00:01:57 +0000]", "[06/Feb/2019:00:01:57 +0000"));
        malformed(s3Download(ARCHIVE, "200", "4.4MB", "4406583"));
        malformed(s3Download(ARCHIVE, "200", "4406583", "big"));
        malformed(s3Download(ARCHIVE, "2xx", "4406583", "4406583"));
        malformed(s3Download(ARCHIVE, "200", "4406584", "4406583"));               // more than the object
        malformed(s3Download(ARCHIVE, "200", "4406583", "-"));                     // a GET without the object's size
        malformed(s3Download("%2", "200", "4406583", "4406583"));
        malformed(download.replace("\"S3Console/0.4\"", "\"S3Console/0.4\"x"));
        malformed("garbage that is no log line at all");
    }

    @Test
    void theTimeKeepsItsOffset() {
        assertEquals(Instant.parse("2019-02-05T22:00:38Z"), S3AccessLogParser.instant("06/Feb/2019:00:00:38 +0200"));
        assertEquals(Instant.parse("2019-02-06T01:30:38Z"), S3AccessLogParser.instant("06/Feb/2019:00:00:38 -0130"));
        assertNull(S3AccessLogParser.instant("30/Feb/2019:00:00:38 +0000"));
    }
}

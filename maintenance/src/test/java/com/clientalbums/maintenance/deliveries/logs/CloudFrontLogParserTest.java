package com.clientalbums.maintenance.deliveries.logs;

import com.clientalbums.common.delivery.ByteRange;
import com.clientalbums.common.delivery.ServedRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static com.clientalbums.maintenance.deliveries.logs.LogExamples.ARCHIVE;
import static com.clientalbums.maintenance.deliveries.logs.LogExamples.TAG;
import static com.clientalbums.maintenance.deliveries.logs.LogExamples.cloudFrontDownload;
import static com.clientalbums.maintenance.deliveries.logs.LogExamples.cloudFrontHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudFrontLogParserTest {

    private static LogLine parse(String... lines) {
        CloudFrontLogParser parser = new CloudFrontLogParser();
        parser.parse("#Version: 1.0");
        parser.parse(cloudFrontHeader());
        LogLine last = null;
        for (String line : lines) last = parser.parse(line);
        return last;
    }

    private static ServedRange served(String line) {
        return assertInstanceOf(LogLine.Served.class, parse(line)).range();
    }

    private static String malformed(String line) {
        return assertInstanceOf(LogLine.Malformed.class, parse(line), line).reason();
    }

    @Test
    void theDocumentationsExampleFileIsTwoHeaderLinesAndThreeRequestsOfNoDelivery() {
        CloudFrontLogParser parser = new CloudFrontLogParser();

        List<LogLine> lines = LogExamples.cloudFrontFile().stream().map(parser::parse).toList();

        assertEquals(List.of(LogLine.SKIPPED, LogLine.SKIPPED, LogLine.OTHER, LogLine.OTHER, LogLine.OTHER), lines);
    }

    @Test
    void aTaggedGetAnsweredInFullProvesEveryByteAndTheLastOne() {
        ServedRange range = served(cloudFrontDownload("200", 1_000_312, "1000000", "-", "-", "Hit"));

        assertEquals(TAG, range.tag());
        assertEquals(ARCHIVE, range.key());
        assertEquals(new ByteRange(0, 1_000_000), range.range(), "sc-bytes counts the headers: the body is sc-content-len");
        assertFalse(range.cutShort());
        assertEquals(Instant.parse("2019-12-04T21:02:31Z"), range.at());
        assertEquals("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/78.0.3904.108 Safari/537.36",
                range.userAgent());
    }

    @Test
    void aRangeAnswerIsCreditedFromItsStartToItsInclusiveEnd() {
        ServedRange range = served(cloudFrontDownload("206", 500_400, "500000", "500000", "999999", "Miss"));

        assertEquals(new ByteRange(500_000, 1_000_000), range.range());
        assertFalse(range.cutShort());
    }

    @Test
    void anAnswerTheViewerHungUpOnIsCreditedWhatWasSentAndNeverConfirmsTheEnd() {
        ServedRange hungUp = served(cloudFrontDownload("200", 400_000, "1000000", "-", "-", "Error"));
        ServedRange fewer = served(cloudFrontDownload("206", 250_000, "500000", "500000", "999999", "Hit"));

        assertEquals(new ByteRange(0, 400_000), hungUp.range());
        assertTrue(hungUp.cutShort());
        assertEquals(new ByteRange(500_000, 750_000), fewer.range());
        assertTrue(fewer.cutShort(), "fewer bytes than the range holds");
    }

    @Test
    void anAnswerCutInItsLastBytesIsStillCutWhenCloudFrontSaysTheViewerLeft() {
        // sc-bytes (headers included) reaches the length, but the result type says the body did not.
        ServedRange range = served(cloudFrontDownload("200", 1_000_100, "1000000", "-", "-", "Error"));

        assertEquals(new ByteRange(0, 1_000_000), range.range());
        assertTrue(range.cutShort());
    }

    @Test
    void theStemIsDecodedForTheLogAndForTheUrlAndTheTagIsFoundAmongTheSignedParameters() {
        String line = cloudFrontDownload("200", 2_000, "1000", "-", "-", "Hit")
                .replace("/" + ARCHIVE, "/photos/garden-party/Smith%2520Wedding%2520%2523%25C3%25A9.jpg");

        assertEquals("photos/garden-party/Smith Wedding #é.jpg", served(line).key());
    }

    @Test
    void headAnswersErrorsUntaggedAndForgedLinksAreOtherRequests() {
        String download = cloudFrontDownload("200", 1_000_312, "1000000", "-", "-", "Hit");

        assertEquals(LogLine.OTHER, parse(download.replace("\tGET\t", "\tHEAD\t")));
        assertEquals(LogLine.OTHER, parse(cloudFrontDownload("403", 500, "-", "-", "-", "Error")));
        assertEquals(LogLine.OTHER, parse(cloudFrontDownload("000", 0, "-", "-", "-", "Error")));
        assertEquals(LogLine.OTHER, parse(download.replace("x-delivery=", "x-other=")));
        assertEquals(LogLine.OTHER, parse(download.replace(TAG.value(), "garden-party.not-a-delivery")));
    }

    @Test
    void aFileWithAnotherFieldListIsReadByItsOwnHeaderAndLinesMayEndBeforeTheOptionalFields() {
        CloudFrontLogParser parser = new CloudFrontLogParser();
        // An older distribution's file: 24 fields, no sc-content-len nor range, in the same order.
        parser.parse("#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) "
                + "cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes "
                + "time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version");
        String download = cloudFrontDownload("200", 1_000_312, "1000000", "-", "-", "Hit");
        String older = String.join("\t", List.of(download.split("\t")).subList(0, 24));
        String shorter = String.join("\t", List.of(download.split("\t")).subList(0, 14));

        ServedRange full = assertInstanceOf(LogLine.Served.class, parser.parse(older)).range();
        ServedRange truncatedOptional = assertInstanceOf(LogLine.Served.class, parser.parse(shorter)).range();

        assertEquals(new ByteRange(0, 1_000_312), full.range(), "without a length, sc-bytes is all the line says");
        assertTrue(full.cutShort(), "without a length nothing proves the answer was whole");
        assertEquals(full.range(), truncatedOptional.range());
        assertTrue(truncatedOptional.cutShort());
    }

    @Test
    void theHeaderMayPutTheFieldsInAnotherOrder() {
        CloudFrontLogParser parser = new CloudFrontLogParser();
        parser.parse("#Fields: cs-uri-query sc-status sc-bytes cs-method cs-uri-stem time date sc-content-len");

        LogLine line = parser.parse(String.join("\t", "x-delivery=" + TAG.value(), "200", "5120", "GET", "/" + ARCHIVE,
                "09:15:00", "2026-12-05", "5000"));

        ServedRange range = assertInstanceOf(LogLine.Served.class, line).range();
        assertEquals(new ByteRange(0, 5000), range.range());
        assertFalse(range.cutShort());
        assertEquals(Instant.parse("2026-12-05T09:15:00Z"), range.at());
    }

    @Test
    void linesThatDoNotFitTheFormatAreMalformedNeverAnException() {
        String download = cloudFrontDownload("200", 1_000_312, "1000000", "-", "-", "Hit");
        String[] fields = download.split("\t");

        malformed(String.join("\t", List.of(fields).subList(0, 9)));                        // truncated before the query
        malformed(download.replace("21:02:31", "21:02:61"));
        malformed(download.replace("2019-12-04", "2019-13-04"));
        malformed(download.replace("2019-12-04", "04/12/2019"));
        malformed(download.replace("\t1000312\t", "\t1,000,312\t"));
        malformed(download.replace("\t1000000\t", "\tlots\t"));
        malformed(download.replace("\t200\t", "\t2OO\t"));
        malformed(cloudFrontDownload("206", 500_400, "500000", "500000", "-", "Hit"));      // a range with one end
        malformed(cloudFrontDownload("206", 500_400, "500000", "999999", "500000", "Hit")); // ending before it starts
        malformed(download + "\textra");
        malformed(download.replace("/" + ARCHIVE, "/zips/%zz.zip"));
        malformed(download.replace("x-delivery=", "x-delivery=%G1"));
        malformed("garbage that is no log line at all");
    }

    @Test
    void aDataLineBeforeAnyFieldsHeaderOrAHeaderWithoutARequiredFieldIsMalformed() {
        String download = cloudFrontDownload("200", 1_000_312, "1000000", "-", "-", "Hit");
        CloudFrontLogParser noHeader = new CloudFrontLogParser();
        CloudFrontLogParser noQuery = new CloudFrontLogParser();
        noQuery.parse("#Fields: date time sc-bytes cs-method cs-uri-stem sc-status");

        assertInstanceOf(LogLine.Malformed.class, noHeader.parse(download));
        assertEquals(new LogLine.Malformed("the #Fields header has no cs-uri-query"), noQuery.parse(download));
    }

    @Test
    void theTimeIsUtcAndAnImpossibleDateIsRejected() {
        assertEquals(Instant.parse("2026-02-28T23:59:59Z"), CloudFrontLogParser.instant("2026-02-28", "23:59:59"));
        assertEquals(null, CloudFrontLogParser.instant("2026-02-30", "10:00:00"));
        assertEquals(null, CloudFrontLogParser.instant("2026-02-28", "24:00:00"));
    }
}

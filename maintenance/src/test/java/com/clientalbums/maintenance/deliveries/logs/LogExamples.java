package com.clientalbums.maintenance.deliveries.logs;

import com.clientalbums.common.delivery.DeliveryTag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The example log files of AWS's documentation, verbatim (src/test/resources/logs: CloudFront's from
 * its standard logging reference, S3's from "Amazon S3 server access log format"), and lines derived
 * from them the way a delivery's download would be logged: only the fields named change.
 */
public final class LogExamples {
    public static final DeliveryTag TAG = new DeliveryTag("garden-party", "d0123456789abcdef01234567");
    public static final String ARCHIVE = "zips/garden-party/5f2c9a.zip";

    private static final List<String> CLOUDFRONT_FILE = resource("cloudfront-aws-example.log");
    private static final List<String> S3_FILE = resource("s3-aws-example.log");
    private static final List<String> CLOUDFRONT_FIELDS =
            Arrays.asList(CLOUDFRONT_FILE.get(1).substring("#Fields: ".length()).split(" "));

    private LogExamples() {}

    public static List<String> cloudFrontFile() {
        return CLOUDFRONT_FILE;
    }

    public static List<String> s3File() {
        return S3_FILE;
    }

    /** The {@code #Fields} header line of CloudFront's example. */
    public static String cloudFrontHeader() {
        return cloudFrontFile().get(1);
    }

    /** CloudFront's first example line with the named fields replaced. */
    public static String cloudFront(Map<String, String> changes) {
        List<String> names = CLOUDFRONT_FIELDS;
        String[] fields = cloudFrontFile().get(2).split("\t", -1);
        changes.forEach((name, value) -> {
            int index = names.indexOf(name);
            if (index < 0) throw new IllegalArgumentException("no field " + name);
            fields[index] = value;
        });
        return String.join("\t", fields);
    }

    /** A tagged GET of {@link #ARCHIVE} through CloudFront: the example line as a delivery's download logs it. */
    public static String cloudFrontDownload(String status, long scBytes, String contentLength, String rangeStart,
                                            String rangeEnd, String resultType) {
        return cloudFrontDownload(TAG, ARCHIVE, status, scBytes, contentLength, rangeStart, rangeEnd, resultType);
    }

    /** A GET of {@code key} through a link tagged {@code tag}, as CloudFront logs it. */
    public static String cloudFrontDownload(DeliveryTag tag, String key, String status, long scBytes, String contentLength,
                                            String rangeStart, String rangeEnd, String resultType) {
        return cloudFront(Map.of("cs-uri-stem", "/" + key, "sc-status", status, "sc-bytes", Long.toString(scBytes),
                "cs-uri-query", "response-content-disposition=attachment%253B%2520filename%253D%2522Garden%2520Party.zip%2522"
                        + "&x-delivery=" + tag.value() + "&Expires=1575496951&Signature=abc~def__&Key-Pair-Id=K2JCJMDEHXQW5F",
                "sc-content-len", contentLength, "sc-range-start", rangeStart, "sc-range-end", rangeEnd,
                "x-edge-result-type", resultType, "sc-content-type", "application/zip"));
    }

    /** S3's example PUT line (the fifth) turned into a tagged GET of {@code key} answered {@code status}. */
    public static String s3Download(String key, String status, String bytesSent, String objectSize) {
        return s3Download(TAG, key, status, bytesSent, objectSize);
    }

    /** A GET of {@code key} through a link tagged {@code tag}, as S3 logs it. */
    public static String s3Download(DeliveryTag tag, String key, String status, String bytesSent, String objectSize) {
        String put = s3File().get(4);
        return put.replace("REST.PUT.OBJECT s3-dg.pdf \"PUT /DOC-EXAMPLE-BUCKET1/s3-dg.pdf HTTP/1.1\" 200 - - 4406583",
                "REST.GET.OBJECT " + key + " \"GET /DOC-EXAMPLE-BUCKET1/" + key
                        + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&x-delivery=" + tag.value() + "&X-Amz-Signature=7f3c HTTP/1.1\" "
                        + status + " - " + bytesSent + " " + objectSize);
    }

    private static List<String> resource(String name) {
        try (InputStream in = LogExamples.class.getResourceAsStream("/logs/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource logs/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.clientalbums.local.s3front;

import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.http.PresignedLinks;
import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3FrontTest {
    @RegisterExtension static final LocalAws aws = LocalAws.create();

    /** Lines of AWS's documentation ("Amazon S3 server access log format"): the reader takes them, so it reads AWS's format. */
    private static final List<String> AWS_EXAMPLES = List.of(
            "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be amzn-s3-demo-bucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be 3E57427F3EXAMPLE REST.GET.VERSIONING - \"GET /amzn-s3-demo-bucket1?versioning HTTP/1.1\" 200 - 113 - 7 - \"-\" \"S3Console/0.4\" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com TLSV1.2 arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP Yes us-east-1",
            "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be amzn-s3-demo-bucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be 891CE47D2EXAMPLE REST.GET.LOGGING_STATUS - \"GET /amzn-s3-demo-bucket1?logging HTTP/1.1\" 200 - 242 - 11 - \"-\" \"S3Console/0.4\" - 9vKBE6vMhrNiWHZmb2L0mXOcqPGzQOI5XLnCtZNPxev+Hf+7tpT6sxDwDty4LHBUOZJG96N1234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com TLSV1.2 - - us-east-1");
    private static final String KEY = "zips/front-test/Smith Wedding é.zip";
    private static final byte[] ARCHIVE = randomBytes(3 * 1024 * 1024, 1);
    private static final String BIG_KEY = "zips/front-test/big.zip";
    private static final int BIG_SIZE = 48 * 1024 * 1024;

    static S3Front front;
    static final java.util.concurrent.atomic.AtomicLong LINKS_SIGNED = new java.util.concurrent.atomic.AtomicLong();
    static AwsClients throughFront;
    static PresignedLinks links;
    static final HttpClient http = HttpClient.newHttpClient();
    /** Every line delivered so far, read back. */
    static final List<Map<String, String>> logged = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        var s3 = aws.clients().s3();
        s3.putObject(p -> p.bucket(aws.names().bucket()).key(KEY), RequestBody.fromBytes(ARCHIVE));
        s3.putObject(p -> p.bucket(aws.names().bucket()).key(BIG_KEY), RequestBody.fromBytes(randomBytes(BIG_SIZE, 2)));
        front = S3Front.start(aws.endpoints().s3(), new AccessLogBuffer(s3, aws.names().accessLogBucket(), Clock.systemUTC()),
                Duration.ofHours(1), Clock.systemUTC());
        Map<String, String> env = new HashMap<>(aws.env());
        env.put("AWS_ENDPOINT_URL_S3", front.endpoint().toString());
        throughFront = AwsClients.create(aws.endpoints().region(), env);
        links = new PresignedLinks(throughFront.presigner(), aws.names().bucket(), DefaultCredentialsProvider.builder().build(),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (throughFront != null) throughFront.close();
        if (front != null) front.close();
    }

    @Test
    void the_strict_reader_takes_the_lines_of_aws_documentation() {
        for (String line : AWS_EXAMPLES) {
            Map<String, String> fields = S3AccessLogReader.read(line);
            assertEquals("amzn-s3-demo-bucket1", fields.get("bucket"));
            assertEquals("S3Console/0.4", fields.get("user_agent"));
        }
        assertThrows(IllegalArgumentException.class, () -> S3AccessLogReader.read(AWS_EXAMPLES.get(0).replace(" 200 ", " 2OO ")));
        assertThrows(IllegalArgumentException.class, () -> S3AccessLogReader.read(AWS_EXAMPLES.get(0).replace("\"S3Console/0.4\" ", "")));
    }

    @Test
    void a_presigned_range_request_through_the_front_answers_206_with_those_bytes_and_logs_them() throws Exception {
        String url = link(KEY);
        assertTrue(url.startsWith(front.endpoint() + "/"), "the link names the front: " + url);
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=1000-200999")
                .header("Referer", "http://127.0.0.1:8787/album/?id=demo").header("User-Agent", "Mozilla/5.0 (\"quoted\")").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, answer.statusCode());
        assertArrayEquals(Arrays.copyOfRange(ARCHIVE, 1000, 201000), answer.body());
        assertEquals("bytes 1000-200999/" + ARCHIVE.length, answer.headers().firstValue("Content-Range").orElseThrow());

        Map<String, String> line = loggedLine(url);
        assertEquals(Forwarding.BUCKET_OWNER, line.get("bucket_owner"));
        assertEquals(aws.names().bucket(), line.get("bucket"));
        assertEquals("127.0.0.1", line.get("remote_ip"));
        assertEquals(Forwarding.REQUESTER, line.get("requester"));
        assertEquals("REST.GET.OBJECT", line.get("operation"));
        assertEquals("zips/front-test/Smith%20Wedding%20%C3%A9.zip", line.get("key"));
        assertEquals("GET " + URI.create(url).getRawPath() + "?" + URI.create(url).getRawQuery() + " HTTP/1.1", line.get("request_uri"));
        assertEquals("206", line.get("http_status"));
        assertEquals("-", line.get("error_code"));
        assertEquals("200000", line.get("bytes_sent"));
        assertEquals(Integer.toString(ARCHIVE.length), line.get("object_size"));
        assertEquals("http://127.0.0.1:8787/album/?id=demo", line.get("referer"));
        assertEquals("Mozilla/5.0 (\"quoted\")", line.get("user_agent"));
        assertEquals("SigV4", line.get("signature_version"));
        assertEquals("QueryString", line.get("authentication_type"));
        assertEquals(front.endpoint().getAuthority(), line.get("host_header"));
        assertEquals("-", line.get("tls_version"));
        Instant logged = java.time.ZonedDateTime.parse(line.get("time"), AccessLogEntry.TIME).toInstant();
        assertTrue(Duration.between(logged, Instant.now()).abs().toMinutes() < 2, "logged at " + logged);
    }

    @Test
    void the_client_apis_own_calls_pass_through_signed_in_their_headers_and_are_logged_as_s3_names_them() {
        var s3 = throughFront.s3();
        var head = s3.headObject(h -> h.bucket(aws.names().bucket()).key(KEY));
        assertEquals(ARCHIVE.length, head.contentLength());
        List<String> keys = s3.listObjectsV2(l -> l.bucket(aws.names().bucket()).prefix("zips/front-test/")).contents()
                .stream().map(S3Object::key).toList();
        assertTrue(keys.contains(KEY), keys.toString());

        Map<String, String> headLine = awaitLine(l -> l.get("operation").equals("REST.HEAD.OBJECT")
                && l.get("authentication_type").equals("AuthHeader"), Duration.ofSeconds(10));
        assertEquals("200", headLine.get("http_status"));
        assertEquals("-", headLine.get("bytes_sent"));
        assertEquals(Integer.toString(ARCHIVE.length), headLine.get("object_size"));
        assertEquals("AuthHeader", headLine.get("authentication_type"));
        Map<String, String> listLine = awaitLine(l -> l.get("operation").equals("REST.GET.BUCKET"), Duration.ofSeconds(10));
        assertEquals("-", listLine.get("key"));
        assertEquals("200", listLine.get("http_status"));
        assertFalse(listLine.get("bytes_sent").equals("-"), "a listing's XML is counted");
    }

    @Test
    void a_tampered_link_is_still_refused_by_the_signature_check_and_logged_with_s3s_error_code() throws Exception {
        String url = link(KEY);
        String forged = url.replace("x-delivery=front-test.", "x-delivery=other-album.");
        assertFalse(forged.equals(url));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(forged)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, answer.statusCode(), answer.body());

        Map<String, String> line = loggedLine(forged);
        assertEquals("403", line.get("http_status"));
        assertEquals("SignatureDoesNotMatch", line.get("error_code"));
        assertEquals("-", line.get("object_size"));
    }

    @Test
    void a_client_that_hangs_up_mid_way_is_logged_with_the_bytes_it_took_fewer_than_the_object() throws Exception {
        URI url = URI.create(link(BIG_KEY));
        long read = 0;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: " + url.getAuthority()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (read < 1024 * 1024) {
                int n = in.read(buffer);
                if (n < 0) break;
                read += n;
            }
        }
        Map<String, String> line = awaitLoggedLine(url.toString(), Duration.ofSeconds(30));
        assertEquals("200", line.get("http_status"));
        assertEquals(Integer.toString(BIG_SIZE), line.get("object_size"));
        long sent = Long.parseLong(line.get("bytes_sent"));
        // What the kernel's socket buffers held is counted as sent, as it would be by S3: more than was read, far less than the object.
        assertTrue(sent >= read - 1024 && sent < BIG_SIZE, "sent " + sent + " of " + BIG_SIZE + " after reading " + read);
    }

    @Test
    void a_flush_with_nothing_logged_writes_nothing_and_each_delivery_is_one_object_named_as_s3_names_them() throws Exception {
        logged.addAll(flushed());
        assertEquals(Optional.empty(), front.flush());
        int before = logKeys().size();
        String url = link(KEY);
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        awaitLoggedLine(url, Duration.ofSeconds(10));
        assertEquals(before + 1, logKeys().size(), "one request, one delivery: " + logKeys());
        for (String key : logKeys()) {
            assertTrue(key.matches("s3/\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9A-F]{16}"), key);
        }
    }

    // --- helpers ---------------------------------------------------------------------------

    /**
     * A link of its own to {@code key}: each carries another x-delivery value, so two tests that
     * sign a link to one object within the same second never find each other's log line.
     */
    private static String link(String key) {
        return links.get(key, Duration.ofMinutes(10), "attachment; filename=\"a.zip\"", "application/zip",
                "x-delivery", "front-test.d" + HexFormat.of().toHexDigits(LINKS_SIGNED.incrementAndGet())).url();
    }

    private static Map<String, String> loggedLine(String url) {
        return awaitLoggedLine(url, Duration.ofSeconds(10));
    }

    /** The record of the request for {@code url}: the log is written once the answer has ended. */
    private static Map<String, String> awaitLoggedLine(String url, Duration within) {
        URI uri = URI.create(url);
        String requestUri = uri.getRawPath() + "?" + uri.getRawQuery();
        return awaitLine(l -> l.get("request_uri").split(" ")[1].equals(requestUri), within);
    }

    /** A line of any delivery so far that is {@code wanted}, flushing until one is there. */
    private static Map<String, String> awaitLine(Predicate<Map<String, String>> wanted, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            logged.addAll(flushed());
            Optional<Map<String, String>> line = logged.stream().filter(wanted).findFirst();
            if (line.isPresent()) return line.get();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no such log line in " + logged);
    }

    /** Flushes and reads back, record by record, what that delivered. */
    private static synchronized List<Map<String, String>> flushed() {
        Optional<String> key = front.flush();
        if (key.isEmpty()) return List.of();
        String body = aws.clients().s3().getObjectAsBytes(g -> g.bucket(aws.names().accessLogBucket()).key(key.get())).asUtf8String();
        assertTrue(body.endsWith("\n"));
        return body.lines().map(S3AccessLogReader::read).toList();
    }

    private static List<String> logKeys() {
        return aws.clients().s3().listObjectsV2Paginator(l -> l.bucket(aws.names().accessLogBucket()).prefix("s3/")).contents()
                .stream().map(S3Object::key).sorted().toList();
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}

package com.clientalbums.client.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.client.download.ArchiveCheck;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.Timestamps;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.ObjectHeads;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.QueueInbox;
import com.clientalbums.testing.WebSizes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.clientalbums.client.handler.ClientApiFixture.STUDIO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Download All of an album whose archive is cut into parts, through the client API's Lambda entry
 * point against the real S3/SQS/DynamoDB on loopback. The album records are written as the
 * generator writes them ({@code zip_parts} once published, {@code build_parts} while building:
 * the attributes of {@code common/…/album/AlbumItems.java}), the parts' objects put in S3.
 */
class ArchiveInPartsTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    @Order(2)
    static final ClientApiFixture api = ClientApiFixture.on(aws);

    static final String ANN = "ann@example.com";

    static PhotoListing listing;
    static final HttpClient http = HttpClient.newHttpClient();
    static final QueueInbox inbox = new QueueInbox(aws);

    @BeforeAll
    static void setUp() {
        listing = new PhotoListing(aws.clients().s3(), aws.names().bucket());
    }

    // ---- ready --------------------------------------------------------------------------------

    @Test
    void aReadyAlbumInPartsListsEveryPartInOrderEachALinkThatDownloadsItUnderItsPartName() throws Exception {
        String album = registered("parts-ready", "Smith Wedding", 6);
        List<byte[]> parts = published(album, 3, 2);

        JsonNode answer = click(album);
        assertEquals("ready", answer.get("status").asText(), answer.toString());
        assertEquals(6, answer.get("file_count").asLong());
        assertEquals(parts.stream().mapToLong(p -> p.length).sum(), answer.get("zip_size").asLong());
        assertEquals(600, answer.get("expires_in").asLong());
        JsonNode listed = answer.get("parts");
        assertEquals(3, listed.size());
        assertEquals(listed.get(0).get("download_url").asText(), answer.get("download_url").asText(),
                "download_url is the first part's");
        for (int i = 0; i < 3; i++) {
            JsonNode part = listed.get(i);
            String name = "Smith Wedding (part " + (i + 1) + " of 3).zip";
            assertEquals(name, part.get("name").asText());
            assertEquals(parts.get(i).length, part.get("size").asLong());
            assertEquals(2, part.get("file_count").asLong());

            HttpResponse<byte[]> download = fetch(part.get("download_url").asText());
            assertEquals(200, download.statusCode());
            assertArrayEquals(parts.get(i), download.body(), name);
            assertEquals("attachment; filename=\"" + name + "\"; filename*=UTF-8''Smith%20Wedding%20%28part%20" + (i + 1)
                    + "%20of%203%29.zip", download.headers().firstValue("content-disposition").orElseThrow());
            assertEquals("application/zip", download.headers().firstValue("content-type").orElseThrow());
        }
        assertTrue(inbox.messagesFor(album).isEmpty(), "a ready album requests nothing");
    }

    @Test
    void anAlbumPublishedAsOnePartKeepsItsOwnNameWithoutAPartNumber() {
        String album = registered("parts-one", "Garden Party", 2);
        published(album, 1, 2);
        JsonNode answer = click(album);
        assertEquals("ready", answer.get("status").asText(), answer.toString());
        assertEquals(1, answer.get("parts").size());
        assertEquals("Garden Party.zip", answer.get("parts").get(0).get("name").asText());
    }

    /**
     * The middle part of three is gone (a lifecycle rule, a person): a link to the others would be
     * a download the client cannot finish, so the click asks for a rebuild and hands out none.
     */
    @Test
    void anyPartGoneFromS3MakesTheClickRequestARebuildAndHandOutNoLink() {
        String album = registered("parts-gone", "Gone", 6);
        published(album, 3, 2);
        aws.clients().s3().deleteObject(d -> d.bucket(aws.names().bucket()).key(partKey(album, 1)));

        JsonNode answer = click(album);
        assertEquals("pending", answer.get("status").asText(), answer.toString());
        assertTrue(answer.get("download_url").isNull());
        assertEquals(0, answer.get("parts").size());
        assertEquals(ZipStatus.PENDING, api.albums().find(album).orElseThrow().zipStatus());
        assertEquals(RequestSource.API.value(), api.albums().find(album).orElseThrow().requestSource());
        assertEquals(1, inbox.messagesFor(album).size(), "the click woke a generator");
    }

    /** A web-size part is a published archive like the others: one gone asks for the rebuild that makes both sizes. */
    @Test
    void aWebSizePartGoneFromS3MakesTheClickRequestARebuildToo() {
        String album = registered("web-part-gone", "Gone", 4);
        published(album, 2, 2);
        String webKey = publishedWeb(album);
        ArchiveCheck check = new ArchiveCheck(listing, new ObjectHeads(aws.clients().s3(), aws.names().bucket()), 2048);
        assertInstanceOf(ArchiveCheck.Current.class, check.check(api.albums().find(album).orElseThrow()));
        aws.clients().s3().deleteObject(d -> d.bucket(aws.names().bucket()).key(webKey));

        assertInstanceOf(ArchiveCheck.Missing.class, check.check(api.albums().find(album).orElseThrow()));
        JsonNode answer = click(album);
        assertEquals("pending", answer.get("status").asText(), answer.toString());
        assertEquals(1, inbox.messagesFor(album).size(), "the click woke a generator");
    }

    /**
     * Each HEAD is held until every part's HEAD has started: one after another, the first would be
     * held alone until the latch gives up, and the check would report that not all started.
     */
    @Test
    void theCheckHeadsEveryPartAtOnceNotOneAfterAnother() throws Exception {
        int count = 8;
        String album = registered("parts-at-once", "At once", count);
        published(album, count, 1);
        CountDownLatch started = new CountDownLatch(count);
        AtomicInteger heldTooLong = new AtomicInteger();
        ExecutionInterceptor holdEachHead = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (!(context.request() instanceof HeadObjectRequest)) return;
                started.countDown();
                try {
                    if (!started.await(10, TimeUnit.SECONDS)) heldTooLong.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (S3Client s3 = AwsClients.s3(aws.endpoints().region(), aws.env())
                .overrideConfiguration(c -> c.addExecutionInterceptor(holdEachHead)).build()) {
            ArchiveCheck check = new ArchiveCheck(listing, new ObjectHeads(s3, aws.names().bucket()), 2048);
            ArchiveCheck.Verdict verdict = check.check(api.albums().find(album).orElseThrow());
            assertInstanceOf(ArchiveCheck.Current.class, verdict);
            assertEquals(0, heldTooLong.get(), "every part's HEAD was under way together");
            assertEquals(0, started.getCount());
        }
    }

    // ---- building -----------------------------------------------------------------------------

    /**
     * Three parts planned: the first done (its last heartbeat said 9 of 10, done counts in full),
     * the second under way, the third waiting. Each shows on its own; the totals are their sums.
     */
    @Test
    void aBuildInPartsShowsEachPartsProgressAndTheirSum() {
        String album = registered("parts-building", "Big Day", 3);
        Instant now = Instant.now();
        api.albums().claim(album, "build-1", now.minusSeconds(20), Duration.ofMinutes(5)).orElseThrow();
        planned(album, "build-1", List.of(
                task(album, 0, "done", null, null, 9, 10, 900, 1000, 1100),
                task(album, 1, "building", "worker-2", now.plusSeconds(60), 4, 10, 400, 1000, 1100),
                task(album, 2, "todo", null, null, 0, 10, 0, 1000, 1100)));

        JsonNode answer = click(album);
        assertEquals("generating", answer.get("status").asText(), answer.toString());
        assertTrue(answer.get("download_url").isNull());
        assertEquals(0, answer.get("parts").size(), "nothing to download while building");
        JsonNode progress = answer.get("progress");
        assertEquals(14, progress.get("files_done").asLong());
        assertEquals(30, progress.get("files_total").asLong());
        assertEquals(1400, progress.get("bytes_done").asLong());
        assertEquals(3000, progress.get("bytes_total").asLong());
        assertTrue(answer.get("message").asText().startsWith("Preparing your download: 14 of 30 photos"), answer.get("message").asText());

        JsonNode parts = progress.get("parts");
        assertEquals(3, parts.size());
        long[][] expected = {{10, 1000, 1}, {4, 400, 0}, {0, 0, 0}};
        for (int i = 0; i < 3; i++) {
            JsonNode part = parts.get(i);
            assertEquals("Big Day (part " + (i + 1) + " of 3).zip", part.get("name").asText());
            assertEquals(1100, part.get("size").asLong());
            assertEquals(10, part.get("file_count").asLong());
            assertEquals(1000, part.get("bytes_total").asLong());
            assertEquals(expected[i][0], part.get("files_done").asLong(), "part " + (i + 1));
            assertEquals(expected[i][1], part.get("bytes_done").asLong(), "part " + (i + 1));
            assertEquals(expected[i][2] == 1, part.get("ready").asBoolean(), "part " + (i + 1));
        }
        assertTrue(inbox.messagesFor(album).isEmpty(), "a poll on a live build only reads");
    }

    @Test
    void aBuildNotYetPlannedShowsNoPartsAndTheAlbumsCount() {
        String album = registered("parts-unplanned", "Unplanned", 4);
        api.albums().claim(album, "build-2", Instant.now(), Duration.ofMinutes(5)).orElseThrow();
        JsonNode progress = click(album).get("progress");
        assertEquals(4, progress.get("files_total").asLong());
        assertEquals(0, progress.get("parts").size());
        assertFalse(progress.get("parts").isNull());
    }

    // ---- helpers ------------------------------------------------------------------------------

    static String registered(String albumId, String name, int photos) {
        for (int i = 1; i <= photos; i++) {
            String key = S3Keys.photoKey(albumId, "Ceremony/IMG_" + i + ".jpg");
            aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(key).contentType("image/jpeg"),
                    RequestBody.fromBytes(("photo " + key).getBytes()));
        }
        var listed = listing.list(albumId);
        assertTrue(api.albums().register(albumId, name, STUDIO, listed.size(), Fingerprint.of(listed, WebSizes.DEFAULT), Instant.now()));
        api.grants().grant(ANN, albumId, Instant.now());
        return albumId;
    }

    static String partKey(String albumId, int index) {
        return S3Keys.zipKey(albumId, "part-" + index);
    }

    /**
     * The album made ready as the generator publishes a build in parts: each part's object in S3,
     * then {@code zip_parts} and the summed {@code zip_size}/{@code zip_file_count}, {@code zip_key}
     * the first part's, all of the photos as they are now. Returns each part's bytes.
     */
    static List<byte[]> published(String albumId, int count, int filesEach) {
        List<byte[]> bytes = new ArrayList<>();
        List<AttributeValue> zipParts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] zip = ("PK part " + (i + 1) + " of " + albumId + "x".repeat(i * 7)).getBytes();
            String key = partKey(albumId, i);
            aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(key), RequestBody.fromBytes(zip));
            bytes.add(zip);
            zipParts.add(AttributeValue.fromM(Map.of("key", s(key), "size", n(zip.length), "file_count", n(filesEach),
                    "content_bytes", n(zip.length - 30L))));
        }
        String fingerprint = api.albums().find(albumId).orElseThrow().contentFingerprint();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":ready", s(ZipStatus.READY.value()));
        values.put(":fp", s(fingerprint));
        values.put(":key", s(partKey(albumId, 0)));
        values.put(":size", n(bytes.stream().mapToLong(b -> b.length).sum()));
        values.put(":files", n((long) count * filesEach));
        values.put(":parts", AttributeValue.fromL(zipParts));
        values.put(":at", s(Timestamps.format(Instant.now())));
        aws.clients().dynamo().updateItem(u -> u.tableName(aws.names().albumTable())
                .key(Map.of("album_id", s(albumId)))
                .updateExpression("SET zip_status = :ready, zip_fingerprint = :fp, zip_key = :key, zip_size = :size, "
                        + "zip_file_count = :files, zip_parts = :parts, zip_generated_at = :at")
                .expressionAttributeValues(values));
        return bytes;
    }

    /** One web-size part beside the album's published parts ({@code web_parts}), its object in S3; returns its key. */
    static String publishedWeb(String albumId) {
        byte[] zip = ("PK web size of " + albumId).getBytes();
        String key = S3Keys.zipKey(albumId, "web-0");
        aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(key), RequestBody.fromBytes(zip));
        AttributeValue part = AttributeValue.fromM(Map.of("key", s(key), "size", n(zip.length), "file_count", n(1),
                "content_bytes", n(zip.length - 30L)));
        aws.clients().dynamo().updateItem(u -> u.tableName(aws.names().albumTable())
                .key(Map.of("album_id", s(albumId)))
                .updateExpression("SET web_parts = :web")
                .expressionAttributeValues(Map.of(":web", AttributeValue.fromL(List.of(part)))));
        return key;
    }

    /** One entry of {@code build_parts}, as the generator writes it. */
    static AttributeValue task(String albumId, int index, String state, String owner, Instant leaseExpiresAt,
                               long filesDone, long filesTotal, long bytesDone, long bytesTotal, long size) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("key", s(partKey(albumId, index)));
        m.put("state", s(state));
        if (owner != null) m.put("owner", s(owner));
        if (leaseExpiresAt != null) m.put("lease_expires_at", s(Timestamps.format(leaseExpiresAt)));
        m.put("progress", AttributeValue.fromM(Map.of("files_done", n(filesDone), "files_total", n(filesTotal),
                "bytes_done", n(bytesDone), "bytes_total", n(bytesTotal))));
        m.put("size", n(size));
        return AttributeValue.fromM(m);
    }

    /** The build's plan written as the build writes it: {@code build_parts} by index, {@code parts_remaining}. */
    static void planned(String albumId, String build, List<AttributeValue> tasks) {
        Map<String, AttributeValue> byIndex = new HashMap<>();
        for (int i = 0; i < tasks.size(); i++) byIndex.put(Integer.toString(i), tasks.get(i));
        long remaining = tasks.stream().filter(t -> !t.m().get("state").s().equals("done")).count();
        aws.clients().dynamo().updateItem(u -> u.tableName(aws.names().albumTable())
                .key(Map.of("album_id", s(albumId)))
                .updateExpression("SET build_fingerprint = :fp, build_parts = :parts, parts_remaining = :left")
                .conditionExpression("lease_owner = :build")
                .expressionAttributeValues(Map.of(":fp", s("plan-" + albumId), ":parts", AttributeValue.fromM(byIndex),
                        ":left", n(remaining), ":build", s(build))));
    }

    static JsonNode click(String albumId) {
        APIGatewayV2HTTPResponse response = api.handler().handleRequest(
                ApiEvents.get("/albums/" + albumId + "/download").bearer(api.issuer().idToken(ANN)).event(), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return ApiEvents.body(response);
    }

    static HttpResponse<byte[]> fetch(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static AttributeValue s(String v) { return AttributeValue.fromS(v); }

    static AttributeValue n(long v) { return AttributeValue.fromN(Long.toString(v)); }
}

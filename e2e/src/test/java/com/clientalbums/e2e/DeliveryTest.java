package com.clientalbums.e2e;

import com.clientalbums.local.demo.DemoAlbum;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proof of delivery on the local runner, end to end through its HTTP API: download links are
 * presigned for the runner's S3 front, which writes S3's server access logs; maintenance's
 * deliveries run reads them and the studio's deliveries view shows what arrived. A runner of
 * its own (the suite's demo archive is downloaded by other tests, which would count here).
 *
 * <p>The demo client downloads the demo archive in two halves, as a browser or {@code curl -C -}
 * does after a cut: the first GET is cut off by the client mid-way, the second asks
 * {@code Range: bytes=k-} from what arrived. An S3 log line proves the body bytes that left
 * the server: a cut 200 proves {@code [0, bytes sent)}, at least what arrived and less than the
 * whole; a 206 proves the bytes up to the object's end.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeliveryTest {
    private static final String UNSTARTED_ALBUM = "delivery-never-fetched";
    private static final String UNSTARTED_NAME = "Delivery Never Fetched";
    private static final String GUEST_ALBUM = "delivery-guest-link";
    private static final String GUEST_NAME = "Delivery Guest Link";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static Portal portal;

    @BeforeAll
    static void startARunnerOfItsOwn() throws Exception {
        portal = Portal.start("runner-data-deliveries", Map.of());
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
    }

    @Test
    void a_download_cut_off_mid_way_shows_about_half_then_complete_once_resumed_from_where_it_stopped() throws Exception {
        String client = portal.token(DemoAlbum.CLIENT_EMAIL);
        JsonNode ready = readyDownload(DemoAlbum.ALBUM_ID, client);
        assertEquals(1, ready.path("parts").size(), "the demo archive is one part: " + ready);
        URI link = URI.create(ready.path("download_url").asText());
        long size = ready.path("zip_size").asLong();
        assertEquals(portal.runner.s3Front().endpoint().getPort(), link.getPort(), "a link to the S3 front: " + link);
        assertTrue(link.getRawQuery().contains("x-delivery=demo."), "a tagged link: " + link);

        // The first GET asks for everything and hangs up once half has arrived.
        byte[] first = readThenHangUp(link, size / 2);
        long arrived = first.length;
        assertTrue(arrived >= size / 2 && arrived < size, arrived + " of " + size);
        maintenance();

        JsonNode cut = delivery(DemoAlbum.ALBUM_ID, "client:" + DemoAlbum.CLIENT_EMAIL);
        long served = cut.path("bytes_served").asLong();
        assertTrue(served >= arrived && served < size, "served " + served + " after " + arrived + " of " + size + " arrived");
        assertTrue(cut.path("percent").asInt() >= 50 && cut.path("percent").asInt() < 100, cut.toString());
        assertFalse(cut.path("complete").asBoolean(), cut.toString());
        assertEquals(size, cut.path("size").asLong());
        assertEquals("client", cut.path("recipient_kind").asText());
        assertEquals("album", cut.path("kind").asText());
        assertFalse(cut.path("first_at").isMissingNode() || cut.path("first_at").isNull(), cut.toString());

        // The rest, from what arrived: the two pieces are the archive, byte for byte.
        HttpResponse<byte[]> rest = HTTP.send(HttpRequest.newBuilder(link).header("Range", "bytes=" + arrived + "-").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, rest.statusCode());
        assertEquals(size - arrived, rest.body().length);
        byte[] whole = new byte[(int) size];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(rest.body(), 0, whole, first.length, rest.body().length);
        String key = link.getRawPath().substring(("/" + portal.bucket + "/").length());
        assertArrayEquals(portal.bytes(java.net.URLDecoder.decode(key, StandardCharsets.UTF_8)), whole);
        maintenance();

        JsonNode done = delivery(DemoAlbum.ALBUM_ID, "client:" + DemoAlbum.CLIENT_EMAIL);
        assertTrue(done.path("complete").asBoolean(), done.toString());
        assertEquals(size, done.path("bytes_served").asLong());
        assertEquals(100, done.path("percent").asInt());
        assertTrue(done.path("completed_at").isTextual(), done.toString());
        assertTrue(done.path("parts").path(0).path("complete").asBoolean(), done.toString());
    }

    @Test
    void a_link_handed_out_but_never_fetched_shows_nothing_but_counts_as_unstarted() throws Exception {
        albumOfTwoPhotos(UNSTARTED_ALBUM, UNSTARTED_NAME, 700);
        portal.grant(UNSTARTED_ALBUM, DemoAlbum.CLIENT_EMAIL);
        readyDownload(UNSTARTED_ALBUM, portal.token(DemoAlbum.CLIENT_EMAIL));
        maintenance();

        JsonNode view = portal.api("GET", "/admin/albums/" + UNSTARTED_ALBUM + "/deliveries", portal.adminToken(), null);
        assertEquals(0, view.path("deliveries").size(), view.toString());
        assertTrue(view.path("unstarted").asInt() >= 1, view.toString());
    }

    @Test
    void a_guests_download_through_a_share_link_is_attributed_to_the_link_and_its_label() throws Exception {
        albumOfTwoPhotos(GUEST_ALBUM, GUEST_NAME, 710);
        JsonNode share = portal.api("POST", "/admin/albums/" + GUEST_ALBUM + "/shares", portal.adminToken(),
                Map.of("label", "Grandparents", "downloads", "both"));
        JsonNode session = portal.api("POST", "/share/session", null, Map.of("token", share.path("token").asText()));
        JsonNode ready = readyDownload(GUEST_ALBUM, session.path("guest_token").asText());
        HttpResponse<byte[]> whole = HTTP.send(HttpRequest.newBuilder(URI.create(ready.path("download_url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, whole.statusCode());
        maintenance();

        JsonNode view = portal.api("GET", "/admin/albums/" + GUEST_ALBUM + "/deliveries", portal.adminToken(), null);
        assertEquals(1, view.path("deliveries").size(), view.toString());
        JsonNode delivery = view.path("deliveries").get(0);
        assertEquals("link", delivery.path("recipient_kind").asText());
        assertEquals("Grandparents", delivery.path("recipient_label").asText());
        assertEquals(share.path("share_id").asText(), delivery.path("share_id").asText());
        assertEquals("link:" + share.path("share_id").asText(), delivery.path("recipient").asText());
        assertTrue(delivery.path("complete").asBoolean(), delivery.toString());
        assertEquals(whole.body().length, delivery.path("bytes_served").asLong());
    }

    // --- helpers ---------------------------------------------------------------------------

    private static void albumOfTwoPhotos(String albumId, String name, int seed) throws Exception {
        for (String photo : List.of("IMG_0001.jpg", "IMG_0002.jpg")) {
            portal.putPhoto(albumId, photo, SmallPhotos.jpeg(seed++));
        }
        portal.registerAlbum(albumId, name);
        portal.awaitArchiveReady(albumId, Duration.ofSeconds(120));
    }

    /** The download answer once it is ready (a click on Download All, then the portal's polling). */
    private static JsonNode readyDownload(String albumId, String token) throws Exception {
        JsonNode[] last = {null};
        Portal.await("a ready download of " + albumId, Duration.ofSeconds(120), () -> {
            try {
                last[0] = portal.api("GET", "/albums/" + albumId + "/download", token, null);
                return last[0].path("status").asText().equals("ready");
            } catch (IOException e) {
                return false;
            }
        }, () -> String.valueOf(last[0]));
        return last[0];
    }

    /** The runner's maintenance now: the access logs so far are delivered, then the daily and deliveries runs. */
    private static void maintenance() throws Exception {
        HttpResponse<String> run = HTTP.send(HttpRequest.newBuilder(portal.url("/local-admin/maintenance"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, run.statusCode(), run.body());
        JsonNode both = Portal.JSON.readTree(run.body());
        assertTrue(both.has("daily") && both.has("deliveries"), run.body());
    }

    /** The studio's view of what {@code recipient} took of the album's archive. */
    private static JsonNode delivery(String albumId, String recipient) throws IOException {
        JsonNode view = portal.api("GET", "/admin/albums/" + albumId + "/deliveries", portal.adminToken(), null);
        return StreamSupport.stream(view.path("deliveries").spliterator(), false)
                .filter(d -> d.path("recipient").asText().equals(recipient) && d.path("kind").asText().equals("album"))
                .findFirst().orElseThrow(() -> new AssertionError("no delivery to " + recipient + " in " + view));
    }

    /**
     * A GET of the whole object that reads {@code wanted} body bytes and closes the connection, as
     * a browser's download cut off by a lost connection: the receive buffer is small, so the
     * server cannot have sent much more than what was read.
     */
    private static byte[] readThenHangUp(URI link, long wanted) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(32 * 1024);
            socket.connect(new InetSocketAddress(link.getHost(), link.getPort()), 10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + link.getRawPath() + "?" + link.getRawQuery() + " HTTP/1.1\r\nHost: " + link.getAuthority()
                    + "\r\nUser-Agent: DeliveryTest\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) throw new IOException("the answer ended in its headers: " + head);
                head.write(b);
            }
            String status = head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
            if (!status.startsWith("HTTP/1.1 200")) throw new IOException("not a 200: " + head);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (body.size() < wanted) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, wanted - body.size()));
                if (n < 0) break;
                body.write(buffer, 0, n);
            }
            return Arrays.copyOf(body.toByteArray(), body.size());
        }
    }
}

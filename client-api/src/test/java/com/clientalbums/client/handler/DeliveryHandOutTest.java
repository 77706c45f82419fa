package com.clientalbums.client.handler;

import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.BuildRecord;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.PublishedArchive;
import com.clientalbums.common.delivery.DeliveredKind;
import com.clientalbums.common.delivery.DeliveredPart;
import com.clientalbums.common.delivery.Delivery;
import com.clientalbums.common.delivery.DeliveryRepository;
import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.delivery.DeviceType;
import com.clientalbums.common.delivery.Recipient;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.http.Json;
import com.clientalbums.common.share.Share;
import com.clientalbums.common.share.ShareTokens;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.WebSizes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.clientalbums.client.handler.ClientApiFixture.STUDIO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Download links handed out as deliveries, through the client API's Lambda entry point: a ready
 * answer is recorded against whoever asked before its links are signed, each link carrying the
 * record's tag; an answer that hands nothing out records nothing.
 */
class DeliveryHandOutTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    @Order(2)
    static final ClientApiFixture api = ClientApiFixture.on(aws);

    static final String ANN = "ann@example.com";
    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

    static DeliveryRepository deliveries;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void setUp() {
        deliveries = new DeliveryRepository(aws.clients().dynamo(), aws.names().deliveryTable());
    }

    // ---- helpers ------------------------------------------------------------------------------

    static ApiEvents.Request download(String albumId, String token, String userAgent) {
        return ApiEvents.get("/albums/" + albumId + "/download").bearer(token).header("user-agent", userAgent);
    }

    /** An album registered as the admin API would, granted to Ann. */
    static String registered(String albumId, String name, int photos) {
        for (int i = 1; i <= photos; i++) {
            String key = S3Keys.photoKey(albumId, "Ceremony/IMG_" + i + ".jpg");
            aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(key).contentType("image/jpeg"),
                    RequestBody.fromString("photo " + i + " of " + albumId));
        }
        var listing = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(api.albums().register(albumId, name, STUDIO, listing.size(), Fingerprint.of(listing, WebSizes.DEFAULT), Instant.now()));
        api.grants().grant(ANN, albumId, Instant.now());
        return albumId;
    }

    /** The generator's part: claim, upload an archive, publish it. Returns the archive's bytes. */
    static byte[] published(String albumId) {
        Album album = api.albums().find(albumId).orElseThrow();
        Album claimed = api.albums().claim(albumId, "gen-test", Instant.now(), Duration.ofMinutes(2)).orElseThrow();
        byte[] zip = ("PK archive of " + albumId).getBytes(StandardCharsets.UTF_8);
        String key = S3Keys.zipKey(albumId, album.contentFingerprint());
        aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(key), RequestBody.fromBytes(zip));
        var build = new BuildRecord(album.requestedAt(), claimed.zipGenerationStartedAt(), Instant.now(), "ready",
                album.photoCount(), 100, 0.5, "registration");
        assertTrue(api.albums().publish(albumId, "gen-test", claimed.buildVersion(),
                new PublishedArchive(key, zip.length, album.photoCount(), 100, album.contentFingerprint()), List.of(build), Instant.now()));
        return zip;
    }

    /** The {@code x-delivery} values of a ready answer's links, one per part. */
    static List<String> tags(JsonNode answer) {
        List<String> tags = new ArrayList<>();
        for (JsonNode part : answer.get("parts")) {
            String query = URI.create(part.get("download_url").asText()).getRawQuery();
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (pair.substring(0, eq).equals(DeliveryTag.PARAMETER)) tags.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return tags;
    }

    static HttpResponse<byte[]> fetch(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    // ---- hand-outs ----------------------------------------------------------------------------

    @Test
    void aReadyArchiveIsRecordedAsOneDeliveryToTheClientAndItsLinkCarriesTheTagAndStillDownloads() throws Exception {
        String albumId = registered("handed-ready", "Smith Wedding", 3);
        byte[] zip = published(albumId);
        JsonNode answer = api.ok(download(albumId, api.issuer().idToken(ANN), IPHONE));
        assertEquals("ready", answer.get("status").asText());

        List<Delivery> recorded = deliveries.forAlbum(albumId);
        assertEquals(1, recorded.size());
        Delivery d = recorded.getFirst();
        assertEquals(Recipient.client(ANN), d.recipient());
        assertEquals(DeliveredKind.ALBUM, d.kind());
        assertEquals(PhotoSize.ORIGINAL, d.size());
        assertEquals("Smith Wedding.zip", d.archiveName());
        assertEquals(3, d.photoCount());
        assertEquals(List.of(DeliveredPart.handedOut(S3Keys.zipKey(albumId, api.albums().find(albumId).orElseThrow().contentFingerprint()),
                "Smith Wedding.zip", zip.length, 3)), d.parts());
        assertEquals(1, d.linksHanded());
        assertEquals(Set.of(DeviceType.PHONE), d.devices());
        assertFalse(d.started(), "handed out is not served");

        assertEquals(List.of(d.tag().value()), tags(answer));
        var response = fetch(answer.get("download_url").asText());
        assertEquals(200, response.statusCode(), "S3 ignores the x- parameter it signs");
        assertArrayEquals(zip, response.body());
    }

    @Test
    void aSecondClickCountsAnotherHandOutOnTheSameRecordWithItsDevice() {
        String albumId = registered("handed-twice", "Twice", 2);
        published(albumId);
        String ann = api.issuer().idToken(ANN);
        List<String> first = tags(api.ok(download(albumId, ann, IPHONE)));
        List<String> second = tags(api.ok(download(albumId, ann, FIREFOX)));
        assertEquals(first, second, "the same delivery");

        Delivery d = deliveries.forAlbum(albumId).getFirst();
        assertEquals(1, deliveries.forAlbum(albumId).size());
        assertEquals(2, d.linksHanded());
        assertEquals(Set.of(DeviceType.PHONE, DeviceType.DESKTOP), d.devices());
    }

    @Test
    void onePhotoIsAPhotoDeliveryUnderTheNameItDownloadsAs() throws Exception {
        String albumId = registered("handed-photo", "Photo", 2);
        JsonNode answer = api.ok(download(albumId, api.issuer().idToken(ANN), FIREFOX).query("file_name", "Ceremony/IMG_2.jpg"));
        Delivery d = deliveries.forAlbum(albumId).getFirst();
        assertEquals(DeliveredKind.PHOTO, d.kind());
        assertEquals("IMG_2.jpg", d.archiveName());
        assertEquals(1, d.photoCount());
        assertEquals(List.of(DeliveredPart.handedOut(S3Keys.photoKey(albumId, "Ceremony/IMG_2.jpg"), "IMG_2.jpg",
                ("photo 2 of " + albumId).length(), 1)), d.parts());
        assertEquals(List.of(d.tag().value()), tags(answer));
        assertEquals("photo 2 of " + albumId, new String(fetch(answer.get("download_url").asText()).body(), StandardCharsets.UTF_8));
    }

    @Test
    void aGuestsDownloadIsRecordedAgainstTheirLinkWithTheNameTheyGave() {
        String albumId = registered("handed-guest", "Guests", 2);
        published(albumId);
        String token = ShareTokens.newToken();
        String shareId = ShareTokens.newShareId();
        assertTrue(api.shares().create(new Share(albumId, shareId, "For the family", Downloads.BOTH, null, 0, 0, null, null,
                Instant.now(), STUDIO, null, 0, 0, null), ShareTokens.hash(token)));
        String guest = api.ok(ApiEvents.post("/share/session").body(Json.write(Map.of("token", token)))).get("guest_token").asText();
        api.ok(download(albumId, guest, IPHONE));
        String named = api.ok(ApiEvents.post("/share/visitor").bearer(guest).body(Json.write(Map.of("name", "Grandma"))))
                .get("guest_token").asText();
        api.ok(download(albumId, named, FIREFOX));

        List<Delivery> recorded = deliveries.forAlbum(albumId);
        assertEquals(1, recorded.size(), "a link's guests share its deliveries");
        Delivery d = recorded.getFirst();
        assertEquals(Recipient.link(shareId, "For the family"), d.recipient());
        assertEquals("link:" + shareId, d.recipient().id());
        assertEquals(2, d.linksHanded());
        assertEquals(Set.of("Grandma"), d.visitors());
    }

    @Test
    void anAnswerThatHandsNothingOutRecordsNothing() {
        String albumId = registered("handed-pending", "Pending", 2);
        JsonNode answer = api.ok(download(albumId, api.issuer().idToken(ANN), FIREFOX));
        assertEquals("pending", answer.get("status").asText());
        JsonNode again = api.ok(download(albumId, api.issuer().idToken(ANN), FIREFOX));
        assertTrue(List.of("pending", "generating").contains(again.get("status").asText()));
        assertTrue(deliveries.forAlbum(albumId).isEmpty());
    }
}

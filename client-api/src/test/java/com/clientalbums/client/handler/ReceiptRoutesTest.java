package com.clientalbums.client.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.delivery.ByteRange;
import com.clientalbums.common.delivery.DeliveredKind;
import com.clientalbums.common.delivery.DeliveredPart;
import com.clientalbums.common.delivery.DeliveryRepository;
import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.delivery.DeviceType;
import com.clientalbums.common.delivery.HandOut;
import com.clientalbums.common.delivery.PartDigest;
import com.clientalbums.common.delivery.PartReceipt;
import com.clientalbums.common.delivery.PartReceipts;
import com.clientalbums.common.delivery.Recipient;
import com.clientalbums.common.delivery.ServedRange;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.http.Json;
import com.clientalbums.common.share.Share;
import com.clientalbums.common.share.ShareTokens;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.StoredZips;
import com.clientalbums.testing.WebSizes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.clientalbums.client.handler.ClientApiFixture.STUDIO;
import static com.clientalbums.client.handler.ClientApiFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receipt routes through the client API's Lambda entry point, over delivery records written by
 * the repository and receipts made from real archives in S3: a caller sees their own complete
 * downloads only (anyone else's is 404, as for nothing), a receipt and its manifest are 409 until
 * every part has its receipt, and a link's guests see the link's.
 */
class ReceiptRoutesTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    @Order(2)
    static final ClientApiFixture api = ClientApiFixture.on(aws);

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00.000Z");

    static DeliveryRepository deliveries;
    static PartReceipts receipts;

    @BeforeAll
    static void setUp() {
        deliveries = new DeliveryRepository(aws.clients().dynamo(), aws.names().deliveryTable());
        receipts = new PartReceipts(aws.clients().s3(), aws.names().bucket());
    }

    @Test
    void aClientSeesTheReceiptAndManifestOfTheirCompleteDownloadAndNoOneElses() throws Exception {
        String albumId = album("receipts-client", "ann@example.com", "bob@example.com");
        List<Part> parts = List.of(
                part(albumId, "p1", "Smith Wedding (part 1 of 2).zip", Map.of("Ceremony/IMG_0001.jpg", photo(1, 40_000))),
                part(albumId, "p2", "Smith Wedding (part 2 of 2).zip", Map.of("Party/IMG 0002.jpg", photo(2, 30_000))));
        parts.forEach(ReceiptRoutesTest::makeReceipt);
        DeliveryTag ann = complete(albumId, Recipient.client("ann@example.com"), DeliveredKind.ALBUM, PhotoSize.ORIGINAL, parts);
        DeliveryTag bob = complete(albumId, Recipient.client("bob@example.com"), DeliveredKind.ALBUM, PhotoSize.ORIGINAL, parts);
        String annToken = api.issuer().idToken("ann@example.com");

        JsonNode listed = api.ok(ApiEvents.get("/albums/" + albumId + "/receipts").bearer(annToken));
        assertEquals(1, listed.get("receipts").size(), listed.toString());
        JsonNode summary = listed.get("receipts").get(0);
        assertEquals(ann.deliveryId(), summary.get("delivery_id").asText());
        assertEquals("Smith Wedding.zip", summary.get("archive").asText());
        assertEquals("album", summary.get("kind").asText());
        assertEquals("original", summary.get("photo_size").asText());
        assertEquals(parts.get(0).bytes.length + parts.get(1).bytes.length, summary.get("size").asLong());
        assertEquals(2, summary.get("photo_count").asLong());
        assertEquals("2026-12-05T10:02:00.000Z", summary.get("completed_at").asText());
        assertTrue(summary.get("ready").asBoolean());

        JsonNode receipt = api.ok(ApiEvents.get("/albums/" + albumId + "/receipts/" + ann.deliveryId()).bearer(annToken));
        assertEquals(albumId, receipt.get("album_id").asText());
        assertEquals("Smith Wedding", receipt.get("album_name").asText());
        assertEquals("ann@example.com", receipt.get("recipient_label").asText());
        assertEquals("2026-12-05T10:01:00.000Z", receipt.get("first_at").asText());
        assertEquals("Smith Wedding.sfv", receipt.get("manifest_name").asText());
        assertEquals(2, receipt.get("parts").size());
        for (int i = 0; i < 2; i++) {
            JsonNode shown = receipt.get("parts").get(i);
            assertEquals(parts.get(i).name, shown.get("name").asText());
            assertEquals(parts.get(i).bytes.length, shown.get("size").asLong());
            assertEquals(sha256(parts.get(i).bytes), shown.get("sha256").asText());
        }

        APIGatewayV2HTTPResponse manifest = api.call(ApiEvents.get("/albums/" + albumId + "/receipts/" + ann.deliveryId() + "/manifest")
                .bearer(annToken));
        assertEquals(200, manifest.getStatusCode(), manifest.getBody());
        assertEquals("text/plain; charset=utf-8", manifest.getHeaders().get("content-type"));
        assertTrue(manifest.getHeaders().get("content-disposition").startsWith("attachment; filename=\"Smith Wedding.sfv\""));
        String sfv = new String(Base64.getDecoder().decode(manifest.getBody()), StandardCharsets.UTF_8);
        assertEquals("; Album: Smith Wedding\n; Archive: Smith Wedding.zip\n; Files: 2\n"
                + "; 40000 Ceremony/IMG_0001.jpg\n; 30000 Party/IMG 0002.jpg\n"
                + "Ceremony/IMG_0001.jpg " + crc(photo(1, 40_000)) + "\nParty/IMG 0002.jpg " + crc(photo(2, 30_000)) + "\n", sfv);

        // Bob's delivery of the same archive is his: to Ann it does not exist, nor does a made-up id.
        for (String path : List.of("/receipts/" + bob.deliveryId(), "/receipts/" + bob.deliveryId() + "/manifest",
                "/receipts/d000000000000000000000000", "/receipts/not-an-id")) {
            assertError(api.call(ApiEvents.get("/albums/" + albumId + path).bearer(annToken)), 404, "NOT_FOUND");
        }
        assertEquals(bob.deliveryId(), api.ok(ApiEvents.get("/albums/" + albumId + "/receipts").bearer(api.issuer().idToken("bob@example.com")))
                .get("receipts").get(0).get("delivery_id").asText());
        // An album not granted to the caller answers as one that does not exist.
        assertError(api.call(ApiEvents.get("/albums/" + albumId + "/receipts").bearer(api.issuer().idToken("eve@example.com"))), 404, "NOT_FOUND");
    }

    @Test
    void aReceiptIsNotReadyUntilTheDownloadIsCompleteAndEveryPartHasItsReceipt() throws Exception {
        String albumId = album("receipts-waiting", "ann@example.com");
        Part first = part(albumId, "w1", "Smith Wedding - Favourites.zip", Map.of("IMG_0001.jpg", photo(3, 20_000)));
        DeliveryTag favourites = complete(albumId, Recipient.client("ann@example.com"), DeliveredKind.FAVOURITES, PhotoSize.ORIGINAL,
                List.of(first));
        Part web = part(albumId, "w2", "Smith Wedding (web size).zip", Map.of("IMG_0001.jpg", photo(4, 5_000)));
        makeReceipt(web);
        DeliveryTag halfway = handOut(albumId, Recipient.client("ann@example.com"), DeliveredKind.ALBUM, PhotoSize.WEB, List.of(web));
        deliveries.record(halfway, List.of(served(halfway, web, 0, web.bytes.length / 2)), T0.plusSeconds(120)).orElseThrow();
        String annToken = api.issuer().idToken("ann@example.com");

        JsonNode listed = api.ok(ApiEvents.get("/albums/" + albumId + "/receipts").bearer(annToken));
        assertEquals(1, listed.get("receipts").size(), "only complete downloads: " + listed);
        assertEquals(favourites.deliveryId(), listed.get("receipts").get(0).get("delivery_id").asText());
        assertEquals("favourites", listed.get("receipts").get(0).get("kind").asText());
        assertFalse(listed.get("receipts").get(0).get("ready").asBoolean(), "its part has no receipt yet");
        for (DeliveryTag tag : List.of(favourites, halfway)) {
            assertError(api.call(ApiEvents.get("/albums/" + albumId + "/receipts/" + tag.deliveryId()).bearer(annToken)), 409, "RECEIPT_NOT_READY");
            assertError(api.call(ApiEvents.get("/albums/" + albumId + "/receipts/" + tag.deliveryId() + "/manifest").bearer(annToken)),
                    409, "RECEIPT_NOT_READY");
        }

        makeReceipt(first);
        assertTrue(api.ok(ApiEvents.get("/albums/" + albumId + "/receipts").bearer(annToken)).get("receipts").get(0).get("ready").asBoolean());
        assertEquals(sha256(first.bytes), api.ok(ApiEvents.get("/albums/" + albumId + "/receipts/" + favourites.deliveryId())
                .bearer(annToken)).get("parts").get(0).get("sha256").asText());
    }

    @Test
    void aLinksGuestsSeeTheLinksDeliveriesAndNotAClients() {
        String albumId = album("receipts-guests", "ann@example.com");
        String token = ShareTokens.newToken();
        String shareId = ShareTokens.newShareId();
        assertTrue(api.shares().create(new Share(albumId, shareId, "For the family", Downloads.BOTH, null, 0, 0, null,
                null, Instant.now(), STUDIO, null, 0, 0, null), ShareTokens.hash(token)));
        Part archive = part(albumId, "g1", "Smith Wedding.zip", Map.of("IMG_0001.jpg", photo(5, 10_000)));
        makeReceipt(archive);
        DeliveryTag family = complete(albumId, Recipient.link(shareId, "For the family"), DeliveredKind.ALBUM, PhotoSize.ORIGINAL,
                List.of(archive));
        DeliveryTag ann = complete(albumId, Recipient.client("ann@example.com"), DeliveredKind.ALBUM, PhotoSize.ORIGINAL, List.of(archive));
        String guest = api.ok(ApiEvents.post("/share/session").body(Json.write(Map.of("token", token)))).get("guest_token").asText();

        JsonNode listed = api.ok(ApiEvents.get("/albums/" + albumId + "/receipts").bearer(guest));
        assertEquals(1, listed.get("receipts").size(), listed.toString());
        assertEquals(family.deliveryId(), listed.get("receipts").get(0).get("delivery_id").asText());
        assertEquals("For the family", api.ok(ApiEvents.get("/albums/" + albumId + "/receipts/" + family.deliveryId()).bearer(guest))
                .get("recipient_label").asText());
        assertError(api.call(ApiEvents.get("/albums/" + albumId + "/receipts/" + ann.deliveryId()).bearer(guest)), 404, "NOT_FOUND");
        assertError(api.call(ApiEvents.get("/albums/" + albumId + "/receipts/" + family.deliveryId())
                .bearer(api.issuer().idToken("ann@example.com"))), 404, "NOT_FOUND");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** An archive part in S3: its key, the name it downloads as, its bytes. */
    record Part(String key, String name, byte[] bytes) {}

    static Part part(String albumId, String id, String name, Map<String, byte[]> photos) {
        byte[] bytes = StoredZips.of(new LinkedHashMap<>(photos));
        String key = S3Keys.zipKey(albumId, id);
        aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(key), RequestBody.fromBytes(bytes));
        return new Part(key, name, bytes);
    }

    /** What maintenance's receipts step does for a part. */
    static void makeReceipt(Part part) {
        try {
            receipts.put(PartDigest.of(part.key, new ByteArrayInputStream(part.bytes)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static DeliveryTag handOut(String albumId, Recipient recipient, DeliveredKind kind, PhotoSize size, List<Part> parts) {
        List<DeliveredPart> handed = new ArrayList<>();
        for (Part p : parts) handed.add(DeliveredPart.handedOut(p.key, p.name, p.bytes.length, 1));
        String archiveName = parts.size() == 1 ? parts.getFirst().name : "Smith Wedding.zip";
        return deliveries.handOut(new HandOut(albumId, recipient, kind, size, archiveName, handed, parts.size(), DeviceType.DESKTOP, "", T0));
    }

    /** Handed out, then every byte of every part served, as the access logs would show. */
    static DeliveryTag complete(String albumId, Recipient recipient, DeliveredKind kind, PhotoSize size, List<Part> parts) {
        DeliveryTag tag = handOut(albumId, recipient, kind, size, parts);
        List<ServedRange> served = new ArrayList<>();
        for (Part p : parts) served.add(served(tag, p, 0, p.bytes.length));
        deliveries.record(tag, served, T0.plusSeconds(120)).orElseThrow();
        return tag;
    }

    static ServedRange served(DeliveryTag tag, Part part, long start, long end) {
        return new ServedRange(tag, part.key, new ByteRange(start, end), false, T0.plusSeconds(60), "curl/8.5.0");
    }

    static String album(String albumId, String... clients) {
        assertTrue(api.albums().register(albumId, "Smith Wedding", STUDIO, 0, Fingerprint.of(List.of(), WebSizes.DEFAULT), Instant.now()));
        for (String client : clients) api.grants().grant(client, albumId, Instant.now(), Downloads.BOTH);
        return albumId;
    }

    static byte[] photo(int seed, int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String crc(byte[] bytes) {
        return String.format("%08X", StoredZips.crc32(bytes));
    }

    /** The SHA-256 a client's {@code sha256sum} prints for the downloaded part. */
    static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

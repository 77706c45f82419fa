package com.clientalbums.admin.handler;

import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.delivery.ByteRange;
import com.clientalbums.common.delivery.DeliveredKind;
import com.clientalbums.common.delivery.DeliveredPart;
import com.clientalbums.common.delivery.DeliveryRepository;
import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.delivery.DeviceType;
import com.clientalbums.common.delivery.HandOut;
import com.clientalbums.common.delivery.Recipient;
import com.clientalbums.common.delivery.ServedRange;
import com.clientalbums.common.http.ApiEvents;
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

import java.time.Instant;
import java.util.List;

import static com.clientalbums.admin.handler.StudioApiFixture.STUDIO;
import static com.clientalbums.admin.handler.StudioApiFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The studio's deliveries route through the admin API's Lambda entry point, on loopback DynamoDB:
 * deliveries are handed out and their served ranges recorded through the repository, as the client
 * API and maintenance's log processor do.
 */
class DeliveryRoutesTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    @Order(2)
    static final StudioApiFixture api = StudioApiFixture.on(aws);

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static DeliveryRepository deliveries;

    @BeforeAll
    static void setUp() {
        deliveries = new DeliveryRepository(aws.clients().dynamo(), aws.names().deliveryTable());
    }

    static JsonNode listing(String albumId) {
        var response = api.call(ApiEvents.get("/admin/albums/" + albumId + "/deliveries").bearer(api.admin()));
        assertEquals(200, response.getStatusCode(), response.getBody());
        return ApiEvents.body(response);
    }

    static String album(String albumId) {
        aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, "IMG_1.jpg")),
                RequestBody.fromString("photo"));
        var listing = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(api.albums().register(albumId, albumId, STUDIO, listing.size(), Fingerprint.of(listing, WebSizes.DEFAULT), Instant.now()));
        return albumId;
    }

    /** The album's archive in two parts of 1,000 and 500 bytes, handed to {@code to}. */
    static DeliveryTag handOut(String albumId, Recipient to, DeviceType device, String visitor, Instant at) {
        return deliveries.handOut(new HandOut(albumId, to, DeliveredKind.ALBUM, PhotoSize.ORIGINAL, "Smith Wedding.zip",
                List.of(DeliveredPart.handedOut("zips/" + albumId + "/aa11.zip", "Smith Wedding (part 1 of 2).zip", 1000, 8),
                        DeliveredPart.handedOut("zips/" + albumId + "/bb22.zip", "Smith Wedding (part 2 of 2).zip", 500, 4)),
                12, device, visitor, at));
    }

    static ServedRange served(DeliveryTag tag, String key, long start, long end, boolean cutShort, Instant at) {
        return new ServedRange(tag, key, new ByteRange(start, end), cutShort, at, "");
    }

    @Test
    void startedDeliveriesAreListedNewestActivityFirstAndUnstartedOnesOnlyCounted() {
        String albumId = album("deliveries-list");
        String part1 = "zips/" + albumId + "/aa11.zip";
        String part2 = "zips/" + albumId + "/bb22.zip";

        DeliveryTag ann = handOut(albumId, Recipient.client("ann@example.com"), DeviceType.PHONE, "", T0);
        deliveries.record(ann, List.of(served(ann, part1, 0, 500, true, T0.plusSeconds(60))), T0.plusSeconds(3600));

        DeliveryTag family = handOut(albumId, Recipient.link("s0family", "Family"), DeviceType.DESKTOP, "Grandma", T0.plusSeconds(120));
        handOut(albumId, Recipient.link("s0family", "Family"), DeviceType.TABLET, "", T0.plusSeconds(180));
        Instant processed = T0.plusSeconds(7200);
        deliveries.record(family, List.of(served(family, part1, 0, 1000, false, T0.plusSeconds(200)),
                served(family, part2, 0, 500, false, T0.plusSeconds(300))), processed);

        handOut(albumId, Recipient.client("bob@example.com"), DeviceType.DESKTOP, "", T0); // never used

        JsonNode listing = listing(albumId);
        assertEquals(albumId, listing.get("album_id").asText());
        assertEquals(1, listing.get("unstarted").asLong());
        JsonNode rows = listing.get("deliveries");
        assertEquals(2, rows.size());

        JsonNode link = rows.get(0);
        assertEquals(family.deliveryId(), link.get("delivery_id").asText());
        assertEquals("link:s0family", link.get("recipient").asText());
        assertEquals("link", link.get("recipient_kind").asText());
        assertEquals("Family", link.get("recipient_label").asText());
        assertEquals("s0family", link.get("share_id").asText());
        assertTrue(link.get("email").isNull());
        assertEquals(List.of("Grandma"), List.of(link.get("visitors").get(0).asText()));
        assertEquals("album", link.get("kind").asText());
        assertEquals("original", link.get("photo_size").asText());
        assertEquals("Smith Wedding.zip", link.get("archive").asText());
        assertEquals(1500, link.get("bytes_served").asLong());
        assertEquals(1500, link.get("size").asLong());
        assertEquals(100, link.get("percent").asInt());
        assertTrue(link.get("complete").asBoolean());
        assertEquals("2026-12-01T12:00:00.000Z", link.get("completed_at").asText());
        assertEquals("2026-12-01T10:03:20.000Z", link.get("first_at").asText());
        assertEquals("2026-12-01T10:05:00.000Z", link.get("last_at").asText());
        assertEquals("2026-12-01T10:02:00.000Z", link.get("handed_out_at").asText());
        assertEquals(2, link.get("links_handed").asLong());
        assertEquals(List.of("tablet", "desktop"), List.of(link.get("devices").get(0).asText(), link.get("devices").get(1).asText()));

        JsonNode client = rows.get(1);
        assertEquals("client:ann@example.com", client.get("recipient").asText());
        assertEquals("ann@example.com", client.get("email").asText());
        assertTrue(client.get("share_id").isNull());
        assertEquals(500, client.get("bytes_served").asLong());
        assertEquals(33, client.get("percent").asInt(), "500 of 1,500 bytes, rounded down");
        assertFalse(client.get("complete").asBoolean());
        assertTrue(client.get("completed_at").isNull());
        JsonNode first = client.get("parts").get(0);
        assertEquals("Smith Wedding (part 1 of 2).zip", first.get("name").asText());
        assertEquals(1000, first.get("size").asLong());
        assertEquals(500, first.get("bytes_served").asLong());
        assertFalse(first.get("complete").asBoolean());
        assertEquals(0, client.get("parts").get(1).get("bytes_served").asLong());
    }

    @Test
    void anAlbumWithoutDeliveriesListsNoneAndAnUnknownAlbumIs404() {
        JsonNode empty = listing(album("deliveries-none"));
        assertEquals(0, empty.get("deliveries").size());
        assertEquals(0, empty.get("unstarted").asLong());
        assertError(api.call(ApiEvents.get("/admin/albums/no-such-album/deliveries").bearer(api.admin())), 404, "NOT_FOUND");
        assertError(api.call(ApiEvents.get("/admin/albums/Not_An_Id/deliveries").bearer(api.admin())), 400, "BAD_REQUEST");
    }

    @Test
    void onlyThePhotographerSeesDeliveries() {
        String albumId = album("deliveries-private");
        assertEquals(403, api.call(ApiEvents.get("/admin/albums/" + albumId + "/deliveries").bearer(api.issuer().idToken("ann@example.com")))
                .getStatusCode());
    }
}

package com.clientalbums.client.download;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.client.handler.ClientApiHandler;
import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.access.GrantRepository;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.SelectionIds;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.auth.GuestSessions;
import com.clientalbums.common.auth.TestIssuer;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.delivery.DeliveredKind;
import com.clientalbums.common.delivery.Delivery;
import com.clientalbums.common.delivery.DeliveryRepository;
import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.delivery.Recipient;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.share.Share;
import com.clientalbums.common.share.ShareRepository;
import com.clientalbums.common.share.ShareTokens;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.SqsLambdaDriver;
import com.clientalbums.testing.WebSizes;
import com.clientalbums.zip.build.ArchiveBuildService;
import com.clientalbums.zip.handler.GeneratorServices;
import com.clientalbums.zip.handler.ZipGeneratorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Download favourites ({@code GET /albums/{album_id}/download?selection=favourites}) through the
 * client API's handler, built by the real generator handler from the queue, against S3, SQS and
 * DynamoDB on loopback: the archive holds exactly the caller's favourites still in the album, the
 * same photos chosen by two people are one archive built once, the size follows the caller's
 * permission and a guest's link counts the download. Favourites are written to the favourite table
 * as that table's items are (see {@code common/…/favourite/Favourites.java}).
 */
class FavouritesDownloadTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create().visibilityTimeout(Duration.ofSeconds(30));

    static final String STUDIO = "studio@example.com";
    static final String ANN = "ann@example.com";
    static final String BOB = "bob@example.com";
    static final ArchiveBuildService.Timing TIMING =
            new ArchiveBuildService.Timing(Duration.ofSeconds(30), 3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1));
    static final List<String> FIVE = List.of("IMG_01.jpg", "IMG_04.jpg", "Ceremony/IMG_06.jpg", "IMG_09.jpg", "IMG_11.jpg");

    static TestIssuer issuer;
    static ClientApiHandler api;
    static AlbumRepository albums;
    static AlbumRepository selections;
    static GrantRepository grants;
    static ShareRepository shares;
    static SqsLambdaDriver generator;
    static final HttpClient http = HttpClient.newHttpClient();
    static DeliveryRepository deliveries;

    @BeforeAll
    static void setUp() {
        issuer = TestIssuer.start();
        api = new ClientApiHandler(aws.settings(ClientApiHandler.SETTINGS, issuer.env(STUDIO)), aws.clients());
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        selections = new AlbumRepository(aws.clients().dynamo(), aws.names().selectionTable());
        grants = new GrantRepository(aws.clients().dynamo(), aws.names().userAlbumTable());
        shares = new ShareRepository(aws.clients().dynamo(), aws.names().shareTable());
        deliveries = new DeliveryRepository(aws.clients().dynamo(), aws.names().deliveryTable());
        Settings generatorSettings = aws.settings(ZipGeneratorHandler.SETTINGS, Map.of());
        generator = new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(),
                new ZipGeneratorHandler(GeneratorServices.from(generatorSettings, aws.clients(), TIMING)));
    }

    @AfterAll
    static void tearDown() {
        issuer.close();
    }

    @Test
    void aFavouritesArchiveHoldsExactlyTheFivePhotosUnderTheirFoldersByteIdenticalToS3() throws Exception {
        String albumId = album("fav-five", 12);
        grants.grant(ANN, albumId, Instant.now(), Downloads.BOTH);
        hearted(albumId, "client:" + ANN, FIVE);

        JsonNode first = favourites(albumId, issuer.idToken(ANN), "original");
        assertEquals("pending", first.get("status").asText(), first.toString());
        assertEquals(albumId, first.get("album_id").asText());
        JsonNode ready = readyAfterBuild(albumId, issuer.idToken(ANN), "original");

        assertEquals(5, ready.get("file_count").asLong());
        assertEquals("Album " + albumId + " - Favourites.zip", ready.get("parts").get(0).get("name").asText());
        Map<String, byte[]> entries = entries(ready);
        assertEquals(Map.copyOf(photos(albumId, FIVE)).keySet(), entries.keySet(), "exactly the five, under their folders");
        photos(albumId, FIVE).forEach((path, bytes) -> assertArrayEquals(bytes, entries.get(path), path));
        Album album = albums.find(albumId).orElseThrow();
        assertTrue(album.builds().isEmpty(), "the album's own archive is not built for it: " + album.builds());
    }

    @Test
    void aReadyFavouritesArchiveIsRecordedAsAFavouritesDeliveryOfTheAlbumAndItsPollsAsNothing() {
        String albumId = album("fav-delivered", 6);
        grants.grant(ANN, albumId, Instant.now(), Downloads.BOTH);
        hearted(albumId, "client:" + ANN, List.of("IMG_01.jpg", "IMG_03.jpg"));
        assertEquals("pending", favourites(albumId, issuer.idToken(ANN), "original").get("status").asText());
        assertTrue(deliveries.forAlbum(albumId).isEmpty(), "a pending answer hands nothing out");

        JsonNode ready = readyAfterBuild(albumId, issuer.idToken(ANN), "original");
        List<Delivery> recorded = deliveries.forAlbum(albumId);
        assertEquals(1, recorded.size(), "on the photos' album, where the studio looks");
        Delivery d = recorded.getFirst();
        assertEquals(DeliveredKind.FAVOURITES, d.kind());
        assertEquals(Recipient.client(ANN), d.recipient());
        assertEquals("Album " + albumId + " - Favourites.zip", d.archiveName());
        assertEquals(2, d.photoCount());
        assertEquals(1, d.linksHanded());
        assertEquals(ready.get("zip_size").asLong(), d.totalSize());
        assertTrue(ready.get("download_url").asText().contains(DeliveryTag.PARAMETER + "=" + d.tag().value()), ready.toString());
    }

    @Test
    void theSameFavouritesOfTwoPeopleClickingAtOnceAreOneArchiveBuiltOnce() throws Exception {
        String albumId = album("fav-shared", 6);
        for (String person : List.of(ANN, BOB)) {
            grants.grant(person, albumId, Instant.now(), Downloads.BOTH);
            hearted(albumId, "client:" + person, List.of("IMG_02.jpg", "IMG_03.jpg"));
        }

        // Both first clicks at once: one of them writes the record, the other finds it.
        List<String> tokens = List.of(issuer.idToken(ANN), issuer.idToken(BOB));
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<JsonNode>> clicks = tokens.stream().map(t -> pool.submit(() -> {
                start.await();
                return favourites(albumId, t, "original");
            })).toList();
            start.countDown();
            for (Future<JsonNode> click : clicks) assertEquals("pending", click.get().get("status").asText(), click.get().toString());
        }
        JsonNode anns = readyAfterBuild(albumId, issuer.idToken(ANN), "original");
        JsonNode bobs = favourites(albumId, issuer.idToken(BOB), "original");

        assertEquals("ready", bobs.get("status").asText(), bobs.toString());
        assertEquals(key(anns), key(bobs), "one archive");
        Album record = selections.find(SelectionIds.of(albumId, List.of("IMG_02.jpg", "IMG_03.jpg"))).orElseThrow();
        assertEquals(1, record.builds().size(), "built once: " + record.builds());
        assertEquals(1, selections.findAll().stream().filter(r -> r.photosAlbumId().equals(albumId)).count());
    }

    @Test
    void aPhotoDeletedAfterItWasHeartedDropsOutOfTheNextFavouritesArchiveWithoutAnError() throws Exception {
        String albumId = album("fav-deleted", 6);
        grants.grant(ANN, albumId, Instant.now(), Downloads.BOTH);
        hearted(albumId, "client:" + ANN, List.of("IMG_01.jpg", "IMG_02.jpg", "Ceremony/IMG_06.jpg"));
        assertEquals(3, entries(readyAfterBuild(albumId, issuer.idToken(ANN), "original")).size());

        aws.clients().s3().deleteObject(d -> d.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, "IMG_02.jpg")));
        JsonNode afterDelete = favourites(albumId, issuer.idToken(ANN), "original");
        assertEquals("pending", afterDelete.get("status").asText(), "another selection, so another archive: " + afterDelete);
        Map<String, byte[]> entries = entries(readyAfterBuild(albumId, issuer.idToken(ANN), "original"));
        assertEquals(photos(albumId, List.of("IMG_01.jpg", "Ceremony/IMG_06.jpg")).keySet(), entries.keySet());
        Album record = selections.find(SelectionIds.of(albumId, List.of("IMG_01.jpg", "Ceremony/IMG_06.jpg"))).orElseThrow();
        assertEquals(List.of("ready"), record.builds().stream().map(b -> b.outcome()).toList());
    }

    @Test
    void theWebSizeIsServedOnlyToThoseWhoMayDownloadIt() throws Exception {
        String albumId = album("fav-web", 4);
        grants.grant(ANN, albumId, Instant.now(), Downloads.WEB);
        grants.grant(BOB, albumId, Instant.now(), Downloads.ORIGINAL);
        hearted(albumId, "client:" + ANN, List.of("IMG_01.jpg", "Ceremony/IMG_02.jpg"));
        hearted(albumId, "client:" + BOB, List.of("IMG_01.jpg", "Ceremony/IMG_02.jpg"));

        assertError(call(albumId, issuer.idToken(ANN), "original"), 403, "FORBIDDEN");
        assertError(call(albumId, issuer.idToken(BOB), "web"), 403, "FORBIDDEN");
        JsonNode web = readyAfterBuild(albumId, issuer.idToken(ANN), "web");
        assertEquals("web", web.get("size").asText());
        assertEquals("Album " + albumId + " - Favourites (web size).zip", web.get("parts").get(0).get("name").asText());
        Map<String, byte[]> entries = entries(web);
        assertEquals(2, entries.size(), entries.keySet().toString());
        for (String path : List.of("IMG_01.jpg", "Ceremony/IMG_02.jpg")) {
            assertArrayEquals(object(PreviewKeys.web(albumId, path)), entries.get(path), "the album's web-size rendition of " + path);
        }
        assertEquals("ready", favourites(albumId, issuer.idToken(BOB), "original").get("status").asText(), "the same archive's originals");
    }

    @Test
    void aGuestsFavouritesDownloadCountsAgainstTheirLinksLimit() throws Exception {
        String albumId = album("fav-guest", 4);
        String shareId = ShareTokens.newShareId();
        assertTrue(shares.create(new Share(albumId, shareId, "Family", Downloads.BOTH, null, 1, 0, null, null, Instant.now(), STUDIO,
                null, 0, 0, null), ShareTokens.hash(ShareTokens.newToken())));
        Caller.Visitor visitor = new Caller.Visitor("AbCdEfGhIjKlMnOpQrStUv", "Gran");
        String guest = guestSessions().sign(albumId, shareId, visitor).token();
        String nameless = guestSessions().sign(albumId, shareId).token();
        hearted(albumId, "guest:" + shareId + ":" + visitor.id(), List.of("IMG_03.jpg"));

        assertError(call(albumId, nameless, "original"), 404, "NO_FAVOURITES");
        assertEquals(1, entries(readyAfterBuild(albumId, guest, "original")).size());
        assertEquals(1, shares.find(albumId, shareId).orElseThrow().downloadsUsed(), "counted on the album's link");
        assertError(call(albumId, guest, "original"), 410, "DOWNLOAD_LIMIT_REACHED");
    }

    @Test
    void noFavouritesIsNotFoundAndAMalformedSelectionIsRefused() {
        String albumId = album("fav-none", 2);
        grants.grant(ANN, albumId, Instant.now(), Downloads.BOTH);
        assertError(call(albumId, issuer.idToken(ANN), "original"), 404, "NO_FAVOURITES");
        hearted(albumId, "client:" + ANN, List.of("gone.jpg"));
        assertError(call(albumId, issuer.idToken(ANN), "original"), 404, "NO_FAVOURITES");
        assertError(api.handleRequest(ApiEvents.get("/albums/" + albumId + "/download").query("selection", "everything")
                .bearer(issuer.idToken(ANN)).event(), null), 400, "BAD_REQUEST");
        assertError(api.handleRequest(ApiEvents.get("/albums/" + albumId + "/download").query("selection", "favourites")
                .query("file_name", "IMG_01.jpg").bearer(issuer.idToken(ANN)).event(), null), 400, "BAD_REQUEST");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** An album of {@code count} small JPEGs ({@code IMG_01.jpg}…, every sixth and the second under {@code Ceremony/}), registered. */
    static String album(String name, int count) {
        String albumId = name + "-" + Long.toString(System.nanoTime(), 36);
        for (int i = 1; i <= count; i++) {
            String path = (i % 6 == 0 || i == 2 && count < 6 ? "Ceremony/" : "") + String.format("IMG_%02d.jpg", i);
            byte[] bytes = jpeg(new Color(i * 20 % 256, 90, 200 - i * 10), 60 + i);
            aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, path)), RequestBody.fromBytes(bytes));
        }
        var listed = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(albums.register(albumId, "Album " + albumId, STUDIO, listed.size(), Fingerprint.of(listed, WebSizes.DEFAULT), Instant.now()));
        return albumId;
    }

    /** The person's favourites as the favourite table holds them. */
    static void hearted(String albumId, String personId, List<String> paths) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("album_id", AttributeValue.fromS(albumId));
        item.put("person_id", AttributeValue.fromS(personId));
        item.put("paths", AttributeValue.fromSs(paths));
        item.put("kind", AttributeValue.fromS(personId.startsWith("guest:") ? "guest" : "client"));
        item.put("name", AttributeValue.fromS(personId));
        item.put("created_at", AttributeValue.fromS(Instant.now().toString()));
        item.put("updated_at", AttributeValue.fromS(Instant.now().toString()));
        aws.clients().dynamo().putItem(p -> p.tableName(aws.names().favouriteTable()).item(item));
    }

    static APIGatewayV2HTTPResponse call(String albumId, String token, String size) {
        return api.handleRequest(ApiEvents.get("/albums/" + albumId + "/download").query("selection", "favourites")
                .query("size", size).bearer(token).event(), null);
    }

    static JsonNode favourites(String albumId, String token, String size) {
        APIGatewayV2HTTPResponse response = call(albumId, token, size);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return ApiEvents.body(response);
    }

    /** Runs the generator on what the queue holds until the click answers ready, and returns that answer. */
    static JsonNode readyAfterBuild(String albumId, String token, String size) {
        return generator.pollUntil(() -> favourites(albumId, token, size), a -> a.get("status").asText().equals("ready"),
                Duration.ofSeconds(60));
    }

    static void assertError(APIGatewayV2HTTPResponse response, int status, String code) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals(code, ApiEvents.body(response).path("error").path("code").asText(), response.getBody());
    }

    static String key(JsonNode answer) {
        String url = answer.get("download_url").asText();
        return URI.create(url).getPath();
    }

    /** The photos' bytes by path, as S3 has them. */
    static Map<String, byte[]> photos(String albumId, List<String> paths) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        paths.forEach(p -> out.put(p, object(S3Keys.photoKey(albumId, p))));
        return out;
    }

    static byte[] object(String key) {
        return aws.clients().s3().getObjectAsBytes(r -> r.bucket(aws.names().bucket()).key(key)).asByteArray();
    }

    /** Every entry of every part the answer links to, downloaded through its presigned link and read with java.util.zip. */
    static Map<String, byte[]> entries(JsonNode answer) throws Exception {
        assertEquals("ready", answer.get("status").asText(), answer.toString());
        Map<String, byte[]> entries = new HashMap<>();
        for (JsonNode part : answer.get("parts")) {
            HttpResponse<byte[]> zip = http.send(HttpRequest.newBuilder(URI.create(part.get("download_url").asText())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, zip.statusCode());
            Path file = Files.createTempFile("favourites", ".zip");
            try {
                Files.write(file, zip.body());
                try (ZipFile archive = new ZipFile(file.toFile())) {
                    for (ZipEntry e : Collections.list(archive.entries())) {
                        try (InputStream in = archive.getInputStream(e)) {
                            assertTrue(entries.put(e.getName(), in.readAllBytes()) == null, e.getName() + " twice");
                        }
                    }
                }
            } finally {
                Files.delete(file);
            }
        }
        return entries;
    }

    static GuestSessions guestSessions() throws IOException {
        String source = aws.env().get("GUEST_KEY_SOURCE");
        byte[] key = Files.readString(Path.of(source.substring("file:".length()))).strip().getBytes(StandardCharsets.UTF_8);
        return new GuestSessions(key, Duration.ofHours(1), Clock.systemUTC());
    }

    static byte[] jpeg(Color colour, int width) {
        BufferedImage image = new BufferedImage(width, 48, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, 48);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

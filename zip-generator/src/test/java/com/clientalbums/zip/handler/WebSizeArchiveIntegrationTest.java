package com.clientalbums.zip.handler;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.PublishedPart;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.queue.ZipQueue;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.previews.job.WebRendition;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.SqsLambdaDriver;
import com.clientalbums.testing.WebSizes;
import com.clientalbums.zip.build.ArchiveBuildService;
import com.clientalbums.zip.build.ArchiveBuildService.Outcome;
import com.clientalbums.zip.build.PartLimits;
import com.clientalbums.zip.pipeline.S3PhotoSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web-size archive built by the same build as the originals, through the deployed services
 * against the real bucket, queue and album table on loopback, with renditions made in the bucket by
 * {@link HalfSizeRenditions}: both sizes published in one write, cut by the same rules, rebuilt alone
 * when the album's web-size recipe changes, and a build whose renditions take longer than an
 * invocation continued by the next.
 */
class WebSizeArchiveIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create().visibilityTimeout(Duration.ofSeconds(30));

    static final ArchiveBuildService.Timing TIMING =
            new ArchiveBuildService.Timing(Duration.ofSeconds(5), 3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1));
    static final int PHOTO_SIZE = 20_000;
    /** Parts of four photos or so; one generator builds them all, so each test's build is one call. */
    static final PartLimits LIMITS = new PartLimits(4 * (PHOTO_SIZE + 300), 1, Duration.ZERO);

    static Settings settings;
    static AlbumRepository albums;
    static S3PhotoSource s3Photos;

    @BeforeAll
    static void setUp() {
        settings = aws.settings(ZipGeneratorHandler.SETTINGS, Map.of("ZIP_PART_SIZE_MB", "5", "ZIP_MEMORY_BUDGET_MB", "40"));
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        s3Photos = new S3PhotoSource(aws.clients().s3(), aws.names().bucket());
    }

    @Test
    void oneBuildPublishesBothSizesTogetherWithTheWebEntriesNamedAsTheAlbumsInTheSameFolders() throws IOException {
        String id = unique("both-sizes");
        Map<String, byte[]> photos = register(id, wedding());
        var renditions = renditions();

        assertEquals(Outcome.BUILT, build(id, "gen-1", renditions));

        Album album = albums.find(id).orElseThrow();
        assertEquals(ZipStatus.READY, album.zipStatus());
        assertSameEntries(photos, contents(album.publishedParts(PhotoSize.ORIGINAL)));
        Map<String, byte[]> expectedWeb = new HashMap<>();
        expectedWeb.put("Documents/contract.pdf", photos.get("Documents/contract.pdf"));
        expectedWeb.put("Film/first-dance.mp4", photos.get("Film/first-dance.mp4"));
        photos.keySet().stream().filter(p -> p.endsWith(".jpg") || p.endsWith(".png")).forEach(p ->
                expectedWeb.put(WebRendition.renditionPath(p), object(PreviewKeys.web(id, p))));
        Map<String, byte[]> web = contents(album.publishedParts(PhotoSize.WEB));
        assertSameEntries(expectedWeb, web);
        assertTrue(web.containsKey("Reception/IMG_0010.jpg"), "the PNG's rendition is named .jpg, in its folder: " + web.keySet());
        assertTrue(web.keySet().stream().noneMatch(n -> n.endsWith(".CR2") || n.endsWith(".png")), web.keySet().toString());

        assertEquals(photos.size(), album.zipFileCount(), "zip_file_count counts the originals");
        assertEquals(photos.size(), album.builds().getLast().files(), "the build's progress counts each photo once");
        long webBytes = expectedWeb.values().stream().mapToLong(b -> b.length).sum();
        long originalBytes = photos.values().stream().mapToLong(b -> b.length).sum();
        assertEquals(originalBytes + webBytes, album.builds().getLast().bytes(), "and its bytes are those of both sizes");
        Set<String> keys = new HashSet<>();
        album.publishedParts(PhotoSize.ORIGINAL).forEach(p -> keys.add(p.key()));
        album.publishedParts(PhotoSize.WEB).forEach(p -> assertTrue(keys.add(p.key()), "a part of its own: " + p.key()));
        assertEquals(expectedWeb.size() - 2, renditions.made(), "one rendition per image");
    }

    @Test
    void webPartsAreCutAtThePartLimitLikeTheOriginals() {
        String id = unique("web-cut");
        register(id, wedding());

        assertEquals(Outcome.BUILT, build(id, "gen-1", renditions()));

        Album album = albums.find(id).orElseThrow();
        assertTrue(album.publishedParts(PhotoSize.ORIGINAL).size() >= 3, album.publishedParts(PhotoSize.ORIGINAL).toString());
        assertTrue(album.publishedParts(PhotoSize.WEB).size() >= 2, album.publishedParts(PhotoSize.WEB).toString());
        for (PublishedPart part : album.publishedParts(PhotoSize.WEB)) {
            assertTrue(part.size() <= LIMITS.maxPartBytes(), part + " over " + LIMITS.maxPartBytes());
            assertEquals(part.size(), aws.clients().s3().headObject(r -> r.bucket(aws.names().bucket()).key(part.key())).contentLength());
        }
    }

    @Test
    void aWatermarkChangeRebuildsTheWebPartsAloneAndLeavesTheOriginalPartsAsTheyWere() throws Exception {
        String id = unique("watermark");
        register(id, wedding());
        var renditions = renditions();
        assertEquals(Outcome.BUILT, build(id, "gen-1", renditions));
        Album before = albums.find(id).orElseThrow();
        Map<String, Instant> originalsWritten = lastModified(before.publishedParts(PhotoSize.ORIGINAL));
        int rendered = renditions.made();
        Thread.sleep(1_100); // S3 times are in whole seconds: a part written again would show a later one

        setWatermark(id);
        Album changed = albums.find(id).orElseThrow();
        List<PhotoObject> listed = listing().list(id);
        assertTrue(albums.recordContent(id, Fingerprint.of(listed, WebSize.of(2048, changed)), listed.size()),
                "the new recipe is a new fingerprint");
        assertTrue(albums.requestBuild(id, RequestSource.API, false, Instant.now(), Duration.ofMinutes(2)), "the archive is stale");
        assertEquals(Outcome.BUILT, build(id, "gen-2", renditions));

        Album after = albums.find(id).orElseThrow();
        assertEquals(before.publishedParts(PhotoSize.ORIGINAL), after.publishedParts(PhotoSize.ORIGINAL), "the same original parts");
        assertEquals(originalsWritten, lastModified(after.publishedParts(PhotoSize.ORIGINAL)), "and none of them written again");
        Set<String> oldWeb = before.publishedParts(PhotoSize.WEB).stream().map(PublishedPart::key).collect(Collectors.toSet());
        for (PublishedPart part : after.publishedParts(PhotoSize.WEB)) {
            // A part of videos and PDFs alone holds what it held: it is kept, like an original part.
            boolean holdsRenditions = contents(List.of(part)).keySet().stream().anyMatch(n -> n.endsWith(".jpg"));
            assertEquals(!holdsRenditions, oldWeb.contains(part.key()), "a new web part exactly where renditions are: " + part);
        }
        assertEquals(2 * rendered, renditions.made(), "every image rendered again, once");
        String tag = WebSize.of(2048, after).tag();
        contents(after.publishedParts(PhotoSize.WEB)).forEach((name, bytes) -> {
            if (name.endsWith(".jpg")) assertTrue(new String(bytes, 0, 16, StandardCharsets.US_ASCII).equals(tag), name + " of the new recipe");
        });
        assertTrue(after.archiveCurrent());
    }

    @Test
    void aForcedRebuildWritesTheWebPartsAfreshAndKeepsTheRenditions() throws Exception {
        String id = unique("forced");
        register(id, wedding());
        var renditions = renditions();
        assertEquals(Outcome.BUILT, build(id, "gen-1", renditions));
        Album before = albums.find(id).orElseThrow();
        Map<String, Instant> webWritten = lastModified(before.publishedParts(PhotoSize.WEB));
        int rendered = renditions.made();
        Thread.sleep(1_100);

        assertTrue(albums.requestBuild(id, RequestSource.ADMIN, true, Instant.now(), Duration.ofMinutes(2)));
        assertEquals(Outcome.BUILT, build(id, "gen-2", renditions));

        Album after = albums.find(id).orElseThrow();
        assertEquals(before.publishedParts(PhotoSize.WEB), after.publishedParts(PhotoSize.WEB), "the same content, the same keys");
        Map<String, Instant> rewritten = lastModified(after.publishedParts(PhotoSize.WEB));
        webWritten.forEach((key, first) -> assertTrue(rewritten.get(key).isAfter(first), key + " written again"));
        assertEquals(rendered, renditions.made(), "renditions are not archives: none made again");
    }

    @Test
    void renditionsTakingLongerThanAnInvocationAreContinuedByTheNextWithoutCountingAFailure() throws IOException {
        String id = unique("renditions-continued");
        Map<String, byte[]> photos = register(id, wedding());
        var renditions = renditions().outOfTimeAfter(6);

        assertEquals(Outcome.CONTINUED, build(id, "gen-1", renditions));
        Album waiting = albums.find(id).orElseThrow();
        assertEquals(ZipStatus.PENDING, waiting.zipStatus());
        assertEquals(0, waiting.attempts(), "running out of time is not a failed attempt");
        assertFalse(waiting.notBefore().isAfter(Instant.now()), "due at once");
        assertTrue(woken(id), "the next invocation is woken");

        assertEquals(Outcome.BUILT, build(id, "gen-2", renditions));
        Album album = albums.find(id).orElseThrow();
        assertEquals(ZipStatus.READY, album.zipStatus());
        assertEquals(9, renditions.made(), "each image rendered once over both invocations");
        assertSameEntries(photos, contents(album.publishedParts(PhotoSize.ORIGINAL)));
        assertEquals(11, contents(album.publishedParts(PhotoSize.WEB)).size(), "nine renditions, the video and the PDF");
    }

    @Test
    void fourGeneratorsBuildThePartsOfBothSizesSideBySideAndPublishThemOnce() throws Exception {
        String id = unique("both-parallel");
        Map<String, byte[]> photos = register(id, wedding());
        var renditions = renditions();
        var handler = new ZipGeneratorHandler(GeneratorServices.from(settings, aws.clients(), TIMING, s3Photos,
                new PartLimits(LIMITS.maxPartBytes(), 4, Duration.ZERO), renditions));
        new ZipQueue(aws.clients().sqs(), aws.queueUrl()).wake(id);

        ExecutorService generators = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        AtomicBoolean ready = new AtomicBoolean();
        for (int g = 0; g < 4; g++) {
            running.add(generators.submit(() -> {
                var driver = new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(), handler);
                Instant deadline = Instant.now().plusSeconds(60);
                while (!ready.get() && Instant.now().isBefore(deadline)) {
                    driver.pollOnce(Duration.ofSeconds(1));
                    if (albums.find(id).orElseThrow().zipStatus() == ZipStatus.READY) ready.set(true);
                }
            }));
        }
        for (Future<?> f : running) f.get();
        generators.shutdown();

        Album album = albums.find(id).orElseThrow();
        assertEquals(ZipStatus.READY, album.zipStatus());
        assertEquals(List.of("ready"), album.builds().stream().map(b -> b.outcome()).toList(), "one build");
        assertSameEntries(photos, contents(album.publishedParts(PhotoSize.ORIGINAL)));
        assertEquals(11, contents(album.publishedParts(PhotoSize.WEB)).size(), "nine renditions, the video and the PDF");
        assertEquals(9, renditions.made(), "helpers find the renditions the build's planning made");
        assertEquals(photos.size(), album.builds().getLast().files(), "the build's progress counts each photo once");
    }

    @Test
    void aWebPartGoneIsBuiltAgainByTheRebuildItCallsForAndTheOriginalPartsAreNotWritten() throws Exception {
        String id = unique("web-gone");
        register(id, wedding());
        var renditions = renditions();
        assertEquals(Outcome.BUILT, build(id, "gen-1", renditions));
        Album before = albums.find(id).orElseThrow();
        Map<String, Instant> originalsWritten = lastModified(before.publishedParts(PhotoSize.ORIGINAL));
        String gone = before.publishedParts(PhotoSize.WEB).getLast().key();
        aws.clients().s3().deleteObject(r -> r.bucket(aws.names().bucket()).key(gone));
        Thread.sleep(1_100);

        // What a click's ArchiveCheck (Missing) and maintenance's repair ask for: a forced request by the system.
        assertTrue(albums.requestBuild(id, RequestSource.MAINTENANCE, true, Instant.now(), Duration.ofMinutes(2)));
        assertEquals(Outcome.BUILT, build(id, "gen-2", renditions));

        Album after = albums.find(id).orElseThrow();
        assertEquals(before.publishedParts(PhotoSize.WEB), after.publishedParts(PhotoSize.WEB));
        assertEquals(before.publishedParts(PhotoSize.WEB).getLast().size(),
                aws.clients().s3().headObject(r -> r.bucket(aws.names().bucket()).key(gone)).contentLength(), "built again");
        assertEquals(originalsWritten, lastModified(after.publishedParts(PhotoSize.ORIGINAL)), "the original parts were there");
        assertEquals(9, renditions.made());
    }

    @Test
    void anAlbumOfRawFilesOnlyIsPublishedWithNoWebSizeArchive() throws IOException {
        String id = unique("raw-only");
        Map<String, byte[]> photos = new LinkedHashMap<>();
        photos.put("DSC_0001.NEF", bytes(1, PHOTO_SIZE));
        photos.put("DSC_0002.CR2", bytes(2, PHOTO_SIZE));
        register(id, photos);

        assertEquals(Outcome.BUILT, build(id, "gen-1", renditions()));

        Album album = albums.find(id).orElseThrow();
        assertEquals(ZipStatus.READY, album.zipStatus());
        assertSameEntries(photos, contents(album.publishedParts(PhotoSize.ORIGINAL)));
        assertEquals(List.of(), album.publishedParts(PhotoSize.WEB));
    }

    /** Eight JPEGs in two folders, a PNG, a RAW file, a video and a PDF, of 20 KB each. */
    private static Map<String, byte[]> wedding() {
        Map<String, byte[]> photos = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            photos.put((i % 2 == 1 ? "Ceremony/" : "Reception/") + String.format("IMG_%04d.jpg", i), bytes(i, PHOTO_SIZE));
        }
        photos.put("Reception/IMG_0010.png", bytes(10, PHOTO_SIZE));
        photos.put("Reception/IMG_0011.CR2", bytes(11, PHOTO_SIZE));
        photos.put("Film/first-dance.mp4", bytes(12, PHOTO_SIZE));
        photos.put("Documents/contract.pdf", bytes(13, PHOTO_SIZE));
        return photos;
    }

    private static Map<String, byte[]> register(String id, Map<String, byte[]> photos) {
        photos.forEach((path, bytes) -> aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(S3Keys.photoKey(id, path)),
                RequestBody.fromBytes(bytes)));
        List<PhotoObject> listed = listing().list(id);
        assertTrue(albums.register(id, "Album " + id, "studio@example.com", listed.size(), Fingerprint.of(listed, WebSizes.DEFAULT),
                Instant.now()));
        return photos;
    }

    private static HalfSizeRenditions renditions() {
        return new HalfSizeRenditions(aws.clients().s3(), aws.names().bucket());
    }

    private static Outcome build(String id, String generator, HalfSizeRenditions renditions) {
        return GeneratorServices.from(settings, aws.clients(), TIMING, s3Photos, LIMITS, renditions).builds()
                .build(id, generator, () -> 900_000);
    }

    /** What the studio's album settings write: a text watermark, which is a new web-size recipe. */
    private static void setWatermark(String id) {
        Map<String, AttributeValue> mark = Map.of("kind", AttributeValue.fromS("text"), "text", AttributeValue.fromS("© Studio"),
                "position", AttributeValue.fromS("bottom-right"), "size", AttributeValue.fromN("20"),
                "opacity", AttributeValue.fromN("50"), "on_previews", AttributeValue.fromBool(false));
        aws.clients().dynamo().updateItem(r -> r.tableName(aws.names().albumTable())
                .key(Map.of("album_id", AttributeValue.fromS(id)))
                .updateExpression("SET watermark = :w").expressionAttributeValues(Map.of(":w", AttributeValue.fromM(mark))));
        assertNotNull(albums.find(id).orElseThrow().watermark(), "the album reads its watermark");
    }

    /** Every entry of the parts by name, each name once. */
    private static Map<String, byte[]> contents(List<PublishedPart> parts) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        for (PublishedPart part : parts) {
            Path file = Files.createTempFile("web-size", ".zip");
            try {
                try (InputStream in = aws.clients().s3().getObject(r -> r.bucket(aws.names().bucket()).key(part.key()))) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                assertEquals(part.size(), Files.size(file), part.key());
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    assertEquals(part.fileCount(), zip.size(), "entries of " + part.key());
                    for (ZipEntry entry : Collections.list(zip.entries())) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            assertTrue(entries.put(entry.getName(), in.readAllBytes()) == null, entry.getName() + " is in two parts");
                        }
                    }
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
        return entries;
    }

    /** The same names with the same bytes. */
    private static void assertSameEntries(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name));
    }

    private static Map<String, Instant> lastModified(List<PublishedPart> parts) {
        Map<String, Instant> times = new HashMap<>();
        for (PublishedPart p : parts) {
            times.put(p.key(), aws.clients().s3().headObject(r -> r.bucket(aws.names().bucket()).key(p.key())).lastModified());
        }
        return times;
    }

    private static boolean woken(String id) {
        for (int round = 0; round < 5; round++) {
            var messages = aws.clients().sqs().receiveMessage(r -> r.queueUrl(aws.queueUrl()).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            if (messages.stream().anyMatch(m -> m.body().contains(id))) return true;
        }
        return false;
    }

    private static byte[] object(String key) {
        return aws.clients().s3().getObjectAsBytes(r -> r.bucket(aws.names().bucket()).key(key)).asByteArray();
    }

    private static byte[] bytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String unique(String name) {
        return name + "-" + Long.toString(System.nanoTime(), 36);
    }

    private static PhotoListing listing() {
        return new PhotoListing(aws.clients().s3(), aws.names().bucket());
    }
}

package com.clientalbums.zip.handler;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.PublishedPart;
import com.clientalbums.common.album.Selection;
import com.clientalbums.common.album.SelectionIds;
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
import com.clientalbums.zip.build.PartLimits;
import com.clientalbums.zip.pipeline.S3PhotoSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Favourites archives in the one build engine: a record of the selection table, woken by its id on
 * the real queue and built by the real generator handler (deployed services, renditions made in the
 * bucket by {@link HalfSizeRenditions}) against S3, SQS and DynamoDB on loopback. It holds exactly
 * the chosen photos, from its album's {@code photos/} and web-size renditions, under its own
 * {@code zips/} prefix; the album's photo events never touch it.
 */
class FavouritesArchiveIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create().visibilityTimeout(Duration.ofSeconds(30));

    static final ArchiveBuildService.Timing TIMING =
            new ArchiveBuildService.Timing(Duration.ofSeconds(5), 3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1));
    static final int PHOTO_SIZE = 20_000;
    static final PartLimits LIMITS = new PartLimits(4 * (PHOTO_SIZE + 300), 1, Duration.ZERO);
    static final List<String> CHOSEN = List.of("Ceremony/IMG_0003.jpg", "IMG_0002.jpg", "IMG_0005.jpg", "IMG_0008.jpg", "IMG_0012.jpg");

    static Settings settings;
    static AlbumRepository albums;
    static AlbumRepository selections;
    static SqsLambdaDriver generator;
    static PhotoBucket bucket;

    @BeforeAll
    static void setUp() {
        settings = aws.settings(ZipGeneratorHandler.SETTINGS, Map.of("ZIP_PART_SIZE_MB", "5", "ZIP_MEMORY_BUDGET_MB", "40"));
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        selections = new AlbumRepository(aws.clients().dynamo(), aws.names().selectionTable());
        generator = new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(), new ZipGeneratorHandler(GeneratorServices.from(settings,
                aws.clients(), TIMING, new S3PhotoSource(aws.clients().s3(), aws.names().bucket()), LIMITS,
                new HalfSizeRenditions(aws.clients().s3(), aws.names().bucket()))));
        bucket = new PhotoBucket(aws);
    }

    @Test
    void aFavouritesArchiveHoldsExactlyTheChosenPhotosUnderTheirFoldersByteForByteInBothSizes() throws IOException {
        String albumId = unique("fav-exact");
        Map<String, byte[]> photos = album(albumId, 12);
        String id = chose(albums.find(albumId).orElseThrow(), CHOSEN);

        Album built = builtAndReady(id);

        Map<String, byte[]> expected = new HashMap<>();
        CHOSEN.forEach(p -> expected.put(p, photos.get(p)));
        Map<String, byte[]> originals = contents(built.publishedParts(PhotoSize.ORIGINAL));
        assertSameEntries(expected, originals);
        Map<String, byte[]> expectedWeb = new HashMap<>();
        CHOSEN.forEach(p -> expectedWeb.put(WebRendition.renditionPath(p), object(PreviewKeys.web(albumId, p))));
        assertSameEntries(expectedWeb, contents(built.publishedParts(PhotoSize.WEB)));

        assertEquals(5, built.zipFileCount());
        assertTrue(built.publishedParts(PhotoSize.ORIGINAL).size() >= 2, "cut into parts by the album's rules: " + built.zipParts());
        for (PhotoSize size : PhotoSize.values()) {
            for (PublishedPart part : built.publishedParts(size)) {
                assertTrue(part.key().startsWith(S3Keys.zipPrefix(id)), "under the selection's own prefix: " + part.key());
            }
        }
        Album album = albums.find(albumId).orElseThrow();
        assertEquals(ZipStatus.PENDING, album.zipStatus(), "the album's own record is left as it was");
        assertEquals(List.of(), album.builds());
    }

    @Test
    void theAlbumsPhotoEventsNeverTouchItsFavouritesArchive() {
        String albumId = unique("fav-events");
        album(albumId, 12);
        String id = chose(albums.find(albumId).orElseThrow(), CHOSEN);
        Album built = builtAndReady(id);

        bucket.put(albumId, "Ceremony/NEW.jpg", PhotoBucket.jpeg(40, 30, Color.ORANGE));
        bucket.delete(albumId, CHOSEN.getFirst());
        String now = Fingerprint.of(listing().list(albumId), WebSizes.DEFAULT);
        // The album records the changes; its quiet period then passes and its rebuild runs.
        generator.pollUntil(() -> albums.find(albumId).orElseThrow(), a -> a.archiveCurrent() && a.zipFingerprint().equals(now),
                Duration.ofSeconds(60));

        Album after = selections.find(id).orElseThrow();
        assertEquals(ZipStatus.READY, after.zipStatus());
        assertEquals(built.contentVersion(), after.contentVersion());
        assertEquals(built.zipFingerprint(), after.contentFingerprint(), "nothing recorded a change on the selection");
        assertEquals(built.builds(), after.builds());
    }

    /** An album of {@code count} photos of 20 KB, one in a sub-folder every fourth, registered. */
    private static Map<String, byte[]> album(String albumId, int count) {
        Map<String, byte[]> photos = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            photos.put((i % 4 == 3 ? "Ceremony/" : "") + String.format("IMG_%04d.jpg", i), bytes(i, PHOTO_SIZE));
        }
        photos.forEach((path, bytes) -> aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket())
                .key(S3Keys.photoKey(albumId, path)), RequestBody.fromBytes(bytes)));
        List<PhotoObject> listed = listing().list(albumId);
        assertTrue(albums.register(albumId, "Album " + albumId, "studio@example.com", listed.size(),
                Fingerprint.of(listed, WebSizes.DEFAULT), Instant.now()));
        return photos;
    }

    /** What a click on Download favourites writes for new favourites, and the wake-up it sends. */
    private static String chose(Album album, List<String> paths) {
        Selection selection = new Selection(album.albumId(), paths);
        List<PhotoObject> chosen = PhotoListing.keptTo(selection, listing().list(album.albumId()));
        assertEquals(paths.size(), chosen.size());
        assertTrue(selections.registerSelection(album, selection, Fingerprint.of(chosen, WebSize.of(settings, album)),
                chosen.size(), Instant.now()));
        String id = SelectionIds.of(selection);
        new ZipQueue(aws.clients().sqs(), aws.queueUrl()).wake(id);
        return id;
    }

    private static Album builtAndReady(String id) {
        return generator.pollUntil(() -> selections.find(id).orElseThrow(), Album::archiveCurrent, Duration.ofSeconds(60));
    }

    /** Every entry of the parts by name, read with java.util.zip. */
    private static Map<String, byte[]> contents(List<PublishedPart> parts) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        for (PublishedPart part : parts) {
            Path file = Files.createTempFile("favourites", ".zip");
            try {
                try (InputStream in = aws.clients().s3().getObject(r -> r.bucket(aws.names().bucket()).key(part.key()))) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                try (ZipFile zip = new ZipFile(file.toFile())) {
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

    private static void assertSameEntries(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name));
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

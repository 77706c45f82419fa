package com.clientalbums.zip.handler;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.WebSizes;
import com.clientalbums.zip.build.ArchiveBuildService;
import com.clientalbums.zip.build.ArchiveBuildService.Outcome;
import com.clientalbums.zip.build.PartLimits;
import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.zip.layout.ZipLayout;
import com.clientalbums.zip.pipeline.ArchivePipeline;
import com.clientalbums.zip.pipeline.BuildMonitor;
import com.clientalbums.zip.pipeline.CountingPhotoSource;
import com.clientalbums.zip.pipeline.PhotoSource;
import com.clientalbums.zip.pipeline.PipelineConfig;
import com.clientalbums.zip.pipeline.S3ArchiveTarget;
import com.clientalbums.zip.pipeline.S3PhotoSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rebuild after photos were added, replaced or deleted, through the deployed services against
 * the real S3Proxy: it copies the unchanged runs of the archive published before (UploadPartCopy),
 * reads only what changed (plus, at most, the neighbours a written part needs to reach S3's 5 MiB),
 * and its archive is byte for byte the archive a full build of the same photos makes.
 */
class IncrementalRebuildIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create().visibilityTimeout(Duration.ofSeconds(30));

    static final ArchiveBuildService.Timing TIMING =
            new ArchiveBuildService.Timing(Duration.ofSeconds(5), 3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1));
    static final int MIB = 1 << 20;
    /**
     * The changed photo (at most 1.25 MiB) and two stretches under S3's 5 MiB part minimum at most: the
     * photos a written part borrows from the run after it, and a run left too short to copy, written whole.
     */
    static final long MOST_READ = MIB * 5 / 4 + 2 * 5L * MIB;
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
    void aPhotoAddedInTheMiddleIsReadAloneAndTheRestIsCopied() throws Exception {
        String id = "incremental-add";
        Map<String, byte[]> album = buildAlbum(id, 24);
        long read = rebuildAfter(id, () -> put(id, "Ceremony/IMG_0012b.jpg", photo(99, MIB)));

        assertTrue(read <= MOST_READ, "the new photo and what its part needs to reach 5 MiB, not the album: " + read);
        assertTrue(read < bytesOf(album) / 2, "read " + read + " of " + bytesOf(album));
    }

    @Test
    void aPhotoReplacedInTheMiddleIsReadAloneAndTheRestIsCopied() throws Exception {
        String id = "incremental-replace";
        Map<String, byte[]> album = buildAlbum(id, 24);
        long read = rebuildAfter(id, () -> put(id, "Reception/IMG_0011.jpg", photo(98, MIB)));

        assertTrue(read <= MOST_READ, "the new bytes and what their part needs to reach 5 MiB: " + read);
        assertTrue(read < bytesOf(album) / 2, "read " + read + " of " + bytesOf(album));
    }

    @Test
    void aPhotoDeletedInTheMiddleIsCopiedAroundWithoutReadingAPhoto() throws Exception {
        String id = "incremental-delete";
        buildAlbum(id, 24);
        long read = rebuildAfter(id, () -> aws.clients().s3().deleteObject(r -> r.bucket(aws.names().bucket())
                .key(S3Keys.photoKey(id, "Ceremony/IMG_0012.jpg"))));

        assertEquals(0, read, "the runs before and after it are copied from their old places");
    }

    /** Photos of about 1 MiB, so an album of 24 spans several 5 MiB upload parts and runs long enough to copy. */
    private static Map<String, byte[]> buildAlbum(String id, int count) throws IOException {
        Map<String, byte[]> photos = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            photos.put((i % 2 == 0 ? "Ceremony/" : "Reception/") + String.format("IMG_%04d.jpg", i), photo(i, MIB));
        }
        photos.forEach((path, bytes) -> put(id, path, bytes));
        List<PhotoObject> listed = listing().list(id);
        assertTrue(albums.register(id, "Album " + id, "studio@example.com", listed.size(), Fingerprint.of(listed, WebSizes.DEFAULT), Instant.now()));
        assertEquals(Outcome.BUILT, services(s3Photos).builds().build(id, "gen-1", () -> 900_000));
        return photos;
    }

    /**
     * Applies the change, rebuilds as the photos' events would have it, and checks the archive is the
     * full build's, byte for byte; returns the photo bytes the rebuild read.
     */
    private static long rebuildAfter(String id, Runnable change) throws IOException {
        String before = albums.find(id).orElseThrow().zipKey();
        change.run();
        List<PhotoObject> listed = listing().list(id);
        assertTrue(albums.recordContent(id, Fingerprint.of(listed, WebSizes.DEFAULT), listed.size()));
        assertTrue(albums.requestBuild(id, RequestSource.PHOTOS_CHANGED, false, Instant.now(), Duration.ofMinutes(2)));
        var counting = new CountingPhotoSource(s3Photos);

        assertEquals(Outcome.BUILT, services(counting).builds().build(id, "gen-2", () -> 900_000));

        Album album = albums.find(id).orElseThrow();
        assertEquals(ZipStatus.READY, album.zipStatus());
        assertTrue(!album.zipKey().equals(before), "a new archive for new content");
        assertArrayEquals(fullBuildOf(listed), bytes(album.zipKey()), "the incremental archive is the full build's, byte for byte");
        return counting.bytesRead();
    }

    /** The same photos built in full, all written, to a key of its own. */
    private static byte[] fullBuildOf(List<PhotoObject> listed) throws IOException {
        ZipLayout layout = LayoutPlanner.plan(listed.stream()
                .map(p -> new SourceFile(p.key(), p.relativePath(), p.size(), p.lastModified())).toList());
        Map<String, String> etags = listed.stream().collect(Collectors.toMap(PhotoObject::key, PhotoObject::etag));
        var pipeline = new ArchivePipeline(s3Photos, new S3ArchiveTarget(aws.clients().s3(), aws.names().bucket()),
                PipelineConfig.from(settings));
        String key = "reference/" + System.nanoTime() + ".zip";
        pipeline.build(layout, layout.entries().stream().map(e -> etags.get(e.source().key())).toList(), key,
                new BuildMonitor(layout.entries().size(), layout.totalSize()));
        return bytes(key);
    }

    private static GeneratorServices services(PhotoSource photos) {
        return GeneratorServices.from(settings, aws.clients(), TIMING, photos, new PartLimits(0, 1));
    }

    private static byte[] photo(long seed, int around) {
        Random random = new Random(seed);
        byte[] bytes = new byte[around * 3 / 4 + random.nextInt(around / 2)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void put(String id, String path, byte[] bytes) {
        aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(S3Keys.photoKey(id, path)), RequestBody.fromBytes(bytes));
    }

    private static byte[] bytes(String key) {
        return aws.clients().s3().getObjectAsBytes(r -> r.bucket(aws.names().bucket()).key(key)).asByteArray();
    }

    private static long bytesOf(Map<String, byte[]> photos) {
        return photos.values().stream().mapToLong(b -> b.length).sum();
    }

    private static PhotoListing listing() {
        return new PhotoListing(aws.clients().s3(), aws.names().bucket());
    }
}

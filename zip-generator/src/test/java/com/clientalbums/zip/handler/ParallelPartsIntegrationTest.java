package com.clientalbums.zip.handler;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PartTask;
import com.clientalbums.common.album.Progress;
import com.clientalbums.common.album.PublishedPart;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.queue.ZipQueue;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.SqsLambdaDriver;
import com.clientalbums.testing.WebSizes;
import com.clientalbums.zip.build.AlbumPlan;
import com.clientalbums.zip.build.ArchiveBuildService;
import com.clientalbums.zip.build.ArchiveBuildService.Outcome;
import com.clientalbums.previews.job.WebRenditions;
import com.clientalbums.zip.build.BuildPlanner;
import com.clientalbums.zip.build.PartLimits;
import com.clientalbums.zip.build.PlannedPart;
import com.clientalbums.zip.pipeline.PhotoSource;
import com.clientalbums.zip.pipeline.S3PhotoSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Albums cut into parts and built by several generator invocations at once, through the real
 * queue, bucket and album table on loopback: parts are split at a few kilobytes instead of MiB.
 */
class ParallelPartsIntegrationTest {
    @RegisterExtension
    // Longer than any build here: a message is handled once, as when Lambda finishes well within the timeout.
    static final LocalAws aws = LocalAws.create().visibilityTimeout(Duration.ofSeconds(30));

    /** One-second leases, so a lost worker's part is free again within a second. */
    static final ArchiveBuildService.Timing TIMING =
            new ArchiveBuildService.Timing(Duration.ofSeconds(1), 3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1));
    static final int PHOTO_SIZE = 20_000;
    /** Four of those photos per part, with room for their headers and the part's central directory. */
    /** Helpers woken all at once: the deployed spacing outlasts Lambda's batching window; here four generators race for the wake-ups. */
    static final PartLimits LIMITS = new PartLimits(4 * (PHOTO_SIZE + 300), 4, Duration.ZERO);

    static Settings settings;
    static AlbumRepository albums;
    static ZipQueue queue;
    static S3PhotoSource s3Photos;

    @BeforeAll
    static void setUp() {
        // One photo fetched at a time, so a part takes as long as its photos' reads one after another.
        settings = aws.settings(ZipGeneratorHandler.SETTINGS,
                Map.of("ZIP_PART_SIZE_MB", "5", "ZIP_MEMORY_BUDGET_MB", "40", "ZIP_FETCH_CONCURRENCY", "1"));
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        queue = new ZipQueue(aws.clients().sqs(), aws.queueUrl());
        s3Photos = new S3PhotoSource(aws.clients().s3(), aws.names().bucket());
    }

    private static GeneratorServices services(PhotoSource photos) {
        return GeneratorServices.from(settings, aws.clients(), TIMING, photos, LIMITS);
    }

    /** Leases long enough that no heartbeat on a busy machine is late: every part is built by the worker that claimed it. */
    private static GeneratorServices servicesWithLongLeases(PhotoSource photos) {
        var timing = new ArchiveBuildService.Timing(Duration.ofSeconds(5), 3, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(1));
        return GeneratorServices.from(settings, aws.clients(), timing, photos, LIMITS);
    }

    private static Map<String, byte[]> photos(int count, long seed) {
        Random random = new Random(seed);
        Map<String, byte[]> photos = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            byte[] bytes = new byte[PHOTO_SIZE];
            random.nextBytes(bytes);
            photos.put((i % 2 == 0 ? "Ceremony/" : "Reception/") + String.format("IMG_%04d.jpg", i), bytes);
        }
        return photos;
    }

    private static void upload(String albumId, String path, byte[] bytes) {
        aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, path)),
                RequestBody.fromBytes(bytes));
    }

    private static void registerAlbum(String albumId, Map<String, byte[]> photos) {
        photos.forEach((path, bytes) -> upload(albumId, path, bytes));
        List<PhotoObject> listed = listing().list(albumId);
        assertTrue(albums.register(albumId, "Album " + albumId, "studio@example.com", listed.size(), Fingerprint.of(listed, WebSizes.DEFAULT),
                Instant.now()));
    }

    /** Album ids of their own, so a test can be run again against the same table (as when repeated to shake out schedules). */
    private static String unique(String name) {
        return name + "-" + Long.toString(System.nanoTime(), 36);
    }

    private static PhotoListing listing() {
        return new PhotoListing(aws.clients().s3(), aws.names().bucket());
    }

    private static AlbumPlan plan(String albumId) {
        try {
            return new BuildPlanner(listing(), GeneratorServices.deployedRenditions(settings, aws.clients()), LIMITS.maxPartBytes(),
                    2048).plan(albums.find(albumId).orElseThrow(), () -> Long.MAX_VALUE);
        } catch (WebRenditions.OutOfTime e) {
            throw new AssertionError("no time limit was given", e);
        }
    }

    /** Which part each photo key is in, by the plan of the album as it is listed now. */
    private static Map<String, Integer> partOfPhoto(AlbumPlan plan) {
        Map<String, Integer> parts = new HashMap<>();
        for (PlannedPart part : plan.parts()) {
            part.layout().entries().forEach(e -> parts.put(e.source().key(), part.index()));
        }
        return parts;
    }

    /** Every published part exists at its recorded size, and together they hold each photo exactly once, byte for byte. */
    private static void assertPartsHold(Album album, Map<String, byte[]> photos) throws IOException {
        Set<String> seen = new HashSet<>();
        for (PublishedPart part : album.publishedParts()) {
            Path file = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), album.albumId(), ".zip");
            try {
                try (var in = aws.clients().s3().getObject(r -> r.bucket(aws.names().bucket()).key(part.key()))) {
                    Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                assertEquals(part.size(), Files.size(file), part.key());
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    assertEquals(part.fileCount(), zip.size(), "entries of " + part.key());
                    for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                        assertTrue(seen.add(entry.getName()), entry.getName() + " is in two parts");
                        byte[] expected = photos.get(entry.getName());
                        assertNotNull(expected, "unexpected entry " + entry.getName());
                        try (InputStream in = zip.getInputStream(entry)) {
                            assertArrayEquals(expected, in.readAllBytes(), entry.getName());
                        }
                    }
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
        assertEquals(photos.keySet(), seen);
    }

    /** A photo source that takes {@code delay} per photo and notes when (and how often) each photo was read. */
    private static final class TimedPhotos implements PhotoSource {
        private final Duration delay;
        final Map<String, List<Instant>> reads = new ConcurrentHashMap<>();

        TimedPhotos(Duration delay) { this.delay = delay; }

        @Override
        public InputStream open(String key, String etag) throws IOException {
            reads.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(Instant.now());
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            return s3Photos.open(key, etag);
        }

        int readCount() {
            return reads.values().stream().mapToInt(List::size).sum();
        }
    }

    @Test
    void anAlbumOfEightPartsBuiltByFourGeneratorsAtOnceIsReadyWithEveryPartInOrder() throws Exception {
        String id = unique("eight-parts");
        Map<String, byte[]> photos = photos(32, 1);
        registerAlbum(id, photos);
        AlbumPlan plan = plan(id);
        assertTrue(plan.parts().size() >= 8, "the album is cut into " + plan.parts().size() + " parts");
        Map<String, Integer> partOf = partOfPhoto(plan);
        TimedPhotos source = new TimedPhotos(Duration.ofMillis(40));
        var handler = new ZipGeneratorHandler(servicesWithLongLeases(source));
        queue.wake(id);

        // Four generators, as Lambda would run them, each polling the queue the build's wake-ups go to.
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
        assertEquals(plan.parts().stream().map(PlannedPart::key).toList(),
                album.publishedParts().stream().map(PublishedPart::key).toList(), "every part, in download order");
        assertEquals(album.publishedParts().getFirst().key(), album.zipKey());
        assertEquals(album.publishedParts().stream().mapToLong(PublishedPart::size).sum(), album.zipSize());
        assertEquals(32, album.zipFileCount());
        assertEquals(new Progress(32, 32, 32L * PHOTO_SIZE, 32L * PHOTO_SIZE), album.progress(), "progress summed over the parts");
        assertEquals(List.of("ready"), album.builds().stream().map(b -> b.outcome()).toList(), "one build");
        assertPartsHold(album, photos);
        assertTrue(source.reads.values().stream().allMatch(r -> r.size() == 1), "no part was built twice: each photo read once");

        // Parts were built side by side, never by more generators than ZIP_PARALLEL_PARTS allows.
        int parallel = maxOverlap(readSpans(source, partOf));
        assertTrue(parallel >= 2 && parallel <= LIMITS.parallelParts(), "parts built at once: " + parallel);
    }

    /** Each part's first and last photo read. */
    private static Map<Integer, Instant[]> readSpans(TimedPhotos source, Map<String, Integer> partOf) {
        Map<Integer, Instant[]> spans = new HashMap<>();
        source.reads.forEach((key, times) -> times.forEach(t -> spans.merge(partOf.get(key), new Instant[] {t, t},
                (a, b) -> new Instant[] {a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]})));
        return spans;
    }

    /** The most spans open at one moment. */
    private static int maxOverlap(Map<Integer, Instant[]> spans) {
        int most = 0;
        for (Instant[] s : spans.values()) {
            int open = (int) spans.values().stream().filter(o -> !o[0].isAfter(s[0]) && !o[1].isBefore(s[0])).count();
            most = Math.max(most, open);
        }
        return most;
    }

    @Test
    void aWorkerKilledMidPartHasItsPartTakenOverOnceItsPartLeaseRunsOutAndTheBuildGoesOn() throws Exception {
        String id = unique("killed-worker");
        Map<String, byte[]> photos = photos(16, 2);
        registerAlbum(id, photos);
        AlbumPlan plan = plan(id);
        Map<String, Integer> partOf = partOfPhoto(plan);

        // The first generator plans the build, claims part 1 and dies in it without a word.
        Instant beforeCrash = Instant.now();
        var dying = services((key, etag) -> { throw new SimulatedCrash(); }).builds();
        assertThrows(SimulatedCrash.class, () -> dying.build(id, "dead", () -> 900_000));
        Album left = albums.find(id).orElseThrow();
        PartTask abandoned = left.buildParts().getFirst();
        assertEquals(PartTask.State.BUILDING, abandoned.state());
        assertEquals("dead", abandoned.owner());

        // A helper woken for the build takes the other parts, each longer than a part lease, and keeps the
        // build alive meanwhile; the abandoned part becomes free under it and is taken over.
        TimedPhotos source = new TimedPhotos(Duration.ofMillis(150));
        Outcome outcome = services(source).builds().build(id, "helper", () -> 900_000);

        assertEquals(Outcome.BUILT, outcome);
        Album done = albums.find(id).orElseThrow();
        assertEquals(ZipStatus.READY, done.zipStatus());
        assertEquals(plan.parts().size(), done.publishedParts().size());
        assertEquals(left.zipGenerationStartedAt(), done.builds().getFirst().startedAt(),
                "the same build finished: the album itself was never claimed again");
        assertPartsHold(done, photos);
        Instant firstPartRead = source.reads.entrySet().stream().filter(e -> partOf.get(e.getKey()) == 0)
                .flatMap(e -> e.getValue().stream()).min(Instant::compareTo).orElseThrow();
        assertFalse(firstPartRead.isBefore(beforeCrash.plus(TIMING.lease())), "taken over only after its part lease ran out");
    }

    @Test
    void aWorkerKilledWhileTheOthersFinishIsTakenOverByTheWakeUpTheLastOfThemLeaves() {
        String id = unique("killed-last");
        Map<String, byte[]> photos = photos(12, 7);
        registerAlbum(id, photos);
        int parts = plan(id).parts().size();
        // Leases long enough for the helper to build every other part within the dead worker's.
        var timing = new ArchiveBuildService.Timing(Duration.ofSeconds(4), 3, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(1));
        var dying = GeneratorServices.from(settings, aws.clients(), timing, (key, etag) -> { throw new SimulatedCrash(); },
                new PartLimits(LIMITS.maxPartBytes(), 1)).builds();
        assertThrows(SimulatedCrash.class, () -> dying.build(id, "dead", () -> 900_000));

        // A helper builds every other part, then finds nothing free: the dead worker's part is still under its lease.
        var helper = GeneratorServices.from(settings, aws.clients(), timing, s3Photos, LIMITS).builds();
        assertEquals(Outcome.PARTS_BUILT, helper.build(id, "helper", () -> 900_000));
        Album waiting = albums.find(id).orElseThrow();
        assertEquals(ZipStatus.GENERATING, waiting.zipStatus());
        assertEquals(1, waiting.partsRemaining());

        // Nobody clicks and no maintenance runs: the helper's delayed wake-up alone gets the part built.
        var driver = new SqsLambdaDriver(aws.clients().sqs(), aws.queueUrl(),
                new ZipGeneratorHandler(GeneratorServices.from(settings, aws.clients(), timing, s3Photos, LIMITS)));
        Album done = driver.pollUntil(() -> albums.find(id).orElseThrow(), a -> a.zipStatus() == ZipStatus.READY,
                Duration.ofSeconds(20));
        assertEquals(parts, done.publishedParts().size());
    }

    @Test
    void aPhotoChangedDuringABuildOfPartsSupersedesItAndNoStalePartIsPublished() {
        String id = "changed-parts";
        Map<String, byte[]> photos = photos(16, 3);
        registerAlbum(id, photos);
        AlbumPlan plan = plan(id);
        PlannedPart last = plan.parts().getLast();
        String firstPhoto = plan.parts().getFirst().layout().entries().getFirst().source().key();
        AtomicBoolean changed = new AtomicBoolean();
        // While the last part is read, a photo of the first part (built already) is replaced and its S3 event recorded.
        PhotoSource source = (key, etag) -> {
            boolean inLastPart = last.layout().entries().stream().anyMatch(e -> e.source().key().equals(key));
            if (inLastPart && changed.compareAndSet(false, true)) {
                aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(firstPhoto), RequestBody.fromBytes(new byte[] {1, 2, 3}));
                List<PhotoObject> now = listing().list(id);
                assertTrue(albums.recordContent(id, Fingerprint.of(now, WebSizes.DEFAULT), now.size()));
            }
            return s3Photos.open(key, etag);
        };
        var builds = GeneratorServices.from(settings, aws.clients(), TIMING, source, new PartLimits(LIMITS.maxPartBytes(), 1)).builds();

        assertEquals(Outcome.SUPERSEDED, builds.build(id, "gen", () -> 900_000));

        Album album = albums.find(id).orElseThrow();
        assertTrue(changed.get());
        assertEquals(ZipStatus.PENDING, album.zipStatus(), "one follow-up build of the photos as they are now");
        assertEquals(List.of(), album.publishedParts(), "no part of the old photos was published");
        assertEquals(List.of(), album.buildParts(), "the superseded plan is gone");
        assertEquals(List.of("superseded"), album.builds().stream().map(b -> b.outcome()).toList());
    }

    @Test
    void aRebuildKeepsThePartsWhosePhotosDidNotChangeAndBuildsOnlyTheOthers() throws Exception {
        String id = "rebuild-parts";
        Map<String, byte[]> photos = photos(24, 4);
        registerAlbum(id, photos);
        TimedPhotos first = new TimedPhotos(Duration.ZERO);
        assertEquals(Outcome.BUILT, services(first).builds().build(id, "gen-1", () -> 900_000));
        List<String> before = albums.find(id).orElseThrow().publishedParts().stream().map(PublishedPart::key).toList();
        assertEquals(24, first.readCount());

        // A photo added at the end of the album, and the rebuild its event would request.
        byte[] added = new byte[PHOTO_SIZE];
        new Random(5).nextBytes(added);
        upload(id, "Reception/IMG_9999.jpg", added);
        photos.put("Reception/IMG_9999.jpg", added);
        List<PhotoObject> listed = listing().list(id);
        assertTrue(albums.recordContent(id, Fingerprint.of(listed, WebSizes.DEFAULT), listed.size()));
        assertTrue(albums.requestBuild(id, RequestSource.PHOTOS_CHANGED, false, Instant.now(), Duration.ofMinutes(2)));
        AlbumPlan plan = plan(id);
        Set<String> newParts = new HashSet<>(plan.parts().stream().map(PlannedPart::key).toList());
        newParts.removeAll(before);
        Set<String> photosOfNewParts = new HashSet<>();
        plan.parts().stream().filter(p -> newParts.contains(p.key()))
                .forEach(p -> p.layout().entries().forEach(e -> photosOfNewParts.add(e.source().key())));

        TimedPhotos second = new TimedPhotos(Duration.ZERO);
        assertEquals(Outcome.BUILT, services(second).builds().build(id, "gen-2", () -> 900_000));

        Album album = albums.find(id).orElseThrow();
        List<String> after = album.publishedParts().stream().map(PublishedPart::key).toList();
        assertEquals(plan.parts().stream().map(PlannedPart::key).toList(), after);
        assertTrue(newParts.size() <= 2 && !newParts.isEmpty(), "parts changed by one photo at the end: " + newParts.size());
        assertTrue(after.stream().filter(k -> !newParts.contains(k)).allMatch(before::contains),
                "every other part is the archive published before");
        assertEquals(photosOfNewParts, second.reads.keySet(), "only the photos of the changed parts were read");
        assertTrue(second.reads.values().stream().allMatch(r -> r.size() == 1));
        assertPartsHold(album, photos);
    }

    @Test
    void aRebuildThatFindsEveryPartBuiltPublishesThemWithoutReadingAPhoto() throws Exception {
        String id = "all-built";
        Map<String, byte[]> photos = photos(12, 6);
        registerAlbum(id, photos);
        assertEquals(Outcome.BUILT, services(s3Photos).builds().build(id, "gen-1", () -> 900_000));
        List<PublishedPart> before = albums.find(id).orElseThrow().publishedParts();
        // Maintenance asks again (a build it took for lost): the photos are those of the published parts.
        assertTrue(albums.requestBuild(id, RequestSource.MAINTENANCE, true, Instant.now(), Duration.ofMinutes(2)));

        TimedPhotos source = new TimedPhotos(Duration.ZERO);
        assertEquals(Outcome.BUILT, services(source).builds().build(id, "gen-2", () -> 900_000));

        assertEquals(0, source.readCount());
        Album album = albums.find(id).orElseThrow();
        assertEquals(before, album.publishedParts());
        assertEquals(List.of("ready", "ready"), album.builds().stream().map(b -> b.outcome()).toList());
        assertPartsHold(album, photos);
    }

    @Test
    void aRebuildThePhotographerForcesBuildsEveryPartAfreshFromThePhotos() throws Exception {
        String id = "forced-afresh";
        Map<String, byte[]> photos = photos(12, 8);
        registerAlbum(id, photos);
        assertEquals(Outcome.BUILT, services(s3Photos).builds().build(id, "gen-1", () -> 900_000));
        List<PublishedPart> before = albums.find(id).orElseThrow().publishedParts();
        assertTrue(albums.requestBuild(id, RequestSource.ADMIN, true, Instant.now(), Duration.ofMinutes(2)));

        TimedPhotos source = new TimedPhotos(Duration.ZERO);
        assertEquals(Outcome.BUILT, services(source).builds().build(id, "gen-2", () -> 900_000));

        assertEquals(photos.size(), source.readCount(), "every photo read again: nothing kept, nothing copied");
        Album album = albums.find(id).orElseThrow();
        assertEquals(before, album.publishedParts(), "the same content makes the same archives, under the same keys");
        assertPartsHold(album, photos);
    }

    /** Stands for the process dying: an Error no layer of the generator catches. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() { super("simulated crash"); }
    }
}

package com.clientalbums.zip.bench;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PartTask;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.PublishedPart;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.queue.ZipQueue;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.localaws.AwsResources;
import com.clientalbums.localaws.LoopbackServers;
import com.clientalbums.localaws.ResourceNames;
import com.clientalbums.previews.job.AlbumWebSizes;
import com.clientalbums.previews.job.PhotoPreviews;
import com.clientalbums.testing.SqsLambdaDriver;
import com.clientalbums.zip.handler.GeneratorServices;
import com.clientalbums.zip.handler.ZipGeneratorHandler;
import software.amazon.awssdk.core.sync.RequestBody;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code scripts/bench.sh --ready}: how much later than the originals' archive the web-size one is
 * ready, when both come from one build ({@code docs/benchmarks.md}, "Web size ready with the originals").
 *
 * <p>For each album size, on the loopback S3, SQS and DynamoDB: camera-like JPEGs (as
 * {@link WebSizeBenchmark} makes them; 24 MP for small albums, 6 MP for large ones so a run takes
 * minutes on a small machine; at most {@link #DISTINCT} distinct ones, repeated under other names) are
 * uploaded, a few in sub-folders; each photo's arrival job
 * ({@link PhotoPreviews#make}, with the web size {@link AlbumWebSizes} gives the handler) runs on two
 * threads, as photo events would run it, and is timed. Then the album is registered and a generator
 * woken as the admin API does it, and the deployed handler ({@link GeneratorServices#from(Settings, AwsClients)}:
 * {@code S3WebRenditions}, deployed part size and {@code ZIP_PARALLEL_PARTS}) takes the queue's
 * messages in {@code ZIP_PARALLEL_PARTS} threads of this one process, each standing for a Lambda
 * invocation with a handler, memory budget and clients of its own (they share this machine's cores;
 * in AWS each has its own). A poller reads the album
 * record every 50 ms and notes when the plan is written, when each part is seen building and done,
 * when every ORIGINAL part is done (T_orig) and when the album is ready (T_ready: both sizes
 * published). The run fails unless the first record seen ready holds both {@code zip_parts} and
 * {@code web_parts}, neither seen before it (one write published both), with every photo in each.
 *
 * <p>Arguments: {@code TOOLS_DIR DATA_DIR N...} (default N: 60 and 1000). One line per album:
 * {@code RESULT photos=N … orig_s=… ready_s=… lag_s=… ready_vs_orig=…}
 */
public final class ReadyTimeBenchmark {
    /** Albums up to this many photos get 24 MP photos; larger ones 6 MP. */
    private static final int FULL_SIZE_UP_TO = 100;
    /**
     * Distinct photos generated per pixel size; a larger album repeats them under other names. Making
     * one costs seconds on a small machine (per-pixel noise), a thousand would take longer than the
     * run; every name is still its own object, arrival job, rendition and archive entry.
     */
    private static final int DISTINCT = 100;
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration LIMIT = Duration.ofMinutes(30);
    /** As the event source's photo events run the arrival jobs here: two at a time. */
    private static final int ARRIVAL_THREADS = 2;

    private ReadyTimeBenchmark() {}

    /** One photo's place in the album and its size in pixels. */
    record Photo(String path, int width, int height) {}

    /** What the poller saw of one build, in instants of this JVM's clock. */
    record Timeline(Instant registered, Instant claimed, Instant planned, Instant originalsDone, Instant ready,
                    Map<Integer, Instant> partStarted, Map<Integer, Instant> partDone, List<PartTask> plan, Album published,
                    int reads, double longestGapMs) {}

    public static void main(String[] args) throws Exception {
        Path tools = Path.of(args[0]);
        Path data = Path.of(args[1]);
        List<Integer> sizes = args.length > 2 ? Stream.of(args).skip(2).map(Integer::parseInt).toList() : List.of(60, 1000);
        System.setProperty("aws.accessKeyId", LoopbackServers.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LoopbackServers.SECRET_KEY);
        Path store = data.resolve("store");
        deleteTree(store);
        // On disk, not in memory: a thousand photos, their renditions and both archives are gigabytes.
        try (LoopbackServers servers = LoopbackServers.start(tools, store, LoopbackServers.freePort())) {
            ResourceNames names = ResourceNames.forProject("readybench");
            // As long as an invocation may run, as Terraform sets it: a long build's message is not delivered twice.
            var queues = AwsResources.create(servers.endpoints(), names, Duration.ofMinutes(15), 3);
            Map<String, String> env = new HashMap<>(names.environment(queues.queueUrl()));
            env.putAll(servers.endpoints().sdkEnvironment());
            Settings settings = Settings.from(ZipGeneratorHandler.SETTINGS, env);
            try (AwsClients clients = AwsClients.create(servers.endpoints().region(), env)) {
                for (int n : sizes) run(settings, env, clients, data.resolve("photos"), n);
            }
        }
    }

    private static void run(Settings settings, Map<String, String> env, AwsClients clients, Path photoCache, int n) throws Exception {
        int width = n <= FULL_SIZE_UP_TO ? 6000 : 3000, height = width * 2 / 3;
        String albumId = "ready-" + n + "-" + Long.toString(System.currentTimeMillis(), 36);
        String bucket = settings.bucket();
        int px = settings.integer(Setting.WEB_SIZE_PX);
        int parallel = settings.integer(Setting.ZIP_PARALLEL_PARTS);
        System.out.printf("%nalbum of %d photos of %d × %d (camera-like JPEGs, quality 0.95, %d distinct), web size %d px, "
                        + "ZIP_SPLIT_SIZE_MB %d, ZIP_PARALLEL_PARTS %d (generator invocations as threads of this process), %d processor(s)%n",
                n, width, height, Math.min(n, DISTINCT), px, settings.integer(Setting.ZIP_SPLIT_SIZE_MB), parallel, Runtime.getRuntime().availableProcessors());

        List<Photo> photos = new ArrayList<>();
        for (int i = 0; i < n; i++) photos.add(new Photo(pathOf(i), width, height));
        long originalBytes = upload(clients, bucket, albumId, photos, photoCache);
        System.out.printf("uploaded %,d bytes of photos%n", originalBytes);

        // Arrival: what the photo events' preview jobs do before the album is even registered.
        var previews = new PhotoPreviews(clients.s3(), bucket);
        AlbumRepository albums = new AlbumRepository(clients.dynamo(), settings.albumTable());
        WebSize webSize = new AlbumWebSizes(albums, px).of(albumId);
        AtomicLong jobNanos = new AtomicLong();
        long arrivalStart = System.nanoTime();
        try (ExecutorService arrivals = Executors.newFixedThreadPool(ARRIVAL_THREADS)) {
            List<Future<PhotoPreviews.Result>> made = new ArrayList<>();
            for (Photo p : photos) {
                made.add(arrivals.submit(() -> {
                    long t0 = System.nanoTime();
                    PhotoPreviews.Result result = previews.make(albumId, p.path(), webSize);
                    jobNanos.addAndGet(System.nanoTime() - t0);
                    return result;
                }));
            }
            for (int i = 0; i < made.size(); i++) {
                PhotoPreviews.Result result = made.get(i).get();
                if (result != PhotoPreviews.Result.MADE) throw new IllegalStateException(photos.get(i).path() + ": " + result);
            }
        }
        double arrivalWallMs = (System.nanoTime() - arrivalStart) / 1e6;
        double jobMs = jobNanos.get() / 1e6 / n;
        System.out.printf("arrival: thumbnail, preview and web size of each photo on %d threads: %.0f ms per photo's job, "
                + "%.0f ms per photo of wall time (%.1f s in all)%n", ARRIVAL_THREADS, jobMs, arrivalWallMs / n, arrivalWallMs / 1000);

        Timeline t = registerAndBuild(settings, env, clients, albums, albumId, parallel);
        report(n, width, height, originalBytes, jobMs, arrivalWallMs / n, t);
    }

    /** Registers the album and wakes a generator as the admin API does, builds it, and watches the record meanwhile. */
    private static Timeline registerAndBuild(Settings settings, Map<String, String> env, AwsClients clients, AlbumRepository albums,
                                             String albumId, int parallel) throws Exception {
        PhotoListing listing = new PhotoListing(clients.s3(), settings.bucket());
        List<PhotoObject> listed = listing.list(albumId);
        Instant registered = Instant.now();
        if (!albums.register(albumId, "Ready " + albumId, "bench@example.com", listed.size(),
                Fingerprint.of(listed, WebSize.defaults(settings.integer(Setting.WEB_SIZE_PX))), registered)) {
            throw new IllegalStateException("album " + albumId + " exists");
        }
        ZipQueue.of(settings, clients.sqs()).wake(albumId);

        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService generators = Executors.newFixedThreadPool(parallel);
        List<Future<?>> running = new ArrayList<>();
        for (int g = 0; g < parallel; g++) {
            running.add(generators.submit(() -> {
                // A handler, memory budget and clients of its own, as each Lambda invocation has: shared, the
                // parts would wait for each other's buffers and the web part would look slower than it is.
                try (AwsClients own = AwsClients.create(settings.region(), env)) {
                    var handler = new ZipGeneratorHandler(GeneratorServices.from(settings, own));
                    var driver = new SqsLambdaDriver(own.sqs(), settings.queueUrl(), handler);
                    while (!stop.get()) driver.pollOnce(Duration.ofSeconds(1));
                }
                return null;
            }));
        }
        try {
            return watch(albums, albumId, registered);
        } finally {
            stop.set(true);
            for (Future<?> f : running) f.get();
            generators.shutdown();
        }
    }

    /** Reads the album every {@link #POLL} until it is ready. */
    private static Timeline watch(AlbumRepository albums, String albumId, Instant registered) throws InterruptedException {
        Instant claimed = null, planned = null, originalsDone = null;
        Map<Integer, Instant> started = new TreeMap<>(), done = new TreeMap<>();
        List<PartTask> plan = List.of();
        Instant deadline = registered.plus(LIMIT);
        int reads = 0;
        Instant lastRead = null;
        double longestGapMs = 0;
        while (Instant.now().isBefore(deadline)) {
            Album album = albums.find(albumId).orElseThrow();
            // A state seen at a read began at most one gap before it: the gaps are the figures' resolution.
            Instant now = Instant.now();
            if (lastRead != null) longestGapMs = Math.max(longestGapMs, Duration.between(lastRead, now).toNanos() / 1e6);
            lastRead = now;
            reads++;
            if (claimed == null && album.zipGenerationStartedAt() != null) claimed = album.zipGenerationStartedAt();
            if (album.zipStatus() == ZipStatus.READY) {
                if (album.zipParts().isEmpty() || album.webParts().isEmpty()) {
                    throw new IllegalStateException("ready without both sizes: zip_parts " + album.zipParts() + ", web_parts " + album.webParts());
                }
                if (album.zipGeneratedAt() == null) throw new IllegalStateException("ready without zip_generated_at");
                for (PartTask p : plan) done.putIfAbsent(p.index(), now);
                if (originalsDone == null) originalsDone = now; // the last original part and the publish fell in one poll
                return new Timeline(registered, claimed, planned, originalsDone, now, started, done, plan, album, reads, longestGapMs);
            }
            if (!album.zipParts().isEmpty() || !album.webParts().isEmpty()) {
                throw new IllegalStateException("parts published before the album is ready: " + album);
            }
            if (album.zipStatus() == ZipStatus.ERROR) throw new IllegalStateException("the build failed: " + album.zipError());
            if (!album.buildParts().isEmpty()) {
                if (planned == null) planned = now;
                plan = album.buildParts();
                for (PartTask p : plan) {
                    if (p.state() != PartTask.State.TODO) started.putIfAbsent(p.index(), now);
                    if (p.state() == PartTask.State.DONE) done.putIfAbsent(p.index(), now);
                }
                if (originalsDone == null && plan.stream().filter(p -> p.photoSize() == PhotoSize.ORIGINAL)
                        .allMatch(p -> p.state() == PartTask.State.DONE)) {
                    originalsDone = now;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("album " + albumId + " not ready within " + LIMIT);
    }

    private static void report(int n, int width, int height, long originalBytes, double jobMs, double wallMs, Timeline t) {
        Album album = t.published();
        long origZip = album.publishedParts(PhotoSize.ORIGINAL).stream().mapToLong(PublishedPart::size).sum();
        long webZip = album.publishedParts(PhotoSize.WEB).stream().mapToLong(PublishedPart::size).sum();
        long origFiles = album.publishedParts(PhotoSize.ORIGINAL).stream().mapToLong(PublishedPart::fileCount).sum();
        long webFiles = album.publishedParts(PhotoSize.WEB).stream().mapToLong(PublishedPart::fileCount).sum();
        if (origFiles != n || webFiles != n) {
            throw new IllegalStateException("expected " + n + " photos in each size, found " + origFiles + " and " + webFiles);
        }
        double orig = seconds(t.claimed(), t.originalsDone()), ready = seconds(t.claimed(), t.ready());
        double planning = seconds(t.claimed(), t.planned());
        System.out.printf("registered → claimed %.2f s; from the claim: plan written (listing, renditions checked) %.2f s, "
                + "originals done (T_orig) %.2f s, ready (T_ready) %.2f s%n", seconds(t.registered(), t.claimed()), planning, orig, ready);
        System.out.printf("album record read %d times, at most %.0f ms apart (a time below is when a read first saw it)%n",
                t.reads(), t.longestGapMs());
        System.out.printf("%-6s %-9s %14s %10s %10s %10s%n", "part", "size", "bytes", "started s", "done s", "took s");
        double origSpan = 0, webSpan = 0;
        for (PartTask p : t.plan().stream().sorted(Comparator.comparingInt(PartTask::index)).toList()) {
            Instant s = t.partStarted().getOrDefault(p.index(), t.planned()), d = t.partDone().get(p.index());
            // A part already done when the plan was written (or first seen done) took no time this poller could see.
            double took = seconds(s, d);
            if (p.photoSize() == PhotoSize.ORIGINAL) origSpan = Math.max(origSpan, seconds(t.planned(), d));
            else webSpan = Math.max(webSpan, seconds(t.planned(), d));
            System.out.printf("%-6d %-9s %,14d %10.2f %10.2f %10.2f%n", p.index(), p.photoSize().value(), p.size(),
                    seconds(t.claimed(), s), seconds(t.claimed(), d), took);
        }
        double lag = ready - orig;
        System.out.printf("time split from the claim: planning %.2f s, original parts done %.2f s after it, web parts %.2f s after it%n",
                planning, origSpan, webSpan);
        System.out.printf("archives (STORED): original %,d bytes, web size %,d bytes, ratio %.4f; photos %,d bytes%n",
                origZip, webZip, (double) webZip / origZip, originalBytes);
        System.out.printf("web size adds %.2f s to the originals' %.2f s (T_ready / T_orig = %.3f); both published in one write at %s%n",
                lag, orig, ready / orig, album.zipGeneratedAt());
        System.out.printf("RESULT photos=%d pixels=%dx%d arrival_ms_per_photo=%.0f arrival_wall_ms_per_photo=%.0f planning_s=%.2f "
                        + "orig_s=%.2f ready_s=%.2f lag_s=%.2f ready_vs_orig=%.3f orig_zip_bytes=%d web_zip_bytes=%d web_zip_ratio=%.4f%n",
                n, width, height, jobMs, wallMs, planning, orig, ready, lag, ready / orig, origZip, webZip, (double) webZip / origZip);
    }

    /** Every twentieth photo in a folder for the ceremony, the next in a nested one for portraits, the rest at the top. */
    private static String pathOf(int i) {
        String name = String.format("DSC_%04d.jpg", i + 1);
        return switch (i % 20) {
            case 0 -> "Ceremony/" + name;
            case 1 -> "Reception/Portraits/" + name;
            default -> name;
        };
    }

    /**
     * Uploads the photos, generating each of the {@link #DISTINCT} on first use into {@code cache}
     * (seeded by position, so a photo is the same bytes in every run). Returns their bytes.
     */
    private static long upload(AwsClients clients, String bucket, String albumId, List<Photo> photos, Path cache) throws Exception {
        AtomicLong bytes = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < photos.size(); i++) {
                Photo p = photos.get(i);
                int seed = i % DISTINCT;
                Path file = cache.resolve(p.width() + "x" + p.height()).resolve(String.format("%05d.jpg", seed));
                puts.add(pool.submit(() -> {
                    if (!Files.exists(file)) {
                        Files.createDirectories(file.getParent());
                        Path partial = file.resolveSibling(file.getFileName() + ".partial");
                        Files.write(partial, WebSizeBenchmark.cameraJpeg(new Random(seed), p.width(), p.height()));
                        Files.move(partial, file);
                    }
                    clients.s3().putObject(r -> r.bucket(bucket).key(S3Keys.photoKey(albumId, p.path())), RequestBody.fromFile(file));
                    bytes.addAndGet(Files.size(file));
                    return null;
                }));
            }
            for (Future<?> put : puts) put.get();
        }
        return bytes.get();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}

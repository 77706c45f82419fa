package com.clientalbums.local.load;

import com.clientalbums.localaws.AwsEndpoints;
import com.clientalbums.localaws.AwsResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * The load figures of {@code scripts/load.sh}, against a runner the script started with
 * {@link AlbumWriteCounter} installed: N concurrent download clicks on an album being built and N
 * on a ready one (p50, p99, album-table writes per click), then many albums registered at once and
 * the runner's peak memory while they build. Prints a table and a {@code RESULT} line.
 *
 * <p>Arguments: {@code SITE_URL LOCAL_ENV COUNTER_URL RUNNER_PID PASSWORD CLICKS BUILDING_PHOTOS
 * BUILDING_KB ALBUMS ALBUM_PHOTOS PHOTO_KB}.
 */
public final class LoadFigures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin@demo.test";
    private static final String CLIENT = "client@demo.test";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private final URI site;
    private final URI counter;
    private String admin;
    private String client;

    private LoadFigures(URI site, URI counter) {
        this.site = site;
        this.counter = counter;
    }

    record Burst(String album, String statusBefore, String statusAfter, long p50Ms, long p99Ms, long maxMs,
                 long writes, long failedWrites, int clicks, int non200) {
        double writesPerClick() { return (double) writes / clicks; }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 11) {
            System.err.println("usage: LoadFigures SITE_URL LOCAL_ENV COUNTER_URL RUNNER_PID PASSWORD CLICKS"
                    + " BUILDING_PHOTOS BUILDING_KB ALBUMS ALBUM_PHOTOS PHOTO_KB");
            System.exit(2);
        }
        LoadFigures load = new LoadFigures(URI.create(args[0]), URI.create(args[2]));
        Map<String, String> env = readEnv(Path.of(args[1]));
        long pid = Long.parseLong(args[3]);
        int clicks = Integer.parseInt(args[5]);
        int buildingPhotos = Integer.parseInt(args[6]);
        int buildingKb = Integer.parseInt(args[7]);
        int albums = Integer.parseInt(args[8]);
        int albumPhotos = Integer.parseInt(args[9]);
        int photoKb = Integer.parseInt(args[10]);
        load.admin = load.signIn(ADMIN, args[4]);
        load.client = load.signIn(CLIENT, args[4]);
        AwsEndpoints endpoints = new AwsEndpoints(URI.create(env.get("AWS_ENDPOINT_URL_S3")),
                URI.create(env.get("AWS_ENDPOINT_URL_SQS")), URI.create(env.get("AWS_ENDPOINT_URL_DYNAMODB")),
                env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"), env.get("AWS_REGION"));

        try (S3Client s3 = AwsResources.s3(endpoints)) {
            String bucket = env.get("CLIENT_ALBUMS_BUCKET");
            String stamp = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

            // The demo album, built at start-up, is the ready one.
            load.until(Duration.ofMinutes(5), "demo", a -> a.path("status").asText().equals("ready"));
            // Warm both paths once so that neither burst pays the JIT alone.
            load.burst("demo", Math.min(50, clicks));
            Burst ready = load.burst("demo", clicks);

            String building = "load-building-" + stamp;
            upload(s3, bucket, building, buildingPhotos, buildingKb);
            load.register(building);
            // Progress shows at the lease's heartbeat (every 30 s by default): being claimed is enough.
            load.until(Duration.ofMinutes(3), building, a -> a.path("status").asText().equals("generating"));
            Burst generating = load.burst(building, clicks);

            List<String> many = new ArrayList<>();
            for (int i = 0; i < albums; i++) {
                String album = "load-many-%s-%02d".formatted(stamp, i);
                upload(s3, bucket, album, albumPhotos, photoKb);
                many.add(album);
            }
            load.until(Duration.ofMinutes(5), building, a -> a.path("status").asText().equals("ready"));
            Instant started = Instant.now();
            long peakRss;
            long peakHeap;
            try (MemorySampler memory = MemorySampler.start(pid)) {
                try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<?>> registered = new ArrayList<>();
                    for (String album : many) registered.add(threads.submit(() -> { load.register(album); return null; }));
                    for (Future<?> f : registered) f.get();
                }
                for (String album : many) {
                    load.until(Duration.ofMinutes(15), album, a -> a.path("status").asText().equals("ready"));
                }
                peakRss = memory.peakRssMb();
                peakHeap = memory.peakHeapMb();
            }
            Duration manyTook = Duration.between(started, Instant.now());

            System.out.println();
            System.out.printf("%-34s %8s %8s %8s %14s %10s%n", "300 concurrent clicks", "p50 ms", "p99 ms", "max ms",
                    "writes/click", "non-200");
            for (Burst b : List.of(generating, ready)) {
                System.out.printf("%-34s %8d %8d %8d %14.2f %10d%n",
                        (b == ready ? "ready album" : "building album") + " (" + b.statusBefore() + "→" + b.statusAfter() + ")",
                        b.p50Ms(), b.p99Ms(), b.maxMs(), b.writesPerClick(), b.non200());
            }
            double ratio = (double) generating.p99Ms() / Math.max(1, ready.p99Ms());
            System.out.printf("building p99 / ready p99: %.2f   building p50 / ready p50: %.2f%n", ratio,
                    (double) generating.p50Ms() / Math.max(1, ready.p50Ms()));
            System.out.printf("album-table writes: building %d (%d refused by their condition), ready %d (%d refused)%n",
                    generating.writes(), generating.failedWrites(), ready.writes(), ready.failedWrites());
            System.out.printf("%d albums of %d photos registered at once: all ready in %.1f s;"
                    + " runner JVM peak RSS %d MB, peak used heap %d MB%n", albums, albumPhotos,
                    manyTook.toMillis() / 1000.0, peakRss, peakHeap);
            System.out.printf("RESULT building_p99_ms=%d ready_p99_ms=%d building_vs_ready_p99=%.2f"
                    + " building_writes_per_click=%.2f ready_writes_per_click=%.2f many_albums=%d many_seconds=%.1f"
                    + " peak_rss_mb=%d peak_heap_mb=%d%n", generating.p99Ms(), ready.p99Ms(), ratio,
                    generating.writesPerClick(), ready.writesPerClick(), albums, manyTook.toMillis() / 1000.0,
                    peakRss, peakHeap);
        }
    }

    /** {@code clicks} download requests released at once; latencies, and album-table writes during the burst. */
    private Burst burst(String album, int clicks) throws Exception {
        String before = download(album).path("status").asText();
        long[] writesBefore = writes();
        long[] millis = new long[clicks];
        int[] status = new int[clicks];
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < clicks; i++) {
                int n = i;
                all.add(threads.submit(() -> {
                    go.await();
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(request("api/albums/" + album + "/download", client).build(),
                            HttpResponse.BodyHandlers.ofString());
                    millis[n] = (System.nanoTime() - t0) / 1_000_000;
                    status[n] = r.statusCode();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : all) f.get();
        }
        long[] writesAfter = writes();
        String after = download(album).path("status").asText();
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        int non200 = (int) Arrays.stream(status).filter(s -> s != 200).count();
        return new Burst(album, before, after, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1],
                writesAfter[0] - writesBefore[0], writesAfter[1] - writesBefore[1], clicks, non200);
    }

    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private long[] writes() throws Exception {
        String[] counts = http.send(HttpRequest.newBuilder(counter).build(), HttpResponse.BodyHandlers.ofString()).body().split(" ");
        return new long[]{Long.parseLong(counts[0]), Long.parseLong(counts[1])};
    }

    private static void upload(S3Client s3, String bucket, String album, int photos, int kb) {
        Random random = new Random(album.hashCode());
        byte[] bytes = new byte[kb * 1024];
        for (int i = 0; i < photos; i++) {
            random.nextBytes(bytes);
            String key = "albums/" + album + "/photos/IMG_%04d.jpg".formatted(i);
            s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        }
    }

    private void register(String album) throws Exception {
        HttpResponse<String> created = http.send(request("api/admin/albums", admin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"album_id\":\"" + album + "\",\"name\":\"" + album + "\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) throw new IllegalStateException("register " + album + ": " + created.body());
        HttpResponse<String> granted = http.send(request("api/admin/albums/" + album + "/users/" + CLIENT, admin)
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (granted.statusCode() / 100 != 2) throw new IllegalStateException("grant " + album + ": " + granted.body());
    }

    private JsonNode download(String album) throws Exception {
        HttpResponse<String> r = http.send(request("api/albums/" + album + "/download", client).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(album + ": " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    private void until(Duration timeout, String album, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last;
        while (!done.test(last = download(album))) {
            if (Instant.now().isAfter(deadline)) throw new IllegalStateException(album + " not there in " + timeout + ": " + last);
            Thread.sleep(250);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(site.resolve(path)).timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token);
    }

    private String signIn(String email, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(site.resolve("local-auth/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("sign-in " + email + ": " + r.body());
        return JSON.readTree(r.body()).path("id_token").asText();
    }

    private static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("export ")) continue;
            int eq = line.indexOf('=');
            String value = line.substring(eq + 1);
            if (value.startsWith("'") && value.endsWith("'") && value.length() >= 2) value = value.substring(1, value.length() - 1);
            env.put(line.substring(7, eq), value);
        }
        return env;
    }
}

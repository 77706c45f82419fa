package com.clientalbums.client.bench;

import com.clientalbums.client.download.ArchiveCheck;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PublishedArchive;
import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.ObjectHeads;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.localaws.AwsResources;
import com.clientalbums.localaws.LoopbackServers;
import com.clientalbums.localaws.ResourceNames;
import com.clientalbums.testing.WebSizes;
import software.amazon.awssdk.core.sync.RequestBody;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * What the download's fresh check costs per click ({@code scripts/bench.sh --click-check}): for an
 * album of 1,000 and one of 10,000 photos in the loopback S3, the time of the check as the API
 * runs it (every LIST page, the archive's HEAD beside it), of the same two one after the other,
 * and of the floor measured in the same run (one consistent GetItem of the album, one HEAD), plus
 * the AWS request cost per click. Photos are empty objects: a listing's cost depends on keys, not
 * bytes. The last line is machine-readable:
 * <pre>
 *   RESULT check_ms_1000=… check_ms_10000=… getitem_ms=… head_ms=… list_usd_per_million_clicks_10000=…
 * </pre>
 */
public final class ClickCheckBenchmark {
    /** S3 Standard, us-east-1: LIST (and PUT, COPY, POST) per 1,000 requests; GET and HEAD per 1,000. */
    static final double LIST_USD_PER_1000 = 0.005;
    static final double HEAD_USD_PER_1000 = 0.0004;
    static final int KEYS_PER_PAGE = 1000;

    private ClickCheckBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path tools = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        System.setProperty("aws.accessKeyId", LoopbackServers.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LoopbackServers.SECRET_KEY);
        try (LoopbackServers servers = LoopbackServers.start(tools, null, LoopbackServers.freePort())) {
            ResourceNames names = ResourceNames.forProject("clickbench");
            var queues = AwsResources.create(servers.endpoints(), names, Duration.ofSeconds(30), 3);
            Map<String, String> env = new HashMap<>(names.environment(queues.queueUrl()));
            env.putAll(servers.endpoints().sdkEnvironment());
            try (AwsClients clients = AwsClients.create(servers.endpoints().region(), env)) {
                run(clients, names, runs);
            }
        }
    }

    private static void run(AwsClients clients, ResourceNames names, int runs) throws Exception {
        AlbumRepository albums = new AlbumRepository(clients.dynamo(), names.albumTable());
        PhotoListing listing = new PhotoListing(clients.s3(), names.bucket());
        ObjectHeads heads = new ObjectHeads(clients.s3(), names.bucket());
        ArchiveCheck check = new ArchiveCheck(listing, heads, 2048);

        System.out.printf("%-8s %8s %14s %18s %12s %10s %9s %22s%n", "photos", "pages", "check ms (p50)", "sequential ms",
                "GetItem ms", "HEAD ms", "check/GetItem", "USD per 1M clicks");
        StringBuilder result = new StringBuilder("RESULT");
        for (int photos : List.of(1_000, 10_000)) {
            Album album = readyAlbum(clients, names, albums, listing, "click-" + photos, photos);
            // Warm-up: the JIT and the connection pool, as in a function that has served a few clicks.
            for (int i = 0; i < 5; i++) check.check(album);
            double checked = median(runs, () -> {
                if (!(check.check(album) instanceof ArchiveCheck.Current)) throw new IllegalStateException("album changed");
                return null;
            });
            double sequential = median(runs, () -> {
                Fingerprint.of(listing.list(album.albumId()), WebSizes.DEFAULT);
                return heads.head(album.zipKey());
            });
            double getItem = median(runs, () -> albums.find(album.albumId()));
            double head = median(runs, () -> heads.head(album.zipKey()));
            int pages = (photos + KEYS_PER_PAGE - 1) / KEYS_PER_PAGE;
            double usdPerMillion = (pages * LIST_USD_PER_1000 + HEAD_USD_PER_1000) * 1000;
            System.out.printf("%-8d %8d %14.1f %18.1f %12.1f %10.1f %9.1f %22.2f%n", photos, pages, checked, sequential,
                    getItem, head, checked / getItem, usdPerMillion);
            result.append(String.format(" check_ms_%d=%.1f sequential_ms_%d=%.1f getitem_ms_%d=%.1f head_ms_%d=%.1f usd_per_million_clicks_%d=%.2f",
                    photos, checked, photos, sequential, photos, getItem, photos, head, photos, usdPerMillion));
        }
        System.out.println(result);
    }

    /** An album of {@code photos} empty objects with a published archive of exactly them. */
    private static Album readyAlbum(AwsClients clients, ResourceNames names, AlbumRepository albums, PhotoListing listing,
                                    String albumId, int photos) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < photos; i++) {
                String key = S3Keys.photoKey(albumId, String.format("Day %d/IMG_%05d.jpg", i / 500, i));
                puts.add(pool.submit(() -> clients.s3().putObject(p -> p.bucket(names.bucket()).key(key), RequestBody.empty())));
            }
            for (Future<?> put : puts) put.get();
        }
        List<PhotoObject> listed = listing.list(albumId);
        String fingerprint = Fingerprint.of(listed, WebSizes.DEFAULT);
        Instant now = Instant.now();
        if (!albums.register(albumId, albumId, "bench@example.com", listed.size(), fingerprint, now)) {
            throw new IllegalStateException("album " + albumId + " exists");
        }
        Album claimed = albums.claim(albumId, "bench", now, Duration.ofMinutes(5)).orElseThrow();
        String zipKey = S3Keys.zipKey(albumId, fingerprint);
        clients.s3().putObject(p -> p.bucket(names.bucket()).key(zipKey), RequestBody.fromString("PK"));
        albums.publish(albumId, "bench", claimed.buildVersion(), new PublishedArchive(zipKey, 2, listed.size(), 0, fingerprint),
                List.of(), now);
        return albums.find(albumId).orElseThrow();
    }

    /** The median of {@code runs} timings of {@code action}, in milliseconds. */
    private static double median(int runs, Supplier<?> action) {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            action.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
    }
}

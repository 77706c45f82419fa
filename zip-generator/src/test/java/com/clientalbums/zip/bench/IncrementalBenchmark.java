package com.clientalbums.zip.bench;

import com.clientalbums.common.album.PublishedPart;
import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.zip.build.PartKeys;
import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.zip.layout.ZipLayout;
import com.clientalbums.zip.pipeline.ArchiveJob;
import com.clientalbums.zip.pipeline.ArchivePipeline;
import com.clientalbums.zip.pipeline.AssemblyPlan;
import com.clientalbums.zip.pipeline.BuildMonitor;
import com.clientalbums.zip.pipeline.CheckpointStore;
import com.clientalbums.zip.pipeline.PipelineConfig;
import com.clientalbums.zip.pipeline.S3ArchiveTarget;
import com.clientalbums.zip.pipeline.S3PhotoSource;
import com.clientalbums.zip.reuse.ArchiveManifests;
import com.clientalbums.zip.reuse.PreviousArchives;
import com.clientalbums.zip.reuse.ReusePlanner;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * {@code scripts/bench.sh --incremental}: on a copy of the benchmark album in the local S3, a full
 * build, then three changes of 1 % of the photos each — added, replaced, deleted, scattered
 * through the album — each rebuilt incrementally from the archive before it, and each also built
 * in full from the same photos. Prints, per change, the bytes the generator moves (downloaded +
 * uploaded, counted on the S3 client: {@link S3Traffic}) and the bytes S3 copies server-side, as
 * percentages of the full build's moved bytes and of the archive; wall times against the full
 * rebuild, with the local S3's own copy time apart; and checks each incremental archive is
 * byte-identical to its full build (the tests assert the same; a mismatch here fails the run).
 *
 * <p>Arguments: {@code ENDPOINT ALBUM BUDGET_MB signed|unsigned}. The last line:
 * {@code INCREMENTAL moved_pct=P copied_pct=C vs_full_time=T} (the worst of the three changes).
 */
public final class IncrementalBenchmark {
    private static final int PART = 16 * 1024 * 1024;
    private static final String WORK = "incremental-work";

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private record Built(String key, ZipLayout layout, List<String> etags, long contentBytes, double seconds,
                         S3Traffic.Figures traffic) {
        PublishedPart asPart() {
            return new PublishedPart(key, layout.totalSize(), layout.entries().size(), contentBytes);
        }
    }

    private static void run(String[] args) throws Exception {
        String endpoint = args[0];
        String album = args[1];
        int budgetMb = Integer.parseInt(args[2]);
        boolean signed = BenchServer.signed(args[3]);
        S3Traffic traffic = new S3Traffic();
        try (S3Client s3 = AwsClients.s3("us-east-2", Map.of("AWS_ENDPOINT_URL_S3", endpoint))
                .credentialsProvider(BenchServer.credentials(signed))
                .overrideConfiguration(c -> c.addExecutionInterceptor(traffic)).build()) {
            String bucket = BenchServer.BUCKET;
            PhotoListing listing = new PhotoListing(s3, bucket);
            List<PhotoObject> base = listing.list(album);
            copyAlbum(s3, base);
            var pipeline = new ArchivePipeline(new S3PhotoSource(s3, bucket), new S3ArchiveTarget(s3, bucket),
                    new PipelineConfig(8, PART, 4, (long) budgetMb * 1024 * 1024));

            traffic.reset();
            Built full = build(s3, listing, pipeline, traffic, List.of());
            System.out.printf("full build: %d photos, %.1f MB archive, %.2f s, moved %.1f MB%n", full.layout().entries().size(),
                    full.layout().totalSize() / 1e6, full.seconds(), full.traffic().moved() / 1e6);
            long fullMoved = full.traffic().moved();
            long archive = full.layout().totalSize();

            int n = base.size();
            int changes = Math.max(1, n / 100);
            List<PhotoObject> photos = listing.list(WORK);
            System.out.printf("%-9s %10s %10s %10s %10s %10s %10s %10s %10s%n", "change", "moved_MB", "moved_%",
                    "of_arch_%", "copied_%", "incr_s", "copy_s", "full_s", "incr/full");
            double worstMoved = 0, worstCopied = 0, worstTime = 0;
            Built previous = full;
            for (String change : List.of("add", "replace", "delete")) {
                apply(s3, change, photos, changes);
                traffic.reset();
                Built incremental = build(s3, listing, pipeline, traffic, List.of(previous.asPart()));
                Built again = buildFull(s3, listing, pipeline, traffic, "bench-out/" + WORK + "-full.zip");
                assertSameBytes(s3, incremental.key(), again.key());
                var t = incremental.traffic();
                double movedPct = 100.0 * t.moved() / fullMoved;
                double copiedPct = 100.0 * t.copied() / fullMoved;
                double ratio = incremental.seconds() / again.seconds();
                System.out.printf("%-9s %10.1f %10.2f %10.2f %10.2f %10.2f %10.2f %10.2f %10.2f%n", change, t.moved() / 1e6,
                        movedPct, 100.0 * t.moved() / archive, copiedPct, incremental.seconds(), t.copySeconds(),
                        again.seconds(), ratio);
                worstMoved = Math.max(worstMoved, movedPct);
                worstCopied = Math.max(worstCopied, copiedPct);
                worstTime = Math.max(worstTime, ratio);
                previous = incremental;
                photos = listing.list(WORK);
            }
            System.out.println("moved = bytes the generator downloads (photos, sidecars) + uploads; % of the full build's moved bytes");
            System.out.println("copied = bytes S3 copies server-side (UploadPartCopy); copy_s = wall time with a copy in flight");
            deletePrefix(s3, "bench-out/" + WORK);
            System.out.printf(java.util.Locale.ROOT, "INCREMENTAL moved_pct=%.2f copied_pct=%.2f vs_full_time=%.2f%n",
                    worstMoved, worstCopied, worstTime);
            deletePrefix(s3, "albums/" + WORK + "/");
            deletePrefix(s3, "zips/" + WORK + "/");
        }
    }

    /** A private copy of the album, so the changes never touch the generated one. */
    private static void copyAlbum(S3Client s3, List<PhotoObject> photos) {
        deletePrefix(s3, "albums/" + WORK + "/");
        deletePrefix(s3, "zips/" + WORK + "/");
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (PhotoObject p : photos) {
                String target = "albums/" + WORK + "/photos/" + p.relativePath();
                pool.execute(() -> s3.copyObject(r -> r.sourceBucket(BenchServer.BUCKET).sourceKey(p.key())
                        .destinationBucket(BenchServer.BUCKET).destinationKey(target)));
            }
        }
    }

    /** Adds, replaces or deletes {@code count} photos spread evenly through the album. */
    private static void apply(S3Client s3, String change, List<PhotoObject> photos, int count) {
        int step = photos.size() / count;
        for (int i = 0; i < count; i++) {
            PhotoObject p = photos.get(i * step + step / 2);
            switch (change) {
                case "add" -> put(s3, p.key().replace(".jpg", "-b.jpg"), p.size(), 1_000_000 + i);
                case "replace" -> put(s3, p.key(), p.size(), 2_000_000 + i);
                case "delete" -> s3.deleteObject(r -> r.bucket(BenchServer.BUCKET).key(p.key()));
                default -> throw new IllegalArgumentException(change);
            }
        }
    }

    private static void put(S3Client s3, String key, long size, int seed) {
        byte[] bytes = new byte[(int) size];
        new Random(seed).nextBytes(bytes);
        s3.putObject(r -> r.bucket(BenchServer.BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    /** The generator's build of the work album as it is now: incremental from {@code previous} (none: full). */
    private static Built build(S3Client s3, PhotoListing listing, ArchivePipeline pipeline, S3Traffic traffic,
                               List<PublishedPart> previous) throws IOException {
        long start = System.nanoTime();
        List<PhotoObject> photos = listing.list(WORK);
        ZipLayout layout = layoutOf(photos);
        List<String> etags = etagsOf(photos, layout);
        String key = PartKeys.keyOf(WORK, layout, etags);
        var entries = PreviousArchives.load(s3, BenchServer.BUCKET, previous).entries();
        ArchiveJob job = ReusePlanner.plan(key, layout, etags, entries, PART);
        ArchiveManifests.write(s3, BenchServer.BUCKET, key, layout, etags);
        var result = pipeline.build(job, Optional.empty(), CheckpointStore.NONE, new BuildMonitor(layout.entries().size(), layout.totalSize()));
        double seconds = (System.nanoTime() - start) / 1e9;
        long writes = job.plan().pieces().stream().filter(p -> p instanceof AssemblyPlan.Write).count();
        System.err.printf("plan: %d pieces, %d written; known CRCs %d of %d; pipeline read %d, uploaded %d, copied %d%n",
                job.plan().pieces().size(), writes, job.knownCrcs().size(), layout.entries().size(), result.photoBytesRead(),
                result.bytesUploaded(), result.bytesCopied());
        return new Built(key, layout, etags, result.contentBytes(), seconds, traffic.reset());
    }

    /** The same photos built in full, to another key. */
    private static Built buildFull(S3Client s3, PhotoListing listing, ArchivePipeline pipeline, S3Traffic traffic,
                                   String key) throws IOException {
        long start = System.nanoTime();
        List<PhotoObject> photos = listing.list(WORK);
        ZipLayout layout = layoutOf(photos);
        List<String> etags = etagsOf(photos, layout);
        var result = pipeline.build(ArchiveJob.full(key, layout, etags, PART), Optional.empty(), CheckpointStore.NONE,
                new BuildMonitor(layout.entries().size(), layout.totalSize()));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Built(key, layout, etags, result.contentBytes(), seconds, traffic.reset());
    }

    private static ZipLayout layoutOf(List<PhotoObject> photos) {
        return LayoutPlanner.plan(photos.stream()
                .map(p -> new SourceFile(p.key(), p.relativePath(), p.size(), p.lastModified())).toList());
    }

    private static List<String> etagsOf(List<PhotoObject> photos, ZipLayout layout) {
        Map<String, String> byKey = photos.stream().collect(Collectors.toMap(PhotoObject::key, PhotoObject::etag));
        return layout.entries().stream().map(e -> byKey.get(e.source().key())).toList();
    }

    /** Reads both archives side by side; any differing byte fails the run. */
    private static void assertSameBytes(S3Client s3, String a, String b) throws IOException {
        try (InputStream x = s3.getObject(r -> r.bucket(BenchServer.BUCKET).key(a));
             InputStream y = s3.getObject(r -> r.bucket(BenchServer.BUCKET).key(b))) {
            byte[] bx = new byte[1 << 20], by = new byte[1 << 20];
            long offset = 0;
            while (true) {
                int nx = x.readNBytes(bx, 0, bx.length), ny = y.readNBytes(by, 0, by.length);
                if (nx != ny || !Arrays.equals(bx, 0, nx, by, 0, ny)) {
                    throw new IllegalStateException("incremental archive " + a + " differs from the full build near byte " + offset);
                }
                if (nx == 0) return;
                offset += nx;
            }
        }
    }

    private static void deletePrefix(S3Client s3, String prefix) {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(BenchServer.BUCKET).prefix(prefix)).contents().forEach(o -> keys.add(o.key()));
        keys.forEach(k -> s3.deleteObject(r -> r.bucket(BenchServer.BUCKET).key(k)));
    }
}

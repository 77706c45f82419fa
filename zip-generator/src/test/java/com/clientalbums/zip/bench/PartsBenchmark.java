package com.clientalbums.zip.bench;

import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.zip.layout.ZipLayout;
import com.clientalbums.zip.pipeline.ArchiveJob;
import com.clientalbums.zip.pipeline.ArchivePipeline;
import com.clientalbums.zip.pipeline.BuildMonitor;
import com.clientalbums.zip.pipeline.Checkpoint;
import com.clientalbums.zip.pipeline.CheckpointStore;
import com.clientalbums.zip.pipeline.PipelineConfig;
import com.clientalbums.zip.pipeline.S3ArchiveTarget;
import com.clientalbums.zip.pipeline.S3PhotoSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * An album cut into parts ({@link LayoutPlanner#planParts}) built by 1, 2 and 4 workers against
 * {@link BenchServer}, as separate generator invocations would build it: each worker is an
 * {@link ArchivePipeline} of its own (its own memory budget, its own S3 client and connections)
 * taking the next part from a queue shared by all, until none is left. For each worker count it
 * prints every part's time and MB/s, the critical path (from the start until the last part is
 * done), the CPU seconds spent by this JVM and by the S3 server and the machine's CPU pressure
 * (the share of the time some task waited for a core); then the local S3's own
 * ceiling in the same run: aggregate GET and multipart-PUT MB/s with 1, 2, 4 and 8 streams, each
 * stream a client of its own, so that a speedup short of the worker count can be told apart from a
 * server that has no more to give on this machine's two cores. Last line:
 * {@code RESULT parts_critical_path_s=S parts_speedup_4=X} (S the 4-worker critical path, X the
 * 1-worker critical path over the 4-worker one).
 *
 * <p>Each worker count is measured {@code RUNS} times, the counts taking turns, after
 * {@code WARMUPS} untimed runs of 4 workers (a warm generator, as in {@link ArchiveBenchmark}); the
 * run with the median critical path is the one printed.
 *
 * <p>Arguments: {@code ENDPOINT ALBUM PARTS BUDGET_MB CONCURRENCY WARMUPS RUNS SERVER_PID signed|unsigned}.
 */
public final class PartsBenchmark {
    private static final int PART = 16 * 1024 * 1024;
    private static final int[] WORKERS = {1, 2, 4};
    private static final int[] STREAMS = {1, 2, 4, 8};
    private static final double MB = 1024 * 1024;

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1); // worker threads must not keep a failed run alive
        }
        System.exit(0);
    }

    /** One part as a worker built it: seconds from the run's start, the archive's bytes. */
    record PartTime(int index, int worker, double start, double end, long bytes) {
        double seconds() { return end - start; }

        double mbPerSecond() { return bytes / MB / seconds(); }
    }

    /** One run of a worker count. */
    record Run(int workers, List<PartTime> parts, double clientCpu, double serverCpu, double waited) {
        double criticalPath() { return parts.stream().mapToDouble(PartTime::end).max().orElseThrow(); }

        double partSeconds() { return parts.stream().mapToDouble(PartTime::seconds).sum(); }

        long bytes() { return parts.stream().mapToLong(PartTime::bytes).sum(); }
    }

    private static void run(String[] args) throws Exception {
        String endpoint = args[0];
        String album = args[1];
        int wantedParts = Integer.parseInt(args[2]);
        long budget = Long.parseLong(args[3]) * 1024 * 1024;
        int concurrency = Integer.parseInt(args[4]);
        int warmups = Integer.parseInt(args[5]);
        int runs = Integer.parseInt(args[6]);
        long serverPid = Long.parseLong(args[7]);
        boolean signed = BenchServer.signed(args[8]);
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL_S3", endpoint);
        List<S3Client> clients = new ArrayList<>();
        try {
            for (int i = 0; i < Math.max(WORKERS[WORKERS.length - 1], STREAMS[STREAMS.length - 1]); i++) {
                clients.add(AwsClients.s3("us-east-2", env).credentialsProvider(BenchServer.credentials(signed)).build());
            }
            List<PhotoObject> photos = new PhotoListing(clients.getFirst(), BenchServer.BUCKET).list(album);
            Album parts = Album.cut(photos, wantedParts);
            System.out.printf("album %s: %d photos, %.1f MB; %d parts of at most %.1f MB (archives %.1f MB in all)%n",
                    album, photos.size(), parts.contentBytes() / MB, parts.layouts().size(), parts.maxPartBytes() / MB,
                    parts.archiveBytes() / MB);
            var config = new PipelineConfig(concurrency, PART, 4, budget);
            List<ArchivePipeline> pipelines = new ArrayList<>();
            for (S3Client s3 : clients.subList(0, WORKERS[WORKERS.length - 1])) {
                pipelines.add(new ArchivePipeline(new S3PhotoSource(s3, BenchServer.BUCKET), new S3ArchiveTarget(s3, BenchServer.BUCKET), config));
            }
            CpuClock cpu = new CpuClock(serverPid);
            for (int i = 0; i < warmups; i++) {
                build(parts, pipelines, 4, album, clients.getFirst(), cpu);
            }
            // The worker counts take turns, so that all of them meet the same load on the machine.
            Map<Integer, List<Run>> measured = new HashMap<>();
            for (int i = 0; i < runs; i++) {
                for (int workers : WORKERS) {
                    measured.computeIfAbsent(workers, w -> new ArrayList<>()).add(build(parts, pipelines, workers, album, clients.getFirst(), cpu));
                }
            }
            Map<Integer, Run> medians = new HashMap<>();
            for (int workers : WORKERS) {
                List<Run> all = measured.get(workers);
                all.sort(Comparator.comparingDouble(Run::criticalPath));
                Run median = all.get(all.size() / 2);
                medians.put(workers, median);
                print(median, all);
            }
            Run one = medians.get(1);
            Run four = medians.get(4);
            System.out.println();
            // Cores used: this JVM's and the S3 server's CPU seconds over the wall time (the machine has
            // availableProcessors); CPU pressure: the share of the time in which some task on the machine
            // waited for a core, whoever's it was.
            System.out.printf("%-8s %16s %12s %15s %10s %13s %13s %11s %13s%n", "workers", "critical path s", "vs 1 worker",
                    "aggregate MB/s", "part MB/s", "client CPU s", "server CPU s", "cores used", "CPU pressure");
            for (int workers : WORKERS) {
                Run r = medians.get(workers);
                System.out.printf("%-8d %16.2f %12.2f %15.1f %10.1f %13.2f %13.2f %11.2f %12.0f%%%n", workers, r.criticalPath(),
                        r.criticalPath() / one.criticalPath(), r.bytes() / MB / r.criticalPath(), r.bytes() / MB / r.partSeconds(),
                        r.clientCpu(), r.serverCpu(), (r.clientCpu() + r.serverCpu()) / r.criticalPath(),
                        100 * r.waited() / r.criticalPath());
            }
            System.out.printf("cores on this machine: %d%n", Runtime.getRuntime().availableProcessors());
            System.out.printf("critical path, 4 workers / 1 worker = %.2f (ideal with %d parts: %.2f)%n",
                    four.criticalPath() / one.criticalPath(), parts.layouts().size(),
                    Math.ceil(parts.layouts().size() / 4.0) / parts.layouts().size());

            System.out.println();
            System.out.println("local S3 ceiling in the same run: aggregate MB/s, each stream a client of its own");
            System.out.printf("%-8s %10s %16s %14s %13s%n", "streams", "GET MB/s", "PUT MB/s (MPU)", "server CPU s", "CPU pressure");
            Ceiling ceiling = new Ceiling(clients, photos, album);
            for (int streams : STREAMS) {
                Ceiling.Figures f = ceiling.measure(streams, cpu);
                System.out.printf("%-8d %10.1f %16.1f %14.2f %12.0f%%%n", streams, f.readMbPerSecond(), f.writeMbPerSecond(), f.serverCpu(),
                        100 * f.waitedShare());
            }
            System.out.printf("RESULT parts_critical_path_s=%.2f parts_speedup_4=%.2f%n", four.criticalPath(),
                    one.criticalPath() / four.criticalPath());
        } finally {
            for (S3Client c : clients) c.close();
        }
    }

    /** The album's parts, planned once: layouts and each entry's listed ETag. */
    record Album(List<ZipLayout> layouts, List<List<String>> etags, long contentBytes, long maxPartBytes) {
        /**
         * Cut into at least {@code wanted} parts of about equal size: the smallest maximum that gives
         * {@code wanted} parts (a part never holds more than the maximum, so {@code content / wanted}
         * gives at least as many; the last part of a larger maximum would be a remainder).
         */
        static Album cut(List<PhotoObject> photos, int wanted) {
            List<SourceFile> files = photos.stream().map(p -> new SourceFile(p.key(), p.relativePath(), p.size(), p.lastModified())).toList();
            long content = photos.stream().mapToLong(PhotoObject::size).sum();
            long max = content / wanted;
            List<ZipLayout> layouts = LayoutPlanner.planParts(files, max);
            while (layouts.size() > wanted) {
                long larger = max + max / 100;
                List<ZipLayout> fewer = LayoutPlanner.planParts(files, larger);
                if (fewer.size() < wanted) break;
                max = larger;
                layouts = fewer;
            }
            Map<String, String> byKey = photos.stream().collect(Collectors.toMap(PhotoObject::key, PhotoObject::etag));
            List<List<String>> etags = layouts.stream()
                    .map(l -> l.entries().stream().map(e -> byKey.get(e.source().key())).toList()).toList();
            return new Album(layouts, etags, content, max);
        }

        long archiveBytes() { return layouts.stream().mapToLong(ZipLayout::totalSize).sum(); }
    }

    /** One run: {@code workers} pipelines take parts from one queue until it is empty. */
    private static Run build(Album album, List<ArchivePipeline> pipelines, int workers, String name, S3Client s3, CpuClock cpu)
            throws Exception {
        Queue<Integer> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < album.layouts().size(); i++) queue.add(i);
        // Workers start together at the barrier; times are taken as nanoTime and made relative to it afterwards.
        CyclicBarrier ready = new CyclicBarrier(workers + 1);
        List<Future<List<long[]>>> results = new ArrayList<>();
        CpuClock.Reading before;
        long start;
        List<long[]> timed = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(workers)) {
            for (int w = 0; w < workers; w++) {
                ArchivePipeline pipeline = pipelines.get(w);
                int worker = w;
                results.add(threads.submit(() -> {
                    ready.await();
                    List<long[]> mine = new ArrayList<>();
                    for (Integer index; (index = queue.poll()) != null; ) {
                        long from = System.nanoTime();
                        ZipLayout layout = album.layouts().get(index);
                        var job = ArchiveJob.full(key(name, workers, index), layout, album.etags().get(index), PART);
                        pipeline.build(job, Optional.empty(), CheckpointStore.NONE, new BuildMonitor(layout.entries().size(), layout.totalSize()));
                        mine.add(new long[] {index, worker, from, System.nanoTime()});
                    }
                    return mine;
                }));
            }
            before = cpu.read();
            start = System.nanoTime();
            ready.await();
            for (Future<List<long[]>> r : results) timed.addAll(r.get());
        }
        CpuClock.Reading after = cpu.read();
        for (int i = 0; i < album.layouts().size(); i++) {
            int index = i;
            s3.deleteObject(r -> r.bucket(BenchServer.BUCKET).key(key(name, workers, index)));
        }
        System.gc();
        List<PartTime> done = new ArrayList<>();
        for (long[] t : timed) {
            int index = (int) t[0];
            done.add(new PartTime(index, (int) t[1], (t[2] - start) / 1e9, (t[3] - start) / 1e9, album.layouts().get(index).totalSize()));
        }
        done.sort(Comparator.comparingInt(PartTime::index));
        if (done.size() != album.layouts().size()) throw new IllegalStateException("parts built: " + done.size());
        return new Run(workers, List.copyOf(done), after.client() - before.client(), after.server() - before.server(),
                after.waited() - before.waited());
    }

    private static String key(String album, int workers, int index) {
        return "bench-out/parts/" + album + "-" + workers + "w-part" + index + ".zip";
    }

    private static void print(Run r, List<Run> all) {
        System.out.println();
        System.out.printf("%d worker(s): critical path %.2f s (runs: %s)%n", r.workers(), r.criticalPath(),
                all.stream().map(x -> String.format("%.2f", x.criticalPath())).collect(Collectors.joining(", ")));
        System.out.printf("  %-5s %7s %9s %9s %9s %9s%n", "part", "worker", "start s", "end s", "MB", "MB/s");
        for (PartTime p : r.parts()) {
            System.out.printf("  %-5d %7d %9.2f %9.2f %9.1f %9.1f%n", p.index(), p.worker(), p.start(), p.end(), p.bytes() / MB, p.mbPerSecond());
        }
    }

    /**
     * The local S3 alone: {@code streams} clients at once, each GETting its share of the album's
     * photos, then each uploading as much as it read as one multipart upload of 16 MiB parts
     * (S3Proxy also reassembles the parts on completion, as it does for every archive).
     */
    private record Ceiling(List<S3Client> clients, List<PhotoObject> photos, String album) {
        record Figures(double readMbPerSecond, double writeMbPerSecond, double serverCpu, double waitedShare) {}

        Figures measure(int streams, CpuClock cpu) throws Exception {
            long bytes = photos.stream().mapToLong(PhotoObject::size).sum();
            CpuClock.Reading before = cpu.read();
            long first = System.nanoTime();
            long start = first;
            parallel(streams, s -> {
                byte[] buffer = new byte[1 << 20];
                for (int i = s; i < photos.size(); i += streams) {
                    String key = photos.get(i).key();
                    try (InputStream in = clients.get(s).getObject(r -> r.bucket(BenchServer.BUCKET).key(key))) {
                        while (in.read(buffer) >= 0) {
                            // drained
                        }
                    }
                }
            });
            double get = bytes / MB / ((System.nanoTime() - start) / 1e9);
            byte[] part = new byte[PART];
            new java.util.Random(7).nextBytes(part);
            long perStream = bytes / streams / PART + 1;
            start = System.nanoTime();
            parallel(streams, s -> {
                S3Client s3 = clients.get(s);
                String key = "bench-out/ceiling/" + album + "-" + s;
                String upload = s3.createMultipartUpload(r -> r.bucket(BenchServer.BUCKET).key(key)).uploadId();
                List<CompletedPart> done = new ArrayList<>();
                for (int n = 1; n <= perStream; n++) {
                    int number = n;
                    String etag = s3.uploadPart(r -> r.bucket(BenchServer.BUCKET).key(key).uploadId(upload).partNumber(number),
                            RequestBody.fromBytes(part)).eTag();
                    done.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                }
                s3.completeMultipartUpload(r -> r.bucket(BenchServer.BUCKET).key(key).uploadId(upload).multipartUpload(m -> m.parts(done)));
            });
            double put = perStream * streams * (double) PART / MB / ((System.nanoTime() - start) / 1e9);
            CpuClock.Reading after = cpu.read();
            for (int s = 0; s < streams; s++) {
                String key = "bench-out/ceiling/" + album + "-" + s;
                clients.getFirst().deleteObject(r -> r.bucket(BenchServer.BUCKET).key(key));
            }
            double seconds = (System.nanoTime() - first) / 1e9;
            return new Figures(get, put, after.server() - before.server(), (after.waited() - before.waited()) / seconds);
        }

        private interface Stream {
            void run(int stream) throws Exception;
        }

        private static void parallel(int streams, Stream body) throws Exception {
            try (ExecutorService threads = Executors.newFixedThreadPool(streams)) {
                List<Future<?>> futures = new ArrayList<>();
                for (int s = 0; s < streams; s++) {
                    int stream = s;
                    futures.add(threads.submit(() -> {
                        body.run(stream);
                        return null;
                    }));
                }
                for (Future<?> f : futures) f.get();
            }
        }
    }

    /**
     * CPU seconds (user + system) of this JVM and of the S3 server's process, and the machine's
     * CPU pressure (seconds in which some runnable task waited for a core), from {@code /proc}.
     */
    private record CpuClock(long serverPid) {
        record Reading(double client, double server, double waited) {}

        Reading read() {
            return new Reading(seconds(ProcessHandle.current().pid()), seconds(serverPid), waited());
        }

        /** {@code /proc/pressure/cpu}'s "some" total, in seconds (0 where the kernel keeps no pressure figures). */
        private static double waited() {
            try {
                String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).getFirst();
                return Long.parseLong(some.substring(some.indexOf("total=") + 6).trim()) / 1e6;
            } catch (IOException | RuntimeException none) {
                return 0;
            }
        }

        private static double seconds(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                // Fields after the command name (which may hold spaces) in parentheses: utime is the 14th, stime the 15th.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // USER_HZ is 100 on Linux
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

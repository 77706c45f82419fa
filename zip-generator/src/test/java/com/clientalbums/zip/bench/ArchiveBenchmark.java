package com.clientalbums.zip.bench;

import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.zip.layout.ZipLayout;
import com.clientalbums.zip.pipeline.ArchivePipeline;
import com.clientalbums.zip.pipeline.ArchiveTarget;
import com.clientalbums.zip.pipeline.BuildMonitor;
import com.clientalbums.zip.pipeline.PipelineConfig;
import com.clientalbums.zip.pipeline.S3ArchiveTarget;
import com.clientalbums.zip.pipeline.S3PhotoSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One benchmark mode, run in a JVM of its own against {@link BenchServer}, printing one line
 * {@code BENCH mode seconds bytes archive_bytes peak_rss_mb peak_heap_mb first_run_seconds first_run_peak_rss_mb}.
 * {@code scripts/bench.sh} runs the modes on the same album and prints the ratios.
 * <ul>
 *   <li>{@code floor}: the copy floor — GET every photo and stream the bytes into one multipart
 *       upload, with the same concurrency and part size, no ZIP work at all;</li>
 *   <li>{@code build}: this generator's pipeline (layout, CRC-32, headers, concurrent parts);</li>
 *   <li>{@code inmemory}: the plan's algorithm — photos read one by one into a DEFLATE
 *       {@code ZipOutputStream} over an in-memory buffer, then one PutObject.</li>
 * </ul>
 * Each mode runs {@code WARMUPS} times before the run that is measured, in the same JVM, as a
 * warm generator builds album after album: a fresh JVM spends its first seconds compiling the
 * SDK's request path, which on this 2-core machine takes the CPU from the copy being measured.
 * The first run's time and peak RSS are printed too; the other peaks cover every run.
 *
 * <p>Requests are signed or not as the {@link BenchServer} was started.
 *
 * <p>Arguments: {@code MODE ENDPOINT ALBUM CONCURRENCY BUDGET_MB WARMUPS signed|unsigned}.
 */
public final class ArchiveBenchmark {
    private static final int PART = 16 * 1024 * 1024;

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1); // worker threads must not keep a failed run alive
        }
        System.exit(0);
    }

    /** One run of a mode, writing the object at {@code key}; returns its size. */
    private interface Mode {
        long run(String key) throws Exception;
    }

    private static void run(String[] args) throws Exception {
        String mode = args[0];
        String endpoint = args[1];
        String album = args[2];
        int concurrency = Integer.parseInt(args[3]);
        int budgetMb = Integer.parseInt(args[4]);
        int warmups = Integer.parseInt(args[5]);
        boolean signed = BenchServer.signed(args[6]);
        // The generator's S3 client, and the SDK's default one as a port of the plan would use.
        try (S3Client s3 = AwsClients.s3("us-east-2", Map.of("AWS_ENDPOINT_URL_S3", endpoint))
                .credentialsProvider(BenchServer.credentials(signed)).build();
             S3Client plain = BenchServer.client(URI.create(endpoint), signed)) {
            List<PhotoObject> photos = new PhotoListing(s3, BenchServer.BUCKET).list(album);
            Mode run = switch (mode) {
                case "floor" -> new CopyFloor(s3, photos, concurrency);
                case "build" -> builder(s3, photos, concurrency, budgetMb);
                case "inmemory" -> key -> inMemory(plain, photos, key);
                default -> throw new IllegalArgumentException("mode is floor, build or inmemory");
            };
            String key = "bench-out/" + album + "-" + mode + (mode.equals("floor") ? ".bin" : ".zip");
            double first = 0;
            long firstRss = 0;
            double seconds = 0;
            long bytes = 0;
            for (int i = 0; i <= warmups; i++) {
                long start = System.nanoTime();
                bytes = run.run(key);
                seconds = (System.nanoTime() - start) / 1e9;
                if (i == 0) {
                    first = seconds;
                    firstRss = peakRssMb();
                }
                System.err.printf("%s run %d of %d: %.3f s%n", mode, i + 1, warmups + 1, seconds);
                // Each run starts from the same state: not from the last one's garbage, nor from its
                // gigabytes of archive still waiting for the kernel to write them to disk.
                s3.deleteObject(r -> r.bucket(BenchServer.BUCKET).key(key));
                System.gc();
            }
            long content = photos.stream().mapToLong(PhotoObject::size).sum();
            System.out.printf("BENCH %s %.3f %d %d %d %d %.3f %d%n", mode, seconds, content, bytes, peakRssMb(), peakHeapMb(), first, firstRss);
        }
    }

    /** The generator's build: one pipeline for every run, as one warm Lambda keeps one. */
    private static Mode builder(S3Client s3, List<PhotoObject> photos, int concurrency, int budgetMb) {
        ZipLayout layout = LayoutPlanner.plan(photos.stream()
                .map(p -> new SourceFile(p.key(), p.relativePath(), p.size(), p.lastModified())).toList());
        Map<String, String> etags = photos.stream().collect(Collectors.toMap(PhotoObject::key, PhotoObject::etag));
        List<String> entryEtags = layout.entries().stream().map(e -> etags.get(e.source().key())).toList();
        var config = new PipelineConfig(concurrency, PART, 4, (long) budgetMb * 1024 * 1024);
        var pipeline = new ArchivePipeline(new S3PhotoSource(s3, BenchServer.BUCKET), new S3ArchiveTarget(s3, BenchServer.BUCKET), config);
        return key -> pipeline.build(layout, entryEtags, key, new BuildMonitor(layout.entries().size(), layout.totalSize()))
                .archiveSize();
    }

    /**
     * The fastest plain copy we know how to write with the same resources, the floor to compare
     * against: photos fetched ahead in archive order with the same concurrency, copied into parts
     * of the same size that upload concurrently through the generator's own multipart upload, and
     * no ZIP work. Like the generator it keeps its buffers from run to run, so that it measures
     * copying rather than the garbage collector.
     */
    private static final class CopyFloor implements Mode {
        private static final int UPLOADS = 4;
        private final S3Client s3;
        private final S3ArchiveTarget target;
        private final List<PhotoObject> photos;
        private final int concurrency;
        private final BlockingQueue<byte[]> photoBuffers;
        private final BlockingQueue<byte[]> partBuffers = new ArrayBlockingQueue<>(UPLOADS + 1);

        CopyFloor(S3Client s3, List<PhotoObject> photos, int concurrency) {
            this.s3 = s3;
            this.target = new S3ArchiveTarget(s3, BenchServer.BUCKET);
            this.photos = photos;
            this.concurrency = concurrency;
            int largest = (int) photos.stream().mapToLong(PhotoObject::size).max().orElse(0);
            this.photoBuffers = new ArrayBlockingQueue<>(2 * concurrency);
            for (int i = 0; i < 2 * concurrency; i++) photoBuffers.add(new byte[largest]);
            for (int i = 0; i <= UPLOADS; i++) partBuffers.add(new byte[PART]);
        }

        @Override
        public long run(String key) throws Exception {
            ArchiveTarget.Upload upload = target.start(key);
            List<CompletableFuture<byte[]>> fetched = new ArrayList<>();
            for (int i = 0; i < photos.size(); i++) fetched.add(new CompletableFuture<>());
            List<Future<?>> uploads = new ArrayList<>();
            long total = 0;
            try (ExecutorService fetchers = Executors.newFixedThreadPool(concurrency);
                 ExecutorService uploaders = Executors.newFixedThreadPool(UPLOADS)) {
                // Buffers are taken in archive order, so the photo the copy needs next is never waiting for one.
                Thread scheduler = Thread.ofPlatform().daemon().start(() -> {
                    for (int i = 0; i < photos.size(); i++) {
                        PhotoObject p = photos.get(i);
                        CompletableFuture<byte[]> f = fetched.get(i);
                        byte[] buffer;
                        try {
                            buffer = photoBuffers.take();
                        } catch (InterruptedException e) {
                            return;
                        }
                        fetchers.execute(() -> {
                            try (InputStream in = s3.getObject(r -> r.bucket(BenchServer.BUCKET).key(p.key()))) {
                                in.readNBytes(buffer, 0, (int) p.size());
                                f.complete(buffer);
                            } catch (Exception e) {
                                f.completeExceptionally(e);
                            }
                        });
                    }
                });
                byte[] part = partBuffers.take();
                int filled = 0;
                int partNumber = 1;
                for (int i = 0; i < photos.size(); i++) {
                    byte[] photo = fetched.get(i).get();
                    int size = (int) photos.get(i).size();
                    for (int off = 0; off < size; ) {
                        int n = Math.min(size - off, PART - filled);
                        System.arraycopy(photo, off, part, filled, n);
                        filled += n;
                        off += n;
                        if (filled == PART) {
                            uploads.add(uploadPart(uploaders, upload, partNumber++, part, filled));
                            part = partBuffers.take();
                            filled = 0;
                        }
                    }
                    photoBuffers.add(photo);
                    total += size;
                }
                scheduler.join();
                uploads.add(uploadPart(uploaders, upload, partNumber, part, filled));
                for (Future<?> u : uploads) u.get();
            }
            upload.complete();
            return total;
        }

        private Future<?> uploadPart(ExecutorService uploaders, ArchiveTarget.Upload upload, int number, byte[] bytes, int length) {
            return uploaders.submit(() -> {
                try {
                    upload.uploadPart(number, bytes, length);
                } finally {
                    partBuffers.add(bytes);
                }
            });
        }
    }

    /** The plan's {@code generate_zip}, ported faithfully: DEFLATE into memory, one PutObject. */
    private static long inMemory(S3Client s3, List<PhotoObject> photos, String key) throws IOException {
        ChunkedBuffer buffer = new ChunkedBuffer();
        try (ZipOutputStream zip = new ZipOutputStream(buffer)) {
            zip.setMethod(ZipOutputStream.DEFLATED);
            for (PhotoObject p : photos) {
                byte[] data;
                try (InputStream in = s3.getObject(r -> r.bucket(BenchServer.BUCKET).key(p.key()))) {
                    data = in.readAllBytes();
                }
                zip.putNextEntry(new ZipEntry(p.relativePath()));
                zip.write(data);
                zip.closeEntry();
            }
        }
        s3.putObject(r -> r.bucket(BenchServer.BUCKET).key(key).contentType("application/zip"),
                RequestBody.fromContentProvider(buffer::inputStream, buffer.size(), "application/zip"));
        return buffer.size();
    }

    /** Python's BytesIO has no 2 GiB cap and a Java array does, so the port buffers in chunks. */
    private static final class ChunkedBuffer extends OutputStream {
        private static final int CHUNK = 8 * 1024 * 1024;
        private final List<byte[]> chunks = new ArrayList<>();
        private int used = CHUNK;
        private long size;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (used == CHUNK) {
                    chunks.add(new byte[CHUNK]);
                    used = 0;
                }
                int n = Math.min(len, CHUNK - used);
                System.arraycopy(b, off, chunks.getLast(), used, n);
                used += n;
                off += n;
                len -= n;
                size += n;
            }
        }

        long size() { return size; }

        InputStream inputStream() {
            List<InputStream> parts = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                parts.add(new ByteArrayInputStream(chunks.get(i), 0, i == chunks.size() - 1 ? used : CHUNK));
            }
            return new SequenceInputStream(Collections.enumeration(parts));
        }
    }

    private static long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
        return -1;
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }
}

package com.clientalbums.local.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak resident memory (from {@code /proc/PID/status}, every 200 ms) and peak used heap (from
 * {@code jstat -gc PID 250}: survivor, eden and old generation in use) of another JVM, between
 * {@link #start} and {@link #close}.
 */
final class MemorySampler implements AutoCloseable {
    private final long pid;
    private final AtomicLong peakRssKb = new AtomicLong();
    private final AtomicLong peakHeapKb = new AtomicLong();
    private final Thread rss;
    private final Process jstat;
    private final Thread heap;
    private volatile boolean running = true;

    private MemorySampler(long pid) throws IOException {
        this.pid = pid;
        rss = Thread.ofPlatform().daemon().name("rss-sampler").start(this::sampleRss);
        Path jstatPath = Path.of(System.getProperty("java.home"), "bin", "jstat");
        jstat = new ProcessBuilder(jstatPath.toString(), "-gc", Long.toString(pid), "250").redirectErrorStream(true).start();
        heap = Thread.ofPlatform().daemon().name("heap-sampler").start(this::sampleHeap);
    }

    static MemorySampler start(long pid) throws IOException {
        return new MemorySampler(pid);
    }

    long peakRssMb() { return peakRssKb.get() / 1024; }

    long peakHeapMb() { return peakHeapKb.get() / 1024; }

    private void sampleRss() {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        while (running) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        peakRssKb.accumulateAndGet(kb, Math::max);
                    }
                }
                Thread.sleep(200);
            } catch (IOException | InterruptedException gone) {
                return;
            }
        }
    }

    private void sampleHeap() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.US_ASCII))) {
            List<String> header = null;
            for (String line; (line = out.readLine()) != null; ) {
                List<String> fields = Arrays.asList(line.trim().split("\\s+"));
                if (fields.contains("EU")) {
                    header = fields;
                } else if (header != null && fields.size() == header.size()) {
                    double kb = 0;
                    for (String column : List.of("S0U", "S1U", "EU", "OU")) kb += Double.parseDouble(fields.get(header.indexOf(column)));
                    peakHeapKb.accumulateAndGet((long) kb, Math::max);
                }
            }
        } catch (IOException | RuntimeException stopped) {
            // jstat ended with the phase, or printed something else: the peak so far stands.
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        jstat.destroy();
        rss.join(1000);
        heap.join(1000);
    }
}

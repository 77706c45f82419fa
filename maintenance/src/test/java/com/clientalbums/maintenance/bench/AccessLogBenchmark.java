package com.clientalbums.maintenance.bench;

import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.maintenance.deliveries.logs.AccessLogFile;
import com.clientalbums.maintenance.deliveries.logs.LogExamples;
import com.clientalbums.maintenance.deliveries.logs.LogFormat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The log processor's throughput (scripts/bench.sh --access-logs): N lines of each format written to
 * temporary files as they are stored (CloudFront's gzipped, S3's plain), then read in turn by
 * (a) the floor: gunzip where gzipped, readLine, split each line into its fields (tab or space), and
 * (b) the processor: the same reading through the strict parser, grouping served ranges by delivery
 * ({@link AccessLogFile#read}). The lines are downloads of 1,000 deliveries' archives (cut, ranged,
 * whole), with one line in ten another request and one in a thousand malformed. Both modes take
 * turns, after warm-up rounds, so that they meet the same load; the median round is reported.
 * Prints lines/s per format and mode and ends
 * {@code RESULT access_log_lines_per_s=… floor_lines_per_s=… ratio=…} (ratio = processor / floor).
 */
public final class AccessLogBenchmark {
    private static final int WARMUP = 2, ROUNDS = 5;

    public static void main(String[] args) throws IOException {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("access-log-bench");
        try {
            Path cloudFront = dir.resolve("E2EXAMPLE.2026-12-05-10.bench.gz");
            Path s3 = dir.resolve("2026-12-05-10-30-00-0123456789ABCDEF");
            generate(cloudFront, true, LogFormat.CLOUDFRONT, lines);
            generate(s3, false, LogFormat.S3, lines);
            System.out.printf(Locale.ROOT, "bench: %,d lines per format; CloudFront %.1f MB gzipped, S3 %.1f MB; %d warm-up and %d measured rounds%n",
                    lines, Files.size(cloudFront) / 1e6, Files.size(s3) / 1e6, WARMUP, ROUNDS);

            List<long[]> rounds = new ArrayList<>(); // floor cf, floor s3, parse cf, parse s3 (ns)
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                long[] ns = {floor(cloudFront, true, '\t', lines), floor(s3, false, ' ', lines),
                        parse(cloudFront, LogFormat.CLOUDFRONT, true, lines), parse(s3, LogFormat.S3, false, lines)};
                if (round >= WARMUP) rounds.add(ns);
            }
            long floorCf = median(rounds, 0), floorS3 = median(rounds, 1), parseCf = median(rounds, 2), parseS3 = median(rounds, 3);
            System.out.printf(Locale.ROOT, "%-34s %14s %14s%n", "mode", "CloudFront l/s", "S3 l/s");
            System.out.printf(Locale.ROOT, "%-34s %,14.0f %,14.0f%n", "(a) floor: read + split", perSecond(lines, floorCf), perSecond(lines, floorS3));
            System.out.printf(Locale.ROOT, "%-34s %,14.0f %,14.0f%n", "(b) parse + group by delivery", perSecond(lines, parseCf), perSecond(lines, parseS3));
            double processor = perSecond(2L * lines, parseCf + parseS3);
            double floor = perSecond(2L * lines, floorCf + floorS3);
            System.out.printf(Locale.ROOT, "both formats: processor %,.0f lines/s, floor %,.0f lines/s, processor / floor = %.2f%n",
                    processor, floor, processor / floor);
            System.out.printf(Locale.ROOT, "RESULT access_log_lines_per_s=%.0f floor_lines_per_s=%.0f ratio=%.2f%n", processor, floor, processor / floor);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) Files.delete(p);
            }
            Files.delete(dir);
        }
    }

    private static double perSecond(long lines, long nanos) {
        return lines / (nanos / 1e9);
    }

    private static long median(List<long[]> rounds, int column) {
        long[] values = rounds.stream().mapToLong(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    /** Reads and splits every line; fails unless it saw every line (so nothing is optimised away). */
    private static long floor(Path file, boolean gzipped, char separator, int expected) throws IOException {
        long start = System.nanoTime();
        long fields = 0;
        int count = 0;
        try (InputStream raw = Files.newInputStream(file);
             BufferedReader reader = reader(gzipped ? new GZIPInputStream(raw, 64 * 1024) : raw)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#")) continue;
                count++;
                int from = 0;
                for (int at = line.indexOf(separator); at >= 0; at = line.indexOf(separator, from)) {
                    fields += line.substring(from, at).length() > 0 ? 1 : 0;
                    from = at + 1;
                }
                fields += line.substring(from).isEmpty() ? 0 : 1;
            }
        }
        long elapsed = System.nanoTime() - start;
        if (count != expected || fields == 0) throw new IllegalStateException("the floor read " + count + " lines of " + expected);
        return elapsed;
    }

    private static long parse(Path file, LogFormat format, boolean gzipped, int expected) throws IOException {
        long start = System.nanoTime();
        AccessLogFile read;
        try (InputStream raw = Files.newInputStream(file)) {
            read = AccessLogFile.read(format, raw, gzipped);
        }
        long elapsed = System.nanoTime() - start;
        if (read.lines() != expected || read.tagged() == 0 || read.malformed() == 0) {
            throw new IllegalStateException(format + ": " + read.lines() + " lines, " + read.tagged() + " tagged, " + read.malformed() + " malformed");
        }
        return elapsed;
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
    }

    /**
     * Writes downloads of 1,000 deliveries (whole, cut, resumed), one line in ten another request and one
     * in a thousand broken, as they stream out: a million lines would not fit the Lambda-sized heap.
     */
    static void generate(Path file, boolean gzipped, LogFormat format, int lines) throws IOException {
        Random random = new Random(16);
        List<DeliveryTag> tags = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < 1000; i++) {
            byte[] id = new byte[12];
            random.nextBytes(id);
            tags.add(new DeliveryTag("album-" + (i % 97), "d" + hex.formatHex(id)));
        }
        List<String> examples = format == LogFormat.CLOUDFRONT ? LogExamples.cloudFrontFile().subList(2, 5) : LogExamples.s3File();
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream body = gzipped ? new GZIPOutputStream(raw, 64 * 1024) : raw;
             BufferedWriter out = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8), 64 * 1024)) {
            if (format == LogFormat.CLOUDFRONT) {
                for (String header : LogExamples.cloudFrontFile().subList(0, 2)) out.write(header + "\n");
            }
            for (int i = 0; i < lines; i++) {
                out.write(line(format, i, random, tags, examples));
                out.write('\n');
            }
        }
    }

    private static String line(LogFormat format, int i, Random random, List<DeliveryTag> tags, List<String> examples) {
        if (i % 1000 == 999) {
            return format == LogFormat.CLOUDFRONT ? "2026-12-05\t10:3"
                    : "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be bucket [06/Feb/2019:00:0";
        }
        if (i % 10 == 9) return examples.get(i % examples.size());
        DeliveryTag tag = tags.get(random.nextInt(tags.size()));
        String key = "zips/" + tag.albumId() + "/" + tag.deliveryId().substring(1, 9) + ".zip";
        long size = 1_000_000_000L + random.nextInt(1_000_000);
        long start = random.nextInt(3) == 0 ? random.nextLong(size) : 0;
        long sent = random.nextInt(4) == 0 ? random.nextLong(size - start) : size - start;
        String status = start == 0 ? "200" : "206";
        return format == LogFormat.CLOUDFRONT
                ? LogExamples.cloudFrontDownload(tag, key, status, sent + 420, Long.toString(size - start),
                        start == 0 ? "-" : Long.toString(start), start == 0 ? "-" : Long.toString(size - 1),
                        sent < size - start ? "Error" : "Hit")
                : LogExamples.s3Download(tag, key, status, Long.toString(sent), Long.toString(size));
    }
}

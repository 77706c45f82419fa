package com.clientalbums.e2e;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.local.demo.DemoAlbum;
import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code scripts/bench.sh --favourites}: how soon a client's favourites archive is ready, on the
 * local runner (its front door, the four real handlers in process, S3Proxy, ElasticMQ, dynalite).
 *
 * <p>A 1,000-photo album is registered and granted to the demo client, and its Download All
 * built first, as a client finds an album the day after. The 20 photos the client will choose
 * (every 50th, spread over the album's four folders) are 24 MP JPEGs of about 8 MB, a camera's
 * size; the other 980 are small JPEGs of about 10 KB, which keeps the set-up to minutes and
 * changes nothing in what a favourites archive reads. The client hearts the 20 through the API,
 * one request each; then the seconds from the first {@code GET /albums/{id}/download?selection=favourites}
 * to the answer {@code ready}, polled every 250 ms as the page polls, are set against the floor
 * measured in the same run: the time to copy the 20 photos' bytes from S3 to S3 once (each read
 * with a GET and written as one part of a multipart upload, 8 at a time, as the generator fetches).
 * Prints the figures and ends with
 * {@code RESULT photos=1000 chosen=20 ready_s=… floor_s=… ratio=…}; no assertion on time.
 */
final class FavouritesReadyBenchmark {
    private static final String ALBUM_ID = "favourites-bench";
    private static final int PHOTOS = 1000;
    private static final int EVERY = 50; // photo 25, 75, …, 975: 20 chosen, in every folder
    private static final int FETCH_CONCURRENCY = 8; // ZIP_FETCH_CONCURRENCY's default
    private static final Duration POLL = Duration.ofMillis(250);

    static {
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false);
    }

    private FavouritesReadyBenchmark() {}

    /** One photo's bytes written as one part of the floor's upload. */
    private record Copied(CompletedPart part, long bytes) {}

    public static void main(String[] args) throws Exception {
        try (Portal portal = Portal.start("favourites-bench", Map.of())) {
            List<String> chosen = setUp(portal);
            double floor = copyFloor(portal, chosen);
            String client = portal.token(DemoAlbum.CLIENT_EMAIL);
            heart(portal, client, chosen);
            double ready = untilReady(portal, client, chosen.size());
            System.out.printf(Locale.ROOT, "RESULT photos=%d chosen=%d ready_s=%.2f floor_s=%.2f ratio=%.2f%n",
                    PHOTOS, chosen.size(), ready, floor, ready / floor);
        }
    }

    /** The album in S3 and registered, its previews made and its Download All ready; answers the chosen paths. */
    private static List<String> setUp(Portal portal) throws Exception {
        long start = System.nanoTime();
        List<String> chosen = new ArrayList<>();
        AtomicLong chosenBytes = new AtomicLong();
        // Two threads: the machine also runs the runner, which makes each arriving photo's previews meanwhile.
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> puts = new ArrayList<>();
            for (int n = 1; n <= PHOTOS; n++) {
                int number = n;
                String path = "Part " + ((n - 1) / 250 + 1) + "/IMG_" + String.format(Locale.ROOT, "%04d", n) + ".jpg";
                boolean isChosen = n % EVERY == EVERY / 2;
                if (isChosen) chosen.add(path);
                puts.add(pool.submit(() -> {
                    byte[] jpeg = isChosen ? cameraSizedJpeg(number) : SmallPhotos.jpeg(number);
                    if (isChosen) chosenBytes.addAndGet(jpeg.length);
                    portal.putPhoto(ALBUM_ID, path, jpeg);
                    return null;
                }));
            }
            for (Future<?> put : puts) put.get();
        }
        long uploaded = System.nanoTime();
        portal.registerAlbum(ALBUM_ID, "Favourites benchmark");
        portal.grant(ALBUM_ID, DemoAlbum.CLIENT_EMAIL);
        portal.awaitPreviews(ALBUM_ID, PHOTOS, Duration.ofMinutes(20));
        long previews = System.nanoTime();
        portal.awaitArchiveReady(ALBUM_ID, Duration.ofMinutes(10));
        System.out.printf(Locale.ROOT, "bench: %,d photos (%d chosen of %.1f MB on average, %d small) uploaded in %.1f s, "
                        + "previews made in %.1f s more, Download All ready %.1f s later%n",
                PHOTOS, chosen.size(), chosenBytes.get() / 1e6 / chosen.size(), PHOTOS - chosen.size(),
                seconds(start, uploaded), seconds(uploaded, previews), seconds(previews, System.nanoTime()));
        return chosen;
    }

    /**
     * The floor: the chosen photos' bytes read from S3 and written back once, into one multipart
     * upload (a photo per part, as large as the archive's), {@value #FETCH_CONCURRENCY} at a time.
     */
    private static double copyFloor(Portal portal, List<String> paths) throws Exception {
        String key = "bench/favourites-floor-" + UUID.randomUUID() + ".bin";
        long start = System.nanoTime();
        String upload = portal.s3.createMultipartUpload(b -> b.bucket(portal.bucket).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        long bytes = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(FETCH_CONCURRENCY)) {
            List<Future<Copied>> copies = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                int number = i + 1;
                String source = S3Keys.photoKey(ALBUM_ID, paths.get(i));
                copies.add(pool.submit(() -> {
                    byte[] photo = portal.s3.getObjectAsBytes(b -> b.bucket(portal.bucket).key(source)).asByteArray();
                    String etag = portal.s3.uploadPart(b -> b.bucket(portal.bucket).key(key).uploadId(upload).partNumber(number),
                            RequestBody.fromBytes(photo)).eTag();
                    return new Copied(CompletedPart.builder().partNumber(number).eTag(etag).build(), photo.length);
                }));
            }
            for (Future<Copied> copy : copies) {
                parts.add(copy.get().part());
                bytes += copy.get().bytes();
            }
        }
        parts.sort(Comparator.comparing(CompletedPart::partNumber));
        portal.s3.completeMultipartUpload(b -> b.bucket(portal.bucket).key(key).uploadId(upload).multipartUpload(m -> m.parts(parts)));
        double floor = seconds(start, System.nanoTime());
        portal.s3.deleteObject(b -> b.bucket(portal.bucket).key(key));
        System.out.printf(Locale.ROOT, "bench: floor: %d photos, %.1f MB copied S3 to S3 (GET + UploadPart, %d at a time) in %.2f s%n",
                parts.size(), bytes / 1e6, FETCH_CONCURRENCY, floor);
        return floor;
    }

    /** The client hearts each chosen photo, one request per heart as the page sends them. */
    private static void heart(Portal portal, String client, List<String> paths) throws IOException {
        JsonNode state = null;
        for (String path : paths) {
            state = portal.api("POST", "/albums/" + ALBUM_ID + "/favourites", client, Map.of("paths", List.of(path), "favourite", true));
        }
        if (state == null || state.path("count").asInt() != paths.size()) {
            throw new IllegalStateException("after " + paths.size() + " hearts the favourites are " + state);
        }
    }

    /** Seconds from the first download request to the answer "ready", polled every {@link #POLL}. */
    private static double untilReady(Portal portal, String client, int chosen) throws Exception {
        String path = "/albums/" + ALBUM_ID + "/download?selection=" + URLEncoder.encode("favourites", StandardCharsets.UTF_8);
        Map<String, Integer> statuses = new LinkedHashMap<>();
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        while (true) {
            Portal.Answer answer = portal.call("GET", path, client);
            if (answer.status() != 200) throw new IllegalStateException("GET " + path + " answered " + answer.status() + ": " + answer.body());
            String status = answer.body().path("status").asText();
            statuses.merge(status, 1, Integer::sum);
            if (status.equals("ready")) {
                double ready = seconds(start, System.nanoTime());
                JsonNode body = answer.body();
                if (body.path("file_count").asLong() != chosen) {
                    throw new IllegalStateException("the favourites archive holds " + body.path("file_count") + " files, not " + chosen + ": " + body);
                }
                System.out.printf(Locale.ROOT, "bench: favourites archive ready after %.2f s (answers %s); %d files, %.1f MB in %d part(s)%n",
                        ready, statuses, body.path("file_count").asLong(), body.path("zip_size").asLong() / 1e6, body.path("parts").size());
                return ready;
            }
            if (status.equals("error")) throw new IllegalStateException("the favourites archive failed: " + answer.body());
            if (System.nanoTime() > deadline) throw new IllegalStateException("not ready after 5 minutes: " + answer.body());
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * A 24 MP JPEG of about 8 MB: a gradient under fine noise, which JPEG cannot squeeze away, as
     * a camera's sensor noise and detail. Its size is what counts here, not its picture.
     */
    static byte[] cameraSizedJpeg(int seed) throws IOException {
        int width = 6000, height = 4000, amplitude = 16;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        Random random = new Random(seed);
        int tint = random.nextInt(60);
        for (int y = 0; y < height; y++) {
            int sky = 60 + 150 * y / height;
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                int level = sky + 97 * x / width;
                int noise = random.nextInt(2 * amplitude + 1) - amplitude;
                bgr[i] = clamp(level + tint + noise);
                bgr[i + 1] = clamp(level - 20 + noise);
                bgr[i + 2] = clamp(level + 30 - tint + noise);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(10 << 20);
        try (var out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte clamp(int v) {
        return (byte) Math.max(0, Math.min(255, v));
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}

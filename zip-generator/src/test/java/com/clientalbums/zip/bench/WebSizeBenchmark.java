package com.clientalbums.zip.bench;

import com.clientalbums.common.album.WebSize;
import com.clientalbums.previews.job.WebRendition;
import com.clientalbums.previews.render.PreviewRenderer;
import com.clientalbums.previews.render.WatermarkPainter;
import com.clientalbums.previews.render.WatermarkPlacement;
import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.SourceFile;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * {@code scripts/bench.sh --web}: what a web-size rendition costs and saves, on generated 24 MP
 * (6000 × 4000) camera-like JPEGs — smooth gradients (sky, vignette), sharp-edged detail and
 * sensor noise, at quality 0.95, so they are about as large (7-8 MB) and as hard to decode as a camera's.
 *
 * <p>Measured in the same run, photo by photo in turn so that all three meet the same load:
 * <ul>
 *   <li>the floor: decoding the photo as the renderer must (rows and columns skipped down to at
 *       least the 2,048 px long edge), nothing else;</li>
 *   <li>the full rendition without a watermark: thumbnail, preview and web size from that one
 *       decode, orientation, EXIF kept and dropped, three JPEG encodings;</li>
 *   <li>the same with a text watermark (40 % of the width, 60 % opacity).</li>
 * </ul>
 * Then the bytes: the web renditions' sum against the originals', and the two STORED archives'
 * exact sizes as {@link LayoutPlanner#plan} lays them out.
 *
 * <p>Arguments: {@code PHOTOS WARMUP} (default 12 and 2). Last line:
 * {@code RESULT web_ms_per_photo=… web_vs_floor=… watermark_ms_per_photo=… watermark_vs_floor=… floor_ms_per_photo=… web_bytes_ratio=… web_zip_ratio=…}
 */
public final class WebSizeBenchmark {
    private static final int WIDTH = 6000, HEIGHT = 4000, WEB = 2048;

    private WebSizeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int photos = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        PreviewRenderer renderer = new PreviewRenderer();
        PreviewRenderer.Recipe plain = new PreviewRenderer.Recipe(WEB, WebSize.QUALITY, Optional.empty(), false);
        WatermarkPainter text = WatermarkPainter.text("© Studio Lumen", new WatermarkPlacement.Style(WatermarkPlacement.Anchor.BOTTOM_RIGHT, 40, 60));
        PreviewRenderer.Recipe marked = new PreviewRenderer.Recipe(WEB, WebSize.QUALITY, Optional.of(text), false);

        System.out.printf("web-size benchmark: %d photos of %d × %d (24 MP), web size %d px, %d warm-up photo(s), %d processor(s)%n",
                photos, WIDTH, HEIGHT, WEB, warmup, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < warmup; i++) {
            byte[] photo = cameraJpeg(new Random(1000 + i));
            decodeFloor(photo);
            renderer.render(photo, plain);
            renderer.render(photo, marked);
        }

        long floorNanos = 0, plainNanos = 0, markedNanos = 0, originalBytes = 0, webBytes = 0, markedBytes = 0;
        List<SourceFile> originals = new ArrayList<>(), renditions = new ArrayList<>();
        Instant taken = Instant.parse("2026-06-13T14:00:00Z");
        for (int i = 0; i < photos; i++) {
            byte[] photo = cameraJpeg(new Random(i));
            long t0 = System.nanoTime();
            decodeFloor(photo);
            long t1 = System.nanoTime();
            PreviewRenderer.Rendition web = renderer.render(photo, plain).web().orElseThrow();
            long t2 = System.nanoTime();
            PreviewRenderer.Rendition webMarked = renderer.render(photo, marked).web().orElseThrow();
            long t3 = System.nanoTime();
            floorNanos += t1 - t0;
            plainNanos += t2 - t1;
            markedNanos += t3 - t2;
            originalBytes += photo.length;
            webBytes += web.jpeg().length;
            markedBytes += webMarked.jpeg().length;
            String path = String.format("Ceremony/DSC_%04d.jpg", i + 1);
            originals.add(new SourceFile("albums/bench/" + path, path, photo.length, taken));
            renditions.add(new SourceFile("previews/bench/web/" + path + ".jpg", WebRendition.renditionPath(path), web.jpeg().length, taken));
            System.out.printf("photo %2d: %,11d bytes  floor %5.0f ms  rendition %5.0f ms  with watermark %5.0f ms  web %,9d bytes (%d × %d)%n",
                    i + 1, photo.length, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), web.jpeg().length, web.width(), web.height());
        }
        double floor = ms(floorNanos) / photos, plainMs = ms(plainNanos) / photos, markedMs = ms(markedNanos) / photos;
        long originalZip = LayoutPlanner.plan(originals).totalSize();
        long webZip = LayoutPlanner.plan(renditions).totalSize();
        double bytesRatio = (double) webBytes / originalBytes;
        double zipRatio = (double) webZip / originalZip;

        System.out.println();
        System.out.printf("%-44s %10s %10s%n", "per 24 MP photo (mean)", "ms", "x floor");
        System.out.printf("%-44s %10.0f %10.2f%n", "floor: decode at >= 2048 px (subsampled)", floor, 1.0);
        System.out.printf("%-44s %10.0f %10.2f%n", "thumb + preview + web + EXIF", plainMs, plainMs / floor);
        System.out.printf("%-44s %10.0f %10.2f%n", "the same with a text watermark", markedMs, markedMs / floor);
        System.out.printf("originals %,d bytes, web renditions %,d bytes (with the watermark %,d): ratio %.4f%n",
                originalBytes, webBytes, markedBytes, bytesRatio);
        System.out.printf("STORED archives: original %,d bytes, web size %,d bytes: ratio %.4f%n", originalZip, webZip, zipRatio);
        System.out.printf("RESULT web_ms_per_photo=%.0f web_vs_floor=%.2f watermark_ms_per_photo=%.0f watermark_vs_floor=%.2f "
                        + "floor_ms_per_photo=%.0f web_bytes_ratio=%.4f web_zip_ratio=%.4f%n",
                plainMs, plainMs / floor, markedMs, markedMs / floor, floor, bytesRatio, zipRatio);
    }

    /** Decodes as the renderer does for a 2,048 px rendition: every n-th row and column, n = long edge / 2048. */
    private static BufferedImage decodeFloor(byte[] jpeg) throws IOException {
        try (ImageInputStream in = new ByteArrayImageInputStream(jpeg)) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in, true, false);
                int step = Math.max(1, Math.max(reader.getWidth(0), reader.getHeight(0)) / WEB);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    /** A camera-like 24 MP JPEG: a sky gradient and vignette, hard-edged shapes and fine texture, and sensor noise. */
    static byte[] cameraJpeg(Random random) throws IOException {
        return cameraJpeg(random, WIDTH, HEIGHT);
    }

    /** The same kind of photo at {@code width × height} ({@code ReadyTimeBenchmark} makes a thousand at 6 MP). */
    static byte[] cameraJpeg(Random random, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        double hue = random.nextDouble();
        int shapes = 40;
        double[][] discs = new double[shapes][];
        for (int s = 0; s < shapes; s++) {
            discs[s] = new double[] {random.nextDouble() * width, random.nextDouble() * height, 40 + random.nextDouble() * 400,
                    random.nextInt(256), random.nextInt(256), random.nextInt(256)};
        }
        double cx = width / 2.0, cy = height / 2.0, maxR2 = cx * cx + cy * cy;
        for (int y = 0; y < height; y++) {
            double sky = (double) y / height;
            for (int x = 0; x < width; x++) {
                double vignette = 1 - 0.45 * ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / maxR2;
                double r = (90 + 120 * sky + 40 * hue), g = (130 + 60 * sky), b = (200 - 110 * sky);
                for (double[] d : discs) {
                    double dx = x - d[0], dy = y - d[1];
                    if (dx * dx + dy * dy < d[2] * d[2]) {
                        r = d[3]; g = d[4]; b = d[5];
                        // Fabric-like texture inside the shapes: fine detail a downscale must not alias.
                        double weave = 18 * Math.sin(x * 0.9) * Math.sin(y * 0.7);
                        r += weave; g += weave; b += weave;
                        break;
                    }
                }
                int i = (y * width + x) * 3;
                bgr[i] = clamp(b * vignette + random.nextGaussian() * 6);
                bgr[i + 1] = clamp(g * vignette + random.nextGaussian() * 6);
                bgr[i + 2] = clamp(r * vignette + random.nextGaussian() * 6);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(12 << 20);
        try (var out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte clamp(double v) {
        return (byte) Math.max(0, Math.min(255, (int) v));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}

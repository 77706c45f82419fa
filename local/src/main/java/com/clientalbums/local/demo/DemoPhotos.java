package com.clientalbums.local.demo;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/**
 * Demo photos: 1600×1067 JPEGs (quality 0.9, no EXIF) with a colour gradient, soft circles and
 * the photo's number in large seven-segment digits (drawn as shapes, so no font is needed on a
 * bare server), and optionally film grain. On one machine the same number always gives the same bytes.
 *
 * <p>Without grain a photo is about 95 KB, far smaller than a camera's; grain (as in a real photo,
 * noise JPEG cannot squeeze away) brings it to about 350 KB at strength 6, so the demo album is
 * about 20 MiB and comes in five parts or more with {@code ZIP_SPLIT_SIZE_MB=5}.
 */
public final class DemoPhotos {
    public static final int WIDTH = 1600;
    public static final int HEIGHT = 1067;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private DemoPhotos() {}

    public static byte[] jpeg(int number, String caption) {
        return jpeg(number, caption, 0);
    }

    /**
     * @param grain the film grain's strength: each pixel's channels moved together by up to this
     *              many levels either way (0: none)
     */
    public static byte[] jpeg(int number, String caption, int grain) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Random random = new Random(number * 7919L);
            float hue = (number * 0.137f) % 1f;
            g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.55f, 0.95f),
                    WIDTH, HEIGHT, Color.getHSBColor((hue + 0.18f) % 1f, 0.75f, 0.45f)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.18f));
            for (int i = 0; i < 14; i++) {
                int r = 60 + random.nextInt(260);
                g.setColor(Color.getHSBColor(random.nextFloat(), 0.4f, 1f));
                g.fill(new Ellipse2D.Float(random.nextInt(WIDTH) - r, random.nextInt(HEIGHT) - r, 2 * r, 2 * r));
            }
            g.setComposite(AlphaComposite.SrcOver);
            drawNumber(g, String.format("%02d", number), WIDTH / 2, HEIGHT / 2, 300);
            drawCaption(g, caption);
        } finally {
            g.dispose();
        }
        if (grain > 0) addGrain(image, grain, new Random(number * 104729L));
        return jpeg(image, 0.9f);
    }

    private static void addGrain(BufferedImage image, int strength, Random random) {
        int[] row = new int[WIDTH];
        for (int y = 0; y < HEIGHT; y++) {
            image.getRGB(0, y, WIDTH, 1, row, 0, WIDTH);
            for (int x = 0; x < WIDTH; x++) {
                int n = random.nextInt(2 * strength + 1) - strength;
                int p = row[x];
                row[x] = (channel(p >> 16, n) << 16) | (channel(p >> 8, n) << 8) | channel(p, n);
            }
            image.setRGB(0, y, WIDTH, 1, row, 0, WIDTH);
        }
    }

    private static int channel(int value, int noise) {
        return Math.clamp((value & 0xff) + noise, 0, 255);
    }

    /** Digits as seven segments, centred on (cx, cy), {@code height} pixels tall. */
    private static void drawNumber(Graphics2D g, String digits, int cx, int cy, int height) {
        int w = height / 2;
        int t = height / 9;
        int gap = w / 3;
        int total = digits.length() * w + (digits.length() - 1) * gap;
        int x = cx - total / 2;
        int y = cy - height / 2;
        g.setColor(new Color(255, 255, 255, 230));
        for (char c : digits.toCharArray()) {
            int segments = SEGMENTS[c - '0'];
            int[][] boxes = {
                    {x, y, w, t}, {x + w - t, y, t, height / 2}, {x + w - t, y + height / 2, t, height / 2},
                    {x, y + height - t, w, t}, {x, y + height / 2, t, height / 2}, {x, y, t, height / 2},
                    {x, y + height / 2 - t / 2, w, t}};
            for (int s = 0; s < 7; s++) {
                if ((segments & (1 << s)) != 0) {
                    int[] b = boxes[s];
                    g.fill(new RoundRectangle2D.Float(b[0], b[1], b[2], b[3], t, t));
                }
            }
            x += w + gap;
        }
    }

    /** Segments a-g (bit 0 = top, clockwise, bit 6 = middle) of 0-9. */
    private static final int[] SEGMENTS = {0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F};

    private static void drawCaption(Graphics2D g, String caption) {
        g.setStroke(new BasicStroke(6));
        g.setColor(new Color(255, 255, 255, 200));
        g.drawRoundRect(40, 40, WIDTH - 80, HEIGHT - 80, 40, 40);
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 44));
            g.drawString(caption, 90, HEIGHT - 90);
        } catch (RuntimeException | Error noFonts) {
            // a machine without fonts still gets numbered photos
        }
    }

    /** An image as JPEG bytes at the given quality (0-1); also used by the browser tests' albums. */
    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 * 1024);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}

package com.clientalbums.previews.render;

import com.clientalbums.previews.keys.PreviewSize;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreviewRendererTest {
    private final PreviewRenderer renderer = new PreviewRenderer();

    @ParameterizedTest(name = "EXIF orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyExifOrientationIsShownUpright(int orientation) throws Exception {
        byte[] photo = TestImages.jpegWithOrientation(TestImages.stored(orientation, 320, 160), orientation, orientation % 2 == 0);
        assertEquals(orientation, ExifOrientation.of(photo), "the EXIF segment written by the test is read back");

        Map<PreviewSize, PreviewRenderer.Rendition> images = renderer.render(photo);

        for (var rendition : images.values()) {
            BufferedImage shown = TestImages.read(rendition.jpeg());
            assertEquals(320, shown.getWidth(), "landscape as shown, not as stored");
            assertEquals(160, shown.getHeight());
            assertQuadrants(shown);
        }
    }

    @Test
    void aLargePhotoBecomesA1600PreviewAndA400ThumbnailAndAPortraitStaysPortrait() throws Exception {
        BufferedImage large = quadrants(4800, 3200);
        Map<PreviewSize, PreviewRenderer.Rendition> landscape = renderer.render(TestImages.jpeg(large));
        assertEquals(new Dims(1600, 1067), dims(landscape.get(PreviewSize.PREVIEW)));
        assertEquals(new Dims(400, 267), dims(landscape.get(PreviewSize.THUMB)));
        assertQuadrants(TestImages.read(landscape.get(PreviewSize.THUMB).jpeg()));

        // The same pixels stored sideways with orientation 6, as a phone held upright writes them.
        Map<PreviewSize, PreviewRenderer.Rendition> portrait =
                renderer.render(TestImages.jpegWithOrientation(TestImages.stored(6, 3200, 4800), 6, true));
        assertEquals(new Dims(1067, 1600), dims(portrait.get(PreviewSize.PREVIEW)));
        assertEquals(new Dims(267, 400), dims(portrait.get(PreviewSize.THUMB)));
        assertQuadrants(TestImages.read(portrait.get(PreviewSize.PREVIEW).jpeg()));
    }

    @Test
    void aBigPhotoIsDecodedSubsampledSoItsMemoryDependsOnThePreviewSizeNotTheCamera() throws Exception {
        assertEquals(5, ImageDecoder.subsampling(8192, 5464, 1600), "a 45 MP photo is read one pixel in 5");
        assertEquals(1, ImageDecoder.subsampling(1600, 1200, 1600));
        BufferedImage decoded = ImageDecoder.decode(TestImages.jpeg(quadrants(6000, 4000)), 1600);
        assertTrue(decoded.getWidth() >= 1600 && decoded.getWidth() < 3200, "decoded " + decoded.getWidth() + " px wide");
        // 2000 × 1334 × 4 bytes ≈ 10 MB instead of 96 MB for the whole 24 MP photo.
        assertEquals(2000, decoded.getWidth());
    }

    @Test
    void aPngWithTransparencyBecomesAJpegOnWhite() throws Exception {
        BufferedImage argb = new BufferedImage(800, 400, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.setColor(TestImages.BLUE);
        g.fillRect(0, 0, 400, 400); // right half stays transparent
        g.dispose();

        Map<PreviewSize, PreviewRenderer.Rendition> images = renderer.render(TestImages.png(argb));

        BufferedImage thumb = TestImages.read(images.get(PreviewSize.THUMB).jpeg());
        assertEquals(new Dims(400, 200), new Dims(thumb.getWidth(), thumb.getHeight()));
        assertClose(TestImages.BLUE, new Color(thumb.getRGB(100, 100)), "opaque half");
        assertClose(Color.WHITE, new Color(thumb.getRGB(300, 100)), "transparent half on white");
        assertEquals(new Dims(800, 400), dims(images.get(PreviewSize.PREVIEW)), "smaller than 1600: never enlarged");
    }

    @Test
    void aCmykJpegIsReadAndConvertedToSrgb() throws Exception {
        byte[] cmyk = TestImages.cmykJpeg(600, 300);
        assertTrue(isAdobeCmyk(cmyk), "the test file really is a four-component Adobe JPEG");

        BufferedImage preview = TestImages.read(renderer.render(cmyk).get(PreviewSize.PREVIEW).jpeg());

        Color cyan = new Color(preview.getRGB(150, 150));
        Color magenta = new Color(preview.getRGB(450, 150));
        assertTrue(cyan.getBlue() > 180 && cyan.getGreen() > 120 && cyan.getRed() < 80, "cyan ink looks cyan: " + cyan);
        assertTrue(magenta.getRed() > 180 && magenta.getGreen() < 80 && magenta.getBlue() > 90, "magenta ink looks magenta: " + magenta);
    }

    @Test
    void anAdobeRgbJpegIsConvertedToSrgbNotCopiedNumberForNumber() throws Exception {
        int[] adobe = {60, 170, 90};
        float[] expected = ColorSpaces.getColorSpace(ColorSpaces.CS_ADOBE_RGB_1998)
                .toRGB(new float[] {adobe[0] / 255f, adobe[1] / 255f, adobe[2] / 255f});

        BufferedImage preview = TestImages.read(renderer.render(TestImages.adobeRgbJpeg(200, 100, adobe)).get(PreviewSize.PREVIEW).jpeg());

        Color seen = new Color(preview.getRGB(100, 50));
        Color srgb = new Color(expected[0], expected[1], expected[2]);
        assertClose(srgb, seen, "converted through the ICC profile");
        assertTrue(Math.abs(seen.getRed() - adobe[0]) + Math.abs(seen.getGreen() - adobe[1]) + Math.abs(seen.getBlue() - adobe[2]) > 20,
                "not the Adobe RGB numbers taken as sRGB: " + seen);
    }

    @Test
    void corruptAndNonImageFilesAreUnreadable() {
        byte[] good = TestImages.jpeg(quadrants(640, 480));
        byte[] headerOnly = Arrays.copyOf(good, 200);             // cut before any image data
        byte[] garbledHeader = good.clone();
        for (int i = 20; i < 400; i++) garbledHeader[i] = (byte) (i * 31); // tables and frame header destroyed
        byte[] random = new byte[50_000];
        new Random(1).nextBytes(random);
        byte[] text = "IMG_0001.jpg was here\n".getBytes();

        for (byte[] bad : new byte[][] {headerOnly, garbledHeader, random, text, new byte[0]}) {
            assertThrows(UnreadableImageException.class, () -> renderer.render(bad));
        }
    }

    @Test
    void aDamagedExifBlockCostsNothingButTheRotation() throws Exception {
        byte[] photo = TestImages.withExif(TestImages.jpeg(quadrants(320, 160)), 6, true);
        // Point the first IFD far outside the segment.
        int at = indexOf(photo, new byte[] {'M', 'M', 0, 42});
        photo[at + 4] = 0x7F;
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.of(photo));
        assertQuadrants(TestImages.read(renderer.render(photo).get(PreviewSize.PREVIEW).jpeg()));
    }

    @Test
    void theOrientationOfAPngOrAnExifFreeJpegIsNormal() {
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.of(TestImages.png(quadrants(10, 10))));
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.of(TestImages.jpeg(quadrants(10, 10))));
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.of(new byte[] {(byte) 0xFF, (byte) 0xD8}));
    }

    @Test
    void orientationMovesPixelsExactly() {
        BufferedImage stored = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        int[] values = {1, 2, 3, 4, 5, 6};
        stored.setRGB(0, 0, 3, 2, values, 0, 3);
        BufferedImage turned = Orientation.upright(stored, 6);
        assertEquals(new Dims(2, 3), new Dims(turned.getWidth(), turned.getHeight()));
        // Stored rows "1 2 3 / 4 5 6", turned 90° clockwise: "4 1 / 5 2 / 6 3".
        assertArrayEquals(new int[] {4, 1, 5, 2, 6, 3}, Arrays.stream(turned.getRGB(0, 0, 2, 3, null, 0, 2)).map(v -> v & 0xFFFFFF).toArray());
    }

    record Dims(int width, int height) {}

    private static Dims dims(PreviewRenderer.Rendition r) {
        BufferedImage image = TestImages.read(r.jpeg());
        assertEquals(r.width(), image.getWidth());
        assertEquals(r.height(), image.getHeight());
        return new Dims(image.getWidth(), image.getHeight());
    }

    private static BufferedImage quadrants(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        for (int q = 0; q < 4; q++) {
            boolean top = q < 2, left = q % 2 == 0;
            g.setColor(TestImages.shownQuadrant(top, left));
            g.fillRect(left ? 0 : w / 2, top ? 0 : h / 2, w - w / 2, h - h / 2);
        }
        g.dispose();
        return image;
    }

    /** The centre of each quadrant has its colour as shown. */
    private static void assertQuadrants(BufferedImage shown) {
        int w = shown.getWidth(), h = shown.getHeight();
        for (int q = 0; q < 4; q++) {
            boolean top = q < 2, left = q % 2 == 0;
            int x = left ? w / 4 : 3 * w / 4, y = top ? h / 4 : 3 * h / 4;
            assertClose(TestImages.shownQuadrant(top, left), new Color(shown.getRGB(x, y)),
                    (top ? "top" : "bottom") + "-" + (left ? "left" : "right"));
        }
    }

    private static void assertClose(Color expected, Color actual, String where) {
        int d = Math.abs(expected.getRed() - actual.getRed()) + Math.abs(expected.getGreen() - actual.getGreen())
                + Math.abs(expected.getBlue() - actual.getBlue());
        assertTrue(d <= 30, where + ": expected " + expected + " but was " + actual);
    }

    private static boolean isAdobeCmyk(byte[] jpeg) {
        int app14 = indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xEE});
        int sof = indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xC0});
        return app14 > 0 && sof > 0 && jpeg[sof + 9] == 4; // SOF0: length(2) precision(1) height(2) width(2) components(1)
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) if (data[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}

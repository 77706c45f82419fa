package com.clientalbums.previews.render;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatermarkPainterTest {

    private static WatermarkPainter text(WatermarkPlacement.Anchor anchor, int size, int opacity) {
        return WatermarkPainter.text("© Studio Lumen", new WatermarkPlacement.Style(anchor, size, opacity));
    }

    private static BufferedImage grey(int w, int h, int level) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(level, level, level));
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    /** The bounding box of pixels that differ from the untouched image by more than a little. */
    private static int[] changed(BufferedImage before, BufferedImage after) {
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
        for (int y = 0; y < before.getHeight(); y++) {
            for (int x = 0; x < before.getWidth(); x++) {
                if (Math.abs((before.getRGB(x, y) & 0xFF) - (after.getRGB(x, y) & 0xFF)) > 8) {
                    minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
                }
            }
        }
        return new int[] {minX, minY, maxX, maxY};
    }

    @Test
    void textIsDrawnWithTheBundledFontInsideItsBoxAndTheImageItselfIsLeftAlone() {
        BufferedImage photo = grey(2048, 1365, 128);
        WatermarkPainter painter = text(WatermarkPlacement.Anchor.BOTTOM_RIGHT, 40, 100);
        BufferedImage marked = painter.stamped(photo);

        WatermarkPlacement.Box box = WatermarkPlacement.place(2048, 1365, painter.markWidth(), painter.markHeight(), 40,
                WatermarkPlacement.Anchor.BOTTOM_RIGHT);
        int[] ink = changed(photo, marked);
        assertTrue(ink[0] >= box.x() && ink[1] >= box.y() && ink[2] < box.x() + box.width() && ink[3] < box.y() + box.height(),
                "ink inside " + box + ": " + java.util.Arrays.toString(ink));
        assertTrue(ink[2] - ink[0] > box.width() * 0.9, "the text fills the box's width: " + java.util.Arrays.toString(ink));
        assertEquals(128, photo.getRGB(2000, 1300) & 0xFF, "the source image is not drawn on");
        // White letters with a dark outline: both brighter and darker pixels than the grey photo.
        boolean lighter = false, darker = false;
        for (int y = box.y(); y < box.y() + box.height(); y++) {
            for (int x = box.x(); x < box.x() + box.width(); x++) {
                int v = marked.getRGB(x, y) & 0xFF;
                lighter |= v > 240;
                darker |= v < 60;
            }
        }
        assertTrue(lighter && darker, "white fill and dark outline");
    }

    @Test
    void opacityLetsThePhotoShowThrough() {
        BufferedImage black = grey(1000, 600, 0);
        int opaque = brightest(text(WatermarkPlacement.Anchor.CENTER, 60, 100).stamped(black));
        int faint = brightest(text(WatermarkPlacement.Anchor.CENTER, 60, 30).stamped(black));
        assertTrue(opaque > 245, "opaque white: " + opaque);
        assertTrue(faint > 60 && faint < 90, "30 % white on black: " + faint);
    }

    @Test
    void aLogoIsScaledToItsShareOfTheWidthKeepingItsProportionsAndTransparency() {
        BufferedImage logo = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = logo.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 100, 100); // right half transparent
        g.dispose();
        BufferedImage photo = grey(1000, 800, 128);

        BufferedImage marked = WatermarkPainter.logo(logo, new WatermarkPlacement.Style(WatermarkPlacement.Anchor.TOP_LEFT, 20, 100)).stamped(photo);

        // 20 % of 1000 = 200 wide, 100 high, 3 % of 800 = 24 from the corner.
        assertEquals(new Color(255, 0, 0), new Color(marked.getRGB(24 + 50, 24 + 50)));
        assertEquals(128, marked.getRGB(24 + 150, 24 + 50) & 0xFF, "transparent half shows the photo");
        assertEquals(128, marked.getRGB(24 + 50, 24 + 120) & 0xFF, "below the box");
    }

    private static int brightest(BufferedImage image) {
        int max = 0;
        for (int y = 0; y < image.getHeight(); y++) for (int x = 0; x < image.getWidth(); x++) max = Math.max(max, image.getRGB(x, y) & 0xFF);
        return max;
    }
}

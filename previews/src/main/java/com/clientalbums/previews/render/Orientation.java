package com.clientalbums.previews.render;

import java.awt.image.BufferedImage;

/**
 * Turns pixels stored under an EXIF orientation into pixels as they are to be shown. Done on the
 * already reduced image (a few megapixels at most), by exact pixel moves: no resampling, so a
 * rotated preview is as sharp as an upright one.
 */
final class Orientation {
    private Orientation() {}

    /** Whether the orientation swaps width and height (the camera was held on its side). */
    static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    static BufferedImage upright(BufferedImage stored, int orientation) {
        if (orientation < 2 || orientation > 8) return stored;
        int w = stored.getWidth();
        int h = stored.getHeight();
        boolean swap = swapsSides(orientation);
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        int[] src = stored.getRGB(0, 0, w, h, null, 0, w);
        int[] dst = new int[dw * dh];
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                // (sx, sy): where the pixel shown at (x, y) is stored.
                int sx, sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }          // mirrored left-right
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }  // upside down
                    case 4 -> { sx = x; sy = h - 1 - y; }          // mirrored top-bottom
                    case 5 -> { sx = y; sy = x; }                  // transposed
                    case 6 -> { sx = y; sy = h - 1 - x; }          // shown turned 90° clockwise
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }  // transversed
                    default -> { sx = w - 1 - y; sy = x; }         // 8: shown turned 90° counter-clockwise
                }
                dst[y * dw + x] = src[sy * w + sx];
            }
        }
        BufferedImage out = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, dw, dh, dst, 0, dw);
        return out;
    }
}

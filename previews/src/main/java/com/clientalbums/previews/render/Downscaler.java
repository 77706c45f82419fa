package com.clientalbums.previews.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Reduces an image to a long edge with good quality at low cost: halving steps with bilinear
 * filtering (each averages 2×2 pixels, so nothing aliases), then one bicubic step to the exact size.
 * A single big bilinear step would skip most source pixels and shimmer on fine detail (fabric, hair).
 */
final class Downscaler {
    private Downscaler() {}

    /** The image reduced so its long edge is at most {@code longEdge}; never enlarged. */
    static BufferedImage toLongEdge(BufferedImage image, int longEdge) {
        int w = image.getWidth();
        int h = image.getHeight();
        int current = Math.max(w, h);
        if (current <= longEdge) return image;
        double scale = (double) longEdge / current;
        int targetW = Math.max(1, (int) Math.round(w * scale));
        int targetH = Math.max(1, (int) Math.round(h * scale));
        BufferedImage step = image;
        while (step.getWidth() / 2 >= targetW && step.getHeight() / 2 >= targetH) {
            step = draw(step, step.getWidth() / 2, step.getHeight() / 2, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        if (step.getWidth() == targetW && step.getHeight() == targetH) return step;
        return draw(step, targetW, targetH, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    private static BufferedImage draw(BufferedImage source, int w, int h, Object interpolation) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}

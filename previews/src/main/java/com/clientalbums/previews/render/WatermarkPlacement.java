package com.clientalbums.previews.render;

/**
 * Where a watermark goes: the rule {@code rules/shared-rules.json} → {@code watermark_geometry}
 * states, which the studio's live preview follows too, so what the photographer sees there is what
 * the renditions get. The mark keeps its proportions; its width is a share of the image's width;
 * corners keep a margin of 3 % of the image's shorter side.
 */
public final class WatermarkPlacement {
    static final int MARGIN_PERCENT = 3;

    /** The mark's box on the image, in pixels. */
    public record Box(int x, int y, int width, int height) {}

    /** Where on the image: the album's {@code watermark.position} (the job maps one to the other). */
    public enum Anchor { CENTER, TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT }

    /**
     * How a mark is placed and drawn.
     *
     * @param sizePercent    the mark's width as a share of the image's width
     * @param opacityPercent 100 for opaque
     */
    public record Style(Anchor anchor, int sizePercent, int opacityPercent) {
        public Style {
            if (anchor == null || sizePercent < 1 || sizePercent > 100 || opacityPercent < 1 || opacityPercent > 100) {
                throw new IllegalArgumentException("watermark style " + anchor + " " + sizePercent + " % " + opacityPercent + " %");
            }
        }
    }

    private WatermarkPlacement() {}

    /**
     * @param imageW, imageH the image's size
     * @param markW, markH   the mark's natural size (text as drawn, or the logo's pixels)
     */
    public static Box place(int imageW, int imageH, double markW, double markH, int sizePercent, Anchor anchor) {
        int w = roundHalfUp(imageW * sizePercent / 100.0);
        int h = roundHalfUp(w * markH / markW);
        int m = roundHalfUp(Math.min(imageW, imageH) * MARGIN_PERCENT / 100.0);
        return switch (anchor) {
            case TOP_LEFT -> new Box(m, m, w, h);
            case TOP_RIGHT -> new Box(imageW - w - m, m, w, h);
            case BOTTOM_LEFT -> new Box(m, imageH - h - m, w, h);
            case BOTTOM_RIGHT -> new Box(imageW - w - m, imageH - h - m, w, h);
            case CENTER -> new Box(Math.floorDiv(imageW - w, 2), Math.floorDiv(imageH - h, 2), w, h);
        };
    }

    /** Half up, as JavaScript's Math.round does for the positive numbers met here. */
    private static int roundHalfUp(double value) {
        return (int) Math.floor(value + 0.5);
    }
}

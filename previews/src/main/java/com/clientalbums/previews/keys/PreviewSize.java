package com.clientalbums.previews.keys;

/**
 * The two images made of every photo, each under its own folder of the album's previews
 * ({@link PreviewKeys}). Long edges, not boxes: portrait and landscape photos get the same
 * amount of detail.
 */
public enum PreviewSize {
    /** Gallery grids and album covers: small enough for 100 at once on a phone. */
    THUMB(400, 0.80f),
    /** The viewer: sharp on a laptop screen, a fraction of the original's bytes. */
    PREVIEW(1600, 0.85f);

    private final int longEdge;
    private final float quality;

    PreviewSize(int longEdge, float quality) {
        this.longEdge = longEdge;
        this.quality = quality;
    }

    public int longEdge() { return longEdge; }

    /** JPEG quality, 0-1. */
    public float quality() { return quality; }

    /** The largest size: what a photo is decoded for. */
    public static PreviewSize largest() { return PREVIEW; }
}

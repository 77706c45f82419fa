package com.clientalbums.previews.keys;

import java.util.Arrays;
import java.util.Optional;

/**
 * The two images made of every photo, each under its own folder of the album's previews
 * ({@link PreviewKeys}). Long edges, not boxes: portrait and landscape photos get the same
 * amount of detail.
 */
public enum PreviewSize {
    /** Gallery grids and album covers: small enough for 100 at once on a phone. */
    THUMB("thumb", 400, 0.80f),
    /** The viewer: sharp on a laptop screen, a fraction of the original's bytes. */
    PREVIEW("preview", 1600, 0.85f);

    private final String keyName;
    private final int longEdge;
    private final float quality;

    PreviewSize(String keyName, int longEdge, float quality) {
        this.keyName = keyName;
        this.longEdge = longEdge;
        this.quality = quality;
    }

    /** The folder name in the preview key. */
    public String keyName() { return keyName; }

    public int longEdge() { return longEdge; }

    /** JPEG quality, 0-1. */
    public float quality() { return quality; }

    /** The size whose folder is {@code keyName}; empty for any other folder. */
    public static Optional<PreviewSize> byKeyName(String keyName) {
        return Arrays.stream(values()).filter(s -> s.keyName.equals(keyName)).findFirst();
    }

    /** The largest size: what a photo is decoded for. */
    public static PreviewSize largest() { return PREVIEW; }
}

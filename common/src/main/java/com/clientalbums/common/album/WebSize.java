package com.clientalbums.common.album;

import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * How an album's web-size photos are made: the long edge ({@code WEB_SIZE_PX}), the album's
 * watermark if it has one, and whether videos and PDFs go into the web-size archive unchanged
 * ({@link OtherFiles}). Camera RAW files never do (a RAW is an original by nature), nor does an
 * image that cannot be decoded.
 *
 * <p>{@link #tag()} names the recipe: every rendition records the tag it was made with (beside the
 * ETag of the photo it was made from), and the album's content fingerprint includes it
 * ({@link com.clientalbums.common.store.Fingerprint#of}), so changing the watermark or the size
 * makes the archives stale exactly as a changed photo does, and the one rebuild that follows
 * remakes the renditions and the web-size archive while every original part is kept.
 *
 * @param longEdge  pixels of the long edge; smaller images keep their size
 * @param watermark null for none
 */
public record WebSize(int longEdge, Watermark watermark, OtherFiles otherFiles) {
    /** Bumped whenever the renderer's output changes for the same recipe, so old renditions are remade. */
    public static final int RENDERER_VERSION = 1;
    /** JPEG quality of web-size renditions, 0-1. */
    public static final float QUALITY = 0.88f;
    public static final int MIN_LONG_EDGE = 640, MAX_LONG_EDGE = 4096;

    /** Videos and PDFs in the web-size archive: unchanged ({@code include}, the default) or left out ({@code omit}). */
    public enum OtherFiles {
        INCLUDE, OMIT;

        public static final OtherFiles DEFAULT = INCLUDE;

        public String value() { return name().toLowerCase(Locale.ROOT); }

        public static Optional<OtherFiles> of(String value) {
            for (OtherFiles o : values()) if (o.value().equals(value)) return Optional.of(o);
            return Optional.empty();
        }
    }

    public WebSize {
        if (longEdge < MIN_LONG_EDGE || longEdge > MAX_LONG_EDGE) {
            throw new IllegalArgumentException("web size " + longEdge + " px is outside " + MIN_LONG_EDGE + "-" + MAX_LONG_EDGE);
        }
        if (otherFiles == null) otherFiles = OtherFiles.DEFAULT;
    }

    /** The album's recipe under this function's {@code WEB_SIZE_PX}. */
    public static WebSize of(Settings settings, Album album) {
        return of(settings.integer(Setting.WEB_SIZE_PX), album);
    }

    /** The album's recipe with web-size photos of {@code longEdge} pixels. */
    public static WebSize of(int longEdge, Album album) {
        return new WebSize(longEdge, album.watermark(), album.webOtherFiles());
    }

    /** The recipe of an album that has no record yet (a registration): no watermark, the default for other files. */
    public static WebSize defaults(int longEdge) {
        return new WebSize(longEdge, null, OtherFiles.DEFAULT);
    }

    public Optional<Watermark> watermarkOn() { return Optional.ofNullable(watermark); }

    /** Whether the gallery's previews carry the watermark too. */
    public boolean watermarksPreviews() { return watermark != null && watermark.onPreviews(); }

    /** 16 hex characters naming everything that decides a rendition's bytes and the web-size archive's content. */
    public String tag() {
        String canonical = String.join("\n", "v" + RENDERER_VERSION, Integer.toString(longEdge), Float.toString(QUALITY),
                otherFiles.value(), watermark == null ? "-" : watermark.canonical());
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

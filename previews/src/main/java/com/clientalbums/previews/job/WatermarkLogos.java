package com.clientalbums.previews.job;

import com.clientalbums.common.album.Watermark;
import com.clientalbums.previews.render.WatermarkPainter;
import com.clientalbums.previews.render.WatermarkPlacement;
import software.amazon.awssdk.services.s3.S3Client;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The painter of an album's watermark, its logo read from the bucket once per instance: a logo's
 * key names its bytes ({@code watermarks/{album_id}/{sha256}.png}), so a key read once never
 * changes, and a whole album's renditions cost one GET of it. Only the last few logos are kept:
 * a warm generator goes from album to album, and a decoded logo can be tens of megabytes.
 *
 * <p>A logo that cannot be read fails the rendition rather than leaving it unmarked: a web-size
 * photo without the mark the photographer asked for is worse than one made on the next try.
 */
final class WatermarkLogos {
    private final S3Client s3;
    private final String bucket;
    static final int KEPT = 4;

    /** Least recently used first; guarded by itself. */
    private final Map<String, BufferedImage> logos = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BufferedImage> eldest) {
            return size() > KEPT;
        }
    };

    WatermarkLogos(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    Optional<WatermarkPainter> painter(Optional<Watermark> watermark) {
        return watermark.map(w -> switch (w.kind()) {
            case TEXT -> WatermarkPainter.text(w.text(), style(w));
            case LOGO -> WatermarkPainter.logo(logo(w.logoKey()), style(w));
        });
    }

    /** The album's setting as the renderer draws it. */
    static WatermarkPlacement.Style style(Watermark w) {
        WatermarkPlacement.Anchor anchor = switch (w.position()) {
            case CENTER -> WatermarkPlacement.Anchor.CENTER;
            case TOP_LEFT -> WatermarkPlacement.Anchor.TOP_LEFT;
            case TOP_RIGHT -> WatermarkPlacement.Anchor.TOP_RIGHT;
            case BOTTOM_LEFT -> WatermarkPlacement.Anchor.BOTTOM_LEFT;
            case BOTTOM_RIGHT -> WatermarkPlacement.Anchor.BOTTOM_RIGHT;
        };
        return new WatermarkPlacement.Style(anchor, w.sizePercent(), w.opacityPercent());
    }

    /** Renders of one album run at once: the first reads the logo while the others wait for it, rather than each reading it. */
    private BufferedImage logo(String key) {
        synchronized (logos) {
            return logos.computeIfAbsent(key, this::read);
        }
    }

    private BufferedImage read(String key) {
        byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        try {
            BufferedImage logo = ImageIO.read(new ByteArrayInputStream(bytes));
            if (logo == null) throw new IllegalStateException("the watermark logo " + key + " is not an image that can be read");
            return logo;
        } catch (IOException e) {
            throw new UncheckedIOException("the watermark logo " + key + " cannot be read", e);
        }
    }
}

package com.clientalbums.previews.render;

import com.clientalbums.previews.keys.PreviewSize;

import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A photo's bytes in, a JPEG per {@link PreviewSize} and its web-size rendition out: decoded once
 * at the largest size needed, turned upright by its EXIF orientation, reduced to each size from the
 * one before, largest first. Pure computation, no storage: tested on generated images.
 *
 * <p>The web-size rendition ({@code docs/uploads.md}, "Renditions made on arrival") is never enlarged, carries the
 * album's watermark if it has one and only the EXIF {@link WebExif} keeps; previews carry the
 * watermark when the album asks for it, thumbnails never (at 400 px a mark is a smudge).
 */
public final class PreviewRenderer {

    /** The encoded images and their dimensions as shown. */
    public record Rendition(byte[] jpeg, int width, int height) {}

    /**
     * What to make beside the thumbnail and preview.
     *
     * @param webLongEdge       the web-size rendition's long edge; 0 for none (a file that is no image for the web-size archive)
     * @param webQuality        its JPEG quality, 0-1
     * @param watermark         stamped on the web-size rendition
     * @param watermarkPreviews stamped on the preview too
     */
    public record Recipe(int webLongEdge, float webQuality, Optional<WatermarkPainter> watermark, boolean watermarkPreviews) {
        /** Thumbnail and preview only, no watermark. */
        public static final Recipe PREVIEWS_ONLY = new Recipe(0, 0f, Optional.empty(), false);

        public Recipe {
            if (webLongEdge < 0) throw new IllegalArgumentException("web long edge " + webLongEdge);
            if (webLongEdge > 0 && (webQuality <= 0 || webQuality > 1)) throw new IllegalArgumentException("JPEG quality " + webQuality);
            if (watermarkPreviews && watermark.isEmpty()) throw new IllegalArgumentException("previews watermarked without a watermark");
        }

        int largestEdge() {
            return Math.max(webLongEdge, PreviewSize.largest().longEdge());
        }
    }

    /** The thumbnail and preview, and the web-size rendition when the recipe asked for one. */
    public record Renditions(Map<PreviewSize, Rendition> previews, Optional<Rendition> web) {
        public Renditions {
            previews = Map.copyOf(previews);
        }
    }

    /** Thumbnail and preview, no watermark. */
    public Map<PreviewSize, Rendition> render(byte[] photo) throws UnreadableImageException {
        return render(photo, Recipe.PREVIEWS_ONLY).previews();
    }

    public Renditions render(byte[] photo, Recipe recipe) throws UnreadableImageException {
        int orientation = ExifOrientation.of(photo);
        BufferedImage decoded = ImageDecoder.decode(photo, recipe.largestEdge());
        // Reduce first, then turn: rotating 4 megapixels is cheaper than 24.
        BufferedImage source = Orientation.upright(Downscaler.toLongEdge(decoded, recipe.largestEdge()), orientation);

        // Largest first, each reduced from the unmarked image before it; a mark goes on a copy.
        Optional<Rendition> web = Optional.empty();
        if (recipe.webLongEdge() >= PreviewSize.largest().longEdge()) {
            source = Downscaler.toLongEdge(source, recipe.webLongEdge());
            web = Optional.of(web(photo, source, recipe));
        }
        Map<PreviewSize, Rendition> previews = new EnumMap<>(PreviewSize.class);
        BufferedImage preview = Downscaler.toLongEdge(source, PreviewSize.PREVIEW.longEdge());
        previews.put(PreviewSize.PREVIEW, encode(recipe.watermarkPreviews() ? recipe.watermark().orElseThrow().stamped(preview) : preview,
                PreviewSize.PREVIEW.quality()));
        source = preview;
        if (recipe.webLongEdge() > 0 && recipe.webLongEdge() < PreviewSize.largest().longEdge()) {
            source = Downscaler.toLongEdge(source, recipe.webLongEdge());
            web = Optional.of(web(photo, source, recipe));
        }
        BufferedImage thumb = Downscaler.toLongEdge(source, PreviewSize.THUMB.longEdge());
        previews.put(PreviewSize.THUMB, encode(thumb, PreviewSize.THUMB.quality()));
        return new Renditions(previews, web);
    }

    private static Rendition web(byte[] photo, BufferedImage image, Recipe recipe) {
        BufferedImage marked = recipe.watermark().map(w -> w.stamped(image)).orElse(image);
        byte[] jpeg = JpegEncoder.encode(marked, recipe.webQuality());
        byte[] withExif = WebExif.keptFrom(photo).map(app1 -> WebExif.insert(jpeg, app1)).orElse(jpeg);
        return new Rendition(withExif, marked.getWidth(), marked.getHeight());
    }

    private static Rendition encode(BufferedImage image, float quality) {
        return new Rendition(JpegEncoder.encode(image, quality), image.getWidth(), image.getHeight());
    }
}

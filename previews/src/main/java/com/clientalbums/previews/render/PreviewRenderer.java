package com.clientalbums.previews.render;

import com.clientalbums.previews.keys.PreviewSize;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A photo's bytes in, a JPEG per {@link PreviewSize} out: decoded once at the largest size
 * needed, turned upright by its EXIF orientation, reduced to each size from the one before.
 * Pure computation, no storage: tested on generated images.
 */
public final class PreviewRenderer {

    /** The encoded images and their dimensions as shown. */
    public record Rendition(byte[] jpeg, int width, int height) {}

    private static final List<PreviewSize> LARGEST_FIRST = Arrays.stream(PreviewSize.values())
            .sorted(Comparator.comparingInt(PreviewSize::longEdge).reversed()).toList();

    public Map<PreviewSize, Rendition> render(byte[] photo) throws UnreadableImageException {
        int orientation = ExifOrientation.of(photo);
        BufferedImage decoded = ImageDecoder.decode(photo, PreviewSize.largest().longEdge());
        // Reduce first, then turn: rotating 2.5 megapixels is cheaper than 12.
        BufferedImage largest = Orientation.upright(
                Downscaler.toLongEdge(decoded, PreviewSize.largest().longEdge()), orientation);
        Map<PreviewSize, Rendition> out = new EnumMap<>(PreviewSize.class);
        BufferedImage source = largest;
        for (PreviewSize size : LARGEST_FIRST) {
            BufferedImage image = Downscaler.toLongEdge(source, size.longEdge());
            out.put(size, new Rendition(JpegEncoder.encode(image, size.quality()), image.getWidth(), image.getHeight()));
            source = image;
        }
        return out;
    }
}

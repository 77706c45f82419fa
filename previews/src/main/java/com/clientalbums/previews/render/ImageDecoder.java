package com.clientalbums.previews.render;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.io.IOException;
import java.util.Iterator;

/**
 * Decodes a photo no larger than needed, into sRGB.
 *
 * <p>Memory: a 50-megapixel photo decoded whole takes 150-200 MB, more than a Lambda can spare
 * beside the archive pipeline. The reader skips rows and columns instead (source subsampling):
 * the decoded image keeps at least the wanted long edge and at most twice it, 3200 px and about
 * 30 MB for the 1600 px preview, whatever the camera.
 *
 * <p>Colour: TwelveMonkeys' reader (registered with ImageIO by its service file) reads CMYK and
 * YCCK JPEGs, which the JDK's refuses, and hands back pixels in the embedded ICC profile's
 * colour space (Adobe RGB, Display P3, a press CMYK profile); they are converted to sRGB, which
 * is what browsers assume for an untagged JPEG, so skin tones do not turn dull or orange.
 */
final class ImageDecoder {
    /** Refuse decompression bombs: nothing a camera makes comes near this. */
    static final long MAX_PIXELS = 400_000_000L;

    private ImageDecoder() {}

    /** The photo as sRGB pixels, its long edge at least {@code wantedLongEdge} (or the photo's own if smaller). */
    static BufferedImage decode(byte[] bytes, int wantedLongEdge) throws UnreadableImageException {
        // Read straight from the array: ImageIO's own stream for an InputStream would copy the photo
        // into a cache file in /tmp (or a second copy in memory) first.
        try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new UnreadableImageException("not an image format that can be read");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
                    throw new UnreadableImageException("image dimensions " + width + "×" + height + " are out of range");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(width, height, wantedLongEdge);
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, param);
                return toSrgb(image);
            } finally {
                reader.dispose();
            }
        } catch (UnreadableImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Truncated or corrupt data, or a variant no reader supports: ImageIO reports these as
            // IIOException, IndexOutOfBounds, IllegalArgument, CMMException... all mean "unreadable".
            throw new UnreadableImageException(describe(e), e);
        }
    }

    /** Every {@code step}-th row and column still leaves at least {@code wanted} pixels on the long edge. */
    static int subsampling(int width, int height, int wanted) {
        return Math.max(1, Math.max(width, height) / wanted);
    }

    private static BufferedImage toSrgb(BufferedImage image) {
        ColorSpace space = image.getColorModel().getColorSpace();
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        if (space instanceof ICC_ColorSpace && !space.isCS_sRGB() && space != ColorSpace.getInstance(ColorSpace.CS_GRAY)) {
            // An embedded profile (or CMYK): a colour-managed conversion, not a copy of the numbers.
            new ColorConvertOp(space, ColorSpace.getInstance(ColorSpace.CS_sRGB), null).filter(opaque(image), rgb);
            return rgb;
        }
        Graphics2D g = rgb.createGraphics();
        try {
            // Transparent areas (PNG) on white, as a browser would show them on the gallery's page.
            g.drawImage(image, 0, 0, Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** ColorConvertOp writes nothing sensible from an alpha channel; transparency is rare in tagged photos, so it is dropped. */
    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) return image;
        var raster = image.getRaster();
        int colourBands = image.getColorModel().getNumColorComponents();
        int[] bands = new int[colourBands];
        for (int i = 0; i < colourBands; i++) bands[i] = i;
        var colourOnly = raster.createWritableChild(0, 0, raster.getWidth(), raster.getHeight(), 0, 0, bands);
        var model = new java.awt.image.ComponentColorModel(image.getColorModel().getColorSpace(), false, false,
                java.awt.Transparency.OPAQUE, raster.getTransferType());
        return new BufferedImage(model, colourOnly, false, null);
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + (m.length() > 160 ? m.substring(0, 160) + "…" : m));
    }
}

package com.clientalbums.previews.render;

import com.twelvemonkeys.imageio.color.ColorSpaces;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Real image files made in the test: JPEGs with an EXIF orientation written byte by byte, PNGs, CMYK and Adobe RGB JPEGs. */
public final class TestImages {
    public static final Color RED = new Color(220, 30, 30);
    public static final Color GREEN = new Color(30, 190, 40);
    public static final Color BLUE = new Color(30, 40, 220);
    public static final Color YELLOW = new Color(235, 215, 40);

    private TestImages() {}

    /** Quadrants as they are to be shown: red top-left, green top-right, blue bottom-left, yellow bottom-right. */
    public static Color shownQuadrant(boolean top, boolean left) {
        return top ? (left ? RED : GREEN) : (left ? BLUE : YELLOW);
    }

    /**
     * The stored pixels of a photo shown as {@code shownW × shownH} quadrants under an EXIF
     * orientation, built from the specification's own words (which side of the shown image the
     * stored 0th row and 0th column are), not from the code under test's formulas.
     */
    public static BufferedImage stored(int orientation, int shownW, int shownH) {
        // {side of the 0th row, side of the 0th column} per EXIF 2.3, table for tag 274.
        String[][] sides = {
                null, {"top", "left"}, {"top", "right"}, {"bottom", "right"}, {"bottom", "left"},
                {"left", "top"}, {"right", "top"}, {"right", "bottom"}, {"left", "bottom"}};
        String rowSide = sides[orientation][0];
        String colSide = sides[orientation][1];
        boolean rowIsHorizontal = rowSide.equals("top") || rowSide.equals("bottom");
        // Stored rows run along the shown edge named for row 0: along the top/bottom edge → width shownW.
        int storedW = rowIsHorizontal ? shownW : shownH;
        int storedH = rowIsHorizontal ? shownH : shownW;
        BufferedImage image = new BufferedImage(storedW, storedH, BufferedImage.TYPE_INT_RGB);
        for (int sy = 0; sy < storedH; sy++) {
            for (int sx = 0; sx < storedW; sx++) {
                // sy = distance from the row-0 side, sx = distance from the column-0 side.
                int x = 0, y = 0;
                switch (rowSide) {
                    case "top" -> y = sy;
                    case "bottom" -> y = shownH - 1 - sy;
                    case "left" -> x = sy;
                    default -> x = shownW - 1 - sy;
                }
                switch (colSide) {
                    case "top" -> y = sx;
                    case "bottom" -> y = shownH - 1 - sx;
                    case "left" -> x = sx;
                    default -> x = shownW - 1 - sx;
                }
                image.setRGB(sx, sy, shownQuadrant(y < shownH / 2, x < shownW / 2).getRGB());
            }
        }
        return image;
    }

    public static byte[] jpeg(BufferedImage image) {
        return encode(image, "jpeg", 0.95f);
    }

    public static byte[] png(BufferedImage image) {
        return encode(image, "png", -1);
    }

    /** A JPEG with an APP1 EXIF segment holding only the orientation tag, in either byte order. */
    public static byte[] jpegWithOrientation(BufferedImage image, int orientation, boolean bigEndian) {
        return withExif(jpeg(image), orientation, bigEndian);
    }

    public static byte[] withExif(byte[] jpeg, int orientation, boolean bigEndian) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        tiff.put(bigEndian ? (byte) 'M' : (byte) 'I').put(bigEndian ? (byte) 'M' : (byte) 'I');
        tiff.putShort((short) 42).putInt(8);        // TIFF magic, first IFD at offset 8
        tiff.putShort((short) 1);                   // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1); // Orientation, SHORT, count 1
        tiff.putShort((short) orientation).putShort((short) 0);      // value, left-justified in 4 bytes
        tiff.putInt(0);                             // no next IFD
        byte[] exifHeader = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + exifHeader.length + tiff.capacity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int insertAt = afterApp0(jpeg);
        out.write(jpeg, 0, insertAt);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(exifHeader);
        out.writeBytes(tiff.array());
        out.write(jpeg, insertAt, jpeg.length - insertAt);
        return out.toByteArray();
    }

    /** A CMYK JPEG (Adobe APP14, four components) as prepress software writes them: cyan left half, magenta right half. */
    public static byte[] cmykJpeg(int width, int height) {
        ColorSpace cmyk = ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK);
        ComponentColorModel model = new ComponentColorModel(cmyk, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, x < width / 2 ? new int[] {255, 0, 0, 0} : new int[] {0, 255, 0, 0});
            }
        }
        return jpeg(new BufferedImage(model, raster, false, null));
    }

    /** A JPEG tagged with the Adobe RGB (1998) profile (APP2 ICC_PROFILE), every pixel {@code adobe}. */
    public static byte[] adobeRgbJpeg(int width, int height, int[] adobe) {
        ColorSpace space = ColorSpaces.getColorSpace(ColorSpaces.CS_ADOBE_RGB_1998);
        ComponentColorModel model = new ComponentColorModel(space, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) raster.setPixel(x, y, adobe);
        return jpeg(new BufferedImage(model, raster, false, null));
    }

    public static BufferedImage read(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) throw new IllegalStateException("not an image");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int afterApp0(byte[] jpeg) {
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            return 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        }
        return 2;
    }

    private static byte[] encode(BufferedImage image, String format, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality > 0) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}

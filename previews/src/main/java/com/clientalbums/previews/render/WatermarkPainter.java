package com.clientalbums.previews.render;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Stamps an album's watermark on an image: a line of text or the photographer's PNG logo, placed
 * by {@link WatermarkPlacement}, its width {@code sizePercent} of the image's, drawn at
 * {@code opacityPercent} ({@link WatermarkPlacement.Style}).
 *
 * <p>Text is drawn with the font bundled beside this class (DejaVu Sans Bold, its licence beside
 * it), never a system font: Lambda's runtime has none, and the same text must look the same
 * wherever it is rendered. White letters with a thin dark outline read on snow and on night sky.
 * The mark is drawn opaque on a layer of its own and the layer laid on the photo at the opacity,
 * so where outline and fill overlap the photo does not show through twice.
 */
public final class WatermarkPainter {
    private static final String FONT_RESOURCE = "DejaVuSans-Bold.ttf";
    /** The size the text's outline is made at; it is scaled to the box, so this only sets the curves' precision. */
    private static final float TEXT_POINTS = 200f;
    /** Outline width as a share of the font size: thin enough to keep the letters' shapes. */
    private static final float OUTLINE = 0.06f;
    private static final Color OUTLINE_COLOUR = new Color(0, 0, 0, 170);
    private static final Font FONT = loadFont();

    private final WatermarkPlacement.Style style;
    /** The text's outline at {@link #TEXT_POINTS}, its origin at the top-left of its bounds with room for the stroke; null for a logo. */
    private final Shape text;
    private final double markW, markH;
    private final BufferedImage logo;

    private WatermarkPainter(WatermarkPlacement.Style style, Shape text, double markW, double markH, BufferedImage logo) {
        this.style = style;
        this.text = text;
        this.markW = markW;
        this.markH = markH;
        this.logo = logo;
    }

    /** A line of text. */
    public static WatermarkPainter text(String text, WatermarkPlacement.Style style) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("a text watermark needs text");
        TextLayout layout = new TextLayout(text, FONT, new FontRenderContext(null, true, true));
        Rectangle2D bounds = layout.getBounds();
        double pad = TEXT_POINTS * OUTLINE; // the stroke reaches half its width outside the glyphs; a full one leaves air
        Shape outline = layout.getOutline(AffineTransform.getTranslateInstance(pad - bounds.getX(), pad - bounds.getY()));
        return new WatermarkPainter(style, outline, bounds.getWidth() + 2 * pad, bounds.getHeight() + 2 * pad, null);
    }

    /** A logo: the pixels of the PNG the photographer uploaded, transparency kept. */
    public static WatermarkPainter logo(BufferedImage logo, WatermarkPlacement.Style style) {
        return new WatermarkPainter(style, null, logo.getWidth(), logo.getHeight(), logo);
    }

    /** The mark's natural size, what {@link WatermarkPlacement} scales. */
    double markWidth() { return markW; }

    double markHeight() { return markH; }

    /** A copy of {@code image} with the mark on it; the image itself is left as it is (it may be the source of a smaller size). */
    public BufferedImage stamped(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
            WatermarkPlacement.Box box = WatermarkPlacement.place(image.getWidth(), image.getHeight(), markW, markH,
                    style.sizePercent(), style.anchor());
            if (box.width() < 1 || box.height() < 1) return out;
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, style.opacityPercent() / 100f));
            g.drawImage(layer(box.width(), box.height()), box.x(), box.y(), null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The mark drawn opaque, scaled to {@code w × h}, on a transparent layer. */
    private BufferedImage layer(int w, int h) {
        BufferedImage layer = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = layer.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            if (logo != null) {
                g.drawImage(logo, 0, 0, w, h, null);
            } else {
                g.scale(w / markW, h / markH);
                g.setColor(OUTLINE_COLOUR);
                g.setStroke(new BasicStroke(TEXT_POINTS * OUTLINE, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(text);
                g.setColor(Color.WHITE);
                g.fill(text);
            }
        } finally {
            g.dispose();
        }
        return layer;
    }

    private static Font loadFont() {
        try (InputStream in = WatermarkPainter.class.getResourceAsStream(FONT_RESOURCE)) {
            if (in == null) throw new IllegalStateException(FONT_RESOURCE + " is missing beside " + WatermarkPainter.class.getName());
            return Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(TEXT_POINTS);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + FONT_RESOURCE + " failed", e);
        } catch (FontFormatException e) {
            throw new IllegalStateException(FONT_RESOURCE + " is not a TrueType font", e);
        }
    }
}

package com.clientalbums.common.album;

import com.clientalbums.common.error.AlbumsException;

import java.util.Locale;
import java.util.Optional;

/**
 * An album's watermark, stamped on its web-size renditions (and, when {@code onPreviews}, on the
 * gallery's previews too); originals are never touched. Either a line of text or a PNG logo the
 * photographer uploaded ({@code watermarks/{album_id}/{sha256}.png}, named for its bytes, so a new
 * logo is a new key and {@link WebSize#tag()} changes with it).
 *
 * @param text           the text, for {@link Kind#TEXT}; null for a logo
 * @param logoKey        the logo's object key, for {@link Kind#LOGO}; null for text
 * @param position       where on the image
 * @param sizePercent    the mark's width as a share of the image's width, 5-60
 * @param opacityPercent 10-100
 * @param onPreviews     also on the gallery's previews (not on thumbnails: too small to matter)
 */
public record Watermark(Kind kind, String text, String logoKey, Position position, int sizePercent, int opacityPercent,
                        boolean onPreviews) {
    public static final int MIN_SIZE = 5, MAX_SIZE = 60, MIN_OPACITY = 10, MAX_OPACITY = 100, MAX_TEXT = 100;

    public enum Kind {
        TEXT, LOGO;

        public String value() { return name().toLowerCase(Locale.ROOT); }

        public static Optional<Kind> of(String value) {
            for (Kind k : values()) if (k.value().equals(value)) return Optional.of(k);
            return Optional.empty();
        }
    }

    public enum Position {
        CENTER, TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT;

        /** {@code center}, {@code top-left}, … */
        public String value() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

        public static Optional<Position> of(String value) {
            for (Position p : values()) if (p.value().equals(value)) return Optional.of(p);
            return Optional.empty();
        }
    }

    /** Checks the ranges; 400 naming the field, as a request body with them would get. */
    public Watermark {
        if (kind == null) throw AlbumsException.badRequest("watermark.kind must be \"text\" or \"logo\"");
        if (position == null) throw AlbumsException.badRequest("watermark.position must be one of center, top-left, top-right, bottom-left, bottom-right");
        if (kind == Kind.TEXT && (text == null || text.isBlank() || text.length() > MAX_TEXT)) {
            throw AlbumsException.badRequest("watermark.text must be 1-" + MAX_TEXT + " characters");
        }
        if (kind == Kind.LOGO && (logoKey == null || logoKey.isBlank())) throw AlbumsException.badRequest("watermark.logo is missing");
        if (sizePercent < MIN_SIZE || sizePercent > MAX_SIZE) {
            throw AlbumsException.badRequest("watermark.size must be " + MIN_SIZE + "-" + MAX_SIZE + " (percent of the width)");
        }
        if (opacityPercent < MIN_OPACITY || opacityPercent > MAX_OPACITY) {
            throw AlbumsException.badRequest("watermark.opacity must be " + MIN_OPACITY + "-" + MAX_OPACITY + " (percent)");
        }
        if (kind == Kind.TEXT) logoKey = null; else text = null;
    }

    /** Every field in a fixed order: what {@link WebSize#tag()} hashes. */
    String canonical() {
        return String.join("|", kind.value(), String.valueOf(text), String.valueOf(logoKey), position.value(),
                Integer.toString(sizePercent), Integer.toString(opacityPercent), Boolean.toString(onPreviews));
    }
}

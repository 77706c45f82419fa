package com.clientalbums.previews.render;

import com.clientalbums.common.album.WebSize;
import com.clientalbums.previews.keys.PreviewSize;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.exif.EXIF;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.IFD;
import com.twelvemonkeys.imageio.metadata.tiff.Rational;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFWriter;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import org.junit.jupiter.api.Test;

import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web-size rendition: its size, its pixels upright, its watermark and the EXIF it keeps. */
class WebRenditionTest {
    private static final int GPS_LATITUDE_REF = 1, GPS_LATITUDE = 2;
    private final PreviewRenderer renderer = new PreviewRenderer();

    @Test
    void aCameraJpegKeepsCaptureTimeCopyrightAndArtistAndLosesGpsMakerNoteAndOrientation() throws Exception {
        // Stored sideways (orientation 6) as a phone held upright writes it: shown 3000 × 4000.
        byte[] photo = withCameraExif(TestImages.jpeg(TestImages.stored(6, 3000, 4000)));
        Directory original = exif(photo).orElseThrow();
        assertEquals(6, ((Number) original.getEntryById(TIFF.TAG_ORIENTATION).getValue()).intValue(), "the test photo is what it says");
        assertTrue(original.getEntryById(TIFF.TAG_GPS_IFD) != null);

        PreviewRenderer.Rendition web = renderer.render(photo, plain(2048))
                .web().orElseThrow();

        BufferedImage shown = TestImages.read(web.jpeg());
        assertEquals(1536, shown.getWidth(), "upright: portrait");
        assertEquals(2048, shown.getHeight());
        assertEquals(TestImages.RED.getRGB() & 0xF0F0F0, shown.getRGB(300, 300) & 0xF0F0F0, "top-left is red as shown");
        assertEquals((byte) 0xE1, web.jpeg()[3], "APP1 right after SOI");
        Directory kept = exif(web.jpeg()).orElseThrow();
        assertEquals("© 2026 Studio Lumen", kept.getEntryById(TIFF.TAG_COPYRIGHT).getValueAsString());
        assertEquals("Ana Lumen", kept.getEntryById(TIFF.TAG_ARTIST).getValueAsString());
        Directory sub = (Directory) kept.getEntryById(TIFF.TAG_EXIF_IFD).getValue();
        assertEquals("2026:06:13 16:42:05", sub.getEntryById(EXIF.TAG_DATE_TIME_ORIGINAL).getValueAsString());
        assertEquals("+02:00", sub.getEntryById(WebExif.TAG_OFFSET_TIME_ORIGINAL).getValueAsString());
        assertNull(sub.getEntryById(EXIF.TAG_MAKER_NOTE), "no maker note");
        assertEquals(2, sub.size(), "nothing else of the EXIF IFD");
        assertNull(kept.getEntryById(TIFF.TAG_GPS_IFD), "no GPS IFD");
        assertNull(kept.getEntryById(TIFF.TAG_ORIENTATION), "pixels are upright: no orientation");
        assertNull(kept.getEntryById(TIFF.TAG_MODEL), "nor the camera");
        assertEquals(3, kept.size(), "Artist, Copyright and the EXIF pointer");
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.of(web.jpeg()));
        assertFalse(contains(web.jpeg(), "SERIAL-0042".getBytes()), "the maker note's bytes are gone");
    }

    @Test
    void theWebRenditionIsTheLongEdgeAskedForNeverEnlargedAndThePreviewsStayAsTheyWere() throws Exception {
        byte[] big = TestImages.jpeg(TestImages.stored(1, 6000, 4000));
        PreviewRenderer.Renditions r = renderer.render(big, plain(2048));
        assertEquals(List.of(2048, 1365), List.of(r.web().orElseThrow().width(), r.web().orElseThrow().height()));
        assertEquals(1600, r.previews().get(PreviewSize.PREVIEW).width());
        assertEquals(400, r.previews().get(PreviewSize.THUMB).width());

        PreviewRenderer.Renditions small = renderer.render(TestImages.jpeg(TestImages.stored(1, 1200, 800)),
                plain(2048));
        assertEquals(1200, small.web().orElseThrow().width(), "never enlarged");
        assertEquals(1200, small.previews().get(PreviewSize.PREVIEW).width());

        PreviewRenderer.Renditions narrow = renderer.render(big, plain(640));
        assertEquals(640, narrow.web().orElseThrow().width(), "a web size below the preview's");
        assertEquals(1600, narrow.previews().get(PreviewSize.PREVIEW).width());
        assertEquals(400, narrow.previews().get(PreviewSize.THUMB).width());

        assertTrue(renderer.render(big, PreviewRenderer.Recipe.PREVIEWS_ONLY).web().isEmpty());
    }

    @Test
    void theWatermarkGoesOnTheWebRenditionAndOnPreviewsOnlyWhenAskedNeverOnThumbnails() throws Exception {
        byte[] photo = TestImages.jpeg(TestImages.stored(1, 3000, 2000));
        PreviewRenderer.Renditions plain = renderer.render(photo, plain(2048));
        PreviewRenderer.Renditions webOnly = renderer.render(photo, marked(false));
        PreviewRenderer.Renditions both = renderer.render(photo, marked(true));

        // The centre of a quadrant photo is where the four colours meet; the mark covers it in white.
        assertTrue(whiteNearCentre(webOnly.web().orElseThrow()), "web rendition marked");
        assertFalse(whiteNearCentre(plain.web().orElseThrow()));
        assertArrayEquals(plain.previews().get(PreviewSize.PREVIEW).jpeg(), webOnly.previews().get(PreviewSize.PREVIEW).jpeg(),
                "previews untouched unless the album asks");
        assertTrue(whiteNearCentre(both.previews().get(PreviewSize.PREVIEW)), "preview marked when asked");
        assertArrayEquals(plain.previews().get(PreviewSize.THUMB).jpeg(), both.previews().get(PreviewSize.THUMB).jpeg(), "thumbnails never");
        assertNotEquals(plain.web().orElseThrow().jpeg().length, webOnly.web().orElseThrow().jpeg().length);
    }

    private static PreviewRenderer.Recipe plain(int webLongEdge) {
        return new PreviewRenderer.Recipe(webLongEdge, WebSize.QUALITY, Optional.empty(), false);
    }

    private static PreviewRenderer.Recipe marked(boolean onPreviews) {
        WatermarkPainter proof = WatermarkPainter.text("PROOF", new WatermarkPlacement.Style(WatermarkPlacement.Anchor.CENTER, 50, 100));
        return new PreviewRenderer.Recipe(2048, WebSize.QUALITY, Optional.of(proof), onPreviews);
    }

    private static boolean whiteNearCentre(PreviewRenderer.Rendition r) {
        BufferedImage image = TestImages.read(r.jpeg());
        int cx = image.getWidth() / 2, cy = image.getHeight() / 2, white = 0;
        for (int y = cy - 40; y < cy + 40; y++) {
            for (int x = cx - 200; x < cx + 200; x++) {
                int rgb = image.getRGB(x, y);
                if ((rgb >> 16 & 0xFF) > 240 && (rgb >> 8 & 0xFF) > 240 && (rgb & 0xFF) > 240) white++;
            }
        }
        return white > 500;
    }

    /**
     * A JPEG as a camera writes it: IFD0 with Make, Model, Orientation 6, Artist and Copyright; an
     * EXIF IFD with the capture time, its offset and a maker note; a GPS IFD.
     */
    static byte[] withCameraExif(byte[] jpeg) throws IOException {
        List<com.twelvemonkeys.imageio.metadata.Entry> exifIfd = List.of(
                new TIFFEntry(EXIF.TAG_DATE_TIME_ORIGINAL, TIFF.TYPE_ASCII, "2026:06:13 16:42:05"),
                new TIFFEntry(WebExif.TAG_OFFSET_TIME_ORIGINAL, TIFF.TYPE_ASCII, "+02:00"),
                new TIFFEntry(EXIF.TAG_MAKER_NOTE, TIFF.TYPE_UNDEFINED, "Nikon\0SERIAL-0042\0lens data".getBytes()));
        List<com.twelvemonkeys.imageio.metadata.Entry> gps = List.of(
                new TIFFEntry(GPS_LATITUDE_REF, TIFF.TYPE_ASCII, "N"),
                new TIFFEntry(GPS_LATITUDE, TIFF.TYPE_RATIONAL, new Rational[] {new Rational(48), new Rational(51), new Rational(2404, 100)}));
        List<com.twelvemonkeys.imageio.metadata.Entry> ifd0 = new ArrayList<>(List.of(
                new TIFFEntry(TIFF.TAG_MAKE, TIFF.TYPE_ASCII, "NIKON CORPORATION"),
                new TIFFEntry(TIFF.TAG_MODEL, TIFF.TYPE_ASCII, "NIKON Z 8"),
                new TIFFEntry(TIFF.TAG_ORIENTATION, TIFF.TYPE_SHORT, 6),
                new TIFFEntry(TIFF.TAG_ARTIST, TIFF.TYPE_ASCII, "Ana Lumen"),
                new TIFFEntry(TIFF.TAG_COPYRIGHT, TIFF.TYPE_ASCII, "© 2026 Studio Lumen"),
                new TIFFEntry(TIFF.TAG_EXIF_IFD, TIFF.TYPE_LONG, new IFD(exifIfd)),
                new TIFFEntry(TIFF.TAG_GPS_IFD, TIFF.TYPE_LONG, new IFD(gps))));
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        try (var out = new MemoryCacheImageOutputStream(payload)) {
            new TIFFWriter().write(ifd0, out);
        }
        return WebExif.insert(jpeg, payload.toByteArray());
    }

    private static Optional<Directory> exif(byte[] jpeg) throws IOException {
        try (ImageInputStream in = new ByteArrayImageInputStream(jpeg)) {
            for (JPEGSegment segment : JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif")) {
                try (InputStream data = segment.data()) {
                    data.read();
                    try (ImageInputStream tiff = new ByteArrayImageInputStream(data.readAllBytes())) {
                        return Optional.of(new TIFFReader().read(tiff));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean contains(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) if (data[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}

package com.clientalbums.previews.render;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.exif.EXIF;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.IFD;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFWriter;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The EXIF a web-size rendition carries: when the photo was taken (DateTimeOriginal, and
 * OffsetTimeOriginal when the camera wrote it, so galleries sort a client's downloads by capture
 * time) and whose it is (Copyright, Artist). Everything else of the original's EXIF is dropped:
 * GPS (where the client lives), maker notes (serial numbers), the embedded thumbnail (it would
 * show the un-watermarked photo), and Orientation (the rendition's pixels are already upright).
 *
 * <p>Read and written with TwelveMonkeys' TIFF reader and writer; the segment goes right after
 * the JPEG's SOI marker, where the EXIF standard puts it.
 */
final class WebExif {
    /** OffsetTimeOriginal (EXIF 2.31), not among TwelveMonkeys' constants. */
    static final int TAG_OFFSET_TIME_ORIGINAL = 0x9011;
    private static final List<Integer> KEPT_IN_IFD0 = List.of(TIFF.TAG_ARTIST, TIFF.TAG_COPYRIGHT);
    private static final List<Integer> KEPT_IN_EXIF = List.of(EXIF.TAG_DATE_TIME_ORIGINAL, TAG_OFFSET_TIME_ORIGINAL);
    private static final byte[] EXIF_ID = {'E', 'x', 'i', 'f', 0, 0};
    /** A segment's length field counts itself and has 16 bits. */
    private static final int MAX_SEGMENT = 0xFFFF - 2;

    private WebExif() {}

    /**
     * The rendition's APP1 payload ({@code Exif\0\0} and a TIFF block) made of the original's kept
     * tags; empty when the original has none of them, is no JPEG, or its EXIF cannot be read (a
     * damaged block costs the rendition its capture time, never the rendition).
     */
    static Optional<byte[]> keptFrom(byte[] original) {
        if (original.length < 4 || (original[0] & 0xFF) != 0xFF || (original[1] & 0xFF) != 0xD8) return Optional.empty();
        try (ImageInputStream in = new ByteArrayImageInputStream(original)) {
            for (JPEGSegment segment : JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif")) {
                Optional<byte[]> kept = kept(segment);
                if (kept.isPresent()) return kept;
            }
        } catch (IOException | RuntimeException e) {
            // Fall through: no EXIF at all rather than a broken one.
        }
        return Optional.empty();
    }

    /** {@code jpeg} with the APP1 segment right after its SOI marker. */
    static byte[] insert(byte[] jpeg, byte[] app1Payload) {
        int length = app1Payload.length + 2;
        byte[] out = new byte[jpeg.length + 2 + length];
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xE1;
        out[4] = (byte) (length >> 8);
        out[5] = (byte) length;
        System.arraycopy(app1Payload, 0, out, 6, app1Payload.length);
        System.arraycopy(jpeg, 2, out, 6 + app1Payload.length, jpeg.length - 2);
        return out;
    }

    private static Optional<byte[]> kept(JPEGSegment segment) throws IOException {
        Directory tiff;
        try (InputStream data = segment.data()) {
            // The segment's data starts after "Exif\0"; one pad byte precedes the TIFF header.
            if (data.read() < 0) return Optional.empty();
            try (ImageInputStream block = new ByteArrayImageInputStream(data.readAllBytes())) {
                tiff = new TIFFReader().read(block);
            }
        }
        List<Entry> ifd0 = new ArrayList<>();
        for (int tag : KEPT_IN_IFD0) Optional.ofNullable(tiff.getEntryById(tag)).ifPresent(ifd0::add);
        List<Entry> exif = new ArrayList<>();
        Entry exifPointer = tiff.getEntryById(TIFF.TAG_EXIF_IFD);
        if (exifPointer != null && exifPointer.getValue() instanceof Directory sub) {
            for (int tag : KEPT_IN_EXIF) Optional.ofNullable(sub.getEntryById(tag)).ifPresent(exif::add);
        }
        if (ifd0.isEmpty() && exif.isEmpty()) return Optional.empty();
        if (!exif.isEmpty()) ifd0.add(new TIFFEntry(TIFF.TAG_EXIF_IFD, TIFF.TYPE_LONG, new IFD(exif)));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        bytes.writeBytes(EXIF_ID);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            new TIFFWriter().write(ifd0, out);
        }
        byte[] payload = bytes.toByteArray();
        return payload.length <= MAX_SEGMENT ? Optional.of(payload) : Optional.empty();
    }
}

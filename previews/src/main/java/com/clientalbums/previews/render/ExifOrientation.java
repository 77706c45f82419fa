package com.clientalbums.previews.render;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The EXIF orientation of a JPEG (tag 274, values 1-8): how the camera held the sensor. Phones
 * and most cameras store pixels as the sensor saw them and record the rotation here, so a
 * preview that ignores it shows portraits lying on their side.
 */
public final class ExifOrientation {
    /** Pixels are stored as they are to be shown. */
    public static final int NORMAL = 1;

    private ExifOrientation() {}

    /** The orientation, or {@link #NORMAL} when there is none, it is out of range, or the EXIF block is damaged. */
    public static int of(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) return NORMAL; // not a JPEG
        try (ImageInputStream in = new ByteArrayImageInputStream(jpeg)) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            for (JPEGSegment segment : segments) {
                int value = orientation(segment);
                if (value != 0) return value;
            }
        } catch (IOException | RuntimeException e) {
            // A damaged EXIF block must not cost the photo its preview: show it as stored.
        }
        return NORMAL;
    }

    private static int orientation(JPEGSegment segment) throws IOException {
        try (InputStream data = segment.data()) {
            // The segment's data starts after "Exif\0"; one pad byte precedes the TIFF header.
            if (data.read() < 0) return 0;
            try (ImageInputStream tiff = new ByteArrayImageInputStream(data.readAllBytes())) {
                Directory exif = new TIFFReader().read(tiff);
                Entry entry = exif.getEntryById(TIFF.TAG_ORIENTATION);
                if (entry == null || !(entry.getValue() instanceof Number n)) return 0;
                int value = n.intValue();
                return value >= 1 && value <= 8 ? value : 0;
            }
        }
    }
}

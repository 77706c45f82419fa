package com.clientalbums.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The GPS position in a JPEG's EXIF, written and read by hand (the JDK reads no EXIF): test
 * photos carry a position as a phone's photos do, and the web-size versions must not.
 */
final class GpsExif {
    private static final int TAG_GPS_IFD = 0x8825;

    private GpsExif() {}

    /** The JPEG with an EXIF segment (APP1, first after SOI, as cameras write it) holding only a GPS position. */
    static byte[] withPosition(byte[] jpeg, double latitude, double longitude) {
        if ((jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) throw new IllegalArgumentException("not a JPEG");
        // TIFF, big-endian: IFD0 with the GPS IFD pointer, the GPS IFD (4 entries), then 6 rationals.
        ByteBuffer tiff = ByteBuffer.allocate(128).order(ByteOrder.BIG_ENDIAN);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        int gpsIfd = 8 + 2 + 12 + 4;
        tiff.putShort((short) 1);
        entry(tiff, TAG_GPS_IFD, 4, 1, gpsIfd);
        tiff.putInt(0);
        int data = gpsIfd + 2 + 4 * 12 + 4;
        tiff.putShort((short) 4);
        entry(tiff, 1, 2, 2, (latitude >= 0 ? 'N' : 'S') << 24);
        entry(tiff, 2, 5, 3, data);
        entry(tiff, 3, 2, 2, (longitude >= 0 ? 'E' : 'W') << 24);
        entry(tiff, 4, 5, 3, data + 24);
        tiff.putInt(0);
        degrees(tiff, Math.abs(latitude));
        degrees(tiff, Math.abs(longitude));
        byte[] exif = new byte[6 + tiff.position()];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.position());

        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + exif.length + 4);
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.writeBytes(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    private static void degrees(ByteBuffer b, double value) {
        int d = (int) value;
        double minutes = (value - d) * 60;
        int m = (int) minutes;
        int s100 = (int) Math.round((minutes - m) * 60 * 100);
        b.putInt(d).putInt(1).putInt(m).putInt(1).putInt(s100).putInt(100);
    }

    /** Whether any EXIF segment of the JPEG points at a GPS IFD (tag 0x8825 in IFD0). */
    static boolean hasPosition(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) break; // the image data: no more metadata
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (marker == 0xE1 && length > 8 && new String(jpeg, i + 4, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")
                    && ifd0HasGps(ByteBuffer.wrap(jpeg, i + 10, length - 8).slice())) {
                return true;
            }
            i += 2 + length;
        }
        return false;
    }

    private static boolean ifd0HasGps(ByteBuffer tiff) {
        tiff.order(tiff.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd0 = tiff.getInt(4);
        int entries = Short.toUnsignedInt(tiff.getShort(ifd0));
        for (int e = 0; e < entries; e++) {
            if (Short.toUnsignedInt(tiff.getShort(ifd0 + 2 + e * 12)) == TAG_GPS_IFD) return true;
        }
        return false;
    }
}

package com.clientalbums.zip.readers;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.fail;

/** Streams two byte sequences side by side, so multi-gigabyte contents compare in constant memory. */
final class SameBytes {

    private static final int CHUNK = 1 << 16;

    private SameBytes() {
    }

    static void assertSameBytes(InputStream expected, InputStream actual, String what) throws IOException {
        byte[] want = new byte[CHUNK];
        byte[] got = new byte[CHUNK];
        long position = 0;
        while (true) {
            int wanted = expected.readNBytes(want, 0, CHUNK);
            int read = actual.readNBytes(got, 0, wanted);
            int mismatch = Arrays.mismatch(want, 0, wanted, got, 0, read);
            if (mismatch >= 0) {
                fail(what + ": " + (mismatch == read
                        ? "ends after " + (position + read) + " bytes"
                        : "differs at byte " + (position + mismatch)));
            }
            position += read;
            if (wanted < CHUNK) {
                break;
            }
        }
        if (actual.read() >= 0) {
            fail(what + ": longer than the expected " + position + " bytes");
        }
    }
}

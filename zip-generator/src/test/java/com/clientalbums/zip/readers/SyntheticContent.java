package com.clientalbums.zip.readers;

import java.io.InputStream;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Deterministic stand-in for a photo's bytes, generated as it is read so that multi-gigabyte entries
 * need neither memory nor disk. Every byte depends on the key and on its position, so a reader that
 * returns the wrong entry, skips or repeats a stretch (say, wraps at 4 GiB) shows up as a mismatch.
 */
final class SyntheticContent extends InputStream {

    /** Not a power of two, so 4 GiB and other round offsets don't land on the same pattern byte. */
    private static final int PATTERN_LENGTH = 65_521;
    private static final long MEBIBYTE = 1 << 20;

    private final int patternLength;
    private final byte[] pattern;
    private final long size;
    private long position;

    SyntheticContent(String key, long size) {
        this.size = size;
        // Small contents (the 70,000-entry case) only pay for the random bytes they use.
        this.patternLength = (int) Math.min(size, PATTERN_LENGTH);
        byte[] random = new byte[patternLength];
        new SplittableRandom(key.hashCode() * 0x9E3779B97F4A7C15L).nextBytes(random);
        // Twice the pattern, so one arraycopy serves any run that wraps around its end.
        this.pattern = new byte[2 * patternLength];
        System.arraycopy(random, 0, pattern, 0, patternLength);
        System.arraycopy(random, 0, pattern, patternLength, patternLength);
    }

    static int crc32(String key, long size) {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        SyntheticContent content = new SyntheticContent(key, size);
        for (int n; (n = content.read(buffer, 0, buffer.length)) > 0; ) {
            crc.update(buffer, 0, n);
        }
        return (int) crc.getValue();
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position == size) {
            return len == 0 ? 0 : -1;
        }
        // Varies the pattern with the mebibyte number, so distant copies of it differ too; a run stops at
        // the next mebibyte so that the bytes don't depend on how the reader sizes its reads.
        long toNextMebibyte = MEBIBYTE - (position & (MEBIBYTE - 1));
        int n = (int) Math.min(Math.min(len, patternLength), Math.min(size - position, toNextMebibyte));
        System.arraycopy(pattern, (int) (position % patternLength), b, off, n);
        byte mebibyte = (byte) (position >>> 20);
        for (int i = off; i < off + n; i++) {
            b[i] ^= mebibyte;
        }
        position += n;
        return n;
    }

    @Override
    public void close() {
    }
}

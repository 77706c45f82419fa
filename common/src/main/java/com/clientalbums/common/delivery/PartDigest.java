package com.clientalbums.common.delivery;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A part's receipt from one pass over its bytes: the SHA-256 of every byte, while
 * {@link ZipInputStream} reads the entries in archive order (their names, sizes and CRC-32s, as a
 * client's unzip tool will see them). {@code ZipInputStream} checks each entry's CRC-32 and size
 * against its header as it reaches the entry's end, so a part whose bytes do not match what it
 * says of them gives no receipt: a receipt vouches for an archive that unzips intact.
 * After the last entry the rest (the central directory and end records) is read too, so the
 * digest is that of the whole object, what {@code sha256sum} prints for the downloaded file.
 */
public final class PartDigest {
    private static final int BUFFER = 1 << 16;

    private PartDigest() {}

    /**
     * Reads {@code archive} to its end (the caller closes it).
     *
     * @throws ZipException when an entry's bytes do not match its CRC-32 or size, or it is no ZIP
     */
    public static PartReceipt of(String key, InputStream archive) throws IOException {
        MessageDigest sha256 = sha256();
        Counting counted = new Counting(archive);
        DigestInputStream digested = new DigestInputStream(counted, sha256);
        // Not closed: closing would close the caller's stream before the rest is read.
        ZipInputStream zip = new ZipInputStream(digested, StandardCharsets.UTF_8);
        List<PartReceipt.Entry> entries = new ArrayList<>();
        byte[] buffer = new byte[BUFFER];
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            while (zip.read(buffer) >= 0) {
                // to the entry's end, where ZipInputStream checks the bytes against the entry's CRC-32 and size
            }
            // Checked, so these are what unzip writes (for an entry with a data descriptor,
            // ZipInputStream has read them from the descriptor by now).
            entries.add(new PartReceipt.Entry(entry.getName(), entry.getSize(), entry.getCrc()));
        }
        if (entries.isEmpty()) throw new ZipException(key + " holds no entries: it is not an archive part");
        digested.transferTo(OutputStream.nullOutputStream());
        return new PartReceipt(key, counted.count, HexFormat.of().formatHex(sha256.digest()), entries);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Counts the bytes read through it: the part's size as it arrived. */
    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }
}

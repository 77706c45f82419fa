package com.clientalbums.zip.writer;

import com.clientalbums.zip.layout.ZipLayout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a whole planned archive to a stream, checking as it goes that every entry's content has the
 * planned length and the announced CRC-32, and that the archive ends exactly at the planned size: a
 * mismatch would otherwise produce an archive that some readers reject and others silently truncate.
 */
public final class ZipStreamWriter {

    private static final int BUFFER_SIZE = 64 * 1024;

    private ZipStreamWriter() {
    }

    /** Leaves {@code out} open; fails with an {@link IOException} on any mismatch. */
    public static void write(ZipLayout layout, OutputStream out, EntryContent content) throws IOException {
        List<ZipLayout.Entry> entries = layout.entries();
        int[] crc32s = new int[entries.size()];
        byte[] buffer = new byte[BUFFER_SIZE];
        long written = 0;
        for (int i = 0; i < entries.size(); i++) {
            ZipLayout.Entry entry = entries.get(i);
            EntryContent.Data data = content.open(entry);
            byte[] header = layout.localHeader(i, data.crc32());
            out.write(header);
            try (InputStream in = data.stream()) {
                copyExactly(entry, data.crc32(), in, out, buffer);
            }
            written += header.length + entry.size();
            crc32s[i] = data.crc32();
        }
        if (written != layout.centralDirectoryOffset()) {
            throw new IllegalStateException("entries end at " + written + ", planned "
                    + layout.centralDirectoryOffset());
        }
        byte[] tail = layout.centralDirectory(crc32s);
        out.write(tail);
        written += tail.length;
        if (written != layout.totalSize()) {
            throw new IllegalStateException("wrote " + written + " bytes, planned " + layout.totalSize());
        }
    }

    private static void copyExactly(ZipLayout.Entry entry, int expectedCrc, InputStream in, OutputStream out,
                                    byte[] buffer) throws IOException {
        CRC32 crc = new CRC32();
        long remaining = entry.size();
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new IOException("content of '" + entry.name() + "' ended after "
                        + (entry.size() - remaining) + " of " + entry.size() + " bytes");
            }
            crc.update(buffer, 0, n);
            out.write(buffer, 0, n);
            remaining -= n;
        }
        if (in.read() >= 0) {
            throw new IOException("content of '" + entry.name() + "' is longer than " + entry.size() + " bytes");
        }
        if ((int) crc.getValue() != expectedCrc) {
            throw new IOException(String.format("content of '%s' has CRC-32 %08x, announced %08x",
                    entry.name(), (int) crc.getValue(), expectedCrc));
        }
    }
}

package com.clientalbums.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * ZIPs laid out as the generator lays out its archives (docs/zip-format.md): every entry STORED,
 * UTF-8 names, CRC-32 and sizes in the local headers, no data descriptors. For tests of what reads
 * archives (receipts, manifests) without building one through the generator.
 */
public final class StoredZips {
    private StoredZips() {}

    /** The archive of {@code entries}, in their iteration order. */
    public static byte[] of(Map<String, byte[]> entries) {
        return of(entries, null);
    }

    /** The same with an archive comment: other bytes at the end, the same entries. */
    public static byte[] of(Map<String, byte[]> entries, String comment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            zip.setMethod(ZipOutputStream.STORED);
            if (comment != null) zip.setComment(comment);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                // Known before the data: ZipOutputStream then writes them in the local header, as the generator does.
                entry.setSize(e.getValue().length);
                entry.setCompressedSize(e.getValue().length);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The CRC-32 of {@code bytes}, as a receipt holds it. */
    public static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}

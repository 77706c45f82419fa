package com.clientalbums.common.delivery;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A delivery's file list as an SFV file, the classic "name CRC-32" checksum list that
 * {@code cksfv -f}, RapidCRC and TeraCopy check, with {@code ;} comment lines those tools skip:
 * <pre>
 * ; Album: Smith Wedding
 * ; Archive: Smith Wedding.zip
 * ; Files: 2
 * ; 4194304 Ceremony/IMG_0001.jpg
 * ; 3170112 IMG_0002.jpg
 * Ceremony/IMG_0001.jpg 1A2B3C4D
 * IMG_0002.jpg 0000BEEF
 * </pre>
 * Every entry of every part in archive order (parts hold distinct names, so unzipped into one
 * folder they make one list), paths as in the archive with {@code /}, sizes in bytes, the CRC-32
 * as 8 upper-case hex digits after the last space (a name may hold spaces). UTF-8, {@code \n}.
 * An archive path may begin with {@code ;} (the archive's names keep it), and SFV tools take such
 * a line for a comment and skip that file; {@code scripts/check-download.py} knows it from its
 * {@code ; size path} line and checks it too.
 */
public final class SfvManifest {
    private SfvManifest() {}

    /** The manifest of {@code receipts}, the delivery's parts in order. */
    public static byte[] of(String albumName, String archiveName, List<PartReceipt> receipts) {
        List<PartReceipt.Entry> entries = receipts.stream().flatMap(r -> r.entries().stream()).toList();
        StringBuilder out = new StringBuilder();
        out.append("; Album: ").append(oneLine(albumName)).append('\n');
        out.append("; Archive: ").append(oneLine(archiveName)).append('\n');
        out.append("; Files: ").append(entries.size()).append('\n');
        for (PartReceipt.Entry e : entries) out.append("; ").append(e.size()).append(' ').append(path(e)).append('\n');
        for (PartReceipt.Entry e : entries) {
            out.append(path(e)).append(' ').append(String.format(Locale.ROOT, "%08X", e.crc32())).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code Smith Wedding.zip} → {@code Smith Wedding.sfv}. */
    public static String fileName(String archiveName) {
        String base = archiveName.toLowerCase(Locale.ROOT).endsWith(".zip")
                ? archiveName.substring(0, archiveName.length() - ".zip".length()) : archiveName;
        return base + ".sfv";
    }

    /** A name shown in a comment: a line break in it would start a line of its own. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }

    /** Archive names never hold a line break (their control characters are replaced); one that did could not be listed. */
    private static String path(PartReceipt.Entry entry) {
        if (entry.name().indexOf('\n') >= 0 || entry.name().indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an archive entry name with a line break: " + entry.name().replaceAll("[\\r\\n]", "?"));
        }
        return entry.name();
    }
}

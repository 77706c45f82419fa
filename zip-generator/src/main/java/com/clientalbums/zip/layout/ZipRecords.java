package com.clientalbums.zip.layout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Encodes the ZIP records of our layout (PKWARE APPNOTE 6.3.x). Lengths and encodings live side by side
 * so that the planner's offsets and the written bytes cannot disagree.
 */
final class ZipRecords {

    /** Sizes and offsets at or above this go in ZIP64 fields: 0xFFFFFFFF itself means "see ZIP64". */
    static final long ZIP64_LIMIT = 0xFFFFFFFFL;
    /** Likewise for the entry count of the end record: 0xFFFF means "see ZIP64". */
    private static final int ZIP64_COUNT_LIMIT = 0xFFFF;

    private static final int LOCAL_HEADER_SIGNATURE = 0x04034b50;
    private static final int CENTRAL_HEADER_SIGNATURE = 0x02014b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int END_SIGNATURE = 0x06054b50;

    private static final int LOCAL_HEADER_FIXED_LENGTH = 30;
    private static final int CENTRAL_HEADER_FIXED_LENGTH = 46;
    private static final int ZIP64_END_LENGTH = 56;
    private static final int ZIP64_LOCATOR_LENGTH = 20;
    private static final int END_LENGTH = 22;

    private static final short ZIP64_EXTRA_ID = 0x0001;
    private static final short TIMESTAMP_EXTRA_ID = 0x5455;
    private static final int EXTRA_HEADER_LENGTH = 4;
    private static final int TIMESTAMP_EXTRA_LENGTH = EXTRA_HEADER_LENGTH + 5;
    private static final int LOCAL_ZIP64_EXTRA_LENGTH = EXTRA_HEADER_LENGTH + 16;
    /** In the UT field: only the modification time is present. */
    private static final byte TIMESTAMP_MTIME_ONLY = 1;

    /** Bit 11: names are UTF-8. Bit 3 (sizes in a trailing data descriptor) stays off. */
    private static final short FLAGS = 0x0800;
    private static final short METHOD_STORED = 0;
    private static final int VERSION_NEEDED = 20;
    private static final int VERSION_NEEDED_ZIP64 = 45;
    /** Upper byte of "version made by": Unix, so that the external attributes carry file permissions. */
    private static final int MADE_BY_UNIX = 3 << 8;
    /** A regular file, rw-r--r--: without it, Unix-aware extractors create files nobody may read. */
    private static final int EXTERNAL_ATTRIBUTES = 0100644 << 16;

    private ZipRecords() {
    }

    static int localHeaderLength(String name, long size, Instant lastModified) {
        return LOCAL_HEADER_FIXED_LENGTH + nameLength(name)
                + (size >= ZIP64_LIMIT ? LOCAL_ZIP64_EXTRA_LENGTH : 0)
                + (hasUnixTime(lastModified) ? TIMESTAMP_EXTRA_LENGTH : 0);
    }

    static byte[] localHeader(ZipLayout.Entry entry, int crc32) {
        byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
        boolean zip64Sizes = entry.size() >= ZIP64_LIMIT;
        ByteBuffer out = allocate(localHeaderLength(entry.name(), entry.size(), entry.source().lastModified()));
        DosDateTime dos = DosDateTime.of(entry.source().lastModified());
        out.putInt(LOCAL_HEADER_SIGNATURE)
                .putShort((short) versionNeeded(entry))
                .putShort(FLAGS)
                .putShort(METHOD_STORED)
                .putShort((short) dos.time())
                .putShort((short) dos.date())
                .putInt(crc32)
                .putInt((int) Math.min(entry.size(), ZIP64_LIMIT))
                .putInt((int) Math.min(entry.size(), ZIP64_LIMIT))
                .putShort((short) name.length)
                .putShort((short) (out.capacity() - LOCAL_HEADER_FIXED_LENGTH - name.length))
                .put(name);
        if (zip64Sizes) {
            // A local ZIP64 field must hold both sizes, original first (APPNOTE 4.5.3).
            out.putShort(ZIP64_EXTRA_ID).putShort((short) 16).putLong(entry.size()).putLong(entry.size());
        }
        putTimestamp(out, entry.source().lastModified());
        return filled(out);
    }

    static int centralHeaderLength(ZipLayout.Entry entry) {
        int zip64Fields = centralZip64Fields(entry);
        return CENTRAL_HEADER_FIXED_LENGTH + nameLength(entry.name())
                + (zip64Fields > 0 ? EXTRA_HEADER_LENGTH + 8 * zip64Fields : 0)
                + (hasUnixTime(entry.source().lastModified()) ? TIMESTAMP_EXTRA_LENGTH : 0);
    }

    static void putCentralHeader(ByteBuffer out, ZipLayout.Entry entry, int crc32) {
        byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
        int zip64Fields = centralZip64Fields(entry);
        int version = versionNeeded(entry);
        DosDateTime dos = DosDateTime.of(entry.source().lastModified());
        out.putInt(CENTRAL_HEADER_SIGNATURE)
                .putShort((short) (MADE_BY_UNIX | version))
                .putShort((short) version)
                .putShort(FLAGS)
                .putShort(METHOD_STORED)
                .putShort((short) dos.time())
                .putShort((short) dos.date())
                .putInt(crc32)
                .putInt((int) Math.min(entry.size(), ZIP64_LIMIT))
                .putInt((int) Math.min(entry.size(), ZIP64_LIMIT))
                .putShort((short) name.length)
                .putShort((short) (centralHeaderLength(entry) - CENTRAL_HEADER_FIXED_LENGTH - name.length))
                .putShort((short) 0) // comment length
                .putShort((short) 0) // disk number start
                .putShort((short) 0) // internal attributes: binary
                .putInt(EXTERNAL_ATTRIBUTES)
                .putInt((int) Math.min(entry.headerOffset(), ZIP64_LIMIT))
                .put(name);
        if (zip64Fields > 0) {
            // Only the fields whose 32-bit slot holds 0xFFFFFFFF, in APPNOTE order.
            out.putShort(ZIP64_EXTRA_ID).putShort((short) (8 * zip64Fields));
            if (entry.size() >= ZIP64_LIMIT) {
                out.putLong(entry.size()).putLong(entry.size());
            }
            if (entry.headerOffset() >= ZIP64_LIMIT) {
                out.putLong(entry.headerOffset());
            }
        }
        putTimestamp(out, entry.source().lastModified());
    }

    private static boolean needsZip64End(int entryCount, long centralDirectoryOffset, long centralDirectorySize) {
        return entryCount >= ZIP64_COUNT_LIMIT
                || centralDirectoryOffset >= ZIP64_LIMIT
                || centralDirectorySize >= ZIP64_LIMIT;
    }

    static int endRecordsLength(int entryCount, long centralDirectoryOffset, long centralDirectorySize) {
        return END_LENGTH + (needsZip64End(entryCount, centralDirectoryOffset, centralDirectorySize)
                ? ZIP64_END_LENGTH + ZIP64_LOCATOR_LENGTH : 0);
    }

    static void putEndRecords(ByteBuffer out, int entryCount, long centralDirectoryOffset, long centralDirectorySize) {
        if (needsZip64End(entryCount, centralDirectoryOffset, centralDirectorySize)) {
            long zip64EndOffset = centralDirectoryOffset + centralDirectorySize;
            out.putInt(ZIP64_END_SIGNATURE)
                    .putLong(ZIP64_END_LENGTH - 12) // size of the rest of this record
                    .putShort((short) (MADE_BY_UNIX | VERSION_NEEDED_ZIP64))
                    .putShort((short) VERSION_NEEDED_ZIP64)
                    .putInt(0) // this disk
                    .putInt(0) // disk where the central directory starts
                    .putLong(entryCount)
                    .putLong(entryCount)
                    .putLong(centralDirectorySize)
                    .putLong(centralDirectoryOffset)
                    .putInt(ZIP64_LOCATOR_SIGNATURE)
                    .putInt(0) // disk holding the ZIP64 end record
                    .putLong(zip64EndOffset)
                    .putInt(1); // total number of disks
        }
        // Fields that fit keep their real value; only overflowing ones point to the ZIP64 record.
        short count = (short) Math.min(entryCount, ZIP64_COUNT_LIMIT);
        out.putInt(END_SIGNATURE)
                .putShort((short) 0) // this disk
                .putShort((short) 0) // disk where the central directory starts
                .putShort(count)
                .putShort(count)
                .putInt((int) Math.min(centralDirectorySize, ZIP64_LIMIT))
                .putInt((int) Math.min(centralDirectoryOffset, ZIP64_LIMIT))
                .putShort((short) 0); // comment length
    }

    /** Both headers of an entry that has any ZIP64 field say version 4.5; all others say 2.0. */
    private static int versionNeeded(ZipLayout.Entry entry) {
        return entry.size() >= ZIP64_LIMIT || entry.headerOffset() >= ZIP64_LIMIT
                ? VERSION_NEEDED_ZIP64 : VERSION_NEEDED;
    }

    private static int centralZip64Fields(ZipLayout.Entry entry) {
        return (entry.size() >= ZIP64_LIMIT ? 2 : 0) + (entry.headerOffset() >= ZIP64_LIMIT ? 1 : 0);
    }

    /**
     * The UT field holds a signed 32-bit Unix time, but 7-Zip and libarchive (bsdtar) read it as unsigned
     * and show a time before 1970 as one after 2038; so it is written only for 1970–2038, and outside
     * that readers fall back to the DOS time.
     */
    private static boolean hasUnixTime(Instant lastModified) {
        long seconds = lastModified.getEpochSecond();
        return seconds >= 0 && seconds <= Integer.MAX_VALUE;
    }

    private static void putTimestamp(ByteBuffer out, Instant lastModified) {
        if (hasUnixTime(lastModified)) {
            out.putShort(TIMESTAMP_EXTRA_ID).putShort((short) 5)
                    .put(TIMESTAMP_MTIME_ONLY).putInt((int) lastModified.getEpochSecond());
        }
    }

    private static int nameLength(String name) {
        int length = SafeComponent.utf8Length(name);
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("entry name longer than 65535 bytes: " + name.substring(0, 100) + "...");
        }
        return length;
    }

    static ByteBuffer allocate(int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] filled(ByteBuffer out) {
        if (out.hasRemaining()) {
            throw new IllegalStateException("record shorter than its planned length by " + out.remaining());
        }
        return out.array();
    }
}

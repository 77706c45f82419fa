package com.clientalbums.zip.readers;

import com.clientalbums.zip.layout.ZipLayout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads an archive's records field by field, written independently of the production encoder from the
 * APPNOTE, and checks the layout rules: ZIP64 exactly where required and nowhere else, never on the
 * first entry, no data descriptors, UTF-8 names, and local headers agreeing with the central directory.
 */
final class ZipStructure {

    private static final long LIMIT = 0xFFFFFFFFL;
    private static final int ZIP64_EXTRA = 0x0001;
    private static final int TIMESTAMP_EXTRA = 0x5455;
    private static final int UTF8_FLAG = 1 << 11;

    private ZipStructure() {
    }

    static void assertValid(BuiltArchive archive) throws IOException {
        ZipLayout layout = archive.layout();
        List<ZipLayout.Entry> entries = layout.entries();
        try (FileChannel file = FileChannel.open(archive.file())) {
            long size = file.size();
            assertEquals(layout.totalSize(), size, "archive size");

            ByteBuffer end = read(file, size - 22, 22);
            assertEquals(0x06054b50, end.getInt(0), "end of central directory signature");
            long cdSize = end.getInt(12) & LIMIT;
            long cdOffset = end.getInt(16) & LIMIT;
            int count = end.getShort(10) & 0xFFFF;
            boolean zip64Needed = entries.size() >= 0xFFFF || layout.centralDirectoryOffset() >= LIMIT;
            boolean hasLocator = size >= 42 && read(file, size - 42, 4).getInt(0) == 0x07064b50;
            assertEquals(zip64Needed, hasLocator, "ZIP64 end locator present");
            long cdEnd = size - 22;
            if (zip64Needed) {
                ByteBuffer locator = read(file, size - 42, 20);
                long zip64EndOffset = locator.getLong(8);
                assertEquals(size - 42 - 56, zip64EndOffset, "ZIP64 end record offset");
                assertEquals(1, locator.getInt(16), "total disks");
                ByteBuffer zip64End = read(file, zip64EndOffset, 56);
                assertEquals(0x06064b50, zip64End.getInt(0), "ZIP64 end record signature");
                assertEquals(44, zip64End.getLong(4), "ZIP64 end record size");
                assertEquals(45, zip64End.getShort(14), "ZIP64 end record version needed");
                assertEquals(entries.size(), zip64End.getLong(24));
                assertEquals(entries.size(), zip64End.getLong(32));
                // Fields that fit keep their value in the classic record; the others hold the escape value.
                assertEquals(Math.min(entries.size(), 0xFFFF), count, "end record entry count");
                assertEquals(Math.min(zip64End.getLong(40), LIMIT), cdSize, "end record directory size");
                assertEquals(Math.min(zip64End.getLong(48), LIMIT), cdOffset, "end record directory offset");
                cdSize = zip64End.getLong(40);
                cdOffset = zip64End.getLong(48);
                cdEnd = zip64EndOffset;
            } else {
                assertEquals(entries.size(), count, "entry count");
            }
            assertEquals(layout.centralDirectoryOffset(), cdOffset, "central directory offset");
            assertEquals(cdEnd, cdOffset + cdSize, "central directory ends where the end records begin");

            ByteBuffer cd = read(file, cdOffset, Math.toIntExact(cdSize));
            for (int i = 0; i < entries.size(); i++) {
                checkEntry(file, cd, entries.get(i), archive.album().crc32(entries.get(i).source()), i == 0
                        && entries.stream().anyMatch(e -> e.size() < LIMIT));
            }
            assertFalse(cd.hasRemaining(), "central directory has more records than entries");
        }
    }

    private static void checkEntry(FileChannel file, ByteBuffer cd, ZipLayout.Entry entry, int crc,
                                   boolean mustAvoidZip64) throws IOException {
        String name = entry.name();
        boolean bigSize = entry.size() >= LIMIT;
        boolean bigOffset = entry.headerOffset() >= LIMIT;
        int version = bigSize || bigOffset ? 45 : 20;
        if (mustAvoidZip64) {
            assertFalse(bigSize || bigOffset, "first entry needs ZIP64: " + name);
        }

        int start = cd.position();
        assertEquals(0x02014b50, cd.getInt(start), "central header signature of " + name);
        assertEquals(3 << 8 | version, cd.getShort(start + 4) & 0xFFFF, "version made by of " + name);
        assertEquals(version, cd.getShort(start + 6), "version needed of " + name);
        assertEquals(UTF8_FLAG, cd.getShort(start + 8), "flags of " + name);
        assertEquals(0, cd.getShort(start + 10), "method of " + name);
        assertEquals(crc, cd.getInt(start + 16), "CRC-32 of " + name);
        assertEquals(Math.min(entry.size(), LIMIT), cd.getInt(start + 20) & LIMIT, "compressed size of " + name);
        assertEquals(Math.min(entry.size(), LIMIT), cd.getInt(start + 24) & LIMIT, "size of " + name);
        int nameLength = cd.getShort(start + 28) & 0xFFFF;
        int extraLength = cd.getShort(start + 30) & 0xFFFF;
        assertEquals(0, cd.getShort(start + 32), "comment length of " + name);
        assertEquals(0100644 << 16, cd.getInt(start + 38), "external attributes of " + name);
        assertEquals(Math.min(entry.headerOffset(), LIMIT), cd.getInt(start + 42) & LIMIT, "offset of " + name);
        assertEquals(ArchiveTimes.dosTime(entry.source().lastModified()),
                ArchiveTimes.decodeDos(cd.getShort(start + 14) & 0xFFFF, cd.getShort(start + 12) & 0xFFFF),
                "DOS date and time of " + name);
        byte[] nameBytes = bytes(cd, start + 46, nameLength);
        assertEquals(name, new String(nameBytes, StandardCharsets.UTF_8));
        Map<Integer, ByteBuffer> extras = extras(bytes(cd, start + 46 + nameLength, extraLength));
        assertEquals(bigSize || bigOffset, extras.containsKey(ZIP64_EXTRA), "central ZIP64 field of " + name);
        if (bigSize || bigOffset) {
            ByteBuffer zip64 = extras.get(ZIP64_EXTRA);
            assertEquals((bigSize ? 16 : 0) + (bigOffset ? 8 : 0), zip64.remaining(), "ZIP64 field of " + name);
            if (bigSize) {
                assertEquals(entry.size(), zip64.getLong(), "ZIP64 size of " + name);
                assertEquals(entry.size(), zip64.getLong(), "ZIP64 compressed size of " + name);
            }
            if (bigOffset) {
                assertEquals(entry.headerOffset(), zip64.getLong(), "ZIP64 offset of " + name);
            }
        }
        checkTimestamp(extras, entry);
        cd.position(start + 46 + nameLength + extraLength);

        ByteBuffer local = read(file, entry.headerOffset(), 30);
        assertEquals(0x04034b50, local.getInt(0), "local header signature of " + name);
        assertEquals(version, local.getShort(4), "local version needed of " + name);
        assertEquals(UTF8_FLAG, local.getShort(6), "local flags of " + name);
        assertEquals(0, local.getShort(8), "local method of " + name);
        assertEquals(cd.getInt(start + 12), local.getInt(10), "local DOS time and date of " + name);
        assertEquals(crc, local.getInt(14), "local CRC-32 of " + name);
        // Only an entry of 4 GiB or more has a ZIP64 local header; a large offset never shows here.
        assertEquals(Math.min(entry.size(), LIMIT), local.getInt(18) & LIMIT, "local compressed size of " + name);
        assertEquals(Math.min(entry.size(), LIMIT), local.getInt(22) & LIMIT, "local size of " + name);
        int localNameLength = local.getShort(26) & 0xFFFF;
        int localExtraLength = local.getShort(28) & 0xFFFF;
        ByteBuffer variable = read(file, entry.headerOffset() + 30, localNameLength + localExtraLength);
        assertArrayEquals(nameBytes, bytes(variable, 0, localNameLength), "local name of " + name);
        assertEquals(entry.dataOffset(), entry.headerOffset() + 30 + localNameLength + localExtraLength,
                "data offset of " + name);
        Map<Integer, ByteBuffer> localExtras = extras(bytes(variable, localNameLength, localExtraLength));
        assertEquals(bigSize, localExtras.containsKey(ZIP64_EXTRA), "local ZIP64 field of " + name);
        if (bigSize) {
            ByteBuffer zip64 = localExtras.get(ZIP64_EXTRA);
            assertEquals(16, zip64.remaining(), "local ZIP64 field length of " + name);
            assertEquals(entry.size(), zip64.getLong(), "local ZIP64 size of " + name);
            assertEquals(entry.size(), zip64.getLong(), "local ZIP64 compressed size of " + name);
        }
        checkTimestamp(localExtras, entry);
    }

    /**
     * Central and local UT fields alike hold the flags and the modification time only, and only for a time
     * a signed 32-bit Unix time can hold; outside that, readers have the DOS time alone.
     */
    private static void checkTimestamp(Map<Integer, ByteBuffer> extras, ZipLayout.Entry entry) {
        Instant modified = entry.source().lastModified();
        ByteBuffer timestamp = extras.get(TIMESTAMP_EXTRA);
        if (!ArchiveTimes.hasUnixTime(modified)) {
            assertNull(timestamp, "UT field of " + entry.name() + ", modified " + modified);
            return;
        }
        assertTrue(timestamp != null && timestamp.remaining() == 5, "UT field of " + entry.name());
        assertEquals(1, timestamp.get(), "UT flags of " + entry.name());
        assertEquals(modified.getEpochSecond(), timestamp.getInt(), "UT mtime of " + entry.name());
    }

    /** Extra fields by id, in order; fails on a duplicate id or a field running past the end. */
    private static Map<Integer, ByteBuffer> extras(byte[] block) {
        ByteBuffer in = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        Map<Integer, ByteBuffer> fields = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            int id = in.getShort() & 0xFFFF;
            int length = in.getShort() & 0xFFFF;
            ByteBuffer data = ByteBuffer.wrap(bytes(in, in.position(), length)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(null, fields.put(id, data), "extra field 0x" + Integer.toHexString(id) + " twice");
            in.position(in.position() + length);
        }
        return fields;
    }

    private static byte[] bytes(ByteBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        return bytes;
    }

    private static ByteBuffer read(FileChannel file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("archive ends before " + (position + length));
            }
        }
        return buffer.flip();
    }
}

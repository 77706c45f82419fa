package com.clientalbums.zip.layout;

import com.clientalbums.common.error.EmptyAlbumException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Offsets, sizes and the ZIP64 decisions, checked byte by byte without writing any content. */
class LayoutPlannerTest {

    private static final Instant TIME = Instant.parse("2024-06-15T14:30:07Z");
    private static final long LIMIT = 0xFFFFFFFFL;
    private static final long GIB = 1L << 30;
    private static final int UT_LENGTH = 9;

    private static SourceFile file(String relativePath, long size) {
        return file(relativePath, size, TIME);
    }

    private static SourceFile file(String relativePath, long size, Instant lastModified) {
        return new SourceFile("albums/a/photos/" + relativePath, relativePath, size, lastModified);
    }

    private static ZipLayout plan(SourceFile... files) {
        return LayoutPlanner.plan(List.of(files));
    }

    private static ByteBuffer littleEndian(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Each central directory record, and after them the end records, as separate buffers. */
    private static List<ByteBuffer> centralRecords(ZipLayout layout) {
        ByteBuffer tail = littleEndian(layout.centralDirectory(new int[layout.entries().size()]));
        List<ByteBuffer> records = new ArrayList<>();
        for (int i = 0; i < layout.entries().size(); i++) {
            int start = tail.position();
            assertEquals(0x02014b50, tail.getInt(start));
            int length = 46 + (tail.getShort(start + 28) & 0xFFFF) + (tail.getShort(start + 30) & 0xFFFF)
                    + (tail.getShort(start + 32) & 0xFFFF);
            records.add(tail.slice(start, length).order(ByteOrder.LITTLE_ENDIAN));
            tail.position(start + length);
        }
        records.add(tail.slice().order(ByteOrder.LITTLE_ENDIAN));
        return records;
    }

    @Test
    void anEmptyAlbumIsRefusedWithAClearMessage() {
        EmptyAlbumException error = assertThrows(EmptyAlbumException.class, () -> plan());
        assertEquals("Album has nothing to archive: 0 file(s) listed, none of them a photo (hidden files,"
                + " system files and folder markers are left out)", error.getMessage());
    }

    @Test
    void anAlbumOfHiddenFilesIsRefused() {
        assertEquals(2, assertThrows(EmptyAlbumException.class, () -> plan(file(".DS_Store", 10), file("Ceremony/", 0))).filesListed());
    }

    @Test
    void aKeyListedTwiceIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> plan(file("a.jpg", 1), file("a.jpg", 1)));
        assertEquals("key listed twice: albums/a/photos/a.jpg", error.getMessage());
    }

    @Test
    void everyOffsetAndTheSizeAreKnownBeforeWriting() {
        SourceFile a = file("a.jpg", 10);
        SourceFile b = file("b.jpg", 20);
        ZipLayout layout = plan(b, a);
        // Local header: 30 fixed + 5 name + 9 UT; central: 46 fixed + 5 name + 9 UT; end record: 22.
        assertEquals(List.of(new ZipLayout.Entry(a, "a.jpg", 0, 44, 10), new ZipLayout.Entry(b, "b.jpg", 54, 98, 20)),
                layout.entries());
        assertEquals(118, layout.centralDirectoryOffset());
        assertEquals(118 + 2 * 60 + 22, layout.totalSize());
    }

    @Test
    void headersHaveExactlyThePlannedLengths() {
        ZipLayout layout = plan(file("a.jpg", 10), file("b.mov", 5 * GIB), file("c.jpg", 0),
                file("d.jpg", 7, Instant.parse("2050-01-01T00:00:00Z")));
        for (int i = 0; i < layout.entries().size(); i++) {
            ZipLayout.Entry entry = layout.entries().get(i);
            assertEquals(entry.dataOffset() - entry.headerOffset(), layout.localHeader(i, 0).length, entry.name());
        }
        int[] crcs = new int[layout.entries().size()];
        assertEquals(layout.totalSize() - layout.centralDirectoryOffset(), layout.centralDirectory(crcs).length);
    }

    @Test
    void aPlainLocalHeaderFieldByField() {
        ByteBuffer header = littleEndian(plan(file("a.jpg", 10)).localHeader(0, 0x12345678));
        assertEquals(0x04034b50, header.getInt(0));
        assertEquals(20, header.getShort(4), "version needed");
        assertEquals(0x0800, header.getShort(6), "flags: UTF-8 names, no data descriptor");
        assertEquals(0, header.getShort(8), "method: stored");
        assertEquals(14 << 11 | 30 << 5 | 3, header.getShort(10) & 0xFFFF, "DOS time");
        assertEquals(44 << 9 | 6 << 5 | 15, header.getShort(12) & 0xFFFF, "DOS date");
        assertEquals(0x12345678, header.getInt(14));
        assertEquals(10, header.getInt(18));
        assertEquals(10, header.getInt(22));
        assertEquals(5, header.getShort(26));
        assertEquals(UT_LENGTH, header.getShort(28));
        assertEquals("a.jpg", StandardCharsets.UTF_8.decode(header.slice(30, 5)).toString());
        assertEquals(0x5455, header.getShort(35));
        assertEquals(5, header.getShort(37));
        assertEquals(1, header.get(39), "UT flags: modification time");
        assertEquals(TIME.getEpochSecond(), header.getInt(40));
        assertEquals(44, header.capacity());
    }

    @Test
    void aPlainCentralRecordFieldByField() {
        ZipLayout layout = plan(file("a.jpg", 10), file("b.jpg", 3));
        ByteBuffer record = centralRecords(layout).get(1);
        assertEquals(0x0314, record.getShort(4), "made by: Unix, 2.0");
        assertEquals(20, record.getShort(6));
        assertEquals(0x0800, record.getShort(8));
        assertEquals(3, record.getInt(20));
        assertEquals(3, record.getInt(24));
        assertEquals(0100644 << 16, record.getInt(38), "external attributes: rw-r--r-- file");
        assertEquals(54, record.getInt(42), "local header offset");
        assertEquals(46 + 5 + UT_LENGTH, record.capacity());
        assertEquals(0x5455, record.getShort(51));
        assertEquals(TIME.getEpochSecond(), record.getInt(56));
    }

    @Test
    void anEntryBelow0xFFFFFFFFBytesStaysZip32() {
        ZipLayout layout = plan(file("a.jpg", 1), file("big.mov", LIMIT - 1));
        ByteBuffer local = littleEndian(layout.localHeader(1, 0));
        assertEquals(20, local.getShort(4));
        assertEquals(LIMIT - 1, local.getInt(18) & LIMIT);
        assertEquals(30 + 7 + UT_LENGTH, local.capacity());
        ByteBuffer central = centralRecords(layout).get(1);
        assertEquals(20, central.getShort(6));
        assertEquals(46 + 7 + UT_LENGTH, central.capacity());
    }

    @Test
    void anEntryOf0xFFFFFFFFBytesHasZip64SizesInBothHeaders() {
        ZipLayout layout = plan(file("a.jpg", 1), file("big.mov", LIMIT));
        ByteBuffer local = littleEndian(layout.localHeader(1, 0));
        assertEquals(45, local.getShort(4));
        assertEquals(-1, local.getInt(18), "compressed size: see ZIP64");
        assertEquals(-1, local.getInt(22), "size: see ZIP64");
        assertEquals(20 + UT_LENGTH, local.getShort(28));
        assertEquals(0x0001, local.getShort(37));
        assertEquals(16, local.getShort(39));
        assertEquals(LIMIT, local.getLong(41));
        assertEquals(LIMIT, local.getLong(49));
        assertEquals(0x5455, local.getShort(57));

        ByteBuffer central = centralRecords(layout).get(1);
        assertEquals(0x032D, central.getShort(4), "made by: Unix, 4.5");
        assertEquals(45, central.getShort(6));
        assertEquals(-1, central.getInt(20));
        assertEquals(-1, central.getInt(24));
        assertEquals(45, central.getInt(42), "the offset fits and stays");
        assertEquals(0x0001, central.getShort(53));
        assertEquals(16, central.getShort(55), "sizes only, no offset");
        assertEquals(LIMIT, central.getLong(57));
        assertEquals(LIMIT, central.getLong(65));
    }

    @Test
    void anOffsetOf0xFFFFFFFFGoesInTheCentralDirectoryOnly() {
        // The first local header is 44 bytes long, so the second starts exactly at 0xFFFFFFFF.
        ZipLayout layout = plan(file("a.mov", LIMIT - 44), file("b.jpg", 5));
        assertEquals(LIMIT, layout.entries().get(1).headerOffset());
        ByteBuffer local = littleEndian(layout.localHeader(1, 0));
        assertEquals(45, local.getShort(4));
        assertEquals(5, local.getInt(18));
        assertEquals(30 + 5 + UT_LENGTH, local.capacity(), "no ZIP64 field in the local header");

        List<ByteBuffer> records = centralRecords(layout);
        assertEquals(20, records.get(0).getShort(6), "the first entry is untouched");
        ByteBuffer central = records.get(1);
        assertEquals(45, central.getShort(6));
        assertEquals(5, central.getInt(20));
        assertEquals(-1, central.getInt(42));
        assertEquals(0x0001, central.getShort(51));
        assertEquals(8, central.getShort(53), "offset only");
        assertEquals(LIMIT, central.getLong(55));
    }

    @Test
    void theFirstEntryIsNeverZip64WhenAnotherCanGoFirst() {
        ZipLayout layout = plan(file("A.mov", 5 * GIB), file("B.mov", 6 * GIB), file("C.jpg", 10));
        assertEquals(List.of("C.jpg", "A.mov", "B.mov"), layout.entries().stream().map(ZipLayout.Entry::name).toList());
        assertEquals(20, littleEndian(layout.localHeader(0, 0)).getShort(4));
    }

    @Test
    void anAlbumOfOnlyHugeFilesHasNoChoice() {
        ZipLayout layout = plan(file("B.mov", 6 * GIB), file("A.mov", 5 * GIB));
        assertEquals(List.of("A.mov", "B.mov"), layout.entries().stream().map(ZipLayout.Entry::name).toList());
        assertEquals(45, littleEndian(layout.localHeader(0, 0)).getShort(4));
    }

    @Test
    void upTo65534EntriesThereIsNoZip64EndRecord() {
        ByteBuffer end = centralRecords(planEntries(65_534)).getLast();
        assertEquals(22, end.capacity(), "the end record alone");
        assertEquals(0x06054b50, end.getInt(0));
        assertEquals(65_534, end.getShort(8) & 0xFFFF);
        assertEquals(65_534, end.getShort(10) & 0xFFFF);
    }

    @Test
    void from65535EntriesTheCountGoesInAZip64EndRecord() {
        ZipLayout layout = planEntries(65_535);
        ByteBuffer end = centralRecords(layout).getLast();
        assertEquals(56 + 20 + 22, end.capacity());
        long centralDirectorySize = layout.totalSize() - layout.centralDirectoryOffset() - end.capacity();
        long zip64EndOffset = layout.centralDirectoryOffset() + centralDirectorySize;

        assertEquals(0x06064b50, end.getInt(0));
        assertEquals(44, end.getLong(4));
        assertEquals(0x032D, end.getShort(12));
        assertEquals(45, end.getShort(14));
        assertEquals(65_535, end.getLong(24));
        assertEquals(65_535, end.getLong(32));
        assertEquals(centralDirectorySize, end.getLong(40));
        assertEquals(layout.centralDirectoryOffset(), end.getLong(48));

        assertEquals(0x07064b50, end.getInt(56));
        assertEquals(0, end.getInt(60), "disk of the ZIP64 end record");
        assertEquals(zip64EndOffset, end.getLong(64));
        assertEquals(1, end.getInt(72), "total disks");

        assertEquals(0x06054b50, end.getInt(76));
        assertEquals(-1, end.getShort(84), "count: see ZIP64");
        assertEquals(-1, end.getShort(86));
        assertEquals(centralDirectorySize, end.getInt(88), "the size fits and stays");
        assertEquals(layout.centralDirectoryOffset(), end.getInt(92), "the offset fits and stays");
    }

    private static ZipLayout planEntries(int count) {
        return LayoutPlanner.plan(IntStream.range(0, count)
                .mapToObj(i -> file(String.format("IMG_%05d.jpg", i), 1)).toList());
    }

    @Test
    void timesOutsideTheUtFieldsRangeKeepOnlyTheDosTime() {
        ZipLayout layout = plan(file("future.jpg", 1, Instant.parse("2040-01-01T00:00:00Z")));
        ByteBuffer local = littleEndian(layout.localHeader(0, 0));
        assertEquals(0, local.getShort(28), "no extra field");
        assertEquals(60 << 9 | 1 << 5 | 1, local.getShort(12) & 0xFFFF);
        assertEquals(46 + 10, centralRecords(layout).getFirst().capacity());
    }

    @Test
    void timesBefore1980KeepTheirUtTime() {
        Instant scanned = Instant.parse("1975-03-01T10:00:00Z");
        ByteBuffer local = littleEndian(plan(file("film.jpg", 1, scanned)).localHeader(0, 0));
        assertEquals(1 << 5 | 1, local.getShort(12), "DOS date clamped to 1980-01-01");
        assertEquals(scanned.getEpochSecond(), local.getInt(30 + 8 + 5));
    }

    /** 7-Zip and libarchive read the UT time as unsigned: 1969 would show as 2106. */
    @Test
    void timesBefore1970KeepOnlyTheDosTime() {
        ZipLayout layout = plan(file("old.jpg", 1, Instant.parse("1969-12-31T23:59:59Z")));
        ByteBuffer local = littleEndian(layout.localHeader(0, 0));
        assertEquals(0, local.getShort(28), "no extra field");
        assertEquals(1 << 5 | 1, local.getShort(12), "DOS date clamped to 1980-01-01");
        assertEquals(46 + 7, centralRecords(layout).getFirst().capacity());
    }

    @Test
    void theCentralDirectoryNeedsOneCrcPerEntry() {
        ZipLayout layout = plan(file("a.jpg", 1), file("b.jpg", 1));
        assertThrows(IllegalArgumentException.class, () -> layout.centralDirectory(new int[1]));
    }

    @Test
    void noZip64BytesAnywhereInASmallArchivesHeaders() {
        ZipLayout layout = plan(file("a.jpg", 1), file("Caf\u00e9/b.jpg", 2));
        byte[] tail = layout.centralDirectory(new int[2]);
        assertFalse(containsSignature(tail, 0x06064b50), "ZIP64 end record");
        assertFalse(containsSignature(tail, 0x07064b50), "ZIP64 locator");
        assertEquals(List.of(20, 20), IntStream.range(0, 2)
                .mapToObj(i -> (int) littleEndian(layout.localHeader(i, 0)).getShort(4)).toList());
    }

    private static boolean containsSignature(byte[] bytes, int signature) {
        ByteBuffer buffer = littleEndian(bytes);
        return IntStream.rangeClosed(0, bytes.length - 4).anyMatch(i -> buffer.getInt(i) == signature);
    }

    @Test
    void namesAreUtf8() {
        byte[] header = plan(file("\ud83c\udf89.jpg", 1)).localHeader(0, 0);
        byte[] name = "\ud83c\udf89.jpg".getBytes(StandardCharsets.UTF_8);
        assertEquals(name.length, littleEndian(header).getShort(26));
        assertEquals(Arrays.toString(name), Arrays.toString(Arrays.copyOfRange(header, 30, 30 + name.length)));
    }
}

package com.clientalbums.zip.layout;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The directory our layouts write, read back: every entry's name, size, offset and CRC-32, in the
 * plain case and in each ZIP64 case (many entries, large entries, offsets past 4 GiB); and bytes
 * that are not such a directory refused with a reason. Layouts need no content, so 4 GiB cases cost
 * nothing: only the archive's tail is made.
 */
class CentralDirectoryTest {
    private static final Instant TIME = Instant.parse("2024-06-15T14:30:07Z");
    private static final long GIB = 1L << 30;

    @Test
    void aSmallArchivesDirectoryIsReadBackEntryByEntry() throws ZipException {
        assertReadBack(layout(List.of(file("Ceremony/IMG_0001.jpg", 123_456), file("Été/Ünïcode 名前.jpg", 0),
                file("IMG_0003.jpg", 7_000_000, Instant.parse("1969-12-31T23:59:59Z")))));
    }

    @Test
    void seventyThousandEntriesAreCountedInTheZip64EndRecord() throws ZipException {
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) files.add(file(String.format("IMG_%05d.jpg", i), 100 + i % 7));
        assertReadBack(layout(files));
    }

    @Test
    void entriesOfFourGibibytesAndOffsetsPastThemAreReadFromTheirZip64Fields() throws ZipException {
        ZipLayout layout = layout(List.of(file("a.jpg", 10), file("b.mov", 5 * GIB), file("c.jpg", 3 * GIB), file("d.jpg", 20)));
        assertTrue(layout.entries().get(3).headerOffset() > 0xFFFFFFFFL, "the test's premise");
        assertReadBack(layout);
    }

    @Test
    void bytesThatAreNotAnArchiveAreRefused() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        ZipException e = assertThrows(ZipException.class, () -> CentralDirectory.locate(noise, 1_000_000));
        assertTrue(e.getMessage().contains("no end of central directory record"), e.getMessage());
    }

    @Test
    void anArchiveWithACommentIsRefused() {
        byte[] tail = tail(layout(List.of(file("a.jpg", 10), file("b.jpg", 20))));
        littleEndian(tail).putShort(tail.length - 2, (short) 5);
        ZipException e = assertThrows(ZipException.class, () -> CentralDirectory.locate(tail, 10_000 + tail.length));
        assertTrue(e.getMessage().contains("comment"), e.getMessage());
    }

    @Test
    void aDirectoryWhoseEntryIsDamagedIsRefused() throws ZipException {
        ZipLayout layout = layout(List.of(file("a.jpg", 10), file("b.jpg", 20), file("c.jpg", 30)));
        byte[] tail = tail(layout);
        CentralDirectory.Location where = CentralDirectory.locate(tail, layout.totalSize());
        int second = 46 + "a.jpg".length() + 9;
        tail[second] ^= 1;
        ZipException e = assertThrows(ZipException.class, () -> CentralDirectory.parse(tail, 0, where));
        assertTrue(e.getMessage().contains("no central header signature at entry 1"), e.getMessage());
    }

    @Test
    void aCompressedEntryIsRefused() throws ZipException {
        ZipLayout layout = layout(List.of(file("a.jpg", 10), file("b.jpg", 20)));
        byte[] tail = tail(layout);
        CentralDirectory.Location where = CentralDirectory.locate(tail, layout.totalSize());
        littleEndian(tail).putShort(10, (short) 8);
        ZipException e = assertThrows(ZipException.class, () -> CentralDirectory.parse(tail, 0, where));
        assertTrue(e.getMessage().contains("compressed"), e.getMessage());
    }

    @Test
    void anEndRecordCountingOtherEntriesThanTheDirectoryHoldsIsRefused() throws ZipException {
        ZipLayout layout = layout(List.of(file("a.jpg", 10), file("b.jpg", 20), file("c.jpg", 30)));
        byte[] tail = tail(layout);
        littleEndian(tail).putShort(tail.length - 22 + 8, (short) 4).putShort(tail.length - 22 + 10, (short) 4);
        CentralDirectory.Location where = CentralDirectory.locate(tail, layout.totalSize());
        ZipException e = assertThrows(ZipException.class, () -> CentralDirectory.parse(tail, 0, where));
        assertTrue(e.getMessage().contains("holds 3 entries, the end record says 4"), e.getMessage());
    }

    @Test
    void aDirectoryThatDoesNotEndWhereTheEndRecordBeginsIsRefused() {
        ZipLayout layout = layout(List.of(file("a.jpg", 10), file("b.jpg", 20), file("c.jpg", 30)));
        byte[] tail = tail(layout);
        ByteBuffer end = littleEndian(tail);
        end.putInt(tail.length - 22 + 12, end.getInt(tail.length - 22 + 12) - 1);
        ZipException e = assertThrows(ZipException.class, () -> CentralDirectory.locate(tail, layout.totalSize()));
        assertTrue(e.getMessage().contains("does not end where the end records begin"), e.getMessage());
    }

    /** Locates the directory from the archive's last bytes and reads it, as a rebuild does. */
    private static void assertReadBack(ZipLayout layout) throws ZipException {
        int[] crcs = new Random(layout.entries().size()).ints(layout.entries().size()).toArray();
        byte[] tail = layout.centralDirectory(crcs);
        int lastBytes = Math.min(tail.length, 64 * 1024);
        CentralDirectory.Location where = CentralDirectory.locate(
                Arrays.copyOfRange(tail, tail.length - lastBytes, tail.length), layout.totalSize());
        assertEquals(layout.centralDirectoryOffset(), where.offset());
        assertEquals(layout.entries().size(), where.entryCount());

        CentralDirectory directory = CentralDirectory.parse(tail, 0, where);

        List<CentralDirectory.Entry> expected = new ArrayList<>();
        for (int i = 0; i < crcs.length; i++) {
            ZipLayout.Entry e = layout.entries().get(i);
            expected.add(new CentralDirectory.Entry(e.name(), e.size(), e.headerOffset(), crcs[i]));
        }
        assertEquals(expected, directory.entries());
    }

    private static byte[] tail(ZipLayout layout) {
        return layout.centralDirectory(new int[layout.entries().size()]);
    }

    private static ZipLayout layout(List<SourceFile> files) {
        return LayoutPlanner.plan(files);
    }

    private static SourceFile file(String path, long size) {
        return file(path, size, TIME);
    }

    private static SourceFile file(String path, long size, Instant time) {
        return new SourceFile("albums/a/photos/" + path, path, size, time);
    }

    private static ByteBuffer littleEndian(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}

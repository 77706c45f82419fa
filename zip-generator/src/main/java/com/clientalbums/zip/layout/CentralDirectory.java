package com.clientalbums.zip.layout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipException;

/**
 * The central directory of an archive this system built, read back: each entry's name, size, CRC-32
 * and where its local header starts. An incremental rebuild takes CRCs and offsets from it instead of
 * reading the photos again.
 *
 * <p>It reads only the records {@link ZipRecords} writes and is strict about them: stored entries,
 * UTF-8 names, no archive comment, a ZIP64 end record exactly where our layout puts it. Anything else
 * is a {@link ZipException} naming what is wrong, never a guess: a wrong CRC or offset taken from a
 * foreign or damaged archive would end up in a new archive.
 *
 * <p>Reading takes two steps, so that a caller fetching the archive over the network asks only for
 * the bytes it needs: {@link #locate} finds the directory from the archive's last bytes, then
 * {@link #parse} reads it.
 */
public record CentralDirectory(List<Entry> entries) {

    /**
     * One entry as the directory records it.
     *
     * @param headerOffset where its local header starts in the archive
     */
    public record Entry(String name, long size, long headerOffset, int crc32) {}

    /** Where the directory lies in an archive: bytes {@code [offset, offset + length)}, holding {@code entryCount} entries. */
    public record Location(long offset, long length, long entryCount) {}

    /** The most the end records take: the end record, and the ZIP64 end record and locator before it. */
    public static final int END_RECORDS_MAX_LENGTH = 22 + 20 + 56;

    private static final long LIMIT = ZipRecords.ZIP64_LIMIT;
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int CENTRAL_HEADER_SIGNATURE = 0x02014b50;
    private static final int END_LENGTH = 22;
    private static final int ZIP64_LOCATOR_LENGTH = 20;
    private static final int ZIP64_END_LENGTH = 56;
    private static final int CENTRAL_HEADER_FIXED_LENGTH = 46;
    private static final int ZIP64_EXTRA_ID = 0x0001;
    private static final int UTF8_FLAG = 1 << 11;
    private static final int ENCRYPTED_FLAG = 1;
    private static final int DATA_DESCRIPTOR_FLAG = 1 << 3;

    public CentralDirectory {
        entries = List.copyOf(entries);
    }

    /**
     * Finds the directory from the last bytes of an archive of {@code archiveSize} bytes.
     *
     * @param tail the archive's last {@code tail.length} bytes: at least {@link #END_RECORDS_MAX_LENGTH}
     *             (or the whole archive, if smaller)
     */
    public static Location locate(byte[] tail, long archiveSize) throws ZipException {
        if (tail.length > archiveSize) throw new IllegalArgumentException("tail longer than the archive");
        if (tail.length < Math.min(archiveSize, END_RECORDS_MAX_LENGTH)) {
            throw new IllegalArgumentException("a tail of " + tail.length + " bytes may not hold the end records");
        }
        long tailStart = archiveSize - tail.length;
        ByteBuffer in = littleEndian(tail);
        if (tail.length < END_LENGTH) throw new ZipException("archive of " + archiveSize + " bytes is too short for a ZIP");
        int end = tail.length - END_LENGTH;
        if (in.getInt(end) != END_SIGNATURE) {
            throw new ZipException("no end of central directory record in the last 22 bytes (an archive with a comment, or not a ZIP)");
        }
        if (unsignedShort(in, end + 4) != 0 || unsignedShort(in, end + 6) != 0) throw new ZipException("archive spans several disks");
        if (unsignedShort(in, end + 20) != 0) throw new ZipException("archive has a comment; ours never do");
        long count = unsignedShort(in, end + 10);
        if (unsignedShort(in, end + 8) != count) throw new ZipException("entry counts of this disk and in total differ");
        long length = in.getInt(end + 12) & LIMIT;
        long offset = in.getInt(end + 16) & LIMIT;
        long directoryEnd = archiveSize - END_LENGTH;

        int locator = end - ZIP64_LOCATOR_LENGTH;
        if (locator >= 0 && in.getInt(locator) == ZIP64_LOCATOR_SIGNATURE) {
            long zip64End = in.getLong(locator + 8);
            int zip64 = locator - ZIP64_END_LENGTH;
            if (zip64 < 0 || zip64End != tailStart + zip64) {
                throw new ZipException("ZIP64 end record at " + zip64End + ", not right before its locator");
            }
            if (in.getInt(zip64) != ZIP64_END_SIGNATURE) throw new ZipException("no ZIP64 end record where the locator points");
            if (in.getLong(zip64 + 4) != ZIP64_END_LENGTH - 12) throw new ZipException("ZIP64 end record has extensible data");
            if (in.getInt(zip64 + 16) != 0 || in.getInt(zip64 + 20) != 0 || in.getInt(locator + 16) != 1) {
                throw new ZipException("archive spans several disks");
            }
            long zip64Count = in.getLong(zip64 + 24);
            if (in.getLong(zip64 + 32) != zip64Count) throw new ZipException("ZIP64 entry counts of this disk and in total differ");
            count = escaped(count, 0xFFFF, zip64Count, "entry count");
            length = escaped(length, LIMIT, in.getLong(zip64 + 40), "directory size");
            offset = escaped(offset, LIMIT, in.getLong(zip64 + 48), "directory offset");
            directoryEnd = zip64End;
        } else if (count == 0xFFFF || length == LIMIT || offset == LIMIT) {
            throw new ZipException("end record points to a ZIP64 end record that is not there");
        }
        if (offset < 0 || length < 0 || offset + length != directoryEnd) {
            throw new ZipException("central directory [" + offset + ", +" + length + ") does not end where the end records begin ("
                    + directoryEnd + ")");
        }
        return new Location(offset, length, count);
    }

    /**
     * Reads the directory at {@code where} from {@code bytes}, whose byte {@code from} is the
     * directory's first.
     */
    public static CentralDirectory parse(byte[] bytes, int from, Location where) throws ZipException {
        if (from < 0 || from + where.length() > bytes.length) {
            throw new IllegalArgumentException("the directory's " + where.length() + " bytes are not all given");
        }
        ByteBuffer in = littleEndian(bytes);
        int end = from + (int) where.length();
        int at = from;
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (at < end) {
            Entry entry = entry(in, at, end, entries.size());
            if (entry.headerOffset() >= where.offset()) {
                throw new ZipException("entry " + entries.size() + " starts at " + entry.headerOffset() + ", inside the directory");
            }
            if (!names.add(entry.name())) throw new ZipException("entry name " + entry.name() + " appears twice");
            entries.add(entry);
            at += CENTRAL_HEADER_FIXED_LENGTH + unsignedShort(in, at + 28) + unsignedShort(in, at + 30) + unsignedShort(in, at + 32);
        }
        if (entries.size() != where.entryCount()) {
            throw new ZipException("central directory holds " + entries.size() + " entries, the end record says " + where.entryCount());
        }
        return new CentralDirectory(entries);
    }

    private static Entry entry(ByteBuffer in, int at, int end, int index) throws ZipException {
        if (end - at < CENTRAL_HEADER_FIXED_LENGTH) throw new ZipException("entry " + index + " is cut off");
        if (in.getInt(at) != CENTRAL_HEADER_SIGNATURE) throw new ZipException("no central header signature at entry " + index);
        int flags = unsignedShort(in, at + 8);
        if ((flags & UTF8_FLAG) == 0) throw new ZipException("entry " + index + " has no UTF-8 name");
        if ((flags & (ENCRYPTED_FLAG | DATA_DESCRIPTOR_FLAG)) != 0) throw new ZipException("entry " + index + " is encrypted or has a data descriptor");
        if (unsignedShort(in, at + 10) != 0) throw new ZipException("entry " + index + " is compressed; ours are stored");
        int crc32 = in.getInt(at + 16);
        long compressed = in.getInt(at + 20) & LIMIT;
        long size = in.getInt(at + 24) & LIMIT;
        int nameLength = unsignedShort(in, at + 28);
        int extraLength = unsignedShort(in, at + 30);
        int commentLength = unsignedShort(in, at + 32);
        if (unsignedShort(in, at + 34) != 0) throw new ZipException("entry " + index + " starts on another disk");
        long headerOffset = in.getInt(at + 42) & LIMIT;
        int name = at + CENTRAL_HEADER_FIXED_LENGTH;
        int extra = name + nameLength;
        if ((long) extra + extraLength + commentLength > end) throw new ZipException("entry " + index + " runs past the directory");

        // The ZIP64 field holds exactly the values whose 32-bit slot is 0xFFFFFFFF, in this order (APPNOTE 4.5.3).
        boolean zip64Sizes = size == LIMIT || compressed == LIMIT;
        boolean zip64Offset = headerOffset == LIMIT;
        int wanted = (zip64Sizes ? 16 : 0) + (zip64Offset ? 8 : 0);
        boolean found = false;
        for (int field = extra; field < extra + extraLength; ) {
            if (extra + extraLength - field < 4) throw new ZipException("entry " + index + " has a cut-off extra field");
            int id = unsignedShort(in, field);
            int length = unsignedShort(in, field + 2);
            int data = field + 4;
            if (data + length > extra + extraLength) throw new ZipException("entry " + index + " has an extra field longer than its room");
            if (id == ZIP64_EXTRA_ID) {
                if (found || length != wanted) throw new ZipException("entry " + index + " has a ZIP64 field of " + length + " bytes, expected " + wanted);
                found = true;
                if (zip64Sizes) {
                    size = in.getLong(data);
                    compressed = in.getLong(data + 8);
                    data += 16;
                }
                if (zip64Offset) headerOffset = in.getLong(data);
            }
            field += 4 + length;
        }
        if (wanted > 0 && !found) throw new ZipException("entry " + index + " has no ZIP64 field for its escaped values");
        if (size != compressed) throw new ZipException("entry " + index + " has a compressed size unlike its size; ours are stored");
        if (size < 0 || headerOffset < 0) throw new ZipException("entry " + index + " has a negative size or offset");
        return new Entry(utf8(in, name, nameLength, index), size, headerOffset, crc32);
    }

    private static long escaped(long value, long escape, long zip64Value, String what) throws ZipException {
        if (value != escape && value != zip64Value) {
            throw new ZipException("end record and ZIP64 end record disagree on the " + what);
        }
        return zip64Value;
    }

    private static String utf8(ByteBuffer in, int at, int length, int index) throws ZipException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in.slice(at, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ZipException("entry " + index + " has a name that is not UTF-8");
        }
    }

    private static int unsignedShort(ByteBuffer in, int at) {
        return in.getShort(at) & 0xFFFF;
    }

    private static ByteBuffer littleEndian(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}

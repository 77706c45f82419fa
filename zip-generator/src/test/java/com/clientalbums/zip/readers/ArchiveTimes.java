package com.clientalbums.zip.readers;

import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a photo's modification time must become in the archive, worked out from the APPNOTE's DOS fields
 * and Info-ZIP's UT field, independently of the production encoder.
 */
final class ArchiveTimes {

    private static final LocalDateTime DOS_EARLIEST = LocalDateTime.of(1980, 1, 1, 0, 0, 0);
    private static final LocalDateTime DOS_LATEST = LocalDateTime.of(2107, 12, 31, 23, 59, 58);

    private ArchiveTimes() {
    }

    /**
     * The UT field holds a signed 32-bit Unix time, yet 7-Zip and libarchive read it as unsigned: only
     * 1970-01-01 to 2038-01-19 means the same to every reader.
     */
    static boolean hasUnixTime(Instant time) {
        long seconds = time.getEpochSecond();
        return seconds >= 0 && seconds <= Integer.MAX_VALUE;
    }

    /** The time every reader should show, as UTC wall time: the UT field's whole seconds, or the DOS time. */
    static LocalDateTime shown(Instant time) {
        return hasUnixTime(time) ? LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC) : dosTime(time);
    }

    /** The DOS date and time: UTC wall time, clamped to 1980–2107, seconds rounded down to even. */
    static LocalDateTime dosTime(Instant time) {
        LocalDateTime utc = LocalDateTime.ofInstant(time, ZoneOffset.UTC).withNano(0);
        LocalDateTime clamped = utc.isBefore(DOS_EARLIEST) ? DOS_EARLIEST : utc.isAfter(DOS_LATEST) ? DOS_LATEST : utc;
        return clamped.withSecond(clamped.getSecond() / 2 * 2);
    }

    static LocalDateTime decodeDos(int date, int time) {
        return LocalDateTime.of(1980 + (date >>> 9 & 0x7F), date >>> 5 & 0x0F, date & 0x1F,
                time >>> 11 & 0x1F, time >>> 5 & 0x3F, (time & 0x1F) * 2);
    }

    /**
     * What a Java reader reports: the UT field's whole seconds when there is one; otherwise the DOS wall
     * time, which it reads as local time in the JVM's zone.
     */
    static void assertReported(Instant modified, FileTime reported, String name) {
        if (hasUnixTime(modified)) {
            assertEquals(Instant.ofEpochSecond(modified.getEpochSecond()), reported.toInstant(), "time of " + name);
        } else {
            assertEquals(dosTime(modified), LocalDateTime.ofInstant(reported.toInstant(), ZoneId.systemDefault()),
                    "DOS time of " + name);
        }
    }
}

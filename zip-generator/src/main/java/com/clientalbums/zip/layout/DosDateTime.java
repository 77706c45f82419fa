package com.clientalbums.zip.layout;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The MS-DOS date and time fields of a ZIP header. They hold local time without a zone; we write UTC,
 * since the archive is built on a server with no notion of the client's zone. Readers that understand
 * the UT extra field (most) show the exact time in the user's zone instead.
 */
record DosDateTime(int date, int time) {

    private static final Instant EARLIEST = LocalDateTime.of(1980, 1, 1, 0, 0, 0).toInstant(ZoneOffset.UTC);
    private static final Instant LATEST = LocalDateTime.of(2107, 12, 31, 23, 59, 58).toInstant(ZoneOffset.UTC);

    /** Clamped to the representable 1980–2107 range; seconds rounded down to even (2-second resolution). */
    static DosDateTime of(Instant instant) {
        Instant clamped = instant.isBefore(EARLIEST) ? EARLIEST : instant.isAfter(LATEST) ? LATEST : instant;
        LocalDateTime t = LocalDateTime.ofInstant(clamped, ZoneOffset.UTC);
        return new DosDateTime(
                (t.getYear() - 1980) << 9 | t.getMonthValue() << 5 | t.getDayOfMonth(),
                t.getHour() << 11 | t.getMinute() << 5 | t.getSecond() / 2);
    }
}

package com.clientalbums.zip.layout;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DosDateTimeTest {

    @Test
    void encodesUtcWallTimeWithTwoSecondResolution() {
        DosDateTime dos = DosDateTime.of(Instant.parse("2024-06-15T14:30:07.900Z"));
        assertEquals((2024 - 1980) << 9 | 6 << 5 | 15, dos.date());
        assertEquals(14 << 11 | 30 << 5 | 3, dos.time());
    }

    @Test
    void clampsToTheRangeDosCanHold() {
        assertEquals(new DosDateTime(1 << 5 | 1, 0), DosDateTime.of(Instant.parse("1975-03-01T10:00:00Z")));
        assertEquals(new DosDateTime(127 << 9 | 12 << 5 | 31, 23 << 11 | 59 << 5 | 29),
                DosDateTime.of(Instant.parse("2200-01-01T00:00:00Z")));
        assertEquals(DosDateTime.of(Instant.parse("1980-01-01T00:00:00Z")), DosDateTime.of(Instant.EPOCH));
    }
}

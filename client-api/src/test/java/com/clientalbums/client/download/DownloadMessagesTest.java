package com.clientalbums.client.download;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DownloadMessagesTest {

    @Test
    void durationsReadLikeAPersonWouldSayThem() {
        assertEquals("40 s", DownloadMessages.duration(40));
        assertEquals("3 min", DownloadMessages.duration(170));
        assertEquals("1 h", DownloadMessages.duration(3600));
        assertEquals("1 h 20 min", DownloadMessages.duration(4800));
    }

    @Test
    void countsHaveThousandsSeparators() {
        assertEquals("1,000 photos", DownloadMessages.photos(1000));
        assertEquals("1 photo", DownloadMessages.photos(1));
    }
}

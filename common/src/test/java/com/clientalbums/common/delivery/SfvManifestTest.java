package com.clientalbums.common.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The manifest a receipt downloads: an SFV file every checksum tool reads, with sizes in its comments. */
class SfvManifestTest {

    @Test
    void everyFileOfEveryPartInArchiveOrderWithItsSizeThenItsCrc() {
        PartReceipt first = new PartReceipt("zips/a/1.zip", 1000, "aa", List.of(
                new PartReceipt.Entry("Ceremony/IMG_0001.jpg", 4_194_304, 0x1A2B3C4DL),
                new PartReceipt.Entry("Ceremony/Été 2.jpg", 17, 0xBEEFL)));
        PartReceipt second = new PartReceipt("zips/a/2.zip", 500, "bb", List.of(
                new PartReceipt.Entry(";draft.jpg", 0, 0)));

        String manifest = new String(SfvManifest.of("Smith\r\nWedding", "Smith Wedding.zip", List.of(first, second)),
                StandardCharsets.UTF_8);

        assertEquals("""
                ; Album: Smith Wedding
                ; Archive: Smith Wedding.zip
                ; Files: 3
                ; 4194304 Ceremony/IMG_0001.jpg
                ; 17 Ceremony/Été 2.jpg
                ; 0 ;draft.jpg
                Ceremony/IMG_0001.jpg 1A2B3C4D
                Ceremony/Été 2.jpg 0000BEEF
                ;draft.jpg 00000000
                """, manifest);
    }

    @Test
    void theManifestIsNamedAfterTheArchive() {
        assertEquals("Smith Wedding.sfv", SfvManifest.fileName("Smith Wedding.zip"));
        assertEquals("Smith Wedding - Favourites (web size).sfv", SfvManifest.fileName("Smith Wedding - Favourites (web size).ZIP"));
        assertEquals("IMG_0001.jpg.sfv", SfvManifest.fileName("IMG_0001.jpg"));
    }

    @Test
    void aNameThatWouldBreakTheListIsRefusedRatherThanListedWrong() {
        PartReceipt broken = new PartReceipt("zips/a/1.zip", 1, "aa", List.of(new PartReceipt.Entry("a\nb.jpg 00000000", 1, 1)));

        assertThrows(IllegalArgumentException.class, () -> SfvManifest.of("Album", "Album.zip", List.of(broken)));
    }
}

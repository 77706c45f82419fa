package com.clientalbums.local.demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoAlbumSizeTest {
    static final long MIB = 1024 * 1024;

    /**
     * {@code ZIP_SPLIT_SIZE_MB=5 scripts/run-local.sh --demo} must give the demo in parts, three or
     * more: the photos alone are over 15 MiB, so even a cut that leaves each part well short of
     * 5 MiB (a content-defined cut does) makes at least three.
     */
    @Test
    void theDemoAlbumIsLargeEnoughToComeInAtLeastThreePartsAt5MiB() {
        long total = 0;
        for (DemoAlbum.Photo p : DemoAlbum.photos()) total += DemoAlbum.bytes(p).length;
        assertTrue(total > 3 * 5 * MIB, "the demo's photos are " + total + " bytes");
    }

    @Test
    void aDemoPhotoIsTheSameBytesEveryTimeItIsMade() {
        DemoAlbum.Photo photo = DemoAlbum.photos().get(41);
        assertArrayEquals(DemoAlbum.bytes(photo), DemoAlbum.bytes(photo));
    }
}

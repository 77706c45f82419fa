package com.clientalbums.zip.readers;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An entry of 4 GiB and more: ZIP64 sizes in its local and central headers. Listed first by name, it is
 * moved behind the photo so that the first entry stays plain ZIP32.
 */
class EntryOf4GiBReadersTest extends LargeArchiveReaders {

    @Override
    TestAlbum album() {
        return new TestAlbum()
                .add("A ceremony film.mov", 4 * GIB + 12_345)
                .add("IMG_0001.jpg", 3 * MIB);
    }

    @Override
    List<String> expectedNames() {
        return List.of("IMG_0001.jpg", "A ceremony film.mov");
    }

    @Test
    void theFilmNeedsZip64Sizes() {
        assertTrue(archive.layout().entries().get(1).size() >= 0xFFFFFFFFL);
    }
}

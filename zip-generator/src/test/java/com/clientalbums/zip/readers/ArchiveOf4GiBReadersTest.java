package com.clientalbums.zip.readers;

import com.clientalbums.zip.layout.ZipLayout;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An archive of 4 GiB and more made of smaller entries: every local header stays plain ZIP32, and only
 * the central directory entries past the 4 GiB mark carry a ZIP64 offset.
 */
class ArchiveOf4GiBReadersTest extends LargeArchiveReaders {

    @Override
    TestAlbum album() {
        return new TestAlbum()
                .add("Ceremony/clip-1.mov", 1400 * MIB)
                .add("Ceremony/clip-2.mov", 1400 * MIB)
                .add("Reception/clip-3.mov", 1400 * MIB)
                .add("Reception/IMG_0001.jpg", 2 * MIB)
                .add("Reception/IMG_0002.jpg", 0);
    }

    @Override
    List<String> expectedNames() {
        return List.of("Ceremony/clip-1.mov", "Ceremony/clip-2.mov", "Reception/clip-3.mov",
                "Reception/IMG_0001.jpg", "Reception/IMG_0002.jpg");
    }

    @Test
    void onlyOffsetsNeedZip64() {
        List<ZipLayout.Entry> entries = archive.layout().entries();
        assertTrue(entries.stream().allMatch(e -> e.size() < 0xFFFFFFFFL));
        assertTrue(entries.get(2).headerOffset() < 0xFFFFFFFFL);
        assertTrue(entries.get(3).headerOffset() >= 0xFFFFFFFFL);
    }
}

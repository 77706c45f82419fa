package com.clientalbums.common.http;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.Progress;
import com.clientalbums.common.album.ZipStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ArchiveNamesTest {

    static Album named(String name) {
        return new Album("smith-2026", name, 0, null, null, ZipStatus.READY, null, 0, null, null, 0, 0, null, null, null,
                null, null, null, null, null, 0, 0, Progress.NONE, List.of(), List.of(), null, List.of(), 0, List.of(), null, null, null, null, null);
    }

    @Test
    void anAlbumInOneArchiveDownloadsUnderItsOwnName() {
        assertEquals("Smith Wedding.zip", ArchiveNames.part(named("Smith Wedding"), 0, 1));
    }

    @Test
    void eachPartSaysWhichItIsAndHowManyBelongTogether() {
        Album album = named("Smith Wedding");
        assertEquals("Smith Wedding (part 1 of 5).zip", ArchiveNames.part(album, 0, 5));
        assertEquals("Smith Wedding (part 5 of 5).zip", ArchiveNames.part(album, 4, 5));
    }

    @Test
    void theNameIsMadeSafeForAFileBeforeThePartIsAddedAndAnAlbumWithoutOneUsesItsId() {
        assertEquals("Smith _ Jones (part 2 of 3).zip", ArchiveNames.part(named("Smith / Jones"), 1, 3));
        assertEquals("smith-2026 (part 1 of 2).zip", ArchiveNames.part(named("  "), 0, 2));
        assertEquals("smith-2026.zip", ArchiveNames.part(named(null), 0, 1));
    }

    @Test
    void theWebSizeArchiveSaysSoInItsNameWithOrWithoutParts() {
        Album album = named("Smith Wedding");
        assertEquals("Smith Wedding (web size).zip", ArchiveNames.part(album, PhotoSize.WEB, 0, 1));
        assertEquals("Smith Wedding (web size, part 2 of 3).zip", ArchiveNames.part(album, PhotoSize.WEB, 1, 3));
        assertEquals("Smith Wedding (part 2 of 3).zip", ArchiveNames.part(album, PhotoSize.ORIGINAL, 1, 3));
        assertEquals("smith-2026 (web size).zip", ArchiveNames.part(named(null), PhotoSize.WEB, 0, 1));
    }
}

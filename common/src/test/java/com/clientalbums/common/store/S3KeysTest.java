package com.clientalbums.common.store;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3KeysTest {
    @Test
    void onlyKeysUnderAnAlbumsPhotosPrefixBelongToAnAlbum() {
        assertEquals(Optional.of("wedding-1"), S3Keys.albumOfPhoto("albums/wedding-1/photos/a/b.jpg"));
        assertEquals(Optional.empty(), S3Keys.albumOfPhoto("albums/wedding-1/photos/"));
        assertEquals(Optional.empty(), S3Keys.albumOfPhoto("albums/wedding-1/cover.jpg"));
        assertEquals(Optional.empty(), S3Keys.albumOfPhoto("zips/wedding-1/x.zip"));
        assertEquals(Optional.empty(), S3Keys.albumOfPhoto("albums/../photos/x.jpg"));
    }

    @Test
    void albumIdsAreKeptToASafeAlphabet() {
        assertTrue(AlbumIds.isValid("smith-wedding-2026"));
        assertFalse(AlbumIds.isValid("Smith"));
        assertFalse(AlbumIds.isValid("ab"));
        assertFalse(AlbumIds.isValid("-abc"));
        assertFalse(AlbumIds.isValid("a/b/c"));
        assertFalse(AlbumIds.isValid("a".repeat(65)));
    }

    @Test
    void hiddenAndSystemFilesAreNotPhotos() {
        assertTrue(HiddenFiles.isHidden(".DS_Store"));
        assertTrue(HiddenFiles.isHidden("Ceremony/Thumbs.db"));
        assertTrue(HiddenFiles.isHidden("__MACOSX/._IMG_1.jpg"));
        assertTrue(HiddenFiles.isHidden(".keep"));
        assertFalse(HiddenFiles.isHidden("Ceremony/IMG_1.jpg"));
    }
}

package com.clientalbums.previews.keys;

import com.clientalbums.previews.keys.PreviewKeys.Image;
import com.clientalbums.previews.keys.PreviewKeys.UnreadableMarker;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreviewKeysTest {
    @Test
    void eachSizeAndTheMarkerHaveTheirFolderUnderTheAlbumKeepingThePhotosSubFolders() {
        assertEquals("previews/smith-wedding/thumb/Ceremony/IMG_1.jpg.jpg",
                PreviewKeys.image("smith-wedding", PreviewSize.THUMB, "Ceremony/IMG_1.jpg"));
        assertEquals("previews/smith-wedding/preview/Ceremony/IMG_1.jpg.jpg",
                PreviewKeys.image("smith-wedding", PreviewSize.PREVIEW, "Ceremony/IMG_1.jpg"));
        assertEquals("previews/smith-wedding/unreadable/notes.txt.jpg", PreviewKeys.unreadableMarker("smith-wedding", "notes.txt"));
        assertTrue(PreviewKeys.image("smith-wedding", PreviewSize.THUMB, "a.jpg")
                .startsWith(PreviewKeys.sizePrefix("smith-wedding", PreviewSize.THUMB)));
        assertTrue(PreviewKeys.sizePrefix("smith-wedding", PreviewSize.THUMB).startsWith(PreviewKeys.albumPrefix("smith-wedding")));
    }

    @Test
    void everyKeyBuiltIsReadBackAsWhatItWasBuiltFor() {
        for (String path : new String[] {"IMG_1.jpg", "Ceremony/Family/IMG 2 (1).JPG", "unreadable/thumb.jpg", "x"}) {
            for (PreviewSize size : PreviewSize.values()) {
                Image image = new Image("album-1", size, path);
                assertEquals(Optional.of(image), PreviewKeys.parse(image.key()));
            }
            UnreadableMarker marker = new UnreadableMarker("album-1", path);
            assertEquals(Optional.of(marker), PreviewKeys.parse(marker.key()));
        }
    }

    @Test
    void keysOutsideTheLayoutAreNotPreviewKeys() {
        for (String key : new String[] {
                "albums/album-1/photos/IMG_1.jpg",        // another prefix
                "previews/album-1/thumb/IMG_1.png",       // not .jpg
                "previews/album-1/medium/IMG_1.jpg",      // a folder that is neither a size nor the marker
                "previews/album-1/thumb/.jpg",            // no photo path
                "previews/album-1/thumb.jpg",             // no folder
                "previews/Album_1/thumb/IMG_1.jpg",       // not an album id
                "previews/IMG_1.jpg"}) {
            assertEquals(Optional.empty(), PreviewKeys.parse(key), key);
        }
    }
}

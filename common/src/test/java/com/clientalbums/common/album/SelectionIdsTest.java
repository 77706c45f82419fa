package com.clientalbums.common.album;

import com.clientalbums.common.store.AlbumIds;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectionIdsTest {

    @Test
    void theIdIsTheAlbumAndTheHashOfTheSortedDistinctPathsJoinedByNewlines() throws Exception {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("Ceremony/IMG_1.jpg\nb.jpg".getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        assertEquals("smith-wedding." + expected, SelectionIds.of("smith-wedding", List.of("b.jpg", "Ceremony/IMG_1.jpg", "b.jpg")));
    }

    @Test
    void theSameSelectionInAnyOrderIsOneIdAndAnotherPhotoIsAnother() {
        String one = SelectionIds.of("smith-wedding", List.of("a.jpg", "b.jpg"));
        assertEquals(one, SelectionIds.of(new Selection("smith-wedding", List.of("b.jpg", "a.jpg"))));
        assertNotEquals(one, SelectionIds.of("smith-wedding", List.of("a.jpg")));
        assertNotEquals(one, SelectionIds.of("jones-wedding", List.of("a.jpg", "b.jpg")));
    }

    @Test
    void aSelectionIdIsNeverAnAlbumIdAndNamesItsAlbum() {
        String id = SelectionIds.of("smith-wedding", List.of("a.jpg"));
        assertTrue(SelectionIds.isSelection(id));
        assertTrue(SelectionIds.isValid(id));
        assertFalse(AlbumIds.isValid(id));
        assertEquals("smith-wedding", SelectionIds.albumOf(id));
        assertFalse(SelectionIds.isSelection("smith-wedding"));
        assertFalse(SelectionIds.isValid("smith-wedding"));
    }

    @Test
    void malformedIdsAreNotValid() {
        assertFalse(SelectionIds.isValid("smith-wedding.abc"));
        assertFalse(SelectionIds.isValid("../etc.0123456789abcdef0123456789abcdef"));
        assertFalse(SelectionIds.isValid("smith-wedding.0123456789ABCDEF0123456789ABCDEF"));
        assertFalse(SelectionIds.isValid(".0123456789abcdef0123456789abcdef"));
        assertFalse(SelectionIds.isValid(null));
        assertThrows(IllegalArgumentException.class, () -> SelectionIds.albumOf("smith-wedding.abc"));
        assertThrows(IllegalArgumentException.class, () -> SelectionIds.of("smith-wedding", List.of()));
    }
}

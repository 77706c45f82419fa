package com.clientalbums.common.http;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PhotoPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"IMG_0001.jpg", "Ceremony/IMG 0001.jpg", "Réception/été/😀.JPG", "a..b.jpg", "...jpg", "x/.hidden"})
    void ordinaryRelativePathsAreAccepted(String path) {
        assertEquals(path, PhotoPaths.require(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../other-album/photos/a.jpg", "a/../../b.jpg", "..", "./a.jpg", "a/./b.jpg",
            "/etc/passwd", "a\\b.jpg", "..\\..\\win.ini", "a//b.jpg", "folder/", "a\u0000b", "a\nb", "a\u007fb", "a\u0085b"})
    void hostilePathsAreRefusedWith400(String path) {
        AlbumsException e = assertThrows(AlbumsException.class, () -> PhotoPaths.require(path));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
    }

    @Test
    void aPathOverTheLimitIsRefusedAndSoIsAKeyOverS3sLimit() {
        assertThrows(AlbumsException.class, () -> PhotoPaths.require("é".repeat(513)));
        String justFits = "a".repeat(PhotoPaths.MAX_BYTES);
        PhotoPaths.require(justFits);
        assertThrows(AlbumsException.class, () -> PhotoPaths.requireKey("demo", justFits));
    }

    @Test
    void aLoneSurrogateIsNotText() {
        assertThrows(AlbumsException.class, () -> PhotoPaths.require("a\ud800.jpg"));
    }

    @Test
    void theBaseNameIsTheLastSegment() {
        assertEquals("IMG_1.jpg", PhotoPaths.baseName("Ceremony/Vows/IMG_1.jpg"));
        assertEquals("IMG_1.jpg", PhotoPaths.baseName("IMG_1.jpg"));
    }
}

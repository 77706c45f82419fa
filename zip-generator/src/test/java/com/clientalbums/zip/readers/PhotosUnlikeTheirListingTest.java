package com.clientalbums.zip.readers;

import com.clientalbums.zip.pipeline.ContentChangedException;
import com.clientalbums.zip.pipeline.PhotoSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A photo that does not deliver exactly the bytes its listing promised would make an archive whose
 * headers lie: some readers reject it, others silently truncate. The build must fail instead and leave
 * nothing at the key. Each case runs on a photo the pipeline holds in memory and on one too large to
 * hold, which it reads twice.
 */
class PhotosUnlikeTheirListingTest {

    /** Past the 9 MiB that {@link BuiltArchive#CONFIG} leaves for photos: read twice, never held. */
    private static final long TOO_LARGE_TO_HOLD = 12L << 20;
    private static final String PHOTO = "Ceremony/IMG_0002.jpg";

    @TempDir
    Path bucket;

    private static TestAlbum album(long size) {
        return new TestAlbum().add("Ceremony/IMG_0001.jpg", 2000).add(PHOTO, size).add("Ceremony/IMG_0003.jpg", 0);
    }

    /** The album's photos, except that {@link #PHOTO} reads as {@code length} bytes. */
    private static PhotoSource withPhotoOfLength(TestAlbum album, long length) {
        SyntheticPhotos photos = new SyntheticPhotos(album);
        return (key, etag) -> key.endsWith(PHOTO) ? new SyntheticContent(key, length) : photos.open(key, etag);
    }

    private void assertBuildFails(TestAlbum album, PhotoSource photos, String because) throws IOException {
        ContentChangedException error = assertThrows(ContentChangedException.class,
                () -> BuiltArchive.build(album, photos, bucket, "album.zip"));
        assertEquals(TestAlbum.PREFIX + PHOTO + " " + because, error.getMessage());
        try (Stream<Path> left = Files.list(bucket)) {
            assertEquals(0, left.count(), "no archive and no upload left behind");
        }
    }

    @ParameterizedTest(name = "a photo of {0} bytes")
    @ValueSource(longs = {300_000, TOO_LARGE_TO_HOLD})
    void aPhotoShorterThanListedFailsTheBuildAndLeavesNoArchive(long size) throws IOException {
        TestAlbum album = album(size);
        assertBuildFails(album, withPhotoOfLength(album, size - 1),
                size == TOO_LARGE_TO_HOLD ? "changed size" : "is shorter than listed");
    }

    @ParameterizedTest(name = "a photo of {0} bytes")
    @ValueSource(longs = {300_000, TOO_LARGE_TO_HOLD})
    void aPhotoLongerThanListedFailsTheBuildAndLeavesNoArchive(long size) throws IOException {
        TestAlbum album = album(size);
        assertBuildFails(album, withPhotoOfLength(album, size + 1),
                size == TOO_LARGE_TO_HOLD ? "changed size" : "is longer than listed");
    }

    @ParameterizedTest(name = "a photo of {0} bytes")
    @ValueSource(longs = {300_000, TOO_LARGE_TO_HOLD})
    void aPhotoReplacedSinceTheListingFailsTheBuildAndLeavesNoArchive(long size) throws IOException {
        TestAlbum album = album(size);
        TestAlbum replaced = new TestAlbum().add("Ceremony/IMG_0001.jpg", 2000).add(PHOTO, size + 1)
                .add("Ceremony/IMG_0003.jpg", 0);
        assertBuildFails(album, new SyntheticPhotos(replaced), "was replaced");
    }

    /** Its CRC-32 is taken on the first read: a second read with other bytes would not match the header. */
    @Test
    void aPhotoThatChangesBetweenItsTwoReadsFailsTheBuildAndLeavesNoArchive() throws IOException {
        TestAlbum album = album(TOO_LARGE_TO_HOLD);
        SyntheticPhotos photos = new SyntheticPhotos(album);
        Map<String, Integer> opened = new ConcurrentHashMap<>();
        PhotoSource changing = (key, etag) -> opened.merge(key, 1, Integer::sum) == 2 && key.endsWith(PHOTO)
                ? new SyntheticContent(key + " after an edit", TOO_LARGE_TO_HOLD)
                : photos.open(key, etag);
        assertBuildFails(album, changing, "changed while it was being archived");
        assertTrue(opened.get(TestAlbum.PREFIX + PHOTO) >= 2, "read twice");
    }
}

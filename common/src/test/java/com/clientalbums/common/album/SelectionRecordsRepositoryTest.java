package com.clientalbums.common.album;

import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The records of favourites archives: the album repository over the selection table, with the
 * writes that are theirs alone (put-if-absent, the recipe copied from the album, deletion once unused).
 */
class SelectionRecordsRepositoryTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static AlbumRepository albums;
    static AlbumRepository selections;
    static final Watermark MARK = new Watermark(Watermark.Kind.TEXT, "© Studio", null, Watermark.Position.CENTER, 30, 40, false);
    static final Duration LEASE = Duration.ofMinutes(2);

    @BeforeAll
    static void setUp() {
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        selections = new AlbumRepository(aws.clients().dynamo(), aws.names().selectionTable());
    }

    private static Album album(String id) {
        assertTrue(albums.register(id, "Smith Wedding", "studio@example.com", 10, "fp-album", Instant.now()));
        return albums.find(id).orElseThrow();
    }

    @Test
    void aSelectionIsRegisteredOnceWithItsPhotosTheAlbumsRecipeAndAFavouritesName() {
        Album album = albums.updateSettings(album("sel-register").albumId(), new SettingsUpdate(Optional.empty(),
                Optional.of(new SettingsUpdate.Recipe(MARK, WebSize.OtherFiles.OMIT, "fp-marked", 10, 0)))).orElseThrow();
        Selection selection = new Selection(album.albumId(), List.of("b.jpg", "Ceremony/a.jpg"));
        Instant now = Instant.parse("2026-12-05T10:00:00Z");

        assertTrue(selections.registerSelection(album, selection, "fp-sel", 2, now));
        assertFalse(selections.registerSelection(album, selection, "fp-other", 2, now.plusSeconds(1)), "the same selection is one record");

        Album record = selections.find(SelectionIds.of(selection)).orElseThrow();
        assertEquals(selection, record.selection());
        assertEquals(album.albumId(), record.photosAlbumId());
        assertEquals("Smith Wedding - Favourites", record.name());
        assertEquals(ZipStatus.PENDING, record.zipStatus());
        assertEquals(RequestSource.API.value(), record.requestSource());
        assertEquals("fp-sel", record.contentFingerprint());
        assertEquals(2, record.photoCount());
        assertEquals(now, record.createdAt());
        assertEquals(MARK, record.watermark());
        assertEquals(WebSize.OtherFiles.OMIT, record.webOtherFiles());
        assertTrue(albums.find(record.albumId()).isEmpty(), "nothing is written to the album table");
        assertTrue(selections.claim(record.albumId(), "gen-1", Instant.now(), LEASE).isPresent(), "claimed as an album is");
    }

    @Test
    void theAlbumsNewRecipeIsCopiedAsAContentChangeThatMakesThePublishedArchiveStale() {
        Album album = album("sel-recipe");
        Selection selection = new Selection(album.albumId(), List.of("a.jpg"));
        String id = SelectionIds.of(selection);
        assertTrue(selections.registerSelection(album, selection, "fp-plain", 1, Instant.now()));
        Album claimed = selections.claim(id, "gen-1", Instant.now(), LEASE).orElseThrow();
        assertTrue(selections.publish(id, "gen-1", claimed.buildVersion(),
                new PublishedArchive("zips/" + id + "/a.zip", 10, 1, 10, "fp-plain"), List.of(), Instant.now()));

        Album marked = albums.updateSettings(album.albumId(), new SettingsUpdate(Optional.empty(),
                Optional.of(new SettingsUpdate.Recipe(MARK, WebSize.OtherFiles.INCLUDE, "fp-album-2", 10, 0)))).orElseThrow();
        Album before = selections.find(id).orElseThrow();
        Album copied = selections.copyRecipe(before, marked, "fp-marked", 1).orElseThrow();
        assertEquals(MARK, copied.watermark());
        assertEquals(WebSize.OtherFiles.INCLUDE, copied.webOtherFiles());
        assertTrue(copied.archiveStale(), "rebuilt like an album whose recipe changed");
        assertTrue(selections.copyRecipe(before, marked, "fp-marked", 1).isEmpty(), "a copy from an older read is refused");
    }

    @Test
    void aRecordIsDeletedOnlyWhenNeitherBuiltNorAskedForSinceTheCutOffAndNotWhileBuilding() {
        Album album = album("sel-delete");
        Instant cutOff = Instant.now().minus(Duration.ofDays(30));
        Selection old = new Selection(album.albumId(), List.of("old.jpg"));
        Selection recent = new Selection(album.albumId(), List.of("recent.jpg"));
        Selection building = new Selection(album.albumId(), List.of("building.jpg"));
        assertTrue(selections.registerSelection(album, old, "fp", 1, cutOff.minus(Duration.ofDays(1))));
        assertTrue(selections.registerSelection(album, recent, "fp", 1, cutOff.plus(Duration.ofDays(1))));
        assertTrue(selections.registerSelection(album, building, "fp", 1, cutOff.minus(Duration.ofDays(1))));
        selections.claim(SelectionIds.of(building), "gen-1", Instant.now(), LEASE).orElseThrow();

        assertFalse(selections.deleteUnusedSince(SelectionIds.of(recent), cutOff));
        assertFalse(selections.deleteUnusedSince(SelectionIds.of(building), cutOff));
        assertTrue(selections.deleteUnusedSince(SelectionIds.of(old), cutOff));
        assertFalse(selections.deleteUnusedSince(SelectionIds.of(old), cutOff), "gone already");
        assertTrue(selections.find(SelectionIds.of(old)).isEmpty());
        assertTrue(selections.find(SelectionIds.of(recent)).isPresent());
        assertNull(selections.find(SelectionIds.of(building)).orElseThrow().zipGeneratedAt());
    }

    @Test
    void aRecordBuiltLongAgoButAskedForAgainRecentlyIsKept() {
        Album album = album("sel-asked");
        Instant cutOff = Instant.now().minus(Duration.ofDays(30));
        Selection selection = new Selection(album.albumId(), List.of("a.jpg"));
        String id = SelectionIds.of(selection);
        assertTrue(selections.registerSelection(album, selection, "fp", 1, cutOff.minus(Duration.ofDays(5))));
        assertTrue(selections.requestBuild(id, RequestSource.API, true, Instant.now(), Duration.ofMinutes(2)));
        assertFalse(selections.deleteUnusedSince(id, cutOff), "requested after the cut-off");
    }
}

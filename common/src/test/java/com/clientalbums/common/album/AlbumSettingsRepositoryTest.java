package com.clientalbums.common.album;

import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link AlbumRepository#updateSettings}: one conditional write, which a new recipe makes a content change. */
class AlbumSettingsRepositoryTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static AlbumRepository albums;
    static final Watermark MARK = new Watermark(Watermark.Kind.TEXT, "© Studio", null, Watermark.Position.CENTER, 30, 40, false);

    @BeforeAll
    static void setUp() {
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
    }

    private static String registered(String id) {
        assertTrue(albums.register(id, "Wedding " + id, "studio@example.com", 3, "fp-1", Instant.now()));
        return id;
    }

    private static SettingsUpdate recipe(Watermark mark, String fingerprint, long readVersion) {
        return new SettingsUpdate(Optional.empty(),
                Optional.of(new SettingsUpdate.Recipe(mark, WebSize.OtherFiles.OMIT, fingerprint, 3, readVersion)));
    }

    @Test
    void aNewRecipeIsWrittenWithItsFingerprintOneContentVersionOn() {
        String id = registered("new-recipe");
        Album written = albums.updateSettings(id, recipe(MARK, "fp-marked", 0)).orElseThrow();
        assertEquals(MARK, written.watermark());
        assertEquals(WebSize.OtherFiles.OMIT, written.webOtherFiles());
        assertEquals("fp-marked", written.contentFingerprint());
        assertEquals(1, written.contentVersion());
        assertEquals(written, albums.find(id).orElseThrow(), "as stored");

        Album cleared = albums.updateSettings(id, recipe(null, "fp-plain", 1)).orElseThrow();
        assertNull(cleared.watermark());
        assertEquals(2, cleared.contentVersion());
    }

    @Test
    void aRecipeListedBeforeAPhotoChangeWasRecordedIsRefusedAndChangesNothing() {
        String id = registered("raced-recipe");
        long read = albums.find(id).orElseThrow().contentVersion();
        assertTrue(albums.recordContent(id, "fp-new-photo", 4), "a photo event in between");
        assertTrue(albums.updateSettings(id, recipe(MARK, "fp-from-older-listing", read)).isEmpty());
        Album album = albums.find(id).orElseThrow();
        assertEquals("fp-new-photo", album.contentFingerprint());
        assertNull(album.watermark());
    }

    @Test
    void aBuildUnderWayWhenTheRecipeChangesCannotPublish() {
        String id = registered("recipe-during-build");
        Album building = albums.claim(id, "gen", Instant.now(), Duration.ofMinutes(2)).orElseThrow();
        assertTrue(albums.updateSettings(id, recipe(MARK, "fp-marked", building.contentVersion())).isPresent());
        assertFalse(albums.publish(id, "gen", building.buildVersion(),
                new PublishedArchive("zips/x/fp-1.zip", 1, 3, 1, "fp-1"), List.of(), Instant.now()),
                "its web size was made with the old recipe");
    }

    @Test
    void anExpiryDateIsSetAndRemovedWithoutTouchingTheContent() {
        String id = registered("expiry-only");
        Instant at = Instant.parse("2027-06-30T22:00:00Z");
        Album set = albums.updateSettings(id, new SettingsUpdate(Optional.of(new SettingsUpdate.Expiry(at)), Optional.empty())).orElseThrow();
        assertEquals(at, set.expiresAt());
        assertEquals("fp-1", set.contentFingerprint());
        assertEquals(0, set.contentVersion());
        assertTrue(set.expired(at) && !set.expired(at.minusMillis(1)));
        assertNull(albums.updateSettings(id, new SettingsUpdate(Optional.of(new SettingsUpdate.Expiry(null)), Optional.empty()))
                .orElseThrow().expiresAt());
        assertTrue(albums.updateSettings("no-such-album", new SettingsUpdate(Optional.of(new SettingsUpdate.Expiry(at)), Optional.empty()))
                .isEmpty());
    }

    @Test
    void proofingTermsAreSetAndRemovedOneByOneBesideANewRecipeWithoutAContentChangeOfTheirOwn() {
        String id = registered("proofing");
        LocalDate due = LocalDate.of(2027, 3, 1);
        Album set = albums.updateSettings(id, new SettingsUpdate(Optional.empty(), Optional.empty(),
                Optional.of(new SettingsUpdate.SelectionLimit(40)), Optional.of(new SettingsUpdate.SelectionDue(due)))).orElseThrow();
        assertEquals(new Proofing(40, due), set.proofing());
        assertEquals(0, set.contentVersion(), "the terms are in no archive");
        assertEquals(set, albums.find(id).orElseThrow(), "as stored");

        Album limitOnly = albums.updateSettings(id, new SettingsUpdate(Optional.empty(), Optional.empty(),
                Optional.of(new SettingsUpdate.SelectionLimit(null)), Optional.empty())).orElseThrow();
        assertEquals(new Proofing(null, due), limitOnly.proofing(), "the due date left as it was");

        SettingsUpdate withRecipe = new SettingsUpdate(Optional.empty(),
                Optional.of(new SettingsUpdate.Recipe(MARK, WebSize.OtherFiles.OMIT, "fp-marked", 3, 0)),
                Optional.of(new SettingsUpdate.SelectionLimit(3)), Optional.of(new SettingsUpdate.SelectionDue(null)));
        Album both = albums.updateSettings(id, withRecipe).orElseThrow();
        assertEquals(new Proofing(3, null), both.proofing());
        assertEquals(MARK, both.watermark());
        assertEquals(1, both.contentVersion(), "the recipe's content change, once");

        SettingsUpdate stale = new SettingsUpdate(Optional.empty(),
                Optional.of(new SettingsUpdate.Recipe(null, WebSize.OtherFiles.OMIT, "fp-plain", 3, 0)),
                Optional.of(new SettingsUpdate.SelectionLimit(7)), Optional.empty());
        assertTrue(albums.updateSettings(id, stale).isEmpty(), "a recipe read at an older version is refused");
        assertEquals(new Proofing(3, null), albums.find(id).orElseThrow().proofing(), "and its terms with it: one write");
        assertThrows(IllegalArgumentException.class, () -> new SettingsUpdate.SelectionLimit(Proofing.MAX_FAVOURITES + 1));
        assertThrows(IllegalArgumentException.class, () -> new SettingsUpdate.SelectionLimit(0));
    }
}

package com.clientalbums.e2e;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.local.demo.DemoAlbum;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client's favourites from the heart to the photographer: five photos hearted (one in a
 * sub-folder) survive a reload and the filter, Download favourites gives a ZIP of exactly those
 * five under their folders (byte for byte as S3 holds them, opened by every reader), and the
 * studio shows the five and copies their file names.
 */
class FavouritesTest extends BrowserTest {
    private static final String ALBUM_ID = "fern-garden-party";
    private static final String ALBUM_NAME = "Fern and Ivy Garden Party";
    private static final String CLIENT = "fern@e2e.test";
    private static final List<String> PHOTOS = List.of(
            "IMG_0101.jpg", "IMG_0102.jpg", "IMG_0103.jpg", "IMG_0104.jpg", "IMG_0105.jpg", "IMG_0106.jpg",
            "Speeches/IMG_0201.jpg", "Speeches/IMG_0202.jpg", "Speeches/IMG_0203.jpg");
    private static final List<String> CHOSEN = List.of(
            "IMG_0101.jpg", "IMG_0103.jpg", "IMG_0104.jpg", "IMG_0106.jpg", "Speeches/IMG_0202.jpg");

    @Test
    void a_client_hearts_five_photos_downloads_exactly_those_and_the_photographer_sees_and_copies_their_names() throws Exception {
        for (int i = 0; i < PHOTOS.size(); i++) portal.putPhoto(ALBUM_ID, PHOTOS.get(i), SmallPhotos.jpeg(300 + i));
        portal.registerAlbum(ALBUM_ID, ALBUM_NAME);
        portal.createClient(CLIENT, "Fern");
        portal.grant(ALBUM_ID, CLIENT);
        portal.awaitPreviews(ALBUM_ID, PHOTOS.size(), Duration.ofSeconds(120));

        signIn(page, CLIENT);
        page.navigate(portal.url("/album/?id=" + ALBUM_ID).toString());
        assertThat(heading(page, ALBUM_NAME)).isVisible();
        assertThat(page.locator("#favourites-bar")).isVisible();
        assertThat(page.locator("#favourites-count")).hasText("0");
        assertThat(page.locator("#submit-selection")).isDisabled();
        assertThat(page.locator("#download-favourites")).isHidden(); // nothing to download yet

        for (String path : CHOSEN) {
            Locator heart = heart(page, path);
            assertThat(heart).hasAttribute("aria-label", "Add to favourites");
            heart.click();
            assertThat(heart).hasAttribute("aria-pressed", "true");
            assertThat(heart).hasAttribute("aria-label", "Remove from favourites");
        }
        // Each change's answer is the whole list: the count settles on the server's five.
        assertThat(page.locator("#favourites-count")).hasText("5");
        assertThat(page.locator("#selection-status")).hasText("5 favourites");
        saved(page);
        assertEquals(new TreeSet<>(CHOSEN), favouritesByApi(), "the server keeps the five");
        shoot(page, "favourites-gallery", false);

        // Unhearted in the viewer and hearted again there: the viewer's heart is the tile's.
        button(page, "Open IMG_0102.jpg (2 of " + PHOTOS.size() + ")").click();
        Locator viewerHeart = page.locator("#viewer-heart");
        assertThat(viewerHeart).hasAttribute("aria-pressed", "false");
        page.keyboard().press("ArrowLeft");
        assertThat(page.locator("#viewer-status")).hasText("1 of " + PHOTOS.size());
        assertThat(viewerHeart).hasAttribute("aria-pressed", "true");
        viewerHeart.click();
        assertThat(viewerHeart).hasAttribute("aria-pressed", "false");
        assertThat(page.locator("#favourites-count")).hasText("4");
        viewerHeart.click();
        assertThat(viewerHeart).hasAttribute("aria-pressed", "true");
        assertThat(page.locator("#favourites-count")).hasText("5");
        page.keyboard().press("Escape");
        assertThat(heart(page, "IMG_0101.jpg")).hasAttribute("aria-pressed", "true");

        // A reload: the same five, and the filter shows only them (the sub-folder's section too).
        saved(page);
        page.reload();
        assertThat(page.locator("#favourites-count")).hasText("5");
        for (String path : PHOTOS) {
            assertThat(heart(page, path)).hasAttribute("aria-pressed", String.valueOf(CHOSEN.contains(path)));
        }
        Locator filter = page.locator("#filter-favourites");
        filter.click();
        assertThat(filter).hasAttribute("aria-pressed", "true");
        assertThat(page.locator(".tile:visible")).hasCount(CHOSEN.size());
        for (String path : CHOSEN) assertThat(page.locator(".tile[data-path='" + path + "']")).isVisible();
        assertThat(page.locator(".tile[data-path='IMG_0102.jpg']")).isHidden();
        shoot(page, "favourites-filter", false);
        filter.click();
        assertThat(page.locator(".tile:visible")).hasCount(PHOTOS.size());

        // Download favourites: exactly the five, under their folders, as S3 holds them.
        Download download = page.waitForDownload(new Page.WaitForDownloadOptions().setTimeout(120_000),
                () -> page.locator("#download-favourites").click());
        assertNull(download.failure());
        assertEquals(ALBUM_NAME + " - Favourites.zip", download.suggestedFilename());
        Path zip = E2e.out().resolve("downloads/" + ALBUM_NAME + " - Favourites.zip");
        Files.createDirectories(zip.getParent());
        download.saveAs(zip);
        Map<String, byte[]> expected = new TreeMap<>();
        for (String path : CHOSEN) expected.put(path, portal.bytes(S3Keys.photoKey(ALBUM_ID, path)));
        ZipReaders.assertEveryReaderFinds(zip, expected);

        // The photographer's studio: the client's five, and their file names to paste elsewhere.
        Page studio = newPage(DESKTOP_WIDTH, DESKTOP_HEIGHT);
        studio.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
        signIn(studio, DemoAlbum.ADMIN_EMAIL);
        studio.navigate(portal.url("/studio/").toString());
        button(studio, "Manage " + ALBUM_NAME).click();
        Locator person = studio.locator("#favourites-panel .person-favourites[data-person-id='client:" + CLIENT + "']");
        assertThat(person).isVisible();
        assertThat(person.locator(".favourite-count")).containsText("5");
        Locator thumbs = person.locator("img.favourite-thumb");
        assertThat(thumbs).hasCount(CHOSEN.size());
        TreeSet<String> alts = new TreeSet<>();
        for (int i = 0; i < CHOSEN.size(); i++) alts.add(thumbs.nth(i).getAttribute("alt"));
        assertEquals(new TreeSet<>(CHOSEN), alts, "a thumbnail of each favourite, named by its path");

        List<String> names = CHOSEN.stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).sorted().toList();
        Locator copied = person.locator("textarea.copied-names");
        person.locator("button.copy-names[data-format='plain']").click();
        assertThat(copied).hasValue(Pattern.compile("IMG_0202\\.jpg"));
        assertEquals(names, Arrays.stream(copied.inputValue().split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).sorted().toList(),
                "plain: one file name per line, the five");
        String plain = copied.inputValue();
        person.locator("button.copy-names[data-format='lightroom']").click();
        assertThat(copied).not().hasValue(plain);
        String lightroom = copied.inputValue();
        for (String name : names) {
            String stem = name.substring(0, name.lastIndexOf('.'));
            assertTrue(lightroom.contains(stem), "the Lightroom filter text names " + stem + ": " + lightroom);
        }
        for (String other : List.of("IMG_0102", "IMG_0105", "IMG_0201", "IMG_0203")) {
            assertFalse(lightroom.contains(other), "and no other photo (" + other + "): " + lightroom);
        }
        shoot(studio, "favourites-studio", true);
    }

    /** The heart on a photo's tile. */
    static Locator heart(Page p, String path) {
        return p.locator("button.heart[data-path='" + path + "']");
    }

    /**
     * Waits until the server has every heart the page shows: hearts show at once, the request
     * follows. Before a reload or a read through the API, or that read may come first.
     */
    static void saved(Page p) {
        assertThat(p.locator("#favourites-bar")).hasAttribute("aria-busy", "false");
    }

    private static TreeSet<String> favouritesByApi() throws Exception {
        var answer = portal.call("GET", "/albums/" + ALBUM_ID + "/favourites", portal.token(CLIENT));
        assertEquals(200, answer.status(), answer.body().toString());
        TreeSet<String> paths = new TreeSet<>();
        answer.body().path("paths").forEach(p -> paths.add(p.asText()));
        assertEquals(paths.size(), answer.body().path("count").asInt(), answer.body().toString());
        return paths;
    }
}

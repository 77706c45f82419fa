package com.clientalbums.e2e;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.local.demo.DemoAlbum;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client and the demo album ("Demo Wedding", 60 photos in Ceremony/ and Reception/). */
class DemoAlbumTest extends BrowserTest {
    private static final Pattern PREPARING = Pattern.compile("Preparing… (\\d+) of 60 photos");

    @Test
    void a_client_signs_in_opens_the_demo_album_sees_its_thumbnails_and_pages_through_the_previews_with_the_keys() {
        signIn(page, DemoAlbum.CLIENT_EMAIL);
        assertThat(page).hasURL(Pattern.compile(".*/albums/$"));
        Locator card = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Demo Wedding")));
        assertThat(card).containsText("60 photos");
        assertThat(card.locator("img.is-loaded")).hasCount(1); // the cover
        shoot(page, "albums", false);

        card.click();
        assertThat(page).hasURL(Pattern.compile(".*/album/\\?id=demo$"));
        assertThat(heading(page, "Demo Wedding")).isVisible();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(Pattern.compile("^Ceremony")))).containsText("30 photos");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(Pattern.compile("^Reception")))).containsText("30 photos");
        Locator first = button(page, "Open IMG_0001.jpg (1 of 60)");
        assertThat(first.locator("img")).hasClass(Pattern.compile("is-loaded"));
        assertThat(page.locator(".tile img.is-loaded").first()).isVisible();
        Number width = (Number) first.locator("img").evaluate("img => img.naturalWidth");
        assertTrue(width.intValue() > 0, "the first thumbnail decoded");
        shoot(page, "gallery", false);

        first.click();
        Locator viewer = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Photo viewer"));
        assertThat(viewer).isVisible();
        Locator status = viewer.locator("#viewer-status");
        Locator image = viewer.locator("#viewer-img");
        assertThat(status).hasText("1 of 60");
        assertThat(viewer).containsText("Ceremony / IMG_0001.jpg");
        assertThat(image).hasAttribute("src", Pattern.compile("/previews/demo/preview/Ceremony/IMG_0001\\.jpg\\.jpg"));
        page.waitForFunction("() => { const i = document.getElementById('viewer-img'); return i.complete && i.naturalWidth > 0; }");
        assertThat(button(page, "Previous photo")).isDisabled();

        page.keyboard().press("ArrowRight");
        assertThat(status).hasText("2 of 60");
        assertThat(viewer).containsText("Ceremony / IMG_0002.jpg");
        page.keyboard().press("ArrowRight");
        assertThat(status).hasText("3 of 60");
        page.keyboard().press("ArrowLeft");
        assertThat(status).hasText("2 of 60");
        assertThat(image).hasAttribute("alt", "IMG_0002.jpg");
        button(page, "Next photo").click();
        assertThat(status).hasText("3 of 60");
        page.waitForFunction("() => { const i = document.getElementById('viewer-img'); return i.complete && i.naturalWidth > 0; }");
        shoot(page, "viewer", false);

        page.keyboard().press("Escape");
        assertThat(viewer).isHidden();
        assertThat(button(page, "Open IMG_0003.jpg (3 of 60)")).isVisible();
    }

    @Test
    void a_client_who_presses_Download_All_while_the_archive_is_being_built_watches_its_progress_and_receives_a_zip_named_after_the_album()
            throws Exception {
        // The photographer has just asked for a rebuild, and the build is held at its first photo
        // until this test has seen the page waiting: "still building" is a fact, not a race.
        portal.builds.hold(DemoAlbum.ALBUM_ID);
        try {
            portal.forceRebuild(DemoAlbum.ALBUM_ID);
            signIn(page, DemoAlbum.CLIENT_EMAIL);
            page.navigate(portal.url("/album/?id=demo").toString());
            Locator downloadAll = button(page, "Download All");
            assertThat(downloadAll).isEnabled();
            downloadAll.click();

            Locator progressText = page.getByText(PREPARING);
            Locator bar = page.getByRole(AriaRole.PROGRESSBAR, new Page.GetByRoleOptions().setName("Archive progress"));
            assertThat(progressText).hasText("Preparing… 0 of 60 photos");
            assertThat(bar).isVisible();
            assertThat(downloadAll).isDisabled();
            String state = portal.archive(DemoAlbum.ALBUM_ID).path("status").asText();
            assertTrue(List.of("pending", "generating").contains(state), "the archive is still being built: " + state);
            shoot(page, "progress", false);

            // Let the build go, slowly enough to watch (8 photos at a time, 1.2 s each: about 9 s), and
            // reload the page on the way: the wait survives it and the download still starts by itself.
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            Download download = page.waitForDownload(new Page.WaitForDownloadOptions().setTimeout(120_000), () -> {
                portal.builds.release(DemoAlbum.ALBUM_ID, Duration.ofMillis(1200));
                page.reload();
                assertThat(heading(page, "Demo Wedding")).isVisible();
                Locator moving = page.getByText(Pattern.compile("Preparing… ([1-9]|[1-5][0-9]) of 60 photos"));
                assertThat(moving).isVisible();
                seen.add(moving.textContent());
                double value = ((Number) bar.evaluate("b => b.value / b.max")).doubleValue();
                assertTrue(value > 0 && value < 1, "the bar moved part of the way: " + value);
                assertThat(page.locator("#download-eta")).hasText(Pattern.compile("^about .+ left$"));
                shoot(page, "progress-moving", false);
                // And on: the page keeps polling, so the count grows (or the download starts).
                int shown = Integer.parseInt(seen.getFirst().replaceAll("\\D+", " ").trim().split(" ")[0]);
                seen.add(String.valueOf(page.waitForFunction("""
                        n => {
                          if (document.getElementById('download-progress').hidden) return '(download started)';
                          const text = document.getElementById('download-text').textContent;
                          const m = /Preparing… (\\d+) of/.exec(text);
                          return m && Number(m[1]) > n ? text : false;
                        }""", shown).jsonValue()));
            });
            System.out.println("[e2e] Download All: the page showed " + seen + " before the download started");

            assertEquals("Demo Wedding.zip", download.suggestedFilename());
            assertNull(download.failure());
            Path zip = E2e.out().resolve("downloads/Demo Wedding.zip");
            Files.createDirectories(zip.getParent());
            download.saveAs(zip);
            assertThat(page.getByText("Your download has started")).isVisible();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Download All \\(.+ MB\\)$"))))
                    .isVisible();

            assertZipHoldsTheAlbum(zip, DemoAlbum.ALBUM_ID);
        } finally {
            portal.builds.clear(DemoAlbum.ALBUM_ID);
        }
    }

    /** Every photo in S3 is in the ZIP under its album path, byte for byte, and nothing else is. */
    static void assertZipHoldsTheAlbum(Path zip, String albumId) throws IOException {
        Map<String, S3Object> photos = new TreeMap<>();
        for (S3Object o : portal.photos(albumId)) photos.put(S3Keys.relativePath(albumId, o.key()), o);
        Map<String, Long> inZip = new TreeMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(file.entries())) {
                if (e.isDirectory()) continue;
                inZip.put(e.getName(), e.getSize());
                S3Object photo = photos.get(e.getName());
                if (photo == null) continue; // reported below with the whole listing
                try (var in = file.getInputStream(e)) {
                    assertArrayEquals(portal.bytes(photo.key()), in.readAllBytes(), e.getName());
                }
            }
        }
        Map<String, Long> expected = new TreeMap<>();
        photos.forEach((path, o) -> expected.put(path, o.size()));
        assertEquals(expected, inZip, "the ZIP's entries and sizes are the album's photos");
    }
}

package com.clientalbums.e2e;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.local.demo.DemoAlbum;
import com.clientalbums.local.demo.DemoPhotos;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The photographer runs an album from the studio, and the client it is for sees it. */
class StudioTest extends BrowserTest {
    private static final String ALBUM_ID = "garden-party";
    private static final String ALBUM_NAME = "Garden Party";
    private static final String CLIENT = "grace@e2e.test";

    @Test
    void the_photographer_registers_an_album_uploads_a_folder_of_20_photos_creates_a_client_and_grants_the_album_and_that_client_sees_it()
            throws Exception {
        Path folder = photoFolder();

        signIn(page, DemoAlbum.ADMIN_EMAIL);
        assertThat(page).hasURL(Pattern.compile(".*/studio/$"));
        assertThat(heading(page, "Studio")).isVisible();

        page.getByLabel("Album name", new Page.GetByLabelOptions().setExact(true)).fill(ALBUM_NAME);
        page.getByLabel("Album ID", new Page.GetByLabelOptions().setExact(true)).fill(ALBUM_ID);
        button(page, "Register album").click();
        assertThat(page.getByText("Album “Garden Party” registered.")).isVisible();
        assertThat(page.locator("#detail-heading")).hasText(ALBUM_NAME);
        // Registered before its photos, as the studio suggests: waiting, not failed.
        Locator row = page.locator("#albums-body tr[data-album-id='" + ALBUM_ID + "']");
        assertThat(row.locator(".state")).hasText("waiting for photos");

        // A name longer than the album can take is refused before anything is sent, named with the limit.
        Path longName = E2e.out().resolve("upload/long-name/" + "x".repeat(197) + ".jpg");
        Files.createDirectories(longName.getParent());
        Files.write(longName, DemoPhotos.jpeg(99, "long name"));
        page.locator("#pick-files").setInputFiles(new Path[]{folder.resolve("Ceremony/DSC_0101.jpg"), longName});
        assertThat(page.locator("#upload-message")).containsText("Cannot upload " + longName.getFileName());
        assertThat(page.locator("#upload-message")).containsText("at most 200 bytes");
        assertThat(page.locator("#upload-message")).containsText("Nothing was uploaded.");
        assertEquals(0, portal.photos(ALBUM_ID).size());

        // "Choose folder": the whole folder, sub-folders and a Finder/Windows leftover included.
        page.locator("#pick-folder").setInputFiles(folder);
        assertThat(page.getByText("All 20 files uploaded.")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        assertThat(page.locator("#upload-total")).hasText(Pattern.compile("^Uploaded 20 of 20 files"));
        assertThat(page.getByRole(AriaRole.PROGRESSBAR, new Page.GetByRoleOptions().setName("Total upload progress"))).isVisible();
        assertUploaded(folder);

        page.getByLabel("Client email", new Page.GetByLabelOptions().setExact(true)).fill(CLIENT);
        page.getByLabel("Client name", new Page.GetByLabelOptions().setExact(true)).fill("Grace Park");
        button(page, "Create client").click();
        assertThat(page.getByText("Client " + CLIENT + " created.")).isVisible();

        page.getByLabel("Email of the client to grant", new Page.GetByLabelOptions().setExact(true)).fill(CLIENT);
        button(page, "Grant access").click();
        assertThat(page.getByText(CLIENT + " can now see “Garden Party”.")).isVisible();
        assertThat(button(page, "Revoke access for " + CLIENT)).isVisible();

        // The archive builds by itself once the photos have settled; the studio follows it.
        assertThat(row.locator(".state")).hasText("ready", new LocatorAssertions.HasTextOptions().setTimeout(90_000));
        assertThat(row).containsText("20");
        portal.awaitPreviews(ALBUM_ID, 20, Duration.ofSeconds(60));
        shoot(page, "studio", true);

        Page grace = newPage(DESKTOP_WIDTH, DESKTOP_HEIGHT);
        signIn(grace, CLIENT);
        assertThat(grace).hasURL(Pattern.compile(".*/albums/$"));
        Locator cards = grace.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Albums")).getByRole(AriaRole.LINK);
        assertThat(cards).hasCount(1); // hers only, not the demo client's
        assertThat(cards).containsText(ALBUM_NAME);
        assertThat(cards).containsText("20 photos");
        cards.click();
        assertThat(heading(grace, ALBUM_NAME)).isVisible();
        for (String section : new String[]{"Ceremony", "Reception", "Reception / Dance"}) {
            assertThat(grace.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(section).setExact(true))).isVisible();
        }
        assertThat(grace.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Open .+ \\(\\d+ of 20\\)$"))))
                .hasCount(20);
        assertThat(grace.locator(".tile img.is-loaded").first()).isVisible();
        assertThat(grace.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Download All")))).isVisible();
    }

    /**
     * garden-party/ with 8 photos in Ceremony/, 8 in Reception/ and 4 in Reception/Dance/, plus
     * a .DS_Store and a Thumbs.db that must be left out.
     */
    private static Path photoFolder() throws Exception {
        Path root = E2e.out().resolve("upload/" + ALBUM_ID);
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        for (int i = 1; i <= 20; i++) {
            String folder = i <= 8 ? "Ceremony" : i <= 16 ? "Reception" : "Reception/Dance";
            Path file = root.resolve(folder).resolve(String.format("DSC_%04d.jpg", 100 + i));
            Files.createDirectories(file.getParent());
            Files.write(file, DemoPhotos.jpeg(100 + i, ALBUM_NAME + " - " + folder + " - " + i));
        }
        Files.writeString(root.resolve(".DS_Store"), "finder");
        Files.writeString(root.resolve("Reception/Thumbs.db"), "windows");
        return root;
    }

    /** S3 holds exactly the 20 photos, under their paths inside the folder, byte for byte. */
    private static void assertUploaded(Path folder) throws Exception {
        Map<String, S3Object> inS3 = new TreeMap<>();
        for (S3Object o : portal.photos(ALBUM_ID)) inS3.put(S3Keys.relativePath(ALBUM_ID, o.key()), o);
        Map<String, Path> local = new TreeMap<>();
        try (var files = Files.walk(folder)) {
            files.filter(p -> p.toString().endsWith(".jpg")).forEach(p -> local.put(folder.relativize(p).toString(), p));
        }
        assertEquals(local.keySet(), inS3.keySet());
        for (var e : local.entrySet()) {
            assertArrayEquals(Files.readAllBytes(e.getValue()), portal.bytes(inS3.get(e.getKey()).key()), e.getKey());
        }
    }
}

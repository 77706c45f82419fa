package com.clientalbums.e2e;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.local.demo.DemoAlbum;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * The demo album on a runner of its own started as {@code ZIP_SPLIT_SIZE_MB=5 scripts/run-local.sh
 * --demo} is: its 20 MiB of photos come in five parts or more. A client opens it, sees the list of
 * parts with their sizes, downloads part 2 and gets a ZIP of its own holding its photos byte for
 * byte; all the parts together hold the album, each photo once.
 */
class ArchiveInPartsTest extends BrowserTest {
    static Portal inParts;

    @BeforeAll
    static void startARunnerThatCutsArchivesAt5MiB() throws Exception {
        inParts = Portal.start("runner-data-parts", Map.of("ZIP_SPLIT_SIZE_MB", "5"));
    }

    @AfterAll
    static void stopIt() {
        if (inParts != null) inParts.close();
    }

    @Test
    void a_client_opens_an_album_built_in_parts_sees_the_list_with_sizes_and_downloads_part_2_a_valid_zip_of_its_photos()
            throws Exception {
        JsonNode answer = inParts.api("GET", "/albums/" + DemoAlbum.ALBUM_ID + "/download", inParts.token(DemoAlbum.CLIENT_EMAIL), null);
        JsonNode parts = answer.path("parts");
        int count = parts.size();
        assertTrue(count >= 3, "20 MiB cut at 5 MiB: " + answer);

        signIn(page, inParts, DemoAlbum.CLIENT_EMAIL);
        page.navigate(inParts.url("/album/?id=" + DemoAlbum.ALBUM_ID).toString());
        button(page, "Download All").click();

        assertThat(page.getByText("This album comes in " + count + " parts. Download each one:")).isVisible();
        Locator listed = page.locator("#download-parts li");
        assertThat(listed).hasCount(count);
        for (int i = 0; i < count; i++) {
            String name = "Demo Wedding (part " + (i + 1) + " of " + count + ").zip";
            assertEquals(name, parts.get(i).path("name").asText());
            Locator item = listed.nth(i);
            assertThat(item).containsText(name);
            // The size as people read it, and the photos it holds.
            long photos = parts.get(i).path("file_count").asLong();
            assertThat(item).containsText(Pattern.compile("\\d+(\\.\\d)? [KM]B · " + photos + " photos?$"));
        }
        shoot(page, "download-parts", false);

        String second = "Demo Wedding (part 2 of " + count + ").zip";
        Download download = page.waitForDownload(() ->
                listed.nth(1).getByRole(AriaRole.BUTTON).click());
        assertEquals(second, download.suggestedFilename());
        assertNull(download.failure());
        Path zip = E2e.out().resolve("downloads/" + second);
        Files.createDirectories(zip.getParent());
        download.saveAs(zip);

        Map<String, S3Object> photos = new TreeMap<>();
        for (S3Object o : inParts.photos(DemoAlbum.ALBUM_ID)) photos.put(S3Keys.relativePath(DemoAlbum.ALBUM_ID, o.key()), o);
        List<String> inSecond = entriesMatchingS3(zip, photos);
        assertEquals(parts.get(1).path("file_count").asLong(), inSecond.size(), "part 2 holds the photos its answer counts");
        assertTrue(!inSecond.isEmpty());

        // Every part, fetched through its own link: together they are the album, each photo once.
        List<String> all = new ArrayList<>();
        JsonNode fresh = inParts.api("GET", "/albums/" + DemoAlbum.ALBUM_ID + "/download", inParts.token(DemoAlbum.CLIENT_EMAIL), null);
        for (int i = 0; i < count; i++) {
            Path file = E2e.out().resolve("downloads/parts-" + (i + 1) + ".zip");
            fetch(fresh.path("parts").get(i).path("download_url").asText(), file);
            all.addAll(entriesMatchingS3(file, photos));
        }
        Collections.sort(all);
        assertEquals(new ArrayList<>(photos.keySet()), all, "the parts hold every photo exactly once");
    }

    /** The ZIP opens, and each of its entries is a photo of the album under its path, byte for byte; returns their paths. */
    private static List<String> entriesMatchingS3(Path zip, Map<String, S3Object> photos) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(file.entries())) {
                if (e.isDirectory()) continue;
                S3Object photo = photos.get(e.getName());
                assertTrue(photo != null, zip.getFileName() + " holds " + e.getName() + ", which is not a photo of the album");
                try (var in = file.getInputStream(e)) {
                    assertArrayEquals(inParts.bytes(photo.key()), in.readAllBytes(), e.getName());
                }
                names.add(e.getName());
            }
        }
        return names;
    }

    private static void fetch(String url, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofFile(to));
            assertEquals(200, response.statusCode(), url);
        }
    }
}

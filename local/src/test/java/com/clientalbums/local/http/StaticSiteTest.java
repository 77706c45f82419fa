package com.clientalbums.local.http;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StaticSiteTest {
    @TempDir Path root;

    @Test
    void folder_paths_answer_their_index_page_as_cloudfronts_function_does() throws Exception {
        Files.createDirectories(root.resolve("albums"));
        Files.writeString(root.resolve("index.html"), "home");
        Files.writeString(root.resolve("albums/index.html"), "albums");
        Files.writeString(root.resolve("favicon.svg"), "<svg/>");
        StaticSite site = new StaticSite(root);
        assertEquals(root.resolve("index.html"), site.resolve("/").orElseThrow());
        assertEquals(root.resolve("albums/index.html"), site.resolve("/albums").orElseThrow());
        assertEquals(root.resolve("albums/index.html"), site.resolve("/albums/").orElseThrow());
        assertEquals(root.resolve("favicon.svg"), site.resolve("/favicon.svg").orElseThrow());
        assertEquals("image/svg+xml", StaticSite.contentType(root.resolve("favicon.svg")));
    }

    @Test
    void nothing_outside_the_site_folder_is_ever_served() throws Exception {
        Files.writeString(root.getParent().resolve("secret.txt"), "no");
        StaticSite site = new StaticSite(root);
        assertTrue(site.resolve("/../secret.txt").isEmpty());
        assertTrue(site.resolve("/a/../../secret.txt").isEmpty());
        assertTrue(site.resolve("/./index.html").isEmpty());
        assertTrue(site.resolve("relative").isEmpty());
    }
}

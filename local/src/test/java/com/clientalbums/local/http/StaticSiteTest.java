package com.clientalbums.local.http;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    void every_share_link_answers_the_one_guest_page_as_cloudfronts_function_does() throws Exception {
        Files.createDirectories(root.resolve("s"));
        Files.writeString(root.resolve("index.html"), "home");
        Files.writeString(root.resolve("s/index.html"), "guest page");
        StaticSite site = new StaticSite(root);
        // Tokens are 43 base64url characters, "-" and "_" included.
        String token = "q3Zx-9_aB0cDeFgHiJkLmNoPqRsTuVwXyZ012345678";
        for (String path : new String[] {"/s/" + token, "/s/" + token + "/", "/s/", "/s/index.html", "/s/../../etc/passwd"}) {
            assertEquals(root.resolve("s/index.html"), site.resolve(path).orElseThrow(), path);
        }
        assertTrue(site.resolve("/sample").isEmpty(), "only /s/ holds share links");
    }

    @Test
    void a_share_link_is_served_its_page_with_200_not_the_not_found_page() throws Exception {
        Files.createDirectories(root.resolve("s"));
        Files.writeString(root.resolve("404.html"), "not found");
        Files.writeString(root.resolve("s/index.html"), "guest page");
        try (HttpFront front = HttpFront.bind(0); HttpClient http = HttpClient.newHttpClient()) {
            front.route("/", new StaticSite(root));
            front.start();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + front.port() + "/s/q3Zx-9_aB0cDeFgHiJkLmNoPqRsTuVwXyZ012345678")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("guest page", response.body());
            assertEquals("text/html; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
        }
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

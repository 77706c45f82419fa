package com.clientalbums.e2e;

import com.clientalbums.local.demo.DemoAlbum;
import com.microsoft.playwright.Locator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A gallery left open longer than its links live. The links really expire: a runner of its own
 * whose PRESIGNED_URL_EXPIRY is a few seconds, with the loopback S3 refusing them afterwards;
 * the page asks for the album once and shows its images with the new links
 * (frontend/src/lib/fresh-links.ts).
 */
class ExpiredLinksTest extends BrowserTest {
    /** Long enough for the page and its first thumbnails to load on a busy machine. */
    static final int LIFE_SECONDS = 10;
    /** The page does not ask for the album again within 15 s of the last time (fresh-links.ts). */
    static final int PAGE_MIN_AGE_SECONDS = 15;

    static Portal shortLinks;

    @BeforeAll
    static void startARunnerWhoseLinksLiveSeconds() throws Exception {
        shortLinks = Portal.start("runner-data-short-links", Map.of("PRESIGNED_URL_EXPIRY", "" + LIFE_SECONDS));
    }

    @AfterAll
    static void stopIt() {
        if (shortLinks != null) shortLinks.close();
    }

    @Test
    void a_gallery_open_longer_than_its_links_live_asks_for_the_album_once_and_shows_its_images_with_new_links() throws Exception {
        // The expired links' 403s, which Chromium logs as console errors, are what this test is about.
        console.expectRefusals();
        List<String> listings = Collections.synchronizedList(new ArrayList<>());
        page.onRequest(r -> {
            if ("GET".equals(r.method()) && r.url().endsWith("/api/albums/" + DemoAlbum.ALBUM_ID)) listings.add(r.url());
        });
        signIn(page, shortLinks, DemoAlbum.CLIENT_EMAIL);
        page.navigate(shortLinks.url("/album/?id=" + DemoAlbum.ALBUM_ID).toString());
        Locator first = button(page, "Open IMG_0001.jpg (1 of 60)");
        assertThat(first.locator("img")).hasClass(Pattern.compile("is-loaded"));
        Locator last = page.locator(".tile").last();
        assertNull(last.locator("img").getAttribute("src"), "the last thumbnail waits until it is scrolled to");
        String firstThumbnail = first.locator("img").getAttribute("src");
        assertEquals(1, listings.size());

        page.waitForTimeout((Math.max(LIFE_SECONDS, PAGE_MIN_AGE_SECONDS) + 2) * 1000.0);
        assertEquals(403, status(firstThumbnail), "the links the page was given have expired");

        first.click();
        page.waitForFunction("() => { const i = document.getElementById('viewer-img'); return i.complete && i.naturalWidth > 0; }");
        assertEquals(2, listings.size(), "the expired preview made the page ask for the album once");
        page.keyboard().press("Escape");

        // Thumbnails not shown before start with the renewed links, without asking again.
        last.scrollIntoViewIfNeeded();
        assertThat(last.locator("img")).hasClass(Pattern.compile("is-loaded"));
        assertEquals(2, listings.size(), "no further request for the album: " + listings);
    }

    private static int status(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}

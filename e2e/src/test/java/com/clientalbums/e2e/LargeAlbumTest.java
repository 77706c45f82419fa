package com.clientalbums.e2e;

import com.clientalbums.local.demo.DemoAlbum;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 1,000-photo album: its page shows the first thumbnails quickly and fetches only the
 * thumbnails near the screen. Prints the figures; asserts the fetch budget (≤ 60 before
 * scrolling, as the issue asks) and only a generous ceiling on time.
 */
class LargeAlbumTest extends BrowserTest {
    private static final String ALBUM_ID = "big-day";
    private static final int PHOTOS = 1000;
    private static final int FETCH_BUDGET = 60;

    /**
     * 1,000 small JPEGs in four folders, put straight into S3 as {@code upload-album.sh} would;
     * S3's events make the generator produce each photo's previews, as in production. The
     * album is registered and granted, and the test waits for previews and archive, so the
     * page is measured on a quiet machine, as a client finds the album the next day.
     */
    @BeforeAll
    static void aThousandPhotoAlbum() throws Exception {
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 1; i <= PHOTOS; i++) {
                int n = i;
                String folder = "Part " + ((n - 1) / 250 + 1);
                puts.add(pool.submit(() -> portal.putPhoto(ALBUM_ID, folder + "/IMG_" + String.format("%04d", n) + ".jpg", SmallPhotos.jpeg(n))));
            }
            for (Future<?> f : puts) f.get();
        }
        long uploaded = System.nanoTime();
        portal.registerAlbum(ALBUM_ID, "Big Day");
        portal.grant(ALBUM_ID, DemoAlbum.CLIENT_EMAIL);
        portal.awaitPreviews(ALBUM_ID, PHOTOS, Duration.ofSeconds(150));
        long previews = System.nanoTime();
        portal.awaitArchiveReady(ALBUM_ID, Duration.ofSeconds(90));
        System.out.printf("[e2e] 1,000-photo album: uploaded in %.1f s, previews made in %.1f s more, archive ready %.1f s later%n",
                (uploaded - t0) / 1e9, (previews - uploaded) / 1e9, (System.nanoTime() - previews) / 1e9);
    }

    @Test
    void a_1000_photo_album_shows_its_first_thumbnails_quickly_and_fetches_only_those_near_the_screen() {
        measure(page, "1280 px", true);
        measure(newPage(PHONE_WIDTH, PHONE_HEIGHT), "390 px", false);
    }

    private void measure(Page p, String width, boolean scrollAfter) {
        signIn(p, DemoAlbum.CLIENT_EMAIL);
        Set<String> thumbnails = ConcurrentHashMap.newKeySet();
        p.onRequest((Request r) -> {
            if (r.resourceType().equals("image") && r.url().contains("/previews/" + ALBUM_ID + "/thumb/")) thumbnails.add(r.url());
        });

        long start = System.nanoTime();
        p.navigate(portal.url("/album/?id=" + ALBUM_ID).toString());
        assertThat(p.locator(".tile img.is-loaded").first()).isVisible();
        double firstThumbnailMs = (System.nanoTime() - start) / 1e6;
        // The page's own clock: from navigation start to the first thumbnail's bytes.
        double pageMs = ((Number) p.evaluate("""
                () => Math.min(...performance.getEntriesByType('resource')
                        .filter(e => e.name.includes('/thumb/')).map(e => e.responseEnd))""")).doubleValue();
        double albumApiMs = ((Number) p.evaluate("""
                () => (performance.getEntriesByType('resource').find(e => /\\/api\\/albums\\/[^/]+$/.test(new URL(e.name).pathname)) || {responseEnd: NaN}).responseEnd""")).doubleValue();
        settle(p, thumbnails);
        int beforeScrolling = thumbnails.size();
        int tiles = p.locator(".tile").count();

        System.out.printf("[e2e] 1,000-photo album at %s: first thumbnail after %.0f ms (navigation to thumbnail bytes by the page's clock: %.0f ms; "
                        + "album API answered at %.0f ms); %d of %d thumbnails fetched before scrolling%n",
                width, firstThumbnailMs, pageMs, albumApiMs, beforeScrolling, tiles);
        assertTrue(tiles == PHOTOS, "every photo has its tile: " + tiles);
        assertTrue(beforeScrolling >= 1 && beforeScrolling <= FETCH_BUDGET,
                "thumbnails fetched before scrolling at " + width + ": " + beforeScrolling + " (budget " + FETCH_BUDGET + ")");
        // Not a benchmark: a ceiling far above the figure printed, so only a broken page fails it.
        assertTrue(firstThumbnailMs < 20_000, "first thumbnail after " + firstThumbnailMs + " ms");

        if (scrollAfter) {
            p.mouse().wheel(0, 3000);
            p.waitForFunction("n => document.querySelectorAll('.tile img.is-loaded').length > n", beforeScrolling);
            settle(p, thumbnails);
            System.out.printf("[e2e] after scrolling 3,000 px: %d thumbnails fetched%n", thumbnails.size());
            assertTrue(thumbnails.size() > beforeScrolling, "scrolling loads the next thumbnails");
            assertTrue(thumbnails.size() < PHOTOS / 2, "still not the whole album: " + thumbnails.size());
        }
    }

    /** Until no new thumbnail has been asked for during a second and every started image has finished. */
    private static void settle(Page p, Set<String> thumbnails) {
        int last = -1;
        long quietSince = System.nanoTime();
        while (true) {
            int now = thumbnails.size();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 1_000_000_000L) {
                break;
            }
            p.waitForTimeout(200);
        }
        imagesSettled(p);
    }
}

package com.clientalbums.e2e;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.previews.keys.PreviewKeys;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Save to Photos" on a 390 px phone. Where the browser can share files, the chosen photos go to
 * the share sheet (a stand-in for navigator.share that records what it is given) in batches of at
 * most ten, each file named and sized as the size served; where it cannot, each photo downloads
 * on its own. The desktop has no such button.
 */
class PhoneSaveTest extends BrowserTest {
    private static final String ALBUM_ID = "beach-day";
    private static final String ALBUM_NAME = "Beach Day";
    /** Web size only: the phone saves web-size renditions (a PNG as its .jpg). */
    private static final String WEB_CLIENT = "iris@e2e.test";
    /** Originals allowed: the phone saves the originals. */
    private static final String CLIENT = "jonas@e2e.test";
    private static final List<String> PHOTOS = new ArrayList<>();

    static {
        for (int i = 1; i <= 11; i++) PHOTOS.add(String.format("IMG_%04d.jpg", 500 + i));
        PHOTOS.add("Dunes/shell.png");
        PHOTOS.add("Dunes/IMG_0600.jpg");
    }

    /** Stands in for the Web Share API (level 2): files up to ten, each call recorded as names, sizes and types. */
    private static final String SHARE_STAND_IN = """
            window.__shared = [];
            Object.defineProperty(navigator, 'canShare', { configurable: true,
              value: (data) => !!data && Array.isArray(data.files) && data.files.length > 0 && data.files.length <= 10 });
            Object.defineProperty(navigator, 'share', { configurable: true,
              value: async (data) => {
                if (!navigator.canShare(data)) throw new TypeError('cannot share these');
                window.__shared.push(data.files.map((f) => ({ name: f.name, size: f.size, type: f.type })));
              } });
            """;
    /** A browser that shares text and links at most: no canShare, so no files. */
    private static final String NO_FILE_SHARING = """
            Object.defineProperty(navigator, 'canShare', { configurable: true, value: undefined });
            Object.defineProperty(navigator, 'share', { configurable: true, value: async () => { throw new TypeError('no files'); } });
            """;

    @BeforeAll
    static void putAlbum() throws Exception {
        for (int i = 0; i < PHOTOS.size(); i++) {
            String path = PHOTOS.get(i);
            byte[] jpeg = SmallPhotos.jpeg(500 + i);
            if (path.endsWith(".png")) {
                var png = new ByteArrayOutputStream();
                ImageIO.write(ImageIO.read(new ByteArrayInputStream(jpeg)), "png", png);
                portal.s3.putObject(b -> b.bucket(portal.bucket).key(S3Keys.photoKey(ALBUM_ID, path)).contentType("image/png"),
                        RequestBody.fromBytes(png.toByteArray()));
            } else {
                portal.putPhoto(ALBUM_ID, path, jpeg);
            }
        }
        portal.registerAlbum(ALBUM_ID, ALBUM_NAME);
        portal.createClient(WEB_CLIENT, "Iris");
        portal.grant(ALBUM_ID, WEB_CLIENT, "web");
        portal.createClient(CLIENT, "Jonas");
        portal.grant(ALBUM_ID, CLIENT, "both");
        portal.awaitPreviews(ALBUM_ID, PHOTOS.size(), Duration.ofSeconds(120));
        // The build makes (or remakes) every web-size rendition by the album's recipe before it is ready.
        portal.awaitArchiveReady(ALBUM_ID, Duration.ofSeconds(180));
    }

    @Test
    void a_phone_hands_the_chosen_photos_to_the_share_sheet_in_batches_of_ten_in_the_size_it_may_download() throws Exception {
        List<String> chosen = PHOTOS.subList(0, 12); // eleven JPEGs and the PNG: batches of 10 and 2
        portal.favour(ALBUM_ID, WEB_CLIENT, chosen);

        // The desktop keeps Download All.
        signIn(page, WEB_CLIENT);
        page.navigate(portal.url("/album/?id=" + ALBUM_ID).toString());
        assertThat(page.locator("#favourites-count")).hasText("12");
        assertThat(page.locator("#save-to-photos")).isHidden();

        Page phone = newPage(PHONE_WIDTH, PHONE_HEIGHT);
        phone.addInitScript(SHARE_STAND_IN);
        signIn(phone, WEB_CLIENT);
        phone.navigate(portal.url("/album/?id=" + ALBUM_ID).toString());
        Locator save = phone.locator("#save-to-photos");
        assertThat(save).hasText("Save 12 favourites to Photos");
        shoot(phone, "phone-save", false);
        save.click();
        List<String> batchButtons = tapEachBatch(phone);

        @SuppressWarnings("unchecked")
        List<List<Map<String, Object>>> shared = (List<List<Map<String, Object>>>) phone.evaluate("() => window.__shared");
        assertEquals(List.of(10, 2), shared.stream().map(List::size).toList(), "batches of at most ten, in order: " + shared);
        assertEquals("Save photos 11–12", batchButtons.getLast(), "the last batch is offered by its photos: " + batchButtons);
        Map<String, Long> expected = new TreeMap<>();
        for (String path : chosen) {
            var rendition = portal.s3.headObject(b -> b.bucket(portal.bucket).key(PreviewKeys.web(ALBUM_ID, path)));
            expected.put(fileName(PreviewKeys.webPath(path)), rendition.contentLength());
        }
        Map<String, Long> received = new TreeMap<>();
        for (var batch : shared) {
            for (var file : batch) {
                assertEquals("image/jpeg", file.get("type"), "a web-size file is a JPEG: " + file);
                assertNull(received.put((String) file.get("name"), ((Number) file.get("size")).longValue()), "each photo once: " + file);
            }
        }
        assertEquals(expected, received, "every chosen photo, named and sized as its web-size rendition in S3");
        assertThat(phone.locator("#save-text")).hasText("12 photos handed to your phone.");
    }

    @Test
    void a_phone_that_cannot_share_files_downloads_the_chosen_originals_one_by_one() throws Exception {
        List<String> chosen = List.of("IMG_0501.jpg", "IMG_0503.jpg", "Dunes/shell.png");
        portal.favour(ALBUM_ID, CLIENT, chosen);

        Page phone = newPage(PHONE_WIDTH, PHONE_HEIGHT);
        phone.addInitScript(NO_FILE_SHARING);
        signIn(phone, CLIENT);
        phone.navigate(portal.url("/album/?id=" + ALBUM_ID).toString());
        Locator save = phone.locator("#save-to-photos");
        assertThat(save).hasText("Save 3 favourites to Photos");
        List<Download> downloads = Collections.synchronizedList(new ArrayList<>());
        phone.onDownload(downloads::add);
        save.click();
        assertThat(phone.locator("#save-progress[data-state='done']")).isAttached();
        assertThat(phone.locator("#save-text")).hasText("3 photos downloaded. Your browser keeps them with its downloads.");
        phone.waitForCondition(() -> downloads.size() >= chosen.size(), new Page.WaitForConditionOptions().setTimeout(30_000));

        Map<String, Long> expected = new TreeMap<>();
        for (String path : chosen) expected.put(fileName(path), (long) portal.bytes(S3Keys.photoKey(ALBUM_ID, path)).length);
        Map<String, Long> received = new TreeMap<>();
        for (Download d : downloads) {
            assertNull(d.failure(), d.suggestedFilename());
            received.put(d.suggestedFilename(), d.path().toFile().length());
        }
        assertEquals(expected, received, "one download per chosen photo, each its original");
        assertTrue(phone.locator("#save-batch").isHidden(), "no share batches without file sharing");
    }

    /** Taps "Save photos N–M" for each batch the page offers until it says it is done; the labels tapped. */
    private static List<String> tapEachBatch(Page phone) {
        List<String> tapped = new ArrayList<>();
        Locator next = phone.locator("#save-batch");
        Locator done = phone.locator("#save-progress[data-state='done']");
        for (int guard = 0; guard < 10; guard++) {
            phone.locator("#save-batch:visible, #save-progress[data-state='done']").first().waitFor();
            if (done.count() > 0) return tapped;
            String label = next.textContent();
            tapped.add(label);
            next.click();
            // The tap is taken when the button hides or offers the next batch.
            phone.waitForFunction("l => { const b = document.getElementById('save-batch'); return b.hidden || b.textContent !== l; }", label);
        }
        throw new AssertionError("more batches than photos: " + tapped);
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}

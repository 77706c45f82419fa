package com.clientalbums.e2e;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.local.demo.DemoAlbum;
import com.clientalbums.local.demo.DemoPhotos;
import com.clientalbums.previews.job.WebRendition;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A share link from the studio to a guest without an account: PIN, web-size downloads only, a
 * text watermark; what the guest's ZIP holds, what the guest's session may not fetch by hand,
 * and the link turned off under the guest's feet.
 */
class ShareLinkTest extends BrowserTest {
    private static final String ALBUM_ID = "lakeside-picnic";
    private static final String ALBUM_NAME = "Lakeside Picnic";
    private static final String PIN = "4321";
    private static final String MARK = "© E2E STUDIO";
    /** Centre, 60 % of the width, opaque: the largest mark the studio allows, so it is found on any photo. */
    private static final int MARK_SIZE = 60;
    private static final int WEB_PX = 2048;

    /** The album: big landscape and portrait photos (scaled down), one smaller than web size (kept), a PNG (renamed .jpg). */
    private static final Map<String, int[]> PHOTOS = new LinkedHashMap<>();

    static {
        PHOTOS.put("Ceremony/IMG_0001.jpg", new int[]{3000, 2000});
        PHOTOS.put("Ceremony/IMG_0002.jpg", new int[]{2400, 3600});
        PHOTOS.put("Reception/IMG_0003.jpg", new int[]{1600, 1067});
        PHOTOS.put("Details/ring.png", new int[]{1200, 800});
    }

    @Test
    void a_guest_opens_a_share_link_with_its_PIN_downloads_watermarked_web_size_photos_only_and_is_refused_once_the_link_is_turned_off()
            throws Exception {
        Map<String, byte[]> originals = putAlbum();
        portal.registerAlbum(ALBUM_ID, ALBUM_NAME);
        portal.awaitPreviews(ALBUM_ID, PHOTOS.size(), Duration.ofSeconds(120));
        portal.awaitArchiveReady(ALBUM_ID, Duration.ofSeconds(120));

        // The photographer, in the studio: a text watermark, then a link with a PIN for web size only.
        signIn(page, DemoAlbum.ADMIN_EMAIL);
        page.navigate(portal.url("/studio/").toString());
        button(page, "Manage " + ALBUM_NAME).click();
        assertThat(page.locator("#detail-heading")).hasText(ALBUM_NAME);
        page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Text").setExact(true)).check();
        page.getByLabel("Watermark text").fill(MARK);
        page.getByLabel("Position").selectOption("center");
        page.locator("#watermark-size").fill(String.valueOf(MARK_SIZE));
        page.locator("#watermark-opacity").fill("100");
        assertThat(page.getByText("Changing the watermark rebuilds the web-size download once; originals are untouched.")).isVisible();
        button(page, "Save settings").click();
        assertThat(page.locator("#settings-message")).containsText("Saved.");
        // The watermark changed the web-size recipe: the album's one rebuild makes the renditions again.
        portal.awaitArchiveReady(ALBUM_ID, Duration.ofSeconds(180));

        page.getByLabel("Link label").fill("Guests");
        page.getByLabel("PIN (optional)").fill(PIN);
        page.getByLabel("Guests may download").selectOption("web");
        button(page, "Create link").click();
        assertThat(page.getByText("Copy this link now: you will not see this link again.")).isVisible();
        String link = page.getByLabel("New share link").inputValue();
        assertTrue(Pattern.matches(".*/s/[A-Za-z0-9_-]{43}$", link), link);
        Locator listed = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Share links")).getByRole(AriaRole.LISTITEM);
        assertThat(listed).hasCount(1);
        assertThat(listed).containsText("PIN · no expiry · Web size");
        assertThat(listed).containsText("Not opened yet");
        shoot(page, "share-studio", true);

        // A guest, in a browser of their own with no account: the PIN, a wrong one first.
        Page guest = newPage(DESKTOP_WIDTH, DESKTOP_HEIGHT);
        consoleOf(guest).expectRefusals(); // the API's 401s to the missing and the wrong PIN
        guest.navigate(link);
        assertThat(heading(guest, "Enter the PIN")).isVisible();
        Locator pin = guest.getByLabel("PIN", new Page.GetByLabelOptions().setExact(true));
        pin.fill("0000");
        button(guest, "Open gallery").click();
        assertThat(guest.locator("#pin-message")).hasText("That PIN is not right.");
        assertThat(heading(guest, "Enter the PIN")).isVisible();
        pin.fill(PIN);
        button(guest, "Open gallery").click();
        assertThat(heading(guest, ALBUM_NAME)).isVisible();
        assertThat(guest.locator(".tile")).hasCount(PHOTOS.size());
        assertThat(guest.locator("#download-sizes")).isHidden(); // one size allowed: no choice
        assertThat(guest.locator("#download-size-note")).containsText("Web size");
        shoot(guest, "share-gallery", false);

        Download download = guest.waitForDownload(new Page.WaitForDownloadOptions().setTimeout(120_000),
                () -> button(guest, "Download All").click());
        assertNull(download.failure());
        assertEquals(ALBUM_NAME + " (web size).zip", download.suggestedFilename());
        Path zip = E2e.out().resolve("downloads/" + ALBUM_NAME + " (web size).zip");
        Files.createDirectories(zip.getParent());
        download.saveAs(zip);
        assertWebSizeZip(zip, originals);

        // The guest's session by hand: no originals, neither the archive nor a single photo.
        String guestToken = (String) guest.evaluate("""
                () => {
                  const key = Object.keys(sessionStorage).find(k => k.startsWith('ca.guest.'));
                  return key ? JSON.parse(sessionStorage.getItem(key)).guest_token : null;
                }""");
        assertNotNull(guestToken, "the guest page keeps its session for the tab");
        String photo = "file_name=" + URLEncoder.encode("Ceremony/IMG_0001.jpg", StandardCharsets.UTF_8);
        for (String query : new String[]{"", "?size=original", "?" + photo, "?" + photo + "&size=original"}) {
            Portal.Answer refused = portal.call("GET", "/albums/" + ALBUM_ID + "/download" + query, guestToken);
            assertEquals(403, refused.status(), query + ": " + refused.body());
            assertEquals("FORBIDDEN", refused.code(), query + ": " + refused.body());
        }
        Portal.Answer web = portal.call("GET", "/albums/" + ALBUM_ID + "/download?" + photo + "&size=web", guestToken);
        assertEquals(200, web.status(), "the same session may fetch the web size: " + web.body());
        assertEquals(404, portal.call("GET", "/albums/" + DemoAlbum.ALBUM_ID, guestToken).status(), "and no other album");

        // The photographer turns the link off; the guest's next request is refused, and the page says so.
        button(page, "Turn off link Guests").click();
        button(page, "Confirm turning off Guests").click();
        assertThat(page.locator("#share-message")).containsText("is turned off");
        assertThat(listed).containsText("Turned off");
        Portal.Answer revoked = portal.call("GET", "/albums/" + ALBUM_ID, guestToken);
        assertEquals(410, revoked.status(), revoked.body().toString());
        assertEquals("LINK_REVOKED", revoked.code());
        guest.reload();
        assertThat(heading(guest, "This link has been turned off")).isVisible();
        assertThat(guest.locator(".tile")).hasCount(0);
        shoot(guest, "share-revoked", false);
    }

    /** The album's photos in S3: dark gradients (no white anywhere, so a white mark stands out), each with a GPS position. */
    private static Map<String, byte[]> putAlbum() throws IOException {
        Map<String, byte[]> originals = new TreeMap<>();
        int n = 0;
        for (var photo : PHOTOS.entrySet()) {
            BufferedImage image = darkPhoto(photo.getValue()[0], photo.getValue()[1], ++n);
            byte[] bytes;
            if (photo.getKey().endsWith(".png")) {
                var out = new ByteArrayOutputStream();
                ImageIO.write(image, "png", out);
                bytes = out.toByteArray();
            } else {
                bytes = GpsExif.withPosition(DemoPhotos.jpeg(image, 0.9f), 51.5007 + n / 100.0, -0.1246);
                assertTrue(GpsExif.hasPosition(bytes), "the test photo carries a GPS position");
            }
            String type = photo.getKey().endsWith(".png") ? "image/png" : "image/jpeg";
            portal.s3.putObject(b -> b.bucket(portal.bucket).key(S3Keys.photoKey(ALBUM_ID, photo.getKey())).contentType(type),
                    RequestBody.fromBytes(bytes));
            originals.put(photo.getKey(), bytes);
        }
        return originals;
    }

    private static BufferedImage darkPhoto(int w, int h, int number) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            float hue = (number * 0.21f) % 1f;
            g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.6f, 0.55f), w, h, Color.getHSBColor((hue + 0.15f) % 1f, 0.7f, 0.25f)));
            g.fillRect(0, 0, w, h);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * The web-size ZIP: the album's folders and names (a PNG as .jpg), every image at most 2,048 px
     * on its long edge (smaller ones as they were: never enlarged), no GPS position, and the
     * watermark where the shared placement rule puts it.
     */
    private static void assertWebSizeZip(Path zip, Map<String, byte[]> originals) throws IOException {
        Map<String, String> expected = new TreeMap<>();
        for (String path : originals.keySet()) expected.put(WebRendition.renditionPath(path), path);
        TreeSet<String> names = new TreeSet<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(file.entries())) {
                if (e.isDirectory()) continue;
                names.add(e.getName());
                String original = expected.get(e.getName());
                if (original == null) continue; // reported below with the whole listing
                byte[] web;
                try (var in = file.getInputStream(e)) {
                    web = in.readAllBytes();
                }
                assertFalse(GpsExif.hasPosition(web), e.getName() + " has no GPS position");
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(web));
                assertNotNull(image, e.getName() + " is an image");
                int[] size = PHOTOS.get(original);
                int longEdge = Math.max(image.getWidth(), image.getHeight());
                assertTrue(longEdge <= WEB_PX, e.getName() + " is at most " + WEB_PX + " px: " + image.getWidth() + "x" + image.getHeight());
                assertEquals(Math.min(WEB_PX, Math.max(size[0], size[1])), longEdge, e.getName() + ": scaled down to web size, never up");
                assertEquals(size[0] > size[1], image.getWidth() > image.getHeight(), e.getName() + " keeps its orientation");
                assertWatermarked(e.getName(), image, ImageIO.read(new ByteArrayInputStream(originals.get(original))));
            }
        }
        assertEquals(expected.keySet(), names, "the web-size ZIP holds the album's photos under their folders and web-size names");
    }

    /**
     * The mark is centred, {@link #MARK_SIZE} % of the width wide (the shared rule); its height
     * depends on the font, so the check looks at a band across its middle, as wide as the mark.
     * There the web image differs from the original (scaled the same) far more than it does
     * away from the mark, where only scaling and JPEG noise separate them.
     */
    private static void assertWatermarked(String name, BufferedImage web, BufferedImage original) {
        int w = web.getWidth(), h = web.getHeight();
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(original, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        int markW = (int) Math.floor(w * MARK_SIZE / 100.0 + 0.5);
        int x0 = (w - markW) / 2;
        int half = Math.max(3, h / 50);
        double inMark = meanDifference(web, scaled, x0, h / 2 - half, markW, 2 * half);
        double away = meanDifference(web, scaled, 0, 0, w, h / 5); // the top fifth: no centred mark reaches it
        assertTrue(inMark > 10 && inMark > 4 * away,
                name + " carries the watermark across its centre: mean difference " + inMark + " there, " + away + " away from it");
    }

    private static double meanDifference(BufferedImage a, BufferedImage b, int x, int y, int width, int height) {
        long sum = 0;
        for (int yy = y; yy < y + height; yy++) {
            for (int xx = x; xx < x + width; xx++) {
                int p = a.getRGB(xx, yy), q = b.getRGB(xx, yy);
                for (int shift = 0; shift <= 16; shift += 8) sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
            }
        }
        return sum / (3.0 * width * height);
    }
}

package com.clientalbums.e2e;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.local.demo.DemoAlbum;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proof of delivery in the browser: a client downloads an album's archive through the runner's
 * S3 front (which writes S3 server access logs), maintenance reads the logs, and the studio's
 * Deliveries panel shows that download complete, its CSV says so; the client's receipt page
 * shows the SHA-256 of the very bytes they received, and its manifest names each photo with
 * the CRC-32 of the photo S3 holds.
 */
class DeliveriesPageTest extends BrowserTest {
    private static final String ALBUM_ID = "dahlia-delivered";
    private static final String ALBUM_NAME = "Dahlia and Rowan Delivered";
    private static final String CLIENT = "dahlia@e2e.test";
    private static final String CLIENT_NAME = "Dahlia";
    private static final List<String> PHOTOS = List.of("IMG_0701.jpg", "IMG_0702.jpg", "Toasts/IMG_0801.jpg");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void a_download_that_arrived_whole_shows_complete_in_the_studio_and_its_csv_and_the_client_gets_a_receipt_with_its_sha256_and_manifest()
            throws Exception {
        for (int i = 0; i < PHOTOS.size(); i++) portal.putPhoto(ALBUM_ID, PHOTOS.get(i), SmallPhotos.jpeg(700 + i));
        portal.registerAlbum(ALBUM_ID, ALBUM_NAME);
        portal.createClient(CLIENT, CLIENT_NAME);
        portal.grant(ALBUM_ID, CLIENT);
        portal.awaitArchiveReady(ALBUM_ID, Duration.ofSeconds(120));

        // The client's download, through the S3 front its link names, read to the last byte.
        JsonNode answer = portal.api("GET", "/albums/" + ALBUM_ID + "/download", portal.token(CLIENT), null);
        assertEquals("ready", answer.path("status").asText(), answer.toString());
        String link = answer.path("download_url").asText(answer.path("parts").path(0).path("download_url").asText());
        Fetched fetched = fetch(URI.create(link));
        assertEquals(200, fetched.status(), "the archive link answers");
        long size = fetched.size();
        assertTrue(size > 0, "the archive has bytes");

        JsonNode delivery = awaitDelivery();
        assertTrue(delivery.path("complete").asBoolean(), delivery.toString());
        assertEquals(size, delivery.path("bytes_served").asLong(), "every byte served, by the logs: " + delivery);
        assertEquals(size, delivery.path("size").asLong(), delivery.toString());
        String deliveryId = delivery.path("delivery_id").asText();
        String label = delivery.path("recipient_label").asText();

        // The studio's panel: the row of that delivery, complete, 100 %.
        Page studio = newPage(DESKTOP_WIDTH, DESKTOP_HEIGHT);
        signIn(studio, DemoAlbum.ADMIN_EMAIL);
        studio.navigate(portal.url("/studio/").toString());
        button(studio, "Manage " + ALBUM_NAME).click();
        Locator panel = studio.locator("#deliveries-panel");
        assertThat(panel.locator("#deliveries-means")).containsText("every byte reached them");
        Locator row = panel.locator("tr[data-delivery-id='" + deliveryId + "']");
        assertThat(row).isVisible();
        assertThat(row).hasAttribute("data-complete", "true");
        assertThat(row.locator(".recipient-label")).hasText(label);
        assertThat(row.locator(".delivery-what")).hasText("Album");
        assertThat(row.locator(".served-text")).hasText(Pattern.compile(".* · 100 %$"));
        assertThat(row.locator(".complete-mark")).containsText("✓");
        assertThat(row.locator("progress")).hasAttribute("value", "100");
        panel.scrollIntoViewIfNeeded();
        shoot(studio, "deliveries-studio", false);

        // Its CSV: the header, and the delivery's row with its sizes in bytes.
        Download csvDownload = studio.waitForDownload(() -> studio.locator("#export-deliveries-csv").click());
        assertNull(csvDownload.failure());
        assertEquals(ALBUM_ID + "-deliveries.csv", csvDownload.suggestedFilename());
        String csv = read(csvDownload, "deliveries.csv");
        List<String> lines = csv.replace("\uFEFF", "").lines().toList();
        assertEquals("recipient,kind,archive,size bytes,bytes served,percent,complete,first_at,last_at,devices", lines.getFirst());
        String csvRow = lines.stream().skip(1).filter(l -> l.startsWith(csvCell(label) + ",")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + label + " in\n" + csv));
        assertTrue(csvRow.contains(",album," + csvCell(delivery.path("archive").asText()) + "," + size + "," + size + ",100,yes,"), csvRow);

        // The client's receipt: from the album page to the SHA-256 of the bytes they received. The
        // run that completed the delivery made its receipt too (the step after the logs'); the page's
        // "Preparing your receipt…" is for the minutes in between on AWS, and Chromium logs its 409s.
        JsonNode receiptList = portal.api("GET", "/albums/" + ALBUM_ID + "/receipts", portal.token(CLIENT), null);
        assertEquals(deliveryId, receiptList.path("receipts").path(0).path("delivery_id").asText(), receiptList.toString());
        assertTrue(receiptList.path("receipts").path(0).path("ready").asBoolean(), receiptList.toString());
        signIn(page, CLIENT);
        page.navigate(portal.url("/album/?id=" + ALBUM_ID).toString());
        Locator receipts = page.locator("#receipts");
        assertThat(receipts).isVisible();
        receipts.locator("li[data-delivery-id='" + deliveryId + "'] a").click();
        page.waitForURL(Pattern.compile(".*/album/receipt/\\?.*delivery=.*"));
        Locator part = page.locator("#receipt-parts li.receipt-part");
        assertThat(part).hasCount(1);
        assertThat(part.locator("code.sha256")).hasAttribute("data-sha256", fetched.sha256());
        assertThat(page.locator("#receipt-photos")).hasText(String.valueOf(PHOTOS.size()));
        shoot(page, "deliveries-receipt", true);

        // The manifest, saved from the page: each photo with the CRC-32 of what S3 holds.
        Download manifest = page.waitForDownload(() -> button(page, "Download manifest (.sfv)").click());
        assertNull(manifest.failure());
        assertTrue(manifest.suggestedFilename().endsWith(".sfv"), manifest.suggestedFilename());
        Map<String, String> listed = new TreeMap<>();
        for (String line : read(manifest, "receipt.sfv").lines().toList()) {
            if (line.isBlank() || line.startsWith(";")) continue;
            int cut = line.lastIndexOf(' ');
            listed.put(line.substring(0, cut), line.substring(cut + 1).toUpperCase(Locale.ROOT));
        }
        Map<String, String> expected = new TreeMap<>();
        for (String path : PHOTOS) expected.put(path, crc32(portal.bytes(S3Keys.photoKey(ALBUM_ID, path))));
        assertEquals(expected, listed, "the manifest names each photo with its CRC-32");
    }

    /** Maintenance until the download's delivery is complete: the front's log lines reach the bucket when it runs. */
    private static JsonNode awaitDelivery() throws Exception {
        JsonNode[] found = {null};
        String[] last = {""};
        Portal.await("the client's delivery to be complete", Duration.ofSeconds(90), () -> {
            try {
                HttpResponse<String> run = HTTP.send(HttpRequest.newBuilder(portal.url("/local-admin/maintenance"))
                        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                if (run.statusCode() != 200) {
                    last[0] = "maintenance answered " + run.statusCode() + ": " + run.body();
                    return false;
                }
                JsonNode deliveries = portal.api("GET", "/admin/albums/" + ALBUM_ID + "/deliveries", portal.adminToken(), null);
                last[0] = deliveries.toString();
                for (JsonNode d : deliveries.path("deliveries")) {
                    if (d.path("recipient").asText().equals("client:" + CLIENT) && d.path("complete").asBoolean()) {
                        found[0] = d;
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                last[0] = e.toString();
                return false;
            }
        }, () -> last[0]);
        return found[0];
    }

    private record Fetched(int status, long size, String sha256) {}

    private static Fetched fetch(URI uri) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long size = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; size += n) sha.update(buffer, 0, n);
        }
        return new Fetched(response.statusCode(), size, HexFormat.of().formatHex(sha.digest()));
    }

    private static String read(Download download, String name) throws Exception {
        Path file = E2e.out().resolve("downloads/" + ALBUM_ID + "-" + name);
        Files.createDirectories(file.getParent());
        download.saveAs(file);
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return String.format("%08X", crc.getValue());
    }

    /** A value as the CSV quotes it (RFC 4180), for finding its row. */
    private static String csvCell(String value) {
        return value.matches(".*[\",\\r\\n].*") ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}

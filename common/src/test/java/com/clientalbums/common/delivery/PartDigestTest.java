package com.clientalbums.common.delivery;

import com.clientalbums.testing.StoredZips;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One pass over a part: the SHA-256 of all of it, its entries as unzip sees them, and nothing for a damaged one. */
class PartDigestTest {
    private static final String KEY = "zips/smith-wedding/3f9a.zip";

    @Test
    void aReceiptHasTheSha256OfEveryByteAndTheEntriesInArchiveOrder() throws Exception {
        Map<String, byte[]> photos = photos();
        byte[] archive = StoredZips.of(photos);

        PartReceipt receipt = PartDigest.of(KEY, new ByteArrayInputStream(archive));

        assertEquals(KEY, receipt.key());
        assertEquals(archive.length, receipt.size());
        assertEquals(sha256(archive), receipt.sha256());
        assertEquals(List.of(
                new PartReceipt.Entry("Ceremony/IMG_0001.jpg", 300_000, StoredZips.crc32(photos.get("Ceremony/IMG_0001.jpg"))),
                new PartReceipt.Entry("Été/IMG 0002.jpg", 70_001, StoredZips.crc32(photos.get("Été/IMG 0002.jpg"))),
                new PartReceipt.Entry(";notes.txt", 0, 0)), receipt.entries());
    }

    @Test
    void theDigestCoversTheCentralDirectoryAfterTheLastEntry() throws Exception {
        byte[] plain = StoredZips.of(photos());
        byte[] commented = StoredZips.of(photos(), "the same entries, other bytes at the end");

        PartReceipt a = PartDigest.of(KEY, new ByteArrayInputStream(plain));
        PartReceipt b = PartDigest.of(KEY, new ByteArrayInputStream(commented));

        assertEquals(a.entries(), b.entries());
        assertNotEquals(a.sha256(), b.sha256());
        assertEquals(sha256(commented), b.sha256());
        assertEquals(commented.length, b.size());
    }

    @Test
    void anEntryWhoseBytesDoNotMatchItsCrcGivesNoReceipt() {
        Map<String, byte[]> photos = photos();
        byte[] archive = StoredZips.of(photos);
        byte[] second = photos.get("Été/IMG 0002.jpg");
        int at = indexOf(archive, second) + 1234;
        archive[at] ^= 0x01;

        ZipException e = assertThrows(ZipException.class, () -> PartDigest.of(KEY, new ByteArrayInputStream(archive)));
        assertTrue(e.getMessage().contains("CRC"), e.getMessage());
    }

    @Test
    void aPartCutShortGivesNoReceipt() {
        byte[] archive = StoredZips.of(photos());
        byte[] cut = Arrays.copyOf(archive, 200_000);

        assertThrows(IOException.class, () -> PartDigest.of(KEY, new ByteArrayInputStream(cut)));
    }

    @Test
    void somethingElseThanAnArchiveGivesNoReceipt() {
        byte[] page = "<Error><Code>AccessDenied</Code></Error>".getBytes(StandardCharsets.UTF_8);

        assertThrows(ZipException.class, () -> PartDigest.of(KEY, new ByteArrayInputStream(page)));
    }

    /** Photo-like bytes (random: a JPEG does not compress) under names the archives hold, one starting with ';'. */
    static Map<String, byte[]> photos() {
        Random random = new Random(16);
        Map<String, byte[]> photos = new LinkedHashMap<>();
        photos.put("Ceremony/IMG_0001.jpg", bytes(random, 300_000));
        photos.put("Été/IMG 0002.jpg", bytes(random, 70_001));
        photos.put(";notes.txt", new byte[0]);
        return photos;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < 64; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }
}

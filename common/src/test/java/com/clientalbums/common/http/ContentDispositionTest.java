package com.clientalbums.common.http;

import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentDispositionTest {

    @Test
    void aPlainNameIsTheSameInBothForms() {
        assertEquals("attachment; filename=\"Smith Wedding.zip\"; filename*=UTF-8''Smith%20Wedding.zip",
                ContentDisposition.attachment("Smith Wedding.zip"));
    }

    @Test
    void accentsAndOtherScriptsKeepTheirNameInTheUtf8FormAndFallBackToAscii() {
        String header = ContentDisposition.attachment("Café Ølstrup — 結婚式.zip");
        assertTrue(header.startsWith("attachment; filename=\"Cafe Olstrup - ___.zip\"; filename*=UTF-8''"), header);
        String encoded = header.substring(header.indexOf("''") + 2);
        assertEquals("Café Ølstrup — 結婚式.zip", URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8));
    }

    @Test
    void quotesSlashesAndControlCharactersCannotBreakTheHeaderOrMakeAPath() {
        String header = ContentDisposition.attachment("a\"b\\c/d\r\ne;f%g.zip");
        String fallback = header.substring(header.indexOf('"') + 1, header.indexOf("\";"));
        assertEquals("a_b_c_d__e_f_g.zip", fallback);
        assertTrue(!header.contains("\r") && !header.contains("\n"));
        String encoded = header.substring(header.indexOf("''") + 2);
        assertTrue(encoded.matches("[A-Za-z0-9!#$&+\\-.^_`|~%]+"), encoded);
    }

    @Test
    void bidiControlsAndInvisibleCharactersAreRemovedFromBothForms() {
        assertEquals("attachment; filename=\"agpj.exe\"; filename*=UTF-8''agpj.exe",
                ContentDisposition.attachment("a\u202egpj.exe"));
        assertEquals("Smith Wedding.zip", ContentDisposition.safeName(
                "\u2067Smith\u200b W\u00adedding\u2069\u200e.zip\ufeff"));
        assertEquals("\u00e9clair.jpg", ContentDisposition.safeName("e\u200b\u0301clair.jpg"));
        assertEquals("download", ContentDisposition.safeName("\u202e\u200b"));
    }

    @Test
    void anEmojiKeepsTheJoinersThatDrawIt() {
        String family = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67";
        assertEquals(family + " photos.zip", ContentDisposition.safeName(family + " photos.zip"));
        assertEquals("ab.zip", ContentDisposition.safeName("a\u200db.zip"));
    }

    @Test
    void aNameMadeOfNothingUsableStillDownloads() {
        assertEquals("download", ContentDisposition.safeName("  "));
        assertEquals("download", ContentDisposition.safeName("..."));
        assertEquals("hidden.jpg", ContentDisposition.safeName(".hidden.jpg"));
        String longName = "x".repeat(300) + ".zip";
        String safe = ContentDisposition.safeName(longName);
        assertEquals(200, safe.length());
        assertTrue(safe.endsWith(".zip"));
    }
}

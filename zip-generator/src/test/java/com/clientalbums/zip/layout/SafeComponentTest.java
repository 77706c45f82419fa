package com.clientalbums.zip.layout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SafeComponentTest {

    private static final String FAMILY = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67"; // 18 bytes

    @Test
    void replacesCharactersWindowsRejects() {
        assertEquals("a_b_c_d_e_f_g_h_i.jpg", SafeComponent.sanitize("a<b>c:d\"e\\f|g?h*i.jpg"));
    }

    @Test
    void replacesControlCharactersAndLoneSurrogates() {
        assertEquals("a_b_c_d_e_.jpg", SafeComponent.sanitize("a\u0000b\u001fc\u007fd\u0085e\ud800.jpg"));
    }

    @Test
    void removesBidiControlsSoANameShowsAsWhatItIs() {
        assertEquals("agpj.exe", SafeComponent.sanitize("a\u202egpj.exe"));
        assertEquals("abcdefghij.jpg", SafeComponent.sanitize(
                "a\u202ab\u202bc\u202cd\u202de\u2066f\u2067g\u2068h\u2069i\u200e\u200fj\u061c.jpg"));
    }

    @Test
    void removesInvisibleFormatCharactersAndKeepsTheResultNfc() {
        assertEquals("zerowidthjoinedsoft.jpg", SafeComponent.sanitize("zero\u200bwidth\u200cjoined\u2060soft\u00ad.jpg\ufeff"));
        assertEquals("\u00e9clair.jpg", SafeComponent.sanitize("e\u200b\u0301clair.jpg"));
        assertEquals("_", SafeComponent.sanitize("\u200b\u202e"));
        assertEquals("photo", SafeComponent.sanitize("photo.\u200b"));
    }

    @Test
    void keepsTheJoinersAndTagsThatDrawAnEmoji() {
        String england = "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc65\udb40\udc6e\udb40\udc67\udb40\udc7f";
        assertEquals(FAMILY + ".jpg", SafeComponent.sanitize(FAMILY + ".jpg"));
        assertEquals(england + ".jpg", SafeComponent.sanitize(england + ".jpg"));
        // a joiner or tag that draws nothing is just invisible
        assertEquals("ab \ud83d\udc68.jpg", SafeComponent.sanitize("a\u200db \ud83d\udc68\u200d.jpg"));
        assertEquals("tag.jpg", SafeComponent.sanitize("t\udb40\udc67ag.jpg"));
    }

    @Test
    void trimsTrailingDotsAndSpacesButKeepsLeadingSpaces() {
        assertEquals("photo", SafeComponent.sanitize("photo. . "));
        assertEquals("  photo.jpg", SafeComponent.sanitize("  photo.jpg"));
        assertEquals("_", SafeComponent.sanitize("  "));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "->", textBlock = """
            CON         -> _CON
            con.jpg     -> _con.jpg
            Nul.tar.gz  -> _Nul.tar.gz
            PRN         -> _PRN
            aux.        -> _aux
            COM1        -> _COM1
            com9.png    -> _com9.png
            LPT0.jpg    -> _LPT0.jpg
            LPT³.jpg    -> _LPT³.jpg
            'CON .jpg'  -> '_CON .jpg'
            CONSOLE.jpg -> CONSOLE.jpg
            COM10.jpg   -> COM10.jpg
            NULL        -> NULL
            xCON        -> xCON
            """)
    void renamesWindowsDeviceNames(String name, String safe) {
        assertEquals(safe, SafeComponent.sanitize(name));
    }

    @Test
    void keepsANameOfExactly255Bytes() {
        String name = "b".repeat(251) + ".jpg";
        assertEquals(name, SafeComponent.sanitize(name));
    }

    @Test
    void truncatesTo255BytesKeepingTheExtension() {
        assertEquals("a".repeat(251) + ".jpg", SafeComponent.sanitize("a".repeat(300) + ".jpg"));
        assertEquals("\u3042".repeat(83) + ".jpeg", SafeComponent.sanitize("\u3042".repeat(100) + ".jpeg"));
    }

    @Test
    void neverSplitsAnEmojiSequence() {
        // A cut at the last code point that fits would leave a dangling "man, ZWJ, woman, ZWJ".
        String safe = SafeComponent.sanitize(FAMILY.repeat(20) + ".png");
        assertEquals(FAMILY.repeat(13) + ".png", safe);
    }

    @Test
    void aLongExtensionIsCutLikeTheRestOfTheName() {
        assertEquals("a." + "b".repeat(253), SafeComponent.sanitize("a." + "b".repeat(300)));
    }

    @Test
    void aCutNeverLeavesATrailingSpace() {
        assertEquals("a".repeat(254), SafeComponent.sanitize("a".repeat(254) + " " + "b".repeat(10)));
    }

    @Test
    void suffixGoesBeforeTheExtensionWithinTheLimit() {
        assertEquals("IMG_1 (2).jpg", SafeComponent.withSuffix("IMG_1.jpg", " (2)"));
        assertEquals("Reception (2)", SafeComponent.withSuffix("Reception", " (2)"));
        String suffixed = SafeComponent.withSuffix("c".repeat(251) + ".jpg", " (12)");
        assertEquals("c".repeat(246) + " (12).jpg", suffixed);
        assertEquals(255, suffixed.getBytes(StandardCharsets.UTF_8).length);
    }
}

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

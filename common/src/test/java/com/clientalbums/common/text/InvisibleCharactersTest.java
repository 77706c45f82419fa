package com.clientalbums.common.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InvisibleCharactersTest {

    private static final String FAMILY = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67";
    private static final String ENGLAND =
            "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc65\udb40\udc6e\udb40\udc67\udb40\udc7f";

    @Test
    void everyBidiControlIsRemoved() {
        assertEquals("abcdefghijk", InvisibleCharacters.strip(
                "a\u202ab\u202bc\u202cd\u202de\u202ef\u2066g\u2067h\u2068i\u2069j\u200e\u200f\u061ck"));
    }

    @Test
    void everyInvisibleFormatCharacterIsRemoved() {
        assertEquals("abcdefg", InvisibleCharacters.strip("\ufeffa\u200bb\u200cc\u200dd\u2060e\u00adf\u2063g\u180e"));
    }

    @Test
    void visibleTextIsUntouched() {
        String text = "Caf\u00e9 \u7d50\u5a5a\u5f0f \u0645\u0631\u062d\u0628\u0627 \ud83c\uddef\ud83c\uddf5 \ud83d\udc4d\ud83c\udffd";
        assertEquals(text, InvisibleCharacters.strip(text));
    }

    @Test
    void theJoinersOfAnEmojiSequenceStayAndLoneOnesGo() {
        assertEquals(FAMILY, InvisibleCharacters.strip(FAMILY));
        // woman with a skin tone + ZWJ + laptop: the modifier sits between the pictograph and its joiner
        String technologist = "\ud83d\udc69\ud83c\udffd\u200d\ud83d\udcbb";
        assertEquals(technologist, InvisibleCharacters.strip(technologist));
        String rainbowFlag = "\ud83c\udff3\ufe0f\u200d\ud83c\udf08";
        assertEquals(rainbowFlag, InvisibleCharacters.strip(rainbowFlag));
        assertEquals("ab\ud83d\udc68", InvisibleCharacters.strip("\u200da\u200db\ud83d\udc68\u200d"));
    }

    @Test
    void theTagsOfASubdivisionFlagStayAndStrayTagsGo() {
        assertEquals(ENGLAND + " x", InvisibleCharacters.strip(ENGLAND + " x"));
        assertEquals("tag", InvisibleCharacters.strip("t\udb40\udc67ag"));
        // tags after the flag but never cancelled draw nothing
        assertEquals("\ud83c\udff4x", InvisibleCharacters.strip("\ud83c\udff4\udb40\udc67\udb40\udc62x"));
    }
}

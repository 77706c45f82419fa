package com.clientalbums.common.text;

/**
 * Removes the characters a name can carry without showing them: bidirectional controls (a
 * right-to-left override shows {@code a\u202Egpj.exe} as "aexe.jpg") and the other invisible
 * format characters of Unicode category Cf (zero-width spaces and joiners, word joiner, byte order
 * mark, soft hyphen), which make two different names look the same.
 *
 * <p>Two uses of Cf characters draw something and stay: a zero-width joiner between two
 * pictographs (the joiners of 👨‍👩‍👧 make one family, not three people) and the tag characters of a
 * subdivision flag (🏴 followed by tags is the flag of England). Anywhere else a joiner or tag is
 * invisible and goes, zero-width non-joiner included: in Persian or Indic names that may change how
 * two letters join, never which letters are shown.
 *
 * <p>Removing a character can bring a letter and its accent together, so callers normalise to NFC
 * afterwards.
 */
public final class InvisibleCharacters {
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int FIRST_TAG = 0xE0020;
    private static final int CANCEL_TAG = 0xE007F;
    private static final int VARIATION_SELECTOR_16 = 0xFE0F;

    private InvisibleCharacters() {}

    public static String strip(String text) {
        int[] cps = text.codePoints().toArray();
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (Character.getType(cp) != Character.FORMAT || joinsPictographs(cps, i) || isFlagTag(cps, i)) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** The joiner of an emoji ZWJ sequence: a pictograph (maybe with a skin tone or VS16) before, one after. */
    private static boolean joinsPictographs(int[] cps, int i) {
        if (cps[i] != ZERO_WIDTH_JOINER || i == 0 || i == cps.length - 1) return false;
        int before = i - 1;
        while (before > 0 && (cps[before] == VARIATION_SELECTOR_16 || Character.isEmojiModifier(cps[before]))) before--;
        return Character.isExtendedPictographic(cps[before]) && Character.isExtendedPictographic(cps[i + 1]);
    }

    /** A tag of an emoji tag sequence: after the black flag and its earlier tags, ended by CANCEL TAG. */
    private static boolean isFlagTag(int[] cps, int i) {
        if (cps[i] < FIRST_TAG || cps[i] > CANCEL_TAG) return false;
        int start = i;
        while (start > 0 && cps[start - 1] >= FIRST_TAG && cps[start - 1] < CANCEL_TAG) start--;
        if (start == 0 || cps[start - 1] != BLACK_FLAG) return false;
        int end = i;
        while (end < cps.length && cps[end] >= FIRST_TAG && cps[end] < CANCEL_TAG) end++;
        return end < cps.length && cps[end] == CANCEL_TAG && end > start;
    }
}

package com.clientalbums.zip.layout;

import com.clientalbums.common.text.InvisibleCharacters;
import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns one path component into a name every common file system accepts. */
final class SafeComponent {

    /** ext4 and APFS limit a name to 255 bytes, NTFS to 255 UTF-16 units (never more than its UTF-8 bytes). */
    private static final int MAX_BYTES = 255;

    /** A longer "extension" is just a dot inside a long name: not worth keeping whole. */
    private static final int MAX_EXTENSION_BYTES = 32;

    private static final String WINDOWS_ILLEGAL = "<>:\"\\|?*";

    /** Device names Windows refuses as a file name, even with an extension ({@code nul.jpg}). */
    private static final Set<String> WINDOWS_RESERVED = windowsReservedNames();

    private SafeComponent() {
    }

    /**
     * The result is NFC; invisible characters go first, and their removal can bring a letter and its
     * accent together, hence the normalisation after it.
     */
    static String sanitize(String component) {
        String visible = Normalizer.normalize(InvisibleCharacters.strip(component), Normalizer.Form.NFC);
        String name = trimTrailingDotsAndSpaces(replaceIllegal(visible));
        if (isWindowsReserved(name)) {
            name = "_" + name;
        }
        name = trimTrailingDotsAndSpaces(fit(name));
        return name.isEmpty() ? "_" : name;
    }

    /** {@code IMG_1.jpg} with suffix {@code " (2)"} gives {@code IMG_1 (2).jpg}, still within the length limit. */
    static String withSuffix(String component, String suffix) {
        int dot = extensionStart(component);
        return fitHead(component.substring(0, dot), suffix + component.substring(dot));
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String replaceIllegal(String component) {
        StringBuilder safe = new StringBuilder(component.length());
        component.codePoints().forEach(cp -> safe.appendCodePoint(isIllegal(cp) ? '_' : cp));
        return safe.toString();
    }

    /** A lone surrogate counts too: UTF-8 encoding would turn it into '?', itself illegal on Windows. */
    private static boolean isIllegal(int codePoint) {
        return WINDOWS_ILLEGAL.indexOf(codePoint) >= 0
                || Character.isISOControl(codePoint)
                || codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }

    private static String trimTrailingDotsAndSpaces(String name) {
        int end = name.length();
        while (end > 0 && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
            end--;
        }
        return name.substring(0, end);
    }

    /** Windows compares the part before the first dot, ignoring case and trailing spaces. */
    private static boolean isWindowsReserved(String name) {
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).stripTrailing();
        return WINDOWS_RESERVED.contains(base.toUpperCase(Locale.ROOT));
    }

    /** Microsoft's list, superscript digits included. */
    private static Set<String> windowsReservedNames() {
        Set<String> names = new HashSet<>(List.of("CON", "PRN", "AUX", "NUL"));
        for (String device : List.of("COM", "LPT")) {
            for (String number : "0123456789\u00b9\u00b2\u00b3".split("")) {
                names.add(device + number);
            }
        }
        return Set.copyOf(names);
    }

    private static String fit(String name) {
        if (utf8Length(name) <= MAX_BYTES) {
            return name;
        }
        int dot = extensionStart(name);
        return fitHead(name.substring(0, dot), name.substring(dot));
    }

    /** Index of the extension's dot, or the length when there is no extension worth keeping. */
    private static int extensionStart(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && utf8Length(name.substring(dot)) <= MAX_EXTENSION_BYTES ? dot : name.length();
    }

    /**
     * Shortens {@code head} so that head + tail fits, cutting between grapheme clusters so an accent or
     * an emoji sequence is never split (which also keeps the text NFC and on code-point boundaries).
     */
    private static String fitHead(String head, String tail) {
        int budget = MAX_BYTES - utf8Length(tail);
        if (utf8Length(head) <= budget) {
            return head + tail;
        }
        BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
        graphemes.setText(head);
        int end = 0;
        int bytes = 0;
        for (int next = graphemes.next(); next != BreakIterator.DONE; next = graphemes.next()) {
            bytes += utf8Length(head.substring(end, next));
            if (bytes > budget) {
                break;
            }
            end = next;
        }
        // Only a single cluster longer than the budget leaves nothing; keep a visible stem then.
        return (end == 0 ? "_" : head.substring(0, end)) + tail;
    }
}

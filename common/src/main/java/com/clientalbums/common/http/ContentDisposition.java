package com.clientalbums.common.http;

import com.clientalbums.common.text.InvisibleCharacters;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * {@code Content-Disposition: attachment} with a file name every browser gets right (RFC 6266):
 * {@code filename="Smith Wedding.zip"} in plain ASCII for old clients, and
 * {@code filename*=UTF-8''Sm%C3%B8rrebr%C3%B8d.zip} (RFC 5987) with the real name for the rest.
 */
public final class ContentDisposition {
    private static final String UNSAFE_ASCII = "\"\\/:*?<>|%;";
    private static final int MAX_NAME_CHARS = 200;

    private ContentDisposition() {}

    /** The header value for downloading as {@code fileName}. */
    public static String attachment(String fileName) {
        String name = safeName(fileName);
        return "attachment; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + encode(name);
    }

    /**
     * The name itself, made safe for a file: no folder separators or control characters (an album
     * called "Smith / Jones" must not become a path), no bidirectional controls or other invisible
     * characters ({@code a\u202Egpj.exe} would show as "aexe.jpg"), NFC, at most 200 characters,
     * never empty.
     */
    public static String safeName(String fileName) {
        StringBuilder out = new StringBuilder();
        Normalizer.normalize(InvisibleCharacters.strip(fileName), Normalizer.Form.NFC).codePoints().forEach(cp -> {
            if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == '/' || cp == '\\') out.append('_');
            else out.appendCodePoint(cp);
        });
        String name = out.toString().strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME_CHARS) {
            int dot = name.lastIndexOf('.');
            String ext = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
            name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME_CHARS - ext.length())) + ext;
        }
        while (name.startsWith(".")) name = name.substring(1);
        return name.isBlank() ? "download" : name;
    }

    /**
     * Accents dropped ("Café" → "Cafe"), the Latin letters that have no accent to drop spelled out
     * ("Jøhnson" → "Johnson"), anything else outside printable ASCII or unsafe in a quoted name → '_'.
     */
    static String asciiFallback(String name) {
        String stripped = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        StringBuilder out = new StringBuilder();
        stripped.codePoints().forEach(cp -> {
            String spelled = SPELLED.get(cp);
            if (spelled != null) out.append(spelled);
            else out.append(cp >= 0x20 && cp < 0x7f && UNSAFE_ASCII.indexOf(cp) < 0 ? (char) cp : '_');
        });
        return out.toString();
    }

    private static final java.util.Map<Integer, String> SPELLED = java.util.Map.ofEntries(
            java.util.Map.entry((int) 'ø', "o"), java.util.Map.entry((int) 'Ø', "O"),
            java.util.Map.entry((int) 'æ', "ae"), java.util.Map.entry((int) 'Æ', "AE"),
            java.util.Map.entry((int) 'œ', "oe"), java.util.Map.entry((int) 'Œ', "OE"),
            java.util.Map.entry((int) 'ß', "ss"), java.util.Map.entry((int) 'ł', "l"), java.util.Map.entry((int) 'Ł', "L"),
            java.util.Map.entry((int) 'đ', "d"), java.util.Map.entry((int) 'Đ', "D"),
            java.util.Map.entry((int) 'þ', "th"), java.util.Map.entry((int) 'Þ', "Th"),
            java.util.Map.entry((int) 'ð', "d"), java.util.Map.entry((int) 'Ð', "D"),
            java.util.Map.entry((int) '\u2013', "-"), java.util.Map.entry((int) '\u2014', "-"),
            java.util.Map.entry((int) '\u2018', "'"), java.util.Map.entry((int) '\u2019', "'"));

    /** RFC 5987 {@code attr-char}s stay, every other byte of the UTF-8 name becomes %XX. */
    static String encode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : Normalizer.normalize(name, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}

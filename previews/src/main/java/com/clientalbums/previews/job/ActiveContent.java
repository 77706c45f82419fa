package com.clientalbums.previews.job;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the first bytes of a file in an album are something a browser or a computer would run:
 * markup (SVG, HTML, XML), a script, an executable. Uploads are allowed by name
 * ({@link com.clientalbums.common.store.FileTypes}), and S3 stores whatever bytes come with the
 * name; this is where a {@code .jpg} that is really an SVG is caught.
 *
 * <p>Conservative on purpose: bytes that start like any known photo, RAW, video or PDF format are
 * never active content, whatever their extension (a PNG named {@code .jpg} is a renaming
 * mistake, and its links are typed by the extension anyway); bytes nothing recognises are kept
 * too (a RAW variant of next year's camera must not vanish). Only bytes positively identified as
 * active content are.
 */
final class ActiveContent {
    /** Enough for every signature below and for markup after a long run of blank lines. */
    static final int HEAD_BYTES = 512;

    /**
     * Tags a browser's MIME sniffing takes for HTML (the WHATWG MIME Sniffing standard's list),
     * SVG's and XML's starts, and the XMP packet a sidecar file begins with. Each must be followed
     * by a space, {@code >} or {@code /} (checked below) except the three that end in punctuation.
     */
    private static final List<String> MARKUP_TAGS = List.of("<!doctype html", "<html", "<head", "<script", "<iframe", "<h1",
            "<div", "<font", "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<svg", "<x:xmpmeta", "<rdf:rdf");
    private static final List<String> MARKUP_PREFIXES = List.of("<?xml", "<!--", "<?xpacket");

    private ActiveContent() {}

    /**
     * What active content a file starting with {@code bytes} is ("SVG, HTML or XML markup", …);
     * empty for anything else. Only the first {@link #HEAD_BYTES} are looked at.
     */
    static Optional<String> in(byte[] bytes) {
        byte[] head = bytes.length > HEAD_BYTES ? Arrays.copyOf(bytes, HEAD_BYTES) : bytes;
        if (knownMediaFormat(head)) return Optional.empty();
        if (startsWith(head, 0, "#!")) return Optional.of("a script (#!)");
        if (startsWith(head, 0, "\u007fELF")) return Optional.of("an ELF executable");
        if (windowsExecutable(head)) return Optional.of("a Windows executable");
        String text = leadingText(head);
        String lower = text.stripLeading().toLowerCase(Locale.ROOT);
        for (String prefix : MARKUP_PREFIXES) {
            if (lower.startsWith(prefix)) return Optional.of("SVG, HTML or XML markup (" + prefix + ")");
        }
        for (String tag : MARKUP_TAGS) {
            if (lower.startsWith(tag) && lower.length() > tag.length() && " \t\r\n\f>/".indexOf(lower.charAt(tag.length())) >= 0) {
                return Optional.of("SVG, HTML or XML markup (" + tag + ">)");
            }
        }
        return Optional.empty();
    }

    /**
     * Photo, RAW, video and PDF signatures: TIFF (and the TIFF-based RAWs: DNG, CR2, NEF, ARW,
     * PEF, SRW, 3FR, IIQ, …, with Olympus' and Panasonic's variants), ISO media ({@code ftyp}:
     * HEIC, AVIF, MP4, MOV, CR3) and QuickTime's older atoms, MPEG transport streams (MTS, and
     * M2TS with its 4-byte time code first), and the formats of their own.
     */
    static boolean knownMediaFormat(byte[] b) {
        return startsWith(b, 0, 0xFF, 0xD8, 0xFF) // JPEG
                || startsWith(b, 0, 0x89, 'P', 'N', 'G') // PNG
                || startsWith(b, 0, "GIF8")
                || startsWith(b, 0, "RIFF") // WebP, AVI
                || startsWith(b, 0, "II*\0") || startsWith(b, 0, "MM\0*") || startsWith(b, 0, "II+\0") || startsWith(b, 0, "MM\0+")
                || startsWith(b, 0, "IIRO") || startsWith(b, 0, "IIRS") || startsWith(b, 0, "IIU\0") // ORF, RW2
                || startsWith(b, 0, "II\u001a\0") // CRW
                || startsWith(b, 0, "FUJIFILM") // RAF
                || startsWith(b, 0, "FOVb") // X3F
                || startsWith(b, 0, "\0MRM") // MRW
                || startsWith(b, 0, "%PDF-")
                || startsWith(b, 0, 0x1A, 0x45, 0xDF, 0xA3) // Matroska, WebM
                || startsWith(b, 4, "ftyp") || startsWith(b, 4, "moov") || startsWith(b, 4, "mdat") || startsWith(b, 4, "wide")
                || startsWith(b, 4, "free") || startsWith(b, 4, "skip") || startsWith(b, 4, "pnot")
                || transportStream(b, 0) || transportStream(b, 4);
    }

    /** MPEG-TS packets are 188 bytes (192 in M2TS, time code first), each starting with 0x47. */
    private static boolean transportStream(byte[] b, int offset) {
        int packet = offset == 0 ? 188 : 192;
        return b.length > offset + packet && b[offset] == 0x47 && b[offset + packet] == 0x47;
    }

    /** "MZ", then at the offset stored at 0x3C the "PE\0\0" header, when the head reaches it. */
    private static boolean windowsExecutable(byte[] b) {
        if (!startsWith(b, 0, "MZ") || b.length < 0x40) return false;
        int pe = (b[0x3C] & 0xFF) | (b[0x3D] & 0xFF) << 8 | (b[0x3E] & 0xFF) << 16 | (b[0x3F] & 0xFF) << 24;
        return pe >= 0x40 && startsWith(b, pe, "PE\0\0");
    }

    /** The head as text: UTF-16 when it starts with a UTF-16 byte order mark, else UTF-8 (a UTF-8 mark dropped). */
    private static String leadingText(byte[] head) {
        if (startsWith(head, 0, 0xFE, 0xFF)) return new String(head, 2, head.length - 2, StandardCharsets.UTF_16BE);
        if (startsWith(head, 0, 0xFF, 0xFE)) return new String(head, 2, head.length - 2, StandardCharsets.UTF_16LE);
        if (startsWith(head, 0, 0xEF, 0xBB, 0xBF)) return new String(head, 3, head.length - 3, StandardCharsets.UTF_8);
        return new String(head, StandardCharsets.UTF_8);
    }

    private static boolean startsWith(byte[] b, int offset, String ascii) {
        return offset >= 0 && b.length >= offset + ascii.length()
                && Arrays.equals(b, offset, offset + ascii.length(), ascii.getBytes(StandardCharsets.ISO_8859_1), 0, ascii.length());
    }

    private static boolean startsWith(byte[] b, int offset, int... bytes) {
        if (b.length < offset + bytes.length) return false;
        for (int i = 0; i < bytes.length; i++) if ((b[offset + i] & 0xFF) != bytes[i]) return false;
        return true;
    }
}

package com.clientalbums.common.store;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an album may hold, by the file name's extension: photos, camera RAW, video and PDF. SVG,
 * HTML, XML, scripts and anything unlisted are refused at upload, because a file served from the
 * bucket is opened by a browser as its content type says. The studio
 * ({@code frontend/src/lib/upload.ts}) and {@code scripts/lib.sh} keep the same list, all checked
 * against {@code rules/shared-rules.json}; {@code docs/uploads.md} tells the whole story.
 */
public final class FileTypes {
    /** Extension (lower case) to the content type an upload is signed for and a view link serves. */
    static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("jpe", "image/jpeg"),
            Map.entry("png", "image/png"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"), Map.entry("heic", "image/heic"), Map.entry("heif", "image/heif"),
            Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"),
            // Camera RAW: the types are the de facto ones (shared-mime-info); nothing renders them inline.
            Map.entry("dng", "image/x-adobe-dng"), Map.entry("cr2", "image/x-canon-cr2"), Map.entry("cr3", "image/x-canon-cr3"),
            Map.entry("crw", "image/x-canon-crw"), Map.entry("nef", "image/x-nikon-nef"), Map.entry("nrw", "image/x-nikon-nrw"),
            Map.entry("arw", "image/x-sony-arw"), Map.entry("srf", "image/x-sony-srf"), Map.entry("sr2", "image/x-sony-sr2"),
            Map.entry("raf", "image/x-fuji-raf"), Map.entry("orf", "image/x-olympus-orf"), Map.entry("rw2", "image/x-panasonic-rw2"),
            Map.entry("pef", "image/x-pentax-pef"), Map.entry("srw", "image/x-samsung-srw"), Map.entry("x3f", "image/x-sigma-x3f"),
            Map.entry("3fr", "image/x-hasselblad-3fr"), Map.entry("fff", "image/x-hasselblad-fff"),
            Map.entry("iiq", "image/x-phaseone-iiq"), Map.entry("rwl", "image/x-leica-rwl"), Map.entry("mos", "image/x-leaf-mos"),
            Map.entry("erf", "image/x-epson-erf"), Map.entry("mrw", "image/x-minolta-mrw"), Map.entry("kdc", "image/x-kodak-kdc"),
            Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/x-m4v"), Map.entry("mov", "video/quicktime"),
            Map.entry("avi", "video/x-msvideo"), Map.entry("mts", "video/mp2t"), Map.entry("m2ts", "video/mp2t"),
            Map.entry("3gp", "video/3gpp"), Map.entry("mkv", "video/x-matroska"), Map.entry("webm", "video/webm"),
            Map.entry("pdf", "application/pdf"));

    /**
     * Raster images every current browser decodes and none can script: the only types a view link
     * lets the browser show. Everything else is handed over as a download.
     */
    static final Set<String> INLINE = Set.of("image/jpeg", "image/png", "image/gif", "image/webp", "image/avif");

    /** What kind of file a name says it is; decides what goes into the web-size archive ({@code docs/sharing.md}). */
    public enum Kind {
        /** A raster image that may have a web-size rendition. */
        IMAGE,
        /** Camera RAW: an original by nature, never in the web-size archive. */
        RAW,
        VIDEO,
        /** PDF. */
        DOCUMENT
    }

    /** The kind of a file an album may hold, by its name; empty for anything else. */
    public static Optional<Kind> kind(String path) {
        return contentType(path).map(type -> {
            if (type.startsWith("video/")) return Kind.VIDEO;
            if (type.equals("application/pdf")) return Kind.DOCUMENT;
            if (type.startsWith("image/x-")) return Kind.RAW;
            return Kind.IMAGE;
        });
    }

    /** How a file in the bucket is given to a browser: the type to force, and whether to show it. */
    public record Serving(String contentType, boolean inline) {
        static final Serving DOWNLOAD = new Serving("application/octet-stream", false);
    }

    private FileTypes() {}

    /** The content type of a file an album may hold, by its name; empty for anything else. */
    public static Optional<String> contentType(String path) {
        return Optional.ofNullable(TYPES.get(extension(path)));
    }

    /** True when {@code declared} (a client's guess) fits the file: its own type, octet-stream, or none. */
    public static boolean fitsDeclared(String path, String declared) {
        String type = declared == null ? "" : declared.strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.equals("application/octet-stream") || contentType(path).filter(type::equals).isPresent();
    }

    /**
     * How a view link serves the file: a browser-safe image as its own type, anything else (RAW,
     * video, PDF, or a file that came in around the upload API) as an opaque download.
     */
    public static Serving serving(String path) {
        return contentType(path).filter(INLINE::contains).map(t -> new Serving(t, true)).orElse(Serving.DOWNLOAD);
    }

    /** The lower-cased text after the file name's last dot; empty when there is none. */
    static String extension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}

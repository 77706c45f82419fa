package com.clientalbums.previews.keys;

import com.clientalbums.common.store.AlbumIds;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of {@code previews/} in the bucket, written down once: every preview key is built
 * here, and read back apart here.
 * <pre>
 *   previews/{album_id}/thumb/{path}.jpg         the thumbnail of the photo at {path}
 *   previews/{album_id}/preview/{path}.jpg       its screen-sized preview
 *   previews/{album_id}/unreadable/{path}.jpg    an empty marker: {path} is not an image that can be read
 *   previews/{album_id}/web/{path}.jpg           its web-size rendition (WEB_SIZE_PX, watermarked if the album says so),
 *                                                what the web-size archive and web-size downloads hold
 * </pre>
 * {@code {path}} is the photo's path inside its album, sub-folders kept, so one listing of
 * {@code previews/{album_id}/} tells which photos have which images.
 */
public final class PreviewKeys {
    public static final String PREFIX = "previews/";
    /** Key folder of the markers of unreadable files; not a size, never shown. */
    static final String UNREADABLE = "unreadable";
    /** Key folder of web-size renditions. */
    static final String WEB = "web";
    /** Metadata of every image and marker: the ETag of the photo version it was made from. */
    public static final String SOURCE_ETAG = "source-etag";
    /** Metadata of a web-size rendition: the tag of the recipe it was made with ({@code WebSize.tag()}). */
    public static final String WEB_SIZE = "web-size";
    private static final String SUFFIX = ".jpg";

    private PreviewKeys() {}

    /** What a key under {@code previews/} names: an image of a photo, or the marker of an unreadable one. */
    public sealed interface PreviewKey permits Image, UnreadableMarker, WebRendition {
        String albumId();

        /** The photo's path inside its album. */
        String relativePath();

        String key();
    }

    /** The image of {@code size} made of the photo at {@code relativePath}. */
    public record Image(String albumId, PreviewSize size, String relativePath) implements PreviewKey {
        @Override
        public String key() {
            return image(albumId, size, relativePath);
        }
    }

    /** The marker saying the photo at {@code relativePath} cannot be read as an image. */
    public record UnreadableMarker(String albumId, String relativePath) implements PreviewKey {
        @Override
        public String key() {
            return unreadableMarker(albumId, relativePath);
        }
    }

    /** The web-size rendition of the photo at {@code relativePath}. */
    public record WebRendition(String albumId, String relativePath) implements PreviewKey {
        @Override
        public String key() {
            return web(albumId, relativePath);
        }
    }

    /** {@code previews/{album_id}/}: every image and marker of one album. */
    public static String albumPrefix(String albumId) {
        return PREFIX + albumId + "/";
    }

    /** {@code previews/{album_id}/{size}/}: the album's images of one size, in photo key order. */
    public static String sizePrefix(String albumId, PreviewSize size) {
        return albumPrefix(albumId) + folder(size) + "/";
    }

    public static String image(String albumId, PreviewSize size, String relativePath) {
        return sizePrefix(albumId, size) + relativePath + SUFFIX;
    }

    /** {@code previews/{album_id}/web/{path}.jpg}: the web-size rendition of the photo at {@code relativePath}. */
    public static String web(String albumId, String relativePath) {
        return albumPrefix(albumId) + WEB + "/" + relativePath + SUFFIX;
    }

    /**
     * The name a web-size rendition has in the web-size archive and as a web-size download: the
     * photo's path with its extension made {@code .jpg} (a rendition is a JPEG), unless it already is
     * {@code .jpg} or {@code .jpeg}, so names and folders are those of the album.
     */
    public static String webPath(String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        int dot = relativePath.lastIndexOf('.');
        if (dot <= slash + 1) return relativePath + SUFFIX;
        String ext = relativePath.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (ext.equals("jpg") || ext.equals("jpeg")) return relativePath;
        return relativePath.substring(0, dot) + SUFFIX;
    }

    /**
     * Whether a web-size rendition with this metadata was made from the photo version {@code sourceEtag}
     * (bare, as a HEAD gives it) under the recipe tagged {@code webSizeTag}: the one rule the build, the
     * preview job and web-size downloads all go by.
     */
    public static boolean isCurrentRendition(Map<String, String> metadata, String sourceEtag, String webSizeTag) {
        return sourceEtag.equals(metadata.get(SOURCE_ETAG)) && webSizeTag.equals(metadata.get(WEB_SIZE));
    }

    /** {@code previews/{album_id}/web/}: the album's web-size renditions, in photo key order. */
    public static String webPrefix(String albumId) {
        return albumPrefix(albumId) + WEB + "/";
    }

    public static String unreadableMarker(String albumId, String relativePath) {
        return albumPrefix(albumId) + UNREADABLE + "/" + relativePath + SUFFIX;
    }

    /** The image or marker a key names; empty for any other key (another prefix, folder or suffix, no path). */
    public static Optional<PreviewKey> parse(String key) {
        if (key == null || !key.startsWith(PREFIX) || !key.endsWith(SUFFIX)) return Optional.empty();
        String rest = key.substring(PREFIX.length(), key.length() - SUFFIX.length());
        int albumEnd = rest.indexOf('/');
        if (albumEnd < 0) return Optional.empty();
        int folderEnd = rest.indexOf('/', albumEnd + 1);
        if (folderEnd < 0 || folderEnd == rest.length() - 1) return Optional.empty();
        String albumId = rest.substring(0, albumEnd);
        if (!AlbumIds.isValid(albumId)) return Optional.empty();
        String folder = rest.substring(albumEnd + 1, folderEnd);
        String path = rest.substring(folderEnd + 1);
        if (folder.equals(UNREADABLE)) return Optional.of(new UnreadableMarker(albumId, path));
        if (folder.equals(WEB)) return Optional.of(new WebRendition(albumId, path));
        return Arrays.stream(PreviewSize.values()).filter(size -> folder(size).equals(folder)).findFirst()
                .map(size -> new Image(albumId, size, path));
    }

    /** The folder of a size's images. Existing buckets hold images under these names: renaming one would orphan them. */
    private static String folder(PreviewSize size) {
        return switch (size) {
            case THUMB -> "thumb";
            case PREVIEW -> "preview";
        };
    }
}

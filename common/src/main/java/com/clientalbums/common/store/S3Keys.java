package com.clientalbums.common.store;

import java.util.Optional;

/**
 * The bucket layout, kept from the plan so an existing deployment can switch over:
 * <pre>
 *   albums/{album_id}/photos/{path}          the photographer's originals (sub-folders kept)
 *   zips/{album_id}/{fingerprint}.zip        archives: a new key per content, never overwritten
 *   previews/{album_id}/…                    thumbnails and previews, never archived
 *   quarantine/{album_id}/{path}             uploads whose bytes are active content, moved out of the album
 *   watermarks/{album_id}/{sha256}.png       the photographer's watermark logos, named for their bytes
 * </pre>
 * Archives live under their own prefix so their creation can never look like a photo event.
 * The layout inside {@code previews/} belongs to the module that makes the images
 * ({@code previews/src/main/java/com/clientalbums/previews/keys/PreviewKeys.java}).
 */
public final class S3Keys {
    public static final String ALBUMS = "albums/";
    public static final String ZIPS = "zips/";
    public static final String RECEIPTS = "receipts/";
    public static final String QUARANTINE = "quarantine/";
    public static final String WATERMARKS = "watermarks/";
    private static final String PHOTOS = "/photos/";

    private S3Keys() {}

    public static String photosPrefix(String albumId) {
        return ALBUMS + albumId + PHOTOS;
    }

    public static String photoKey(String albumId, String relativePath) {
        return photosPrefix(albumId) + relativePath;
    }

    /** Where a photo whose bytes are active content is kept, out of its album's listing and archives. */
    public static String quarantineKey(String albumId, String relativePath) {
        return QUARANTINE + albumId + "/" + relativePath;
    }

    /** The folder of an album's watermark logos. */
    public static String watermarkPrefix(String albumId) {
        return WATERMARKS + albumId + "/";
    }

    /**
     * A watermark logo, named for the SHA-256 of its bytes (64 lower-case hex characters): a new logo
     * is a new key, so the album's web-size recipe changes with it and renditions are remade.
     */
    public static String watermarkKey(String albumId, String sha256) {
        return watermarkPrefix(albumId) + sha256 + ".png";
    }

    public static String zipPrefix(String albumId) {
        return ZIPS + albumId + "/";
    }

    public static String zipKey(String albumId, String fingerprint) {
        return zipPrefix(albumId) + fingerprint + ".zip";
    }

    /**
     * The sidecar of an archive listing the source of each entry (photo key and ETag, in archive
     * order), read by an incremental rebuild to know which entries it may copy: {@code ….zip} →
     * {@code ….manifest.json}.
     */
    public static String manifestKey(String zipKey) {
        return sidecar(zipKey, ".manifest.json");
    }

    /**
     * Where a build that ran out of time records how far its archive's multipart upload got (upload
     * id, parts done, CRC-32s computed), so the next invocation continues it: {@code ….zip} →
     * {@code ….checkpoint.json}.
     */
    public static String checkpointKey(String zipKey) {
        return sidecar(zipKey, ".checkpoint.json");
    }

    /**
     * A client's receipt of an archive part, made by maintenance once a delivery of it is complete
     * (the part's SHA-256 and each entry's name, size and CRC-32, {@code docs/delivery.md}):
     * {@code zips/{album_id}/{fp}.zip} → {@code receipts/{album_id}/{fp}.json}. Not beside the
     * archive: a receipt is proof and outlives the archive it describes, which expires and is
     * superseded as a cache.
     */
    public static String receiptKey(String zipKey) {
        String sidecar = sidecar(zipKey, ".json");
        return RECEIPTS + sidecar.substring(ZIPS.length());
    }

    private static String sidecar(String zipKey, String suffix) {
        if (!zipKey.startsWith(ZIPS) || !zipKey.endsWith(".zip")) throw new IllegalArgumentException("not an archive key: " + zipKey);
        return zipKey.substring(0, zipKey.length() - ".zip".length()) + suffix;
    }

    /** The album a photo key belongs to; empty for anything outside {@code albums/{id}/photos/}. */
    public static Optional<String> albumOfPhoto(String key) {
        if (key == null || !key.startsWith(ALBUMS)) return Optional.empty();
        int slash = key.indexOf('/', ALBUMS.length());
        if (slash < 0) return Optional.empty();
        String albumId = key.substring(ALBUMS.length(), slash);
        if (!AlbumIds.isValid(albumId) || !key.startsWith(PHOTOS, slash)) return Optional.empty();
        if (key.length() == slash + PHOTOS.length()) return Optional.empty();
        return Optional.of(albumId);
    }

    /** The path of a photo inside its album, e.g. {@code Ceremony/IMG_0001.jpg}. */
    public static String relativePath(String albumId, String key) {
        return key.substring(photosPrefix(albumId).length());
    }
}

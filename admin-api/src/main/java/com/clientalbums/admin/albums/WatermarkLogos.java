package com.clientalbums.admin.albums;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.http.PresignedLinks;
import com.clientalbums.common.store.ObjectHeads;
import com.clientalbums.common.store.S3Keys;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Watermark logos: the photographer's PNG goes straight to S3 by a presigned PUT under
 * {@code watermarks/{album_id}/{sha256}.png} ({@link S3Keys#watermarkKey}), signed for
 * {@code image/png} and the declared length as photo uploads are ({@code uploads/UploadLinks.java});
 * an album's settings then name it by that key, which must be the album's and must exist. The
 * renderer decodes it as any untrusted image.
 */
public final class WatermarkLogos {
    public static final long MAX_BYTES = 2L * 1024 * 1024;
    public static final String CONTENT_TYPE = "image/png";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** {@code POST /admin/albums/{album_id}/watermark-logo}'s body. */
    public record Request(String sha256, Long size) {}

    /** Where and how to PUT the logo: {@code headers} are the signed ones, to be sent as they are. */
    public record Upload(String uploadUrl, String logoKey, long expiresIn, String method, Map<String, String> headers) {}

    private final PresignedLinks links;
    private final ObjectHeads heads;
    private final Duration expiry;

    public WatermarkLogos(PresignedLinks links, ObjectHeads heads, Duration expiry) {
        this.links = links;
        this.heads = heads;
        this.expiry = expiry;
    }

    /** The album must exist (the caller checks). */
    public Upload sign(String albumId, Request request) {
        String sha256 = request.sha256() == null ? "" : request.sha256().strip().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha256).matches()) throw AlbumsException.badRequest("sha256 must be the logo's SHA-256 in 64 hex characters");
        if (request.size() == null || request.size() < 1 || request.size() > MAX_BYTES) {
            throw AlbumsException.badRequest("size must be 1 byte to 2 MiB: a watermark logo is a PNG of at most 2 MiB");
        }
        String key = S3Keys.watermarkKey(albumId, sha256);
        PresignedLinks.Link link = links.put(key, expiry, CONTENT_TYPE, request.size());
        return new Upload(link.url(), key, link.expiresInSeconds(), "PUT",
                Map.of("Content-Type", CONTENT_TYPE, "Content-Length", Long.toString(request.size())));
    }

    /** 400 unless {@code key} is a logo key of this album and the logo was uploaded. */
    public void requireUploaded(String albumId, String key) {
        String prefix = S3Keys.watermarkPrefix(albumId);
        boolean ours = key.startsWith(prefix) && key.endsWith(".png")
                && SHA256.matcher(key.substring(prefix.length(), key.length() - ".png".length())).matches();
        if (!ours) throw AlbumsException.badRequest("watermark.logo_key must be a logo uploaded for this album (watermark-logo)");
        if (heads.head(key).isEmpty()) throw AlbumsException.badRequest("watermark.logo_key names a logo that was not uploaded (yet)");
    }
}

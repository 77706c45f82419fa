package com.clientalbums.previews.job;

import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.store.FileTypes;
import com.clientalbums.common.store.HiddenFiles;
import com.clientalbums.common.store.ObjectHead;
import com.clientalbums.common.store.ObjectHeads;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;
import com.clientalbums.previews.render.PreviewRenderer;
import com.clientalbums.previews.render.PreviewRenderer.Recipe;
import com.clientalbums.previews.render.PreviewRenderer.Rendition;
import com.clientalbums.previews.render.PreviewRenderer.Renditions;
import com.clientalbums.previews.render.UnreadableImageException;
import com.clientalbums.previews.render.WatermarkPainter;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a photo's thumbnail, preview and (for an image) web-size rendition, once per version of
 * the photo and of the album's web-size recipe ({@link WebSize}), all from one decode.
 *
 * <p>Each image records the ETag of the photo it was made from ({@code x-amz-meta-source-etag});
 * the web-size rendition also the recipe's tag ({@code x-amz-meta-web-size}), the preview whether
 * it carries the watermark ({@code x-amz-meta-watermark}: the tag, or {@code none}). A photo with
 * current images is skipped after four HEADs; one replaced under the same name (new bytes, new
 * ETag), or in an album whose watermark or web size changed, gets new ones. A file that cannot be read as an image gets a zero-byte
 * marker ({@link PreviewKeys#unreadableMarker}) with the same ETag instead, so it is
 * logged once and never tried again — neither by redelivered events nor by daily maintenance —
 * until it is replaced.
 *
 * <p>This is also where a new photo's bytes are first read, so it is the arrival check: bytes
 * that are active content ({@link ActiveContent}: SVG, HTML, a script…, whatever the name says)
 * are moved to quarantine ({@link Quarantine}) instead of getting previews. Photos read whole for
 * their previews are checked on those bytes; larger ones on their first bytes, one ranged GET.
 */
public final class PhotoPreviews {
    private static final Logger LOG = System.getLogger(PhotoPreviews.class.getName());
    static final String SOURCE_ETAG = PreviewKeys.SOURCE_ETAG;
    static final String WEB_SIZE = PreviewKeys.WEB_SIZE;
    static final String WATERMARK = "watermark";
    /** A preview's {@link #WATERMARK} when it carries none; previews made before watermarks existed count as this. */
    static final String NO_WATERMARK = "none";

    /** What became of one photo. */
    public enum Result { MADE, ALREADY_CURRENT, UNREADABLE, PHOTO_GONE, NOT_A_PHOTO, QUARANTINED }

    /** Bytes of a photo to its images; {@link PreviewRenderer#render(byte[], Recipe)} (a seam for tests to count decodes). */
    @FunctionalInterface
    public interface Renderer {
        Renditions render(byte[] photo, Recipe recipe) throws UnreadableImageException;
    }

    private final S3Client s3;
    private final String bucket;
    private final ObjectHeads heads;
    private final Renderer renderer;
    private final long maxPhotoBytes;
    private final Quarantine quarantine;
    private final WatermarkLogos logos;

    /** @param maxPhotoBytes larger files are not read into memory; they get no preview (a 100 MP JPEG is ~60 MB) */
    public PhotoPreviews(S3Client s3, String bucket, Renderer renderer, long maxPhotoBytes) {
        this.s3 = s3;
        this.bucket = bucket;
        this.heads = new ObjectHeads(s3, bucket);
        this.renderer = renderer;
        this.maxPhotoBytes = maxPhotoBytes;
        this.quarantine = new Quarantine(s3, bucket, Clock.systemUTC());
        this.logos = new WatermarkLogos(s3, bucket);
    }

    public PhotoPreviews(S3Client s3, String bucket) {
        this(s3, bucket, new PreviewRenderer()::render, 128L * 1024 * 1024);
    }

    /**
     * @param webSize the album's recipe ({@code WebSize.of(px, album)}, or {@code WebSize.defaults(px)}
     *                for an album not registered yet)
     */
    public Result make(String albumId, String relativePath, WebSize webSize) {
        if (HiddenFiles.isHidden(relativePath)) return Result.NOT_A_PHOTO;
        String photoKey = S3Keys.photoKey(albumId, relativePath);
        Optional<ObjectHead> photo = heads.head(photoKey);
        if (photo.isEmpty()) return Result.PHOTO_GONE;
        String etag = photo.get().etag();
        boolean web = hasWebRendition(relativePath);
        if (current(albumId, relativePath, etag, webSize, web)) return Result.ALREADY_CURRENT;
        String markerKey = PreviewKeys.unreadableMarker(albumId, relativePath);
        Optional<ObjectHead> marker = heads.head(markerKey);
        if (sourceEtag(marker).filter(etag::equals).isPresent()) return Result.UNREADABLE;
        if (photo.get().size() > maxPhotoBytes) {
            FirstBytes first = firstBytes(photoKey);
            Optional<Result> moved = quarantined(albumId, relativePath, first.etag(), photo.get().size(), first.bytes());
            if (moved.isPresent()) return moved.get();
            return unreadable(albumId, relativePath, first.etag(), photo.get().size() + " bytes is larger than previews are made for");
        }

        byte[] bytes;
        String readEtag;
        try (var object = s3.getObject(r -> r.bucket(bucket).key(photoKey))) {
            // The ETag of the bytes actually read: the photo may have been replaced since the HEAD.
            readEtag = ObjectHeads.unquoted(object.response().eTag());
            long length = object.response().contentLength();
            if (length > maxPhotoBytes) {
                return unreadable(albumId, relativePath, readEtag, length + " bytes is larger than previews are made for");
            }
            // One array of the exact size: reading into a growing buffer would briefly need twice the photo.
            bytes = new byte[(int) length];
            if (object.readNBytes(bytes, 0, bytes.length) != bytes.length) throw new IOException("photo ended early");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + photoKey + " failed", e);
        }
        Optional<Result> moved = quarantined(albumId, relativePath, readEtag, bytes.length, bytes);
        if (moved.isPresent()) return moved.get();
        Recipe recipe = web ? recipe(webSize) : Recipe.PREVIEWS_ONLY;
        Renditions images;
        try {
            images = renderer.render(bytes, recipe);
        } catch (UnreadableImageException e) {
            return unreadable(albumId, relativePath, readEtag, e.getMessage());
        }
        for (var image : images.previews().entrySet()) {
            Map<String, String> metadata = image.getKey() == PreviewSize.THUMB ? Map.of(SOURCE_ETAG, readEtag)
                    : Map.of(SOURCE_ETAG, readEtag, WATERMARK, previewMark(recipe.watermarkPreviews() ? webSize : null));
            put(PreviewKeys.image(albumId, image.getKey(), relativePath), metadata, image.getValue());
        }
        if (images.web().isPresent()) {
            put(PreviewKeys.web(albumId, relativePath), Map.of(SOURCE_ETAG, readEtag, WEB_SIZE, webSize.tag()), images.web().get());
        }
        if (marker.isPresent()) deleteQuietly(markerKey); // an earlier version was unreadable
        return Result.MADE;
    }

    /**
     * A photo was deleted: its images go too. Checked first, because S3 events arrive out of
     * order: a delete handled after the same name was uploaded again must not remove the new images.
     */
    public boolean removeIfPhotoGone(String albumId, String relativePath) {
        if (heads.head(S3Keys.photoKey(albumId, relativePath)).isPresent()) return false;
        for (PreviewSize size : PreviewSize.values()) deleteQuietly(PreviewKeys.image(albumId, size, relativePath));
        deleteQuietly(PreviewKeys.web(albumId, relativePath));
        deleteQuietly(PreviewKeys.unreadableMarker(albumId, relativePath));
        return true;
    }

    /**
     * Empty when the bytes are not active content; else the photo is moved to quarantine
     * (or, should it have changed meanwhile or be too large to move, marked so it gets no preview).
     */
    private Optional<Result> quarantined(String albumId, String relativePath, String etag, long size, byte[] bytes) {
        Optional<String> active = ActiveContent.in(bytes);
        if (active.isEmpty()) return Optional.empty();
        if (quarantine.move(albumId, relativePath, etag, size, active.get())) {
            // The delete's own event removes whatever images an earlier version had.
            return Optional.of(Result.QUARANTINED);
        }
        return Optional.of(unreadable(albumId, relativePath, etag, active.get()));
    }

    private record FirstBytes(byte[] bytes, String etag) {}

    /** The first bytes of a file too large to read whole, and the ETag of the version they came from. */
    private FirstBytes firstBytes(String key) {
        try (var object = s3.getObject(r -> r.bucket(bucket).key(key).range("bytes=0-" + (ActiveContent.HEAD_BYTES - 1)))) {
            return new FirstBytes(object.readNBytes(ActiveContent.HEAD_BYTES), ObjectHeads.unquoted(object.response().eTag()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the first bytes of " + key + " failed", e);
        }
    }

    /**
     * Whether a file gets a web-size rendition: images do; camera RAW (an original by nature),
     * videos and PDFs never, even should a RAW's embedded preview decode.
     */
    public static boolean hasWebRendition(String relativePath) {
        return FileTypes.kind(relativePath).filter(k -> k == FileTypes.Kind.IMAGE).isPresent();
    }

    /** The album's web-size recipe as the renderer takes it, its watermark's logo read. */
    private Recipe recipe(WebSize webSize) {
        Optional<WatermarkPainter> painter = logos.painter(webSize.watermarkOn());
        return new Recipe(webSize.longEdge(), WebSize.QUALITY, painter, webSize.watermarksPreviews() && painter.isPresent());
    }

    /** The {@link #WATERMARK} value of a preview made under {@code webSize}: its tag when previews carry the mark. */
    private static String previewMark(WebSize webSize) {
        return webSize != null && webSize.watermarksPreviews() ? webSize.tag() : NO_WATERMARK;
    }

    /** Every image exists, was made from this version of the photo, and under the album's recipe. */
    private boolean current(String albumId, String relativePath, String etag, WebSize webSize, boolean web) {
        Optional<ObjectHead> thumb = heads.head(PreviewKeys.image(albumId, PreviewSize.THUMB, relativePath));
        if (sourceEtag(thumb).filter(etag::equals).isEmpty()) return false;
        Optional<ObjectHead> preview = heads.head(PreviewKeys.image(albumId, PreviewSize.PREVIEW, relativePath));
        if (sourceEtag(preview).filter(etag::equals).isEmpty()) return false;
        String mark = preview.get().metadata().getOrDefault(WATERMARK, NO_WATERMARK);
        if (!mark.equals(previewMark(web ? webSize : null))) return false;
        return !web || isCurrentRendition(heads.head(PreviewKeys.web(albumId, relativePath)), etag, webSize);
    }

    /** A web-size rendition made from the photo version {@code etag} under {@code webSize}'s recipe. */
    static boolean isCurrentRendition(Optional<ObjectHead> rendition, String etag, WebSize webSize) {
        return rendition.filter(h -> PreviewKeys.isCurrentRendition(h.metadata(), etag, webSize.tag())).isPresent();
    }

    private void put(String key, Map<String, String> metadata, Rendition image) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("image/jpeg").metadata(metadata), RequestBody.fromBytes(image.jpeg()));
    }

    private Result unreadable(String albumId, String relativePath, String etag, String reason) {
        // Logged here, once per version of the file: the marker keeps anyone from trying again.
        LOG.log(Level.WARNING, "album {0}: no preview for {1}: {2}", albumId, relativePath, reason);
        s3.putObject(r -> r.bucket(bucket).key(PreviewKeys.unreadableMarker(albumId, relativePath)).contentType("text/plain")
                .metadata(Map.of(SOURCE_ETAG, etag)), RequestBody.empty());
        // Images of an earlier, readable version would show a photo that is no longer there.
        for (PreviewSize size : PreviewSize.values()) deleteQuietly(PreviewKeys.image(albumId, size, relativePath));
        deleteQuietly(PreviewKeys.web(albumId, relativePath));
        return Result.UNREADABLE;
    }

    private void deleteQuietly(String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(key)); // S3 answers 204 for a key that is not there
    }

    private static Optional<String> sourceEtag(Optional<ObjectHead> head) {
        return head.map(h -> h.metadata().get(SOURCE_ETAG));
    }
}

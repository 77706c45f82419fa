package com.clientalbums.maintenance.sweep;

import com.clientalbums.common.store.HiddenFiles;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.zip.preview.PhotoPreviews;
import com.clientalbums.zip.preview.PreviewSize;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.ORPHAN_PREVIEWS_DELETED;
import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.PREVIEWS_DEFERRED;
import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.PREVIEWS_MADE;

/**
 * Makes the previews the photo events missed (an event lost, a Lambda out of time, photos that
 * predate the feature) and deletes those of photos that are gone. One listing of the album's
 * {@code previews/} per run; a photo is looked at closer only when an image is missing or older
 * than the photo, and {@link PhotoPreviews} then decides by ETag, so nothing is made twice.
 */
final class PreviewBackfill {
    /** S3 times are whole seconds; a margin keeps an image made in the listing's second. */
    private static final Duration LISTING_MARGIN = Duration.ofSeconds(2);

    private final S3Client s3;
    private final String bucket;
    private final PhotoPreviews previews;

    PreviewBackfill(S3Client s3, String bucket, PhotoPreviews previews) {
        this.s3 = s3;
        this.bucket = bucket;
        this.previews = previews;
    }

    /**
     * @param photos   the album's photos, listed at {@code listedAt}
     * @param timeLeft false once the invocation must stop rendering (the rest waits for the next run)
     */
    void backfill(String albumId, List<PhotoObject> photos, Instant listedAt, BooleanSupplier timeLeft,
                  MaintenanceReport report) {
        Map<String, Instant> existing = previewObjects(albumId);
        Set<String> current = new HashSet<>();
        for (PhotoObject photo : photos) {
            if (HiddenFiles.isHidden(photo.relativePath())) continue;
            current.add(photo.relativePath());
            if (upToDate(albumId, photo, existing)) continue;
            if (!timeLeft.getAsBoolean()) {
                report.add(PREVIEWS_DEFERRED);
                continue;
            }
            if (previews.make(albumId, photo.relativePath()) == PhotoPreviews.Result.MADE) report.add(PREVIEWS_MADE);
        }
        // Only images older than the photo listing: one made since may be of a photo uploaded since.
        Instant before = listedAt.minus(LISTING_MARGIN);
        Set<String> settled = new HashSet<>();
        existing.forEach((key, made) -> { if (made.isBefore(before)) settled.add(key); });
        for (String key : orphans(albumId, settled, current)) {
            s3.deleteObject(r -> r.bucket(bucket).key(key));
            report.add(ORPHAN_PREVIEWS_DELETED);
        }
    }

    /** Both images exist and are no older than the photo, or the photo is known to be unreadable. */
    private static boolean upToDate(String albumId, PhotoObject photo, Map<String, Instant> existing) {
        Instant marker = existing.get(PhotoPreviews.markerKey(albumId, photo.relativePath()));
        if (marker != null && !marker.isBefore(photo.lastModified())) return true;
        for (PreviewSize size : PreviewSize.values()) {
            Instant made = existing.get(S3Keys.previewKey(albumId, size.keyName(), photo.relativePath()));
            if (made == null || made.isBefore(photo.lastModified())) return false;
        }
        return true;
    }

    private Map<String, Instant> previewObjects(String albumId) {
        Map<String, Instant> keys = new HashMap<>();
        var pages = s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(albumPrefix(albumId)));
        for (S3Object o : pages.contents()) keys.put(o.key(), o.lastModified());
        return keys;
    }

    /** Images (and markers) whose photo is no longer in the album. */
    private static List<String> orphans(String albumId, Set<String> keys, Set<String> photoPaths) {
        List<String> orphans = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        for (PreviewSize size : PreviewSize.values()) folders.add(size.keyName());
        folders.add(PhotoPreviews.UNREADABLE);
        for (String key : keys) {
            for (String folder : folders) {
                String prefix = albumPrefix(albumId) + folder + "/";
                if (key.startsWith(prefix) && key.endsWith(".jpg")) {
                    String path = key.substring(prefix.length(), key.length() - ".jpg".length());
                    if (!photoPaths.contains(path)) orphans.add(key);
                }
            }
        }
        return orphans;
    }

    private static String albumPrefix(String albumId) {
        return S3Keys.PREVIEWS + albumId + "/";
    }
}

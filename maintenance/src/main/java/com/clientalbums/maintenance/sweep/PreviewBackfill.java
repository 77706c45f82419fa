package com.clientalbums.maintenance.sweep;

import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.store.HiddenFiles;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.maintenance.store.PreviewStore;
import com.clientalbums.maintenance.store.StoredObject;
import com.clientalbums.previews.job.PhotoPreviews;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;

import java.time.Duration;
import java.time.Instant;
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
 * Makes the previews and web-size renditions the photo events missed (an event lost, a Lambda out
 * of time, photos that predate the feature) and deletes those of photos that are gone. One listing
 * of the album's previews per run; a photo is looked at closer only when an image is missing or
 * older than the photo, and {@link PhotoPreviews} then decides by ETag and the album's web-size
 * recipe, so nothing is made twice. A rendition of an older recipe (the watermark changed) is
 * remade by the build that the change requested, not here.
 */
final class PreviewBackfill {
    /** S3 times are whole seconds; a margin keeps an image made in the listing's second. */
    private static final Duration LISTING_MARGIN = Duration.ofSeconds(2);

    private final PreviewStore store;
    private final PhotoPreviews previews;

    PreviewBackfill(PreviewStore store, PhotoPreviews previews) {
        this.store = store;
        this.previews = previews;
    }

    /**
     * @param webSize  the album's web-size recipe
     * @param photos   the album's photos, listed at {@code listedAt}
     * @param timeLeft false once the invocation must stop rendering (the rest waits for the next run)
     */
    void backfill(String albumId, WebSize webSize, List<PhotoObject> photos, Instant listedAt, BooleanSupplier timeLeft,
                  MaintenanceReport report) {
        Map<String, Instant> existing = new HashMap<>();
        for (StoredObject o : store.previews(albumId)) existing.put(o.key(), o.lastModified());
        Set<String> current = new HashSet<>();
        for (PhotoObject photo : photos) {
            if (HiddenFiles.isHidden(photo.relativePath())) continue;
            current.add(photo.relativePath());
            if (upToDate(albumId, photo, existing)) continue;
            if (!timeLeft.getAsBoolean()) {
                report.add(PREVIEWS_DEFERRED);
                continue;
            }
            if (previews.make(albumId, photo.relativePath(), webSize) == PhotoPreviews.Result.MADE) report.add(PREVIEWS_MADE);
        }
        // Only images older than the photo listing: one made since may be of a photo uploaded since.
        Instant before = listedAt.minus(LISTING_MARGIN);
        existing.forEach((key, made) -> {
            if (made.isBefore(before) && isOrphan(key, current)) {
                store.deletePreview(key);
                report.add(ORPHAN_PREVIEWS_DELETED);
            }
        });
    }

    /**
     * Both images (and an image's web-size rendition) exist and are no older than the photo, or
     * the photo is known to be unreadable.
     */
    private static boolean upToDate(String albumId, PhotoObject photo, Map<String, Instant> existing) {
        Instant marker = existing.get(PreviewKeys.unreadableMarker(albumId, photo.relativePath()));
        if (marker != null && !marker.isBefore(photo.lastModified())) return true;
        for (PreviewSize size : PreviewSize.values()) {
            if (!madeSince(existing.get(PreviewKeys.image(albumId, size, photo.relativePath())), photo)) return false;
        }
        return !PhotoPreviews.hasWebRendition(photo.relativePath())
                || madeSince(existing.get(PreviewKeys.web(albumId, photo.relativePath())), photo);
    }

    private static boolean madeSince(Instant made, PhotoObject photo) {
        return made != null && !made.isBefore(photo.lastModified());
    }

    /** An image (or marker) whose photo is no longer in the album; keys outside the layout are left alone. */
    private static boolean isOrphan(String key, Set<String> photoPaths) {
        return PreviewKeys.parse(key).filter(k -> !photoPaths.contains(k.relativePath())).isPresent();
    }
}

package com.clientalbums.maintenance.sweep;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.build.BuildRequests;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoObject;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.PENDING_REQUEUED;
import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.STALE_ZIPS_QUEUED;
import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.STUCK_JOBS_RESET;

/**
 * Puts one album's archive state right, using the same conditional transitions as everyone
 * else ({@link BuildRequests}), so a generator or a click racing with maintenance never makes a
 * second build: whoever loses a transition simply does nothing. A wake-up that fails to send is
 * logged and leaves the album {@code pending} for the next run; the album's other repairs go on.
 *
 * <ul>
 *   <li>photos changed without the change being recorded (a lost event) → recorded; a ready
 *       archive that no longer matches, or any of whose parts (of either size) is gone, is rebuilt ({@code stale_zips_queued});
 *       so is a failed one whose photos changed since (it may have failed for want of them);</li>
 *   <li>a build whose lease lapsed (its generator died and no redelivery came) → re-queued ({@code stuck_jobs_reset});</li>
 *   <li>a request due long ago that nobody claimed (its wake-up message was lost) → re-queued ({@code pending_requeued}).</li>
 * </ul>
 */
final class AlbumRepairs {
    private final AlbumRepository albums;
    private final BuildRequests builds;
    private final int webSizePx;

    /**
     * @param builds    requests whose retry window is the policy's {@code pendingGrace}
     * @param webSizePx {@code WEB_SIZE_PX}: the album's fingerprint includes its web-size recipe
     */
    AlbumRepairs(AlbumRepository albums, BuildRequests builds, int webSizePx) {
        this.webSizePx = webSizePx;
        this.albums = albums;
        this.builds = builds;
    }

    /**
     * @param photos   the album's photos as listed now
     * @param zipKeys  the archive objects that exist for the album (sidecars left out)
     */
    void repair(Album album, List<PhotoObject> photos, Set<String> zipKeys, Instant now, MaintenanceReport report) {
        String id = album.albumId();
        String fingerprint = Fingerprint.of(photos, WebSize.of(webSizePx, album));
        boolean recorded = albums.recordContent(id, fingerprint, photos.size());
        switch (album.zipStatus()) {
            case READY -> {
                boolean stale = !fingerprint.equals(album.zipFingerprint());
                boolean missing = !stale && Stream.of(PhotoSize.values()).flatMap(size -> album.publishedParts(size).stream())
                        .anyMatch(p -> !zipKeys.contains(p.key()));
                // A ready album any of whose archives vanished (expired by the lifecycle rule) needs
                // force: by its fingerprints it is current. The rebuild keeps the parts still there.
                if (missing && builds.rebuild(id, RequestSource.MAINTENANCE)
                        || stale && builds.request(id, RequestSource.MAINTENANCE)) {
                    report.add(STALE_ZIPS_QUEUED);
                }
            }
            case ERROR -> {
                if (recorded && builds.request(id, RequestSource.MAINTENANCE)) report.add(STALE_ZIPS_QUEUED);
            }
            case GENERATING -> {
                if (album.leaseExpired(now) && builds.request(id, RequestSource.MAINTENANCE)) report.add(STUCK_JOBS_RESET);
            }
            case PENDING, NOT_STARTED -> {
                // The request itself is refused while it is recent or not yet due.
                if (builds.request(id, RequestSource.MAINTENANCE)) report.add(PENDING_REQUEUED);
            }
        }
    }
}

package com.clientalbums.zip.build;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * S3 told us an album's photos changed. The event itself is only a hint — it may be late,
 * duplicated or out of order — so the album is listed afresh and its fingerprint recorded; a
 * new fingerprint makes the published archive stale at once (the download API stops handing it
 * out) and requests a rebuild after a quiet period: every further change pushes the quiet period
 * on, so a 1,000-photo upload costs one build. A change during a build makes that build
 * unpublishable and holds its one follow-up for the quiet period as well. No build runs here:
 * the delayed wake-up message starts it.
 */
public final class PhotoChanges {
    private static final Logger LOG = System.getLogger(PhotoChanges.class.getName());

    /** What a change did to the album's archive. */
    public enum Outcome {
        /** No album record: photos may arrive before the album is registered. */
        NOT_REGISTERED,
        /** The listing is what was already recorded (a duplicate or late event, a hidden file). */
        UNCHANGED,
        /** A rebuild is requested once the quiet period is over. */
        REBUILD_SCHEDULED,
        /** A build is under way; it will be superseded by one follow-up after the quiet period. */
        FOLLOW_UP_SCHEDULED
    }

    private final AlbumRepository albums;
    private final PhotoListing listing;
    private final WakeUps wakeUps;
    private final Duration quietPeriod;
    private final Clock clock;
    private final int webSizePx;

    /** @param webSizePx {@code WEB_SIZE_PX}: the album's fingerprint includes its web-size recipe */
    public PhotoChanges(AlbumRepository albums, PhotoListing listing, WakeUps wakeUps, Duration quietPeriod, Clock clock,
                        int webSizePx) {
        this.webSizePx = webSizePx;
        this.albums = albums;
        this.listing = listing;
        this.wakeUps = wakeUps;
        this.quietPeriod = quietPeriod;
        this.clock = clock;
    }

    public Outcome photosChanged(String albumId) {
        Optional<Album> before = albums.find(albumId);
        if (before.isEmpty()) {
            LOG.log(Level.INFO, "album {0} is not registered; its photo events change no archive", albumId);
            return Outcome.NOT_REGISTERED;
        }
        List<PhotoObject> photos = listing.list(albumId);
        String fingerprint = Fingerprint.of(photos, WebSize.of(webSizePx, before.get()));
        boolean changed = albums.recordContent(albumId, fingerprint, photos.size());
        if (!changed && !staleWithoutRequest(before.get(), fingerprint)) return Outcome.UNCHANGED;

        Instant now = clock.instant();
        Instant due = now.plus(quietPeriod);
        // A build may start or end between the two writes below; a few rounds settle it.
        for (int round = 0; round < 3; round++) {
            if (albums.requestAfterChange(albumId, now, due).isPresent()) {
                wakeUps.afterChange(albumId, due, now);
                return Outcome.REBUILD_SCHEDULED;
            }
            if (albums.holdForChange(albumId, due)) return Outcome.FOLLOW_UP_SCHEDULED;
            Album album = albums.find(albumId).orElseThrow();
            switch (album.zipStatus()) {
                case PENDING -> {
                    // Already waiting at least as long (another writer's later quiet period, a retry's back-off).
                    wakeUps.afterChange(albumId, album.notBefore() == null ? due : album.notBefore(), now);
                    return Outcome.REBUILD_SCHEDULED;
                }
                case GENERATING -> {
                    return Outcome.FOLLOW_UP_SCHEDULED; // its quiet period already ends later
                }
                case READY -> {
                    if (album.archiveCurrent()) return Outcome.UNCHANGED; // a build published exactly these photos
                }
                default -> { }
            }
        }
        throw new IllegalStateException("album " + albumId + " kept changing state while a change was recorded");
    }

    /**
     * The listing was already recorded, but a ready archive does not match it: an earlier event
     * recorded the change and then failed to request the rebuild (or maintenance recorded it).
     */
    private static boolean staleWithoutRequest(Album album, String fingerprint) {
        return album.zipStatus() == ZipStatus.NOT_STARTED
                || album.zipStatus() == ZipStatus.READY && !fingerprint.equals(album.zipFingerprint());
    }
}

package com.clientalbums.common.build;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.queue.WakeUpQueue;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;

/**
 * "Request a build and wake a generator", the one way the APIs and maintenance ask for an archive.
 *
 * <p>The request is one conditional write ({@link AlbumRepository#requestBuild}), so of any number
 * of simultaneous callers exactly one wins it, and only the winner sends a wake-up. The album
 * record is the state of record: should the wake-up fail (SQS unreachable, a wrong queue URL), the
 * album simply stays {@code pending}, the failure is logged, and the caller carries on with its
 * other work. Once the request is older than the retry window it counts as lost, and the next
 * click or maintenance run may request and send again.
 */
public final class BuildRequests {
    private static final Logger LOG = System.getLogger(BuildRequests.class.getName());

    /** The APIs' retry window: a pending request older than this is taken as lost and may be sent again. */
    public static final Duration RETRY_WINDOW = Duration.ofMinutes(2);

    private final AlbumRepository albums;
    private final WakeUpQueue queue;
    private final Duration retryWindow;
    private final Clock clock;

    public BuildRequests(AlbumRepository albums, WakeUpQueue queue, Duration retryWindow, Clock clock) {
        this.albums = albums;
        this.queue = queue;
        this.retryWindow = retryWindow;
        this.clock = clock;
    }

    /**
     * Requests a build unless the archive is current or a build is already requested or under way;
     * true when this call made the request (and sent its wake-up, or logged why it could not).
     */
    public boolean request(String albumId, RequestSource source) {
        return request(albumId, source, false);
    }

    /**
     * Whether {@link #request} could make a request for the album as just read (consistently): no
     * archive, an error, a stale archive, a request older than the retry window and due (its
     * wake-up was lost), or a build whose lease expired. False while a request is fresh or a build
     * holds a live lease: then a click or a poll only reads, and a burst of them writes nothing.
     */
    public boolean requestNeeded(Album album) {
        return AlbumRepository.requestWouldSucceed(album, false, clock.instant(), retryWindow);
    }

    /** As {@link #request}, also for a ready archive that is current: a forced rebuild. */
    public boolean rebuild(String albumId, RequestSource source) {
        return request(albumId, source, true);
    }

    /**
     * Wakes a generator for a request the album record already holds (a registration writes its
     * own {@code pending}); a failed send is logged, as for {@link #request}.
     */
    public void wake(String albumId) {
        try {
            queue.wake(albumId);
        } catch (AlbumsException e) {
            LOG.log(Level.WARNING, "album {0} is pending but its wake-up failed ({1}); a click or maintenance"
                    + " sends it again once the request is {2} s old", albumId, e.getMessage(), retryWindow.toSeconds());
        }
    }

    private boolean request(String albumId, RequestSource source, boolean force) {
        if (!albums.requestBuild(albumId, source, force, clock.instant(), retryWindow)) return false;
        wake(albumId);
        return true;
    }
}

package com.clientalbums.zip.build;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.BuildRecord;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.Progress;
import com.clientalbums.common.album.PublishedPart;
import com.clientalbums.common.queue.WakeUpQueue;
import com.clientalbums.zip.build.ArchiveBuildService.Outcome;
import com.clientalbums.zip.build.ArchiveBuildService.Timing;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ways a build ends, the same whether the build that planned it or a worker helping it gets
 * there: each is one conditional write in the name of the build ({@code lease_owner} as read in
 * {@code album}), so a worker of a build that was taken over or ended meanwhile changes nothing.
 */
final class BuildEndings {
    private static final Logger LOG = System.getLogger(BuildEndings.class.getName());

    private final AlbumRepository albums;
    private final WakeUps wakeUps;
    private final WakeUpQueue queue;
    private final Timing timing;
    private final Clock clock;

    BuildEndings(AlbumRepository albums, WakeUpQueue queue, Timing timing, Clock clock) {
        this.albums = albums;
        this.wakeUps = new WakeUps(albums, queue);
        this.queue = queue;
        this.timing = timing;
        this.clock = clock;
    }

    /**
     * Every part is done ({@code album} as the last {@code finishPart} wrote it): the album becomes
     * ready with them, the originals and the web-size archive in the one write.
     */
    Outcome publish(Album album) {
        List<PublishedPart> originals = published(album, PhotoSize.ORIGINAL);
        List<PublishedPart> web = published(album, PhotoSize.WEB);
        Progress total = album.buildProgress();
        if (albums.publish(album.albumId(), album.leaseOwner(), album.buildVersion(), album.buildFingerprint(), originals,
                web, history(album, "ready", total), clock.instant())) {
            LOG.log(Level.INFO, "album {0}: archive ready in {1} part(s) of {2} bytes and {3} web-size part(s) of {4} bytes,"
                    + " {5} files in all", album.albumId(), originals.size(), originals.stream().mapToLong(PublishedPart::size).sum(),
                    web.size(), web.stream().mapToLong(PublishedPart::size).sum(), total.filesTotal());
            return Outcome.BUILT;
        }
        // Not published: either the photos changed since the claim, or the lease was lost. The archives are
        // left for maintenance: each key is its content, so it may be exactly what another build makes.
        return supersedeOrLost(album);
    }

    private static List<PublishedPart> published(Album album, PhotoSize size) {
        return album.buildParts().stream().filter(p -> p.photoSize() == size)
                .map(p -> new PublishedPart(p.key(), p.size(), p.progress().filesTotal(), p.progress().bytesTotal())).toList();
    }

    /**
     * Out of time before the plan was written (web-size renditions still being made): the request
     * waits again, due at once, and the next invocation is woken to continue; the renditions made
     * so far are kept, so it goes on from there. Not a failure: no attempt is counted.
     */
    Outcome continueLater(Album album, String why) {
        if (!albums.handBack(album.albumId(), album.leaseOwner(), clock.instant())) return Outcome.LEASE_LOST;
        queue.wake(album.albumId());
        LOG.log(Level.INFO, "album {0}: {1}; the next invocation continues the build", album.albumId(), why);
        return Outcome.CONTINUED;
    }

    /**
     * The photos changed under the build: one follow-up, after the quiet period (a change noticed
     * here, before its S3 event is handled, is likely part of a burst still arriving).
     */
    Outcome supersedeOrLost(Album album) {
        Instant now = clock.instant();
        Optional<Album> pending = albums.supersede(album.albumId(), album.leaseOwner(),
                history(album, "superseded", album.buildProgress()), now, now.plus(timing.quietPeriod()));
        if (pending.isEmpty()) return Outcome.LEASE_LOST;
        Instant due = pending.get().notBefore() == null ? now : pending.get().notBefore();
        wakeUps.afterEarlyWake(album.albumId(), due, now);
        return Outcome.SUPERSEDED;
    }

    /** Reading photos, uploading, listing, recording failed: retried after a back-off, up to the attempts allowed. */
    Outcome failed(Album album, Exception e) {
        LOG.log(Level.WARNING, "album " + album.albumId() + ": build attempt " + album.attempts() + " failed", e);
        if (album.attempts() >= timing.maxAttempts()) {
            return failFinally(album, "We could not prepare this download (" + describe(e) + "). Click Download All to try again.");
        }
        Duration delay = timing.firstRetryDelay().multipliedBy(1L << Math.min(10, album.attempts() - 1));
        Instant retryAt = clock.instant().plus(delay);
        if (!albums.fail(album.albumId(), album.leaseOwner(), "Retrying after a temporary problem: " + describe(e),
                Optional.of(retryAt), history(album, "retry", album.buildProgress()))) {
            return Outcome.LEASE_LOST;
        }
        queue.wake(album.albumId(), delay);
        return Outcome.RETRY_SCHEDULED;
    }

    Outcome failFinally(Album album, String message) {
        albums.fail(album.albumId(), album.leaseOwner(), message, Optional.empty(), history(album, "error", album.buildProgress()));
        LOG.log(Level.WARNING, "album {0}: {1}", album.albumId(), message);
        return Outcome.FAILED;
    }

    /** The album's history with this build's line: from its claim to now, however many invocations worked on it. */
    private List<BuildRecord> history(Album album, String outcome, Progress progress) {
        Instant finished = clock.instant();
        Instant started = album.zipGenerationStartedAt() == null ? finished : album.zipGenerationStartedAt();
        List<BuildRecord> history = new ArrayList<>(album.builds());
        history.add(new BuildRecord(album.requestedAt(), started, finished, outcome, progress.filesDone(),
                progress.bytesDone(), Duration.between(started, finished).toMillis() / 1000.0, album.requestSource()));
        return history;
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}

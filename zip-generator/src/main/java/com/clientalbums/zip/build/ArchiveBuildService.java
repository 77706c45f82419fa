package com.clientalbums.zip.build;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PartTask;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.Progress;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.EmptyAlbumException;
import com.clientalbums.common.queue.WakeUpQueue;
import com.clientalbums.previews.job.WebRenditions;
import com.clientalbums.zip.pipeline.BuildMonitor;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One album's build, from claim to publish ({@code docs/archive-lifecycle.md}, "Parts and parallel
 * builds"): claim the pending request with a lease, list the photos and cut them into parts, write
 * that plan into the album (parts whose archive exists already are done), wake generators to build
 * the other parts alongside, and work on parts itself. A generator woken for an album whose build
 * has a part free helps with it. The worker that finishes the last part flips the album to
 * {@code ready}, only if the build still holds it and no photo changed meanwhile. Every way out
 * leaves the album in a state from which the system recovers by itself.
 */
public final class ArchiveBuildService {
    private static final Logger LOG = System.getLogger(ArchiveBuildService.class.getName());

    /** How a message's album was handled. */
    public enum Outcome {
        BUILT, NOTHING_TO_DO, NOT_REGISTERED, DEFERRED, SUPERSEDED, RETRY_SCHEDULED, FAILED, LEASE_LOST,
        /** Nothing to archive (no photos, or only hidden and system files): the album shows why and waits for photos. */
        NOTHING_TO_ARCHIVE,
        /** Out of time with parts still to build: the album stays {@code generating} and the next invocation continues. */
        CONTINUED,
        /** Built one or more parts; other workers are building the rest, and the last of them publishes. */
        PARTS_BUILT
    }

    /** What the album shows after a build found nothing to archive; the planner's reason follows. */
    public static final String EMPTY_ALBUM_MESSAGE = "This album has no photos to download yet. Upload photos, then try again.";

    /**
     * Timing knobs; tests shrink them to seconds. {@code lease}: the album's and each part's;
     * {@code quietPeriod}: how long an album's photos must stay unchanged before a rebuild starts
     * (the debounce of photo events); {@code safetyMargin}: time left unused at the end of an
     * invocation so a part stopped for time can record its state and hand itself back.
     */
    public record Timing(Duration lease, int maxAttempts, Duration firstRetryDelay, Duration safetyMargin,
                         Duration quietPeriod) {
        public static final Duration SAFETY_MARGIN = Duration.ofSeconds(20);

        /** The deployed timings: lease, attempts, first back-off and quiet period from the function's settings. */
        public static Timing from(Settings settings) {
            return new Timing(settings.seconds(Setting.ZIP_LEASE_SECONDS), settings.integer(Setting.ZIP_MAX_ATTEMPTS),
                    settings.seconds(Setting.ZIP_RETRY_SECONDS), SAFETY_MARGIN, settings.seconds(Setting.ZIP_QUIET_SECONDS));
        }
    }

    private final AlbumRepository albums;
    private final BuildPlanner planner;
    private final ExistingArchives archives;
    private final WakeUps wakeUps;
    private final WakeUpQueue queue;
    private final BuildEndings endings;
    private final PartWorker worker;
    private final Timing timing;
    private final PartLimits limits;
    private final Clock clock;

    public ArchiveBuildService(AlbumRepository albums, BuildPlanner planner, ExistingArchives archives, PartAssembler assembler,
                               EarlierArchives earlier, WakeUpQueue queue, Timing timing, PartLimits limits, Clock clock) {
        this.albums = albums;
        this.planner = planner;
        this.archives = archives;
        this.wakeUps = new WakeUps(albums, queue);
        this.queue = queue;
        this.endings = new BuildEndings(albums, queue, timing, clock);
        this.worker = new PartWorker(albums, planner, assembler, earlier, queue, endings, timing, clock);
        this.timing = timing;
        this.limits = limits;
        this.clock = clock;
    }

    /** Builds the album's archive if a build is requested and nobody else is on it, or helps the build under way. */
    public Outcome build(String albumId, String owner, LongSupplier remainingMillis) {
        Instant now = clock.instant();
        Optional<Album> claim = albums.claim(albumId, owner, now, timing.lease());
        if (claim.isEmpty()) return notClaimed(albumId, owner, remainingMillis, now);
        Album album = claim.get();
        AlbumPlan plan;
        Album started;
        try {
            plan = planHoldingLease(album, owner, remainingMillis);
            // A part whose archive exists is done, unless the photographer forced a rebuild from the photos.
            Set<String> built = RequestSource.startsAfresh(album.requestSource()) ? Set.of() : archives.of(albumId);
            List<PartTask> tasks = plan.parts().stream().map(p -> p.task(built.contains(p.key()))).toList();
            Optional<Album> planned = albums.startParts(albumId, owner, plan.fingerprint(), tasks, clock.instant(), timing.lease());
            if (planned.isEmpty()) {
                LOG.log(Level.WARNING, "album {0}: lease lost before the build's plan was written", albumId);
                return Outcome.LEASE_LOST;
            }
            started = planned.get();
        } catch (EmptyAlbumException e) {
            // Not worth a retry: the photos' S3 events request the build once there is something to archive.
            endings.failFinally(album, EMPTY_ALBUM_MESSAGE + " (" + e.getMessage() + ")");
            return Outcome.NOTHING_TO_ARCHIVE;
        } catch (WebRenditions.OutOfTime e) {
            return endings.continueLater(album, e.getMessage());
        } catch (UncheckedIOException | SdkException e) {
            return endings.failed(album, e);
        }
        LOG.log(Level.INFO, "album {0}: {1} part(s), {2} to build", albumId, started.buildParts().size(), started.partsRemaining());
        // Every part's archive exists already (a rebuild that changed nothing it holds, a lost publish).
        if (started.partsRemaining() == 0) return endings.publish(started);
        wakeHelpers(albumId, helpersFor(started));
        return worker.work(started, owner, remainingMillis, plan);
    }

    /**
     * One generator per part to build, up to {@code ZIP_PARALLEL_PARTS}, counting by the original
     * parts when there are any: the web-size parts are a twentieth of their bytes or less, and
     * whichever worker is free first takes them, so an album of one original part and its web-size
     * part is built by one invocation, not two. Only a build of web-size parts alone (a new
     * watermark) counts those.
     */
    private int helpersFor(Album started) {
        long originals = started.buildParts().stream()
                .filter(p -> p.photoSize() == PhotoSize.ORIGINAL && p.state() != PartTask.State.DONE).count();
        long toBuild = originals > 0 ? originals : started.partsRemaining();
        return (int) Math.min(limits.parallelParts(), toBuild) - 1;
    }

    /**
     * Plans the build, renewing the album's lease meanwhile: making the web-size renditions a
     * listing lacks (after a watermark change, all of them) can take minutes.
     */
    private AlbumPlan planHoldingLease(Album album, String owner, LongSupplier remainingMillis) throws WebRenditions.OutOfTime {
        String albumId = album.albumId();
        // Only the lease matters here: time running short is the renditions' own check (they throw OutOfTime).
        BuildMonitor planning = new BuildMonitor(0, 0);
        try (var keeper = new LeaseKeeper(progress -> albums.heartbeat(albumId, owner, clock.instant(), timing.lease(), Progress.NONE),
                albumId + " planning", timing.lease(), planning, remainingMillis, timing.safetyMargin())) {
            return planner.plan(album, remainingMillis);
        }
    }

    /**
     * More generators for the parts this one does not get to; each claims a part of its own. The
     * first is woken at once, the others {@link PartLimits#helperSpacing} apart, each in a batch of its own.
     */
    private void wakeHelpers(String albumId, int helpers) {
        try {
            for (int i = 0; i < helpers; i++) queue.wake(albumId, limits.helperSpacing().multipliedBy(i));
        } catch (AlbumsException e) {
            // Fewer helpers only makes the build slower: this generator works through the parts itself.
            LOG.log(Level.WARNING, "album {0}: helpers not woken ({1}); building the parts alone", albumId, e.getMessage());
        }
    }

    private Outcome notClaimed(String albumId, String owner, LongSupplier remainingMillis, Instant now) {
        Optional<Album> album = albums.find(albumId);
        if (album.isEmpty()) return notRegistered(albumId);
        Album a = album.get();
        if (a.zipStatus() == ZipStatus.GENERATING && a.buildParts().stream().anyMatch(p -> p.claimable(now))) {
            // A build under way with a part free (not started, handed back, or its worker lost): help.
            return worker.work(a, owner, remainingMillis, null);
        }
        if (a.zipStatus() == ZipStatus.PENDING && a.notBefore() != null && a.notBefore().isAfter(now)) {
            // Requested, but not yet due (a retry's back-off, or photos still arriving): wake up again
            // then — once, however many copies of this message arrive (the wake-up marker decides).
            wakeUps.afterEarlyWake(albumId, a.notBefore(), now);
            return Outcome.DEFERRED;
        }
        // Ready, failed, or every part being built under a live lease: this message is a duplicate.
        return Outcome.NOTHING_TO_DO;
    }

    private Outcome notRegistered(String albumId) {
        LOG.log(Level.INFO, "album {0} is not registered; message skipped", albumId);
        return Outcome.NOT_REGISTERED;
    }
}

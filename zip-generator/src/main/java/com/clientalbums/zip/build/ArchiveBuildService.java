package com.clientalbums.zip.build;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.BuildRecord;
import com.clientalbums.common.album.PublishedArchive;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.error.EmptyAlbumException;
import com.clientalbums.common.queue.WakeUpQueue;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.zip.layout.ZipLayout;
import com.clientalbums.zip.pipeline.ArchivePipeline;
import com.clientalbums.zip.pipeline.BuildMonitor;
import com.clientalbums.zip.pipeline.BuildStoppedException;
import com.clientalbums.zip.pipeline.ContentChangedException;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * One album's build, from claim to publish ({@code docs/archive-lifecycle.md}): claim the pending request with a lease,
 * list the photos, stream the archive to a new key, then flip the album to {@code ready} only if
 * the lease is still ours and no photo changed meanwhile. Every way out leaves the album in a
 * state from which the system recovers by itself.
 */
public final class ArchiveBuildService {
    private static final Logger LOG = System.getLogger(ArchiveBuildService.class.getName());

    /** How a message's album was handled. */
    public enum Outcome {
        BUILT, NOTHING_TO_DO, NOT_REGISTERED, DEFERRED, SUPERSEDED, RETRY_SCHEDULED, FAILED, LEASE_LOST,
        /** Nothing to archive (no photos, or only hidden and system files): the album shows why and waits for photos. */
        NOTHING_TO_ARCHIVE
    }

    /** What the album shows after a build found nothing to archive; the planner's reason follows. */
    public static final String EMPTY_ALBUM_MESSAGE = "This album has no photos to download yet. Upload photos, then try again.";

    /**
     * Timing knobs; tests shrink them to seconds. {@code quietPeriod}: how long an album's photos
     * must stay unchanged before a rebuild starts (the debounce of photo events);
     * {@code safetyMargin}: time left unused at the end of an invocation so a paused build can
     * record its state.
     */
    public record Timing(Duration lease, int maxAttempts, Duration firstRetryDelay, Duration safetyMargin,
                         Duration quietPeriod) {
        /** The first retry's back-off; each further attempt doubles it. */
        public static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(30);
        public static final Duration SAFETY_MARGIN = Duration.ofSeconds(20);

        /** The deployed timings: lease, attempts and quiet period from the function's settings. */
        public static Timing from(Settings settings) {
            return new Timing(settings.seconds(Setting.ZIP_LEASE_SECONDS), settings.integer(Setting.ZIP_MAX_ATTEMPTS),
                    FIRST_RETRY_DELAY, SAFETY_MARGIN, settings.seconds(Setting.ZIP_QUIET_SECONDS));
        }
    }

    private final AlbumRepository albums;
    private final PhotoListing listing;
    private final ArchivePipeline pipeline;
    private final WakeUps wakeUps;
    private final WakeUpQueue queue;
    private final Timing timing;
    private final Clock clock;

    public ArchiveBuildService(AlbumRepository albums, PhotoListing listing, ArchivePipeline pipeline, WakeUpQueue queue,
                               Timing timing, Clock clock) {
        this.albums = albums;
        this.listing = listing;
        this.pipeline = pipeline;
        this.wakeUps = new WakeUps(albums, queue);
        this.queue = queue;
        this.timing = timing;
        this.clock = clock;
    }

    /** Builds the album's archive if a build is requested and nobody else is on it. */
    public Outcome build(String albumId, String owner, LongSupplier remainingMillis) {
        Instant now = clock.instant();
        Optional<Album> claim = albums.claim(albumId, owner, now, timing.lease());
        if (claim.isEmpty()) return notClaimed(albumId, now);
        Album album = claim.get();
        BuildMonitor monitor = new BuildMonitor(0, 0);
        try {
            List<PhotoObject> photos = listing.list(albumId);
            ZipLayout layout = LayoutPlanner.plan(photos.stream()
                    .map(p -> new SourceFile(p.key(), p.relativePath(), p.size(), p.lastModified())).toList());
            Map<String, String> etagByKey = photos.stream().collect(Collectors.toMap(PhotoObject::key, PhotoObject::etag));
            List<String> etags = layout.entries().stream().map(e -> etagByKey.get(e.source().key())).toList();
            String fingerprint = Fingerprint.of(photos);
            long contentBytes = layout.entries().stream().mapToLong(ZipLayout.Entry::size).sum();
            monitor = new BuildMonitor(layout.entries().size(), contentBytes);

            ArchivePipeline.Result result;
            try (var keeper = new LeaseKeeper(albums, albumId, owner, timing.lease(), clock, monitor,
                    remainingMillis, timing.safetyMargin())) {
                result = pipeline.build(layout, etags, S3Keys.zipKey(albumId, fingerprint), monitor);
            }
            PublishedArchive archive = new PublishedArchive(S3Keys.zipKey(albumId, fingerprint), result.archiveSize(),
                    result.entries(), result.contentBytes(), fingerprint);
            List<BuildRecord> history = history(album, "ready", monitor, now);
            if (albums.publish(albumId, owner, album.buildVersion(), archive, history, clock.instant())) {
                LOG.log(Level.INFO, "album {0}: archive ready, {1} photos, {2} bytes, {3}", albumId, result.entries(),
                        result.archiveSize(), archive.key());
                return Outcome.BUILT;
            }
            // Not published: either the photos changed since the claim, or the lease was lost.
            // The uploaded archive is left for maintenance: its key is its content, so it may be exactly what another build makes.
            return supersedeOrLost(album, owner, monitor, now);
        } catch (ContentChangedException e) {
            LOG.log(Level.INFO, "album {0}: photos changed during the build ({1})", albumId, e.getMessage());
            return supersedeOrLost(album, owner, monitor, now);
        } catch (BuildStoppedException e) {
            return switch (e.reason()) {
                case LEASE_LOST -> {
                    LOG.log(Level.WARNING, "album {0}: lease lost, another generator has taken over", albumId);
                    yield Outcome.LEASE_LOST;
                }
                case OUT_OF_TIME -> retry(album, owner,
                        "The build was paused before the function's time ran out; it resumes by itself.", monitor, now, Duration.ZERO);
            };
        } catch (EmptyAlbumException e) {
            // Not worth a retry: the photos' S3 events request the build once there is something to archive.
            failFinally(album, owner, EMPTY_ALBUM_MESSAGE + " (" + e.getMessage() + ")", monitor, now);
            return Outcome.NOTHING_TO_ARCHIVE;
        } catch (IOException | UncheckedIOException | SdkException e) {
            // Reading photos, uploading parts, listing, recording: the failures a later attempt may not meet.
            LOG.log(Level.WARNING, "album " + albumId + ": build attempt " + album.attempts() + " failed", e);
            if (album.attempts() >= timing.maxAttempts()) {
                return failFinally(album, owner, "We could not prepare this download (" + describe(e)
                        + "). Click Download All to try again.", monitor, now);
            }
            Duration delay = timing.firstRetryDelay().multipliedBy(1L << Math.min(10, album.attempts() - 1));
            return retry(album, owner, "Retrying after a temporary problem: " + describe(e), monitor, now, delay);
        }
    }

    private Outcome notClaimed(String albumId, Instant now) {
        Optional<Album> album = albums.find(albumId);
        if (album.isEmpty()) return notRegistered(albumId);
        Album a = album.get();
        if (a.zipStatus() == ZipStatus.PENDING && a.notBefore() != null && a.notBefore().isAfter(now)) {
            // Requested, but not yet due (a retry's back-off, or photos still arriving): wake up again
            // then — once, however many copies of this message arrive (the wake-up marker decides).
            wakeUps.afterEarlyWake(albumId, a.notBefore(), now);
            return Outcome.DEFERRED;
        }
        // Ready, failed, or being built under a live lease: this message is a duplicate.
        return Outcome.NOTHING_TO_DO;
    }

    private Outcome notRegistered(String albumId) {
        LOG.log(Level.INFO, "album {0} is not registered; message skipped", albumId);
        return Outcome.NOT_REGISTERED;
    }

    /**
     * The photos changed under the build: one follow-up, after the quiet period (a change noticed
     * here, before its S3 event is handled, is likely part of a burst still arriving).
     */
    private Outcome supersedeOrLost(Album album, String owner, BuildMonitor monitor, Instant started) {
        Instant now = clock.instant();
        Optional<Album> pending = albums.supersede(album.albumId(), owner, history(album, "superseded", monitor, started),
                now, now.plus(timing.quietPeriod()));
        if (pending.isEmpty()) return Outcome.LEASE_LOST;
        Instant due = pending.get().notBefore() == null ? now : pending.get().notBefore();
        wakeUps.afterEarlyWake(album.albumId(), due, now);
        return Outcome.SUPERSEDED;
    }

    private Outcome retry(Album album, String owner, String message, BuildMonitor monitor, Instant started, Duration delay) {
        Instant retryAt = clock.instant().plus(delay);
        if (!albums.fail(album.albumId(), owner, message, Optional.of(retryAt), history(album, "retry", monitor, started))) {
            return Outcome.LEASE_LOST;
        }
        queue.wake(album.albumId(), delay);
        return Outcome.RETRY_SCHEDULED;
    }

    private Outcome failFinally(Album album, String owner, String message, BuildMonitor monitor, Instant started) {
        albums.fail(album.albumId(), owner, message, Optional.empty(), history(album, "error", monitor, started));
        LOG.log(Level.WARNING, "album {0}: {1}", album.albumId(), message);
        return Outcome.FAILED;
    }

    private List<BuildRecord> history(Album album, String outcome, BuildMonitor monitor, Instant started) {
        Instant finished = clock.instant();
        var progress = monitor.progress();
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

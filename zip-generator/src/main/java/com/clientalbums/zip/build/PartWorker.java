package com.clientalbums.zip.build;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PartTask;
import com.clientalbums.common.album.Progress;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.EmptyAlbumException;
import com.clientalbums.common.queue.WakeUpQueue;
import com.clientalbums.previews.job.WebRenditions;
import com.clientalbums.zip.build.ArchiveBuildService.Outcome;
import com.clientalbums.zip.build.ArchiveBuildService.Timing;
import com.clientalbums.zip.pipeline.BuildMonitor;
import com.clientalbums.zip.pipeline.BuildStoppedException;
import com.clientalbums.zip.pipeline.ContentChangedException;
import com.clientalbums.zip.reuse.PreviousEntry;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * One invocation's share of a build: it claims a part of the album's plan (waiting, or left by a
 * worker whose part lease ran out), builds it under its own part lease, marks it done, and takes
 * another while time remains. The worker whose part is the last one publishes the album. Out of
 * time, it hands its part back and wakes the next invocation to continue it.
 */
final class PartWorker {
    private static final Logger LOG = System.getLogger(PartWorker.class.getName());

    private final AlbumRepository albums;
    private final BuildPlanner planner;
    private final PartAssembler assembler;
    private final EarlierArchives earlier;
    private final WakeUpQueue queue;
    private final BuildEndings endings;
    private final Timing timing;
    private final Clock clock;

    PartWorker(AlbumRepository albums, BuildPlanner planner, PartAssembler assembler, EarlierArchives earlier,
               WakeUpQueue queue, BuildEndings endings, Timing timing, Clock clock) {
        this.albums = albums;
        this.planner = planner;
        this.assembler = assembler;
        this.earlier = earlier;
        this.queue = queue;
        this.endings = endings;
        this.timing = timing;
        this.clock = clock;
    }

    /**
     * Works on the build {@code album} (as read, with its plan) as {@code worker}. {@code plan}: the
     * parts as the build planned them in this invocation, or null for a worker that lists the album itself.
     */
    Outcome work(Album album, String worker, LongSupplier remainingMillis, AlbumPlan plan) {
        Invocation invocation = new Invocation(plan);
        Album current = album;
        boolean built = false;
        while (true) {
            if (remainingMillis.getAsLong() < timing.safetyMargin().toMillis() * 2) {
                // Not enough time to start a part: whoever continues gets a whole invocation for it.
                if (current.buildParts().stream().noneMatch(p -> p.state() != PartTask.State.DONE)) {
                    return built ? Outcome.PARTS_BUILT : Outcome.NOTHING_TO_DO;
                }
                queue.wake(current.albumId());
                return Outcome.CONTINUED;
            }
            Optional<Claimed> claimed = claimNext(current, worker);
            if (claimed.isEmpty()) return noPartLeft(current.albumId(), built);
            Album claim = claimed.get().album();
            PartTask task = claimed.get().task();
            Step step = buildPart(claim, task, worker, remainingMillis, invocation);
            if (step.outcome() != null) return step.outcome();
            built = true;
            current = step.album();
        }
    }

    /** The result of one part: the album to go on with, or how this invocation ends. */
    private record Step(Album album, Outcome outcome) {
        static Step goOn(Album album) { return new Step(album, null); }

        static Step end(Outcome outcome) { return new Step(null, outcome); }
    }

    private record Claimed(Album album, PartTask task) {}

    private Step buildPart(Album album, PartTask task, String worker, LongSupplier remainingMillis, Invocation invocation) {
        String albumId = album.albumId();
        String build = album.leaseOwner();
        int index = task.index();
        // A part continued from an earlier invocation starts where that one left its progress: it never goes back.
        Progress floor = task.progress();
        BuildMonitor monitor = new BuildMonitor(floor.filesTotal(), floor.bytesTotal());
        try {
            PlannedPart part = invocation.part(album, task, remainingMillis);
            monitor = new BuildMonitor(part.layout().entries().size(), part.contentBytes());
            BuildMonitor watched = monitor;
            try (var keeper = new LeaseKeeper(progress -> albums.heartbeatPart(albumId, build, index, worker, clock.instant(),
                    timing.lease(), atLeast(floor, progress)), albumId + " part " + (index + 1), timing.lease(), watched,
                    remainingMillis, timing.safetyMargin())) {
                assembler.build(part, invocation.previous(album), monitor);
            }
            Optional<Album> done = albums.finishPart(albumId, build, index, worker, part.allDone());
            if (done.isPresent()) {
                LOG.log(Level.INFO, "album {0}: part {1} of {2} built, {3} to go", albumId, index + 1,
                        done.get().buildParts().size(), done.get().partsRemaining());
                return done.get().partsRemaining() == 0 ? Step.end(endings.publish(done.get())) : Step.goOn(done.get());
            }
            // Its lease ran out and another worker took the part (it makes the same bytes); the build may go on.
            Album now = albums.find(albumId).orElseThrow();
            return stillBuilding(now, build) ? Step.goOn(now) : Step.end(Outcome.LEASE_LOST);
        } catch (ContentChangedException | EmptyAlbumException e) {
            LOG.log(Level.INFO, "album {0}: photos changed during the build ({1})", albumId, e.getMessage());
            return Step.end(endings.supersedeOrLost(album));
        } catch (BuildStoppedException e) {
            return Step.end(switch (e.reason()) {
                case LEASE_LOST -> {
                    LOG.log(Level.WARNING, "album {0}: part {1} lost its lease; another generator has taken over", albumId, index + 1);
                    yield Outcome.LEASE_LOST;
                }
                case OUT_OF_TIME -> handBack(album, index, worker, atLeast(floor, monitor.progress()));
            });
        } catch (WebRenditions.OutOfTime e) {
            // Only a rendition missing since the plan was written is made here; the part waits for the next invocation.
            return Step.end(handBack(album, index, worker, floor));
        } catch (IOException | UncheckedIOException | SdkException e) {
            return Step.end(endings.failed(album, e));
        }
    }

    /**
     * Out of time: the part waits again with its progress, and the next invocation is woken at once
     * to continue it (from its checkpoint, when the pipeline left one). The album stays
     * {@code generating}, so a client sees its progress go on rather than start over.
     */
    private Outcome handBack(Album album, int index, String worker, Progress progress) {
        if (!albums.releasePart(album.albumId(), album.leaseOwner(), index, worker, progress)) return Outcome.LEASE_LOST;
        queue.wake(album.albumId());
        LOG.log(Level.INFO, "album {0}: part {1} of {2} stopped before the function's time ran out; the next invocation"
                + " continues it from where it stopped", album.albumId(), index + 1, album.buildParts().size());
        return Outcome.CONTINUED;
    }

    /** The first part this worker can claim, looking at the record it has and then once more at a fresh read. */
    private Optional<Claimed> claimNext(Album album, String worker) {
        Optional<Claimed> claimed = claimFrom(album, worker);
        if (claimed.isPresent()) return claimed;
        Optional<Album> fresh = albums.find(album.albumId());
        return fresh.isPresent() && stillBuilding(fresh.get(), album.leaseOwner()) ? claimFrom(fresh.get(), worker) : Optional.empty();
    }

    private Optional<Claimed> claimFrom(Album album, String worker) {
        Instant now = clock.instant();
        for (PartTask task : album.buildParts()) {
            if (!task.claimable(now)) continue;
            Optional<Album> claim = albums.claimPart(album.albumId(), album.leaseOwner(), task.index(), worker, now, timing.lease());
            if (claim.isPresent()) {
                PartTask mine = claim.get().buildParts().stream().filter(p -> p.index() == task.index()).findFirst().orElseThrow();
                return Optional.of(new Claimed(claim.get(), mine));
            }
        }
        return Optional.empty();
    }

    /**
     * Nothing left to claim. A worker that has just finished a part while others are still being
     * built sends one wake-up for when the first of their part leases runs out (a lease at most):
     * if that worker died, its part is taken over then, without waiting for the album's lease,
     * which the other workers kept renewing, to lapse. If it is alive, the woken generator finds
     * nothing free and the part's own worker finishes it.
     */
    private Outcome noPartLeft(String albumId, boolean built) {
        if (!built) return Outcome.NOTHING_TO_DO;
        Optional<Album> album = albums.find(albumId);
        Optional<Instant> firstExpiry = album.filter(a -> a.zipStatus() == ZipStatus.GENERATING).stream()
                .flatMap(a -> a.buildParts().stream())
                .filter(p -> p.state() == PartTask.State.BUILDING && p.leaseExpiresAt() != null)
                .map(PartTask::leaseExpiresAt).min(Instant::compareTo);
        if (firstExpiry.isPresent()) {
            Instant now = clock.instant();
            try {
                queue.wake(albumId, Duration.between(now, WakeUps.arrival(firstExpiry.get(), now)));
            } catch (AlbumsException e) {
                // The album's lease is the fallback: once every worker is gone, a click or maintenance re-requests it.
                LOG.log(Level.WARNING, "album {0}: the wake-up that watches the parts still building was not sent ({1})",
                        albumId, e.getMessage());
            }
        }
        return Outcome.PARTS_BUILT;
    }

    private static boolean stillBuilding(Album album, String build) {
        return album.zipStatus() == ZipStatus.GENERATING && Objects.equals(album.leaseOwner(), build);
    }

    private static Progress atLeast(Progress floor, Progress p) {
        return new Progress(Math.max(floor.filesDone(), p.filesDone()), p.filesTotal(),
                Math.max(floor.bytesDone(), p.bytesDone()), p.bytesTotal());
    }

    /**
     * What an invocation learns once and uses for every part it builds: the listing's plan (with the
     * web-size renditions, which the build's planning made, so a helper only checks them) and the
     * earlier archives of both sizes.
     */
    private final class Invocation {
        private AlbumPlan plan;
        private List<PreviousEntry> previous;

        Invocation(AlbumPlan plan) { this.plan = plan; }

        /** The part as listed now; the photos must still be those the build planned, or the build is out of date. */
        PlannedPart part(Album album, PartTask task, LongSupplier remainingMillis)
                throws ContentChangedException, WebRenditions.OutOfTime {
            if (plan == null) plan = planner.plan(album, remainingMillis);
            if (!plan.fingerprint().equals(album.buildFingerprint())) {
                throw new ContentChangedException("the photos changed since the build planned its parts");
            }
            if (task.index() >= plan.parts().size() || !plan.parts().get(task.index()).key().equals(task.key())) {
                throw new ContentChangedException("part " + (task.index() + 1) + " is no longer the part the build planned");
            }
            return plan.parts().get(task.index());
        }

        List<PreviousEntry> previous(Album album) {
            if (previous == null) {
                // Both sizes: a web part copies its renditions from the web-size archives, and a video
                // it holds unchanged from whichever archive has it (entries match by source key and ETag).
                previous = RequestSource.startsAfresh(album.requestSource()) ? List.of()
                        : earlier.entriesOf(Stream.concat(album.publishedParts().stream(), album.webParts().stream()).toList());
            }
            return previous;
        }
    }
}

package com.clientalbums.common.album;

import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transitions of a build cut into parts, each one conditional write, against dynalite. */
class AlbumPartsRepositoryTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static AlbumRepository albums;
    static final Duration LEASE = Duration.ofMinutes(2);

    @BeforeAll
    static void setUp() {
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
    }

    private static PartTask todo(int index, long files, long bytes) {
        return new PartTask(index, "zips/a/part-" + index + ".zip", PartTask.State.TODO, null, null,
                new Progress(0, files, 0, bytes), bytes + 100, PhotoSize.ORIGINAL);
    }

    private static PartTask done(int index, long files, long bytes) {
        return new PartTask(index, "zips/a/part-" + index + ".zip", PartTask.State.DONE, null, null,
                new Progress(files, files, bytes, bytes), bytes + 100, PhotoSize.ORIGINAL);
    }

    /** An album claimed by build {@code "build"} with a plan of three parts, the middle one already built. */
    private static Album planned(String id, Instant now) {
        assertTrue(albums.register(id, "Wedding " + id, "studio@example.com", 6, "fp-1", now));
        albums.claim(id, "build", now, LEASE).orElseThrow();
        return albums.startParts(id, "build", "fp-1", List.of(todo(0, 2, 20), done(1, 2, 30), todo(2, 2, 40)), now, LEASE)
                .orElseThrow();
    }

    private static PartTask part(String id, int index) {
        return albums.find(id).orElseThrow().buildParts().get(index);
    }

    @Test
    void thePlanIsWrittenUnderTheBuildsLeaseAndCountsThePartsStillToBuild() {
        Instant now = Instant.now();
        Album album = planned("plan-written", now);

        assertEquals("fp-1", album.buildFingerprint());
        assertEquals(List.of(0, 1, 2), album.buildParts().stream().map(PartTask::index).toList());
        assertEquals(2, album.partsRemaining(), "the part whose archive exists is done from the start");
        assertEquals(new Progress(2, 6, 30, 90), album.buildProgress());
        assertTrue(albums.startParts("plan-written", "another", "fp-1", List.of(todo(0, 1, 1)), now, LEASE).isEmpty(),
                "only the build holding the album writes its plan");
    }

    @Test
    void aWaitingPartIsClaimedOnceAndItsWorkerAloneRenewsIt() {
        Instant now = Instant.now();
        planned("claim-part", now);

        Album claimed = albums.claimPart("claim-part", "build", 0, "worker-a", now, LEASE).orElseThrow();
        assertEquals(PartTask.State.BUILDING, claimed.buildParts().getFirst().state());
        assertEquals("worker-a", claimed.buildParts().getFirst().owner());
        assertTrue(albums.claimPart("claim-part", "build", 0, "worker-b", now, LEASE).isEmpty(), "a live part lease refuses");
        assertTrue(albums.claimPart("claim-part", "build", 1, "worker-b", now, LEASE).isEmpty(), "a done part is not built again");
        assertTrue(albums.claimPart("claim-part", "other-build", 2, "worker-b", now, LEASE).isEmpty(),
                "a part is claimed only within the build that holds the album");

        Instant later = now.plusSeconds(30);
        assertTrue(albums.heartbeatPart("claim-part", "build", 0, "worker-a", later, LEASE, new Progress(1, 2, 10, 20)));
        assertFalse(albums.heartbeatPart("claim-part", "build", 0, "worker-b", later, LEASE, Progress.NONE));
        Album renewed = albums.find("claim-part").orElseThrow();
        Instant expires = later.plus(LEASE).truncatedTo(ChronoUnit.MILLIS);
        assertEquals(expires, renewed.buildParts().getFirst().leaseExpiresAt());
        assertEquals(expires, renewed.leaseExpiresAt(), "a part at work keeps its build's lease alive");
        assertEquals(new Progress(1, 2, 10, 20), renewed.buildParts().getFirst().progress());
        assertEquals(new Progress(3, 6, 40, 90), renewed.buildProgress());
    }

    @Test
    void aPartWhoseLeaseRanOutIsTakenOverAndItsLostWorkerCanNoLongerTouchIt() {
        Instant now = Instant.now();
        planned("take-part", now);
        albums.claimPart("take-part", "build", 2, "lost", now, Duration.ofSeconds(1)).orElseThrow();

        Instant later = now.plusSeconds(5);
        albums.claimPart("take-part", "build", 2, "helper", later, LEASE).orElseThrow();

        assertFalse(albums.heartbeatPart("take-part", "build", 2, "lost", later, LEASE, Progress.NONE));
        assertFalse(albums.releasePart("take-part", "build", 2, "lost", Progress.NONE));
        assertTrue(albums.finishPart("take-part", "build", 2, "lost", new Progress(2, 2, 40, 40)).isEmpty());
        assertEquals("helper", part("take-part", 2).owner());
    }

    @Test
    void aReleasedPartWaitsAgainWithItsProgressKept() {
        Instant now = Instant.now();
        planned("release-part", now);
        albums.claimPart("release-part", "build", 0, "worker", now, LEASE).orElseThrow();

        assertTrue(albums.releasePart("release-part", "build", 0, "worker", new Progress(1, 2, 12, 20)));

        PartTask released = part("release-part", 0);
        assertEquals(PartTask.State.TODO, released.state());
        assertNull(released.owner());
        assertNull(released.leaseExpiresAt());
        assertEquals(new Progress(1, 2, 12, 20), released.progress(), "the album's progress does not go back");
        assertFalse(albums.releasePart("release-part", "build", 0, "worker", Progress.NONE), "released once");
        assertTrue(albums.claimPart("release-part", "build", 0, "next", now.plusSeconds(1), LEASE).isPresent());
    }

    @Test
    void finishingThePartsCountsThemDownAndTheAlbumIsPublishedOnlyWhenNoneRemains() {
        Instant now = Instant.now();
        Album album = planned("finish-parts", now);
        List<PublishedPart> parts = List.of(new PublishedPart("zips/a/part-0.zip", 120, 2, 20),
                new PublishedPart("zips/a/part-1.zip", 130, 2, 30), new PublishedPart("zips/a/part-2.zip", 140, 2, 40));
        albums.claimPart("finish-parts", "build", 0, "w0", now, LEASE).orElseThrow();
        albums.claimPart("finish-parts", "build", 2, "w2", now, LEASE).orElseThrow();

        Album first = albums.finishPart("finish-parts", "build", 0, "w0", new Progress(2, 2, 20, 20)).orElseThrow();
        assertEquals(1, first.partsRemaining());
        assertEquals(PartTask.State.DONE, first.buildParts().getFirst().state());
        assertTrue(albums.finishPart("finish-parts", "build", 0, "w0", new Progress(2, 2, 20, 20)).isEmpty(),
                "a part is counted down once");
        assertFalse(albums.publish("finish-parts", "build", album.buildVersion(), "fp-1", parts, List.of(), List.of(), now),
                "not while a part is still being built");

        Album last = albums.finishPart("finish-parts", "build", 2, "w2", new Progress(2, 2, 40, 40)).orElseThrow();
        assertEquals(0, last.partsRemaining());
        assertTrue(albums.publish("finish-parts", "build", album.buildVersion(), "fp-1", parts, List.of(), List.of(), now));

        Album ready = albums.find("finish-parts").orElseThrow();
        assertEquals(ZipStatus.READY, ready.zipStatus());
        assertEquals(parts, ready.zipParts());
        assertEquals(parts, ready.publishedParts());
        assertEquals("zips/a/part-0.zip", ready.zipKey(), "the first part is the one a plain link points at");
        assertEquals(390, ready.zipSize());
        assertEquals(6, ready.zipFileCount());
        assertEquals(new Progress(6, 6, 90, 90), ready.progress());
        assertTrue(ready.archiveCurrent());
        assertNull(ready.buildFingerprint());
        assertEquals(List.of(), ready.buildParts());
        assertEquals(0, ready.partsRemaining());
    }

    @Test
    void bothSizesArePublishedInOneWriteAndTheAlbumsSizeAndCountStayThoseOfTheOriginals() {
        Instant now = Instant.now();
        assertTrue(albums.register("both-sizes", "Wedding", "studio@example.com", 2, "fp-1", now));
        albums.claim("both-sizes", "build", now, LEASE).orElseThrow();
        PartTask web = new PartTask(2, "zips/a/web-2.zip", PartTask.State.DONE, null, null, new Progress(2, 2, 8, 8), 108,
                PhotoSize.WEB);
        Album album = albums.startParts("both-sizes", "build", "fp-1", List.of(done(0, 1, 20), done(1, 1, 30), web), now, LEASE)
                .orElseThrow();
        assertEquals(PhotoSize.WEB, album.buildParts().get(2).photoSize(), "each part of the plan says its size");
        List<PublishedPart> originals = List.of(new PublishedPart("zips/a/part-0.zip", 120, 1, 20),
                new PublishedPart("zips/a/part-1.zip", 130, 1, 30));
        List<PublishedPart> webParts = List.of(new PublishedPart("zips/a/web-2.zip", 108, 2, 8));

        assertTrue(albums.publish("both-sizes", "build", album.buildVersion(), "fp-1", originals, webParts, List.of(), now));

        Album ready = albums.find("both-sizes").orElseThrow();
        assertEquals(originals, ready.publishedParts(PhotoSize.ORIGINAL));
        assertEquals(webParts, ready.publishedParts(PhotoSize.WEB));
        assertEquals("zips/a/part-0.zip", ready.zipKey());
        assertEquals(250, ready.zipSize(), "zip_size is the originals' alone");
        assertEquals(2, ready.zipFileCount());
        assertEquals(2, ready.photoCount());

        // The next build publishes an album whose web-size archive is empty (its images went): no web parts are left over.
        assertTrue(albums.requestBuild("both-sizes", RequestSource.API, true, now, Duration.ofMinutes(5)));
        Album next = albums.claim("both-sizes", "build-2", now, LEASE).orElseThrow();
        assertTrue(albums.publish("both-sizes", "build-2", next.buildVersion(), "fp-1", originals, List.of(), List.of(), now));
        assertEquals(List.of(), albums.find("both-sizes").orElseThrow().webParts());
    }

    @Test
    void aBuildHandedBackBeforeItsPlanIsDueAtOnceWithoutCountingAnAttempt() {
        Instant now = Instant.now();
        assertTrue(albums.register("hand-back", "Wedding", "studio@example.com", 0, "fp-1", now));
        assertTrue(albums.requestBuild("hand-back", RequestSource.ADMIN, true, now, Duration.ofMinutes(5)));
        Album claimed = albums.claim("hand-back", "build", now, LEASE).orElseThrow();
        assertEquals(1, claimed.attempts());

        assertFalse(albums.handBack("hand-back", "another", now), "only the build holding the album hands it back");
        assertTrue(albums.handBack("hand-back", "build", now.plusSeconds(3)));

        Album back = albums.find("hand-back").orElseThrow();
        assertEquals(ZipStatus.PENDING, back.zipStatus());
        assertEquals(now.plusSeconds(3).truncatedTo(ChronoUnit.MILLIS), back.notBefore().truncatedTo(ChronoUnit.MILLIS));
        assertEquals(0, back.attempts(), "running out of time is not a failed attempt");
        assertEquals(RequestSource.ADMIN.value(), back.requestSource(), "a forced rebuild stays forced");
        assertNull(back.leaseOwner());
        assertFalse(albums.handBack("hand-back", "build", now), "handed back once");
        assertTrue(albums.claim("hand-back", "next", now.plusSeconds(3), LEASE).isPresent(), "the next invocation takes it");
    }

    @Test
    void supersedingFailingOrTakingOverABuildDropsItsPlan() {
        Instant now = Instant.now();
        planned("drop-superseded", now);
        assertTrue(albums.supersede("drop-superseded", "build", List.of(), now, now).isPresent());
        assertEquals(List.of(), albums.find("drop-superseded").orElseThrow().buildParts());

        planned("drop-failed", now);
        assertTrue(albums.fail("drop-failed", "build", "S3 was slow", Optional.of(now), List.of()));
        Album failed = albums.find("drop-failed").orElseThrow();
        assertEquals(List.of(), failed.buildParts());
        assertNull(failed.buildFingerprint());

        planned("drop-taken-over", now);
        Album taken = albums.claim("drop-taken-over", "next-build", now.plus(LEASE).plusSeconds(1), LEASE).orElseThrow();
        assertEquals(List.of(), taken.buildParts(), "the new build plans afresh");
        assertTrue(albums.claimPart("drop-taken-over", "build", 0, "w", now, LEASE).isEmpty(), "the old build's workers are out");
    }

    @Test
    void eightWorkersRacingForOnePartMakeExactlyOneClaim() throws Exception {
        Instant now = Instant.now();
        planned("race-part", now);
        int workers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            String worker = "w" + i;
            claims.add(pool.submit(() -> {
                start.await();
                return albums.claimPart("race-part", "build", 0, worker, Instant.now(), LEASE).isPresent();
            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> f : claims) won += f.get() ? 1 : 0;
        pool.shutdown();
        assertEquals(1, won);
        assertEquals(PartTask.State.BUILDING, part("race-part", 0).state());
    }
}

package com.clientalbums.common.album;

import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlbumRepositoryTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static AlbumRepository albums;
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration RETRY = Duration.ofMinutes(5);

    @BeforeAll
    static void setUp() {
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
    }

    private static String registered(String id) {
        assertTrue(albums.register(id, "Wedding " + id, "studio@example.com", 3, "fp-1", Instant.now()));
        return id;
    }

    @Test
    void registrationRefusesAnIdThatIsTaken() {
        registered("taken-id");
        assertFalse(albums.register("taken-id", "Other", "x@example.com", 0, "fp", Instant.now()));
        assertEquals("Wedding taken-id", albums.find("taken-id").orElseThrow().name());
    }

    @Test
    void aRegistrationSentAgainAfterItsAnswerWasLostSucceedsButNotOnceTheAlbumMoved() {
        // The SDK repeats the same request when a connection breaks after DynamoDB wrote it.
        Instant now = Instant.parse("2026-12-05T08:00:00.123Z");
        assertTrue(albums.register("repeated-id", "Wedding", "studio@example.com", 3, "fp-1", now));
        assertTrue(albums.register("repeated-id", "Wedding", "studio@example.com", 3, "fp-1", now));
        assertFalse(albums.register("repeated-id", "Wedding", "studio@example.com", 3, "fp-1", now.plusMillis(1)));
        assertFalse(albums.register("repeated-id", "Another wedding", "studio@example.com", 3, "fp-1", now));
        assertFalse(albums.register("repeated-id", "Wedding", "other@example.com", 3, "fp-1", now));
        assertTrue(albums.claim("repeated-id", "gen-1", Instant.now(), Duration.ofMinutes(2)).isPresent());
        assertFalse(albums.register("repeated-id", "Wedding", "studio@example.com", 3, "fp-1", now),
                "a repeat must not reset an album a generator has claimed");
        assertEquals(ZipStatus.GENERATING, albums.find("repeated-id").orElseThrow().zipStatus());
    }

    @Test
    void aRegisteredAlbumIsPendingAndItsFirstClaimStartsTheBuild() {
        String id = registered("first-claim");
        assertEquals(ZipStatus.PENDING, albums.find(id).orElseThrow().zipStatus());
        Album claimed = albums.claim(id, "gen-a", Instant.now(), LEASE).orElseThrow();
        assertEquals(ZipStatus.GENERATING, claimed.zipStatus());
        assertEquals("gen-a", claimed.leaseOwner());
        assertEquals(1, claimed.attempts());
        assertTrue(albums.claim(id, "gen-b", Instant.now(), LEASE).isEmpty(), "a held lease refuses a second claim");
    }

    @Test
    void fiftyThreadsRequestingAndClaimingOneAlbumMakeExactlyOneClaim() throws Exception {
        String id = registered("fifty-threads");
        Album first = albums.claim(id, "seed", Instant.now(), LEASE).orElseThrow();
        assertTrue(albums.publish(id, "seed", first.buildVersion(),
                new PublishedArchive("zips/x.zip", 10, 3, 9, "fp-1"), List.of(), Instant.now()));
        // The ready archive goes stale, as when a photo is replaced: now requests may succeed again.
        albums.find(id).orElseThrow();
        aws.clients().dynamo().updateItem(u -> u.tableName(aws.names().albumTable())
                .key(java.util.Map.of("album_id", AlbumItems.str(id)))
                .updateExpression("SET content_fingerprint = :fp").expressionAttributeValues(java.util.Map.of(":fp", AlbumItems.str("fp-2"))));

        int threads = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<int[]>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String owner = "gen-" + i;
            Callable<int[]> task = () -> {
                start.await();
                int requested = albums.requestBuild(id, RequestSource.API, false, Instant.now(), RETRY) ? 1 : 0;
                int claimed = albums.claim(id, owner, Instant.now(), LEASE).isPresent() ? 1 : 0;
                return new int[] {requested, claimed};
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        int requests = 0, claims = 0;
        for (Future<int[]> f : results) {
            requests += f.get()[0];
            claims += f.get()[1];
        }
        pool.shutdown();
        assertEquals(1, requests, "one conditional request wins");
        assertEquals(1, claims, "one generator claims");
    }

    @Test
    void publishFailsWhenThePhotosChangedDuringTheBuildAndSupersedeQueuesOneMore() {
        String id = registered("changed-midway");
        Album claimed = albums.claim(id, "gen", Instant.now(), LEASE).orElseThrow();
        aws.clients().dynamo().updateItem(u -> u.tableName(aws.names().albumTable())
                .key(java.util.Map.of("album_id", AlbumItems.str(id)))
                .updateExpression("SET content_version = content_version + :one")
                .expressionAttributeValues(java.util.Map.of(":one", AlbumItems.num(1))));

        assertFalse(albums.publish(id, "gen", claimed.buildVersion(),
                new PublishedArchive("zips/old.zip", 1, 1, 1, "fp-1"), List.of(), Instant.now()));
        Instant now = Instant.now();
        assertTrue(albums.supersede(id, "gen", List.of(), now, now).isPresent());
        Album after = albums.find(id).orElseThrow();
        assertEquals(ZipStatus.PENDING, after.zipStatus());
        assertEquals(null, after.zipKey(), "the superseded archive was never published");
    }

    @Test
    void anExpiredLeaseCanBeTakenOverAndTheOldOwnerLosesIt() {
        String id = registered("expired-lease");
        Instant t0 = Instant.now();
        albums.claim(id, "dead", t0, Duration.ofSeconds(1)).orElseThrow();
        Instant later = t0.plusSeconds(5);
        Album taken = albums.claim(id, "alive", later, LEASE).orElseThrow();
        assertEquals(2, taken.attempts());
        assertFalse(albums.heartbeat(id, "dead", later, LEASE, Progress.NONE), "the dead generator's heartbeat is refused");
        assertTrue(albums.heartbeat(id, "alive", later, LEASE, new Progress(1, 3, 10, 30)));
        assertEquals(new Progress(1, 3, 10, 30), albums.find(id).orElseThrow().progress());
    }

    @Test
    void aFailureWithRetryGoesBackToPendingAndWithoutItShowsTheMessage() {
        String id = registered("failing");
        albums.claim(id, "gen", Instant.now(), LEASE).orElseThrow();
        Instant retryAt = Instant.now().plusSeconds(30);
        assertTrue(albums.fail(id, "gen", "S3 was slow", Optional.of(retryAt), List.of()));
        assertEquals(ZipStatus.PENDING, albums.find(id).orElseThrow().zipStatus());
        assertTrue(albums.claim(id, "gen", Instant.now(), LEASE).isEmpty(), "not claimable before its retry time");

        albums.claim(id, "gen", retryAt.plusSeconds(1), LEASE).orElseThrow();
        assertTrue(albums.fail(id, "gen", "This album has no photos", Optional.empty(), List.of()));
        Album failed = albums.find(id).orElseThrow();
        assertEquals(ZipStatus.ERROR, failed.zipStatus());
        assertEquals("This album has no photos", failed.zipError());
        assertTrue(albums.requestBuild(id, RequestSource.API_RETRY, false, Instant.now(), RETRY), "a click retries an error");
    }

    @Test
    void aPendingRequestWhoseMessageWasLostCanBeRequestedAgainLater() {
        String id = registered("lost-message");
        Instant now = Instant.now();
        assertFalse(albums.requestBuild(id, RequestSource.API, false, now, RETRY), "a fresh request is not duplicated");
        assertTrue(albums.requestBuild(id, RequestSource.API, false, now.plus(RETRY).plusSeconds(1), RETRY));
    }

    @Test
    void theHistoryKeepsTheLastTwentyBuilds() {
        String id = registered("history");
        Album claimed = albums.claim(id, "gen", Instant.now(), LEASE).orElseThrow();
        List<BuildRecord> history = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            history.add(new BuildRecord(Instant.now(), Instant.now(), Instant.now(), "ready", i, i, 1.5, "api"));
        }
        assertTrue(albums.publish(id, "gen", claimed.buildVersion(),
                new PublishedArchive("zips/h.zip", 5, 3, 4, "fp-1"), history, Instant.now()));
        Album ready = albums.find(id).orElseThrow();
        assertEquals(AlbumRepository.HISTORY_LIMIT, ready.builds().size());
        assertEquals(24, ready.builds().getLast().files());
        assertTrue(ready.archiveCurrent());
    }

    // ---- debounced rebuilds after photo changes ----

    /** A ready album whose archive is current, as after its first build. */
    private static String readyAlbum(String id) {
        registered(id);
        Album claimed = albums.claim(id, "seed", Instant.now(), LEASE).orElseThrow();
        assertTrue(albums.publish(id, "seed", claimed.buildVersion(),
                new PublishedArchive("zips/" + id + "/fp-1.zip", 10, 3, 9, "fp-1"), List.of(), Instant.now()));
        return id;
    }

    @Test
    void aRecordedChangeMakesTheArchiveStaleAtOnceAndARequestAfterChangeWaitsForTheQuietPeriod() {
        String id = readyAlbum("change-recorded");
        Instant now = Instant.now();
        assertTrue(albums.requestAfterChange(id, now, now.plusSeconds(60)).isEmpty(), "a current archive needs no build");

        assertTrue(albums.recordContent(id, "fp-2", 4));
        Album stale = albums.find(id).orElseThrow();
        assertFalse(stale.archiveCurrent(), "never handed out as current once the photos changed");
        assertTrue(stale.archiveStale());

        Album pending = albums.requestAfterChange(id, now, now.plusSeconds(60)).orElseThrow();
        assertEquals(ZipStatus.PENDING, pending.zipStatus());
        assertEquals(RequestSource.PHOTOS_CHANGED.value(), pending.requestSource());
        assertTrue(albums.claim(id, "gen", now.plusSeconds(59), LEASE).isEmpty(), "not claimable in the quiet period");
        assertTrue(albums.claim(id, "gen", now.plusSeconds(60), LEASE).isPresent());
    }

    @Test
    void aClickDoesNotCutALongQuietPeriodShortButRecoversALostWakeUpAfterIt() {
        String id = readyAlbum("long-quiet");
        albums.recordContent(id, "fp-2", 4);
        Instant now = Instant.now();
        Instant due = now.plus(RETRY).plusSeconds(60);
        albums.requestAfterChange(id, now, due).orElseThrow();
        assertFalse(albums.requestBuild(id, RequestSource.API, false, now.plus(RETRY).plusSeconds(1), RETRY),
                "requested long ago but not yet due: its wake-up is still to come");
        assertTrue(albums.requestBuild(id, RequestSource.API, false, due.plus(RETRY).plusSeconds(1), RETRY),
                "due long ago and nobody built it: the wake-up was lost");
    }

    @Test
    void eachChangeOfABurstPushesTheQuietPeriodForwardNeverBack() {
        String id = readyAlbum("burst-push");
        albums.recordContent(id, "fp-2", 4);
        Instant t0 = Instant.now();
        albums.requestAfterChange(id, t0, t0.plusSeconds(60)).orElseThrow();
        Album pushed = albums.requestAfterChange(id, t0.plusSeconds(10), t0.plusSeconds(70)).orElseThrow();
        assertEquals(t0.plusSeconds(70).truncatedTo(java.time.temporal.ChronoUnit.MILLIS), pushed.notBefore());
        assertTrue(albums.requestAfterChange(id, t0.plusSeconds(5), t0.plusSeconds(65)).isEmpty(), "a late writer does not pull it back");
        assertTrue(albums.claim(id, "gen", t0.plusSeconds(65), LEASE).isEmpty());
    }

    @Test
    void aChangeDuringABuildHoldsItsOneFollowUpForTheQuietPeriod() {
        String id = registered("change-during-build");
        Instant t0 = Instant.now();
        Album building = albums.claim(id, "gen", t0, LEASE).orElseThrow();
        assertTrue(albums.recordContent(id, "fp-2", 4));
        assertTrue(albums.requestAfterChange(id, t0, t0.plusSeconds(60)).isEmpty(), "a running build is not interrupted");
        assertTrue(albums.holdForChange(id, t0.plusSeconds(60)));

        assertFalse(albums.publish(id, "gen", building.buildVersion(),
                new PublishedArchive("zips/x/fp-1.zip", 1, 3, 1, "fp-1"), List.of(), t0.plusSeconds(5)));
        // The generator proposes its own quiet period from now; the change's later one wins.
        Album followUp = albums.supersede(id, "gen", List.of(), t0.plusSeconds(5), t0.plusSeconds(35)).orElseThrow();
        assertEquals(ZipStatus.PENDING, followUp.zipStatus());
        assertEquals(t0.plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS), followUp.notBefore());
        assertTrue(albums.claim(id, "gen-2", t0.plusSeconds(59), LEASE).isEmpty());
        assertTrue(albums.claim(id, "gen-2", t0.plusSeconds(60), LEASE).isPresent());
        assertFalse(albums.holdForChange(id, t0.plusSeconds(30)), "never moves the quiet period back");
    }

    @Test
    void oneWriterOfABurstWinsTheWakeUpAndAnEarlyWakeReArmsOnce() {
        String id = readyAlbum("wake-marker");
        albums.recordContent(id, "fp-2", 4);
        Instant t0 = Instant.now();
        albums.requestAfterChange(id, t0, t0.plusSeconds(60)).orElseThrow();
        assertTrue(albums.scheduleWakeUp(id, t0.plusSeconds(61), t0), "the first writer sends the wake-up");
        for (int i = 1; i <= 20; i++) {
            Instant t = t0.plusSeconds(i);
            albums.requestAfterChange(id, t, t.plusSeconds(60)).orElseThrow();
            assertFalse(albums.scheduleWakeUp(id, t.plusSeconds(61), t), "a wake-up is already coming");
        }
        // The wake-up arrives at t0+61, but the last change moved the quiet period to t0+80.
        Instant woken = t0.plusSeconds(61);
        assertTrue(albums.rescheduleWakeUp(id, t0.plusSeconds(81), woken));
        assertFalse(albums.rescheduleWakeUp(id, t0.plusSeconds(81), woken), "a duplicate of the same message sends nothing");
        assertFalse(albums.scheduleWakeUp(id, t0.plusSeconds(81), woken.plusSeconds(1)), "nor does a writer meanwhile");
        // A message that arrives a moment before its marked time (whole-second delays) still re-arms.
        assertTrue(albums.rescheduleWakeUp(id, t0.plusSeconds(90), t0.plusSeconds(80)));
    }
}

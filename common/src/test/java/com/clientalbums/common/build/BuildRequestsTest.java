package com.clientalbums.common.build;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PublishedArchive;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.queue.ZipQueue;
import com.clientalbums.common.queue.ZipRequest;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.QueueInbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build-request use case on the real loopback DynamoDB and SQS. */
class BuildRequestsTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static final Duration WINDOW = BuildRequests.RETRY_WINDOW;
    static AlbumRepository albums;
    static ZipQueue queue;
    static ZipQueue missingQueue;
    static QueueInbox inbox;

    @BeforeAll
    static void setUp() {
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        queue = new ZipQueue(aws.clients().sqs(), aws.queueUrl());
        missingQueue = new ZipQueue(aws.clients().sqs(), aws.queueUrl() + "-does-not-exist");
        inbox = new QueueInbox(aws);
    }

    /** An album with photos but no build requested yet (registered before its photos arrived). */
    private static String waitingAlbum(String id) {
        assertTrue(albums.register(id, id, "studio@example.com", 0, "fp-0", Instant.now()));
        assertTrue(albums.recordContent(id, "fp-1", 3));
        return id;
    }

    private static BuildRequests at(Instant now, ZipQueue through) {
        return new BuildRequests(albums, through, WINDOW, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** Requests from {@code callers} threads at once; how many of them made the request. */
    private static int requestTogether(BuildRequests requests, String albumId, int callers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> made = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                made.add(pool.submit(() -> {
                    start.await();
                    return requests.request(albumId, RequestSource.API);
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> f : made) won += f.get() ? 1 : 0;
            return won;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void twentyConcurrentRequestsMakeOneRequestAndOneWakeUpPerRetryWindow() throws Exception {
        String id = waitingAlbum("twenty-clicks");
        Instant now = Instant.now();

        assertEquals(1, requestTogether(at(now, queue), id, 20), "one conditional write wins");
        assertEquals(List.of(new ZipRequest(id)), inbox.messagesFor(id), "and only its caller wakes a generator");
        assertEquals(RequestSource.API.value(), albums.find(id).orElseThrow().requestSource());

        assertEquals(0, requestTogether(at(now.plus(WINDOW).minusSeconds(1), queue), id, 20),
                "within the retry window the request counts as under way");
        assertEquals(1, inbox.messagesFor(id).size());

        assertEquals(1, requestTogether(at(now.plus(WINDOW).plusSeconds(1), queue), id, 20),
                "an unclaimed request older than the window counts as lost: one caller requests again");
        assertEquals(2, inbox.messagesFor(id).size(), "one more wake-up, not twenty");
    }

    @Test
    void aFailedWakeUpLeavesTheAlbumPendingAndDoesNotThrowIntoTheCaller() {
        String id = waitingAlbum("send-fails");
        Instant now = Instant.now();

        assertTrue(assertDoesNotThrow(() -> at(now, missingQueue).request(id, RequestSource.MAINTENANCE)));

        Album album = albums.find(id).orElseThrow();
        assertEquals(ZipStatus.PENDING, album.zipStatus(), "the state of record holds the request");
        assertEquals(RequestSource.MAINTENANCE.value(), album.requestSource());
        assertTrue(inbox.messagesFor(id).isEmpty());
        assertFalse(at(now.plusSeconds(30), queue).request(id, RequestSource.API), "a click soon after finds it under way");
        assertTrue(at(now.plus(WINDOW).plusSeconds(1), queue).request(id, RequestSource.API), "a later click sends it again");
        assertEquals(List.of(new ZipRequest(id)), inbox.messagesFor(id));
    }

    @Test
    void aRegistrationsWakeUpThatFailsIsLoggedNotThrown() {
        assertDoesNotThrow(() -> at(Instant.now(), missingQueue).wake("registered-album"));
        assertTrue(inbox.messagesFor("registered-album").isEmpty());
        at(Instant.now(), queue).wake("registered-album");
        assertEquals(List.of(new ZipRequest("registered-album")), inbox.messagesFor("registered-album"));
    }

    @Test
    void onlyAForcedRebuildRequestsAnArchiveThatIsCurrent() {
        String id = waitingAlbum("current-archive");
        Instant now = Instant.now();
        assertTrue(at(now, queue).request(id, RequestSource.REGISTRATION));
        Album claimed = albums.claim(id, "gen", now, Duration.ofMinutes(2)).orElseThrow();
        assertTrue(albums.publish(id, "gen", claimed.buildVersion(),
                new PublishedArchive("zips/current-archive/fp-1.zip", 10, 3, 9, "fp-1"), List.of(), now));
        inbox.forget(id);

        assertFalse(at(now, queue).request(id, RequestSource.API));
        assertTrue(at(now, queue).rebuild(id, RequestSource.ADMIN));

        assertEquals(List.of(new ZipRequest(id)), inbox.messagesFor(id));
        assertEquals(RequestSource.ADMIN.value(), albums.find(id).orElseThrow().requestSource());
    }

    /**
     * {@link BuildRequests#requestNeeded} decides from a read whether to attempt the write; it must
     * say yes exactly when the conditional write then wins, or a click would either write for
     * nothing or leave a lost request unsent. Each album is read, judged, then actually requested.
     */
    @Test
    void aRequestIsNeededExactlyWhenTheConditionalWriteWouldWinInEveryState() {
        Instant t = Instant.now().minus(Duration.ofHours(1));
        Map<String, Instant> cases = new LinkedHashMap<>();

        cases.put(waitingAlbum("needed-never-requested"), t);

        String fresh = waitingAlbum("needed-fresh-request");
        assertTrue(at(t, queue).request(fresh, RequestSource.API));
        cases.put(fresh, t.plus(WINDOW).minusSeconds(1));

        String lost = waitingAlbum("needed-lost-request");
        assertTrue(at(t, queue).request(lost, RequestSource.API));
        cases.put(lost, t.plus(WINDOW).plusSeconds(1));

        String quiet = waitingAlbum("needed-quiet-period");
        assertTrue(albums.requestAfterChange(quiet, t, t.plus(WINDOW).plusSeconds(60)).isPresent());
        cases.put(quiet, t.plus(WINDOW).plusSeconds(1));

        String building = waitingAlbum("needed-live-lease");
        assertTrue(at(t, queue).request(building, RequestSource.API));
        albums.claim(building, "gen", t, Duration.ofMinutes(2)).orElseThrow();
        cases.put(building, t.plusSeconds(119));

        String dead = waitingAlbum("needed-expired-lease");
        assertTrue(at(t, queue).request(dead, RequestSource.API));
        albums.claim(dead, "gen", t, Duration.ofMinutes(2)).orElseThrow();
        cases.put(dead, t.plusSeconds(121));

        String current = waitingAlbum("needed-current");
        assertTrue(at(t, queue).request(current, RequestSource.API));
        Album claimed = albums.claim(current, "gen", t, Duration.ofMinutes(2)).orElseThrow();
        assertTrue(albums.publish(current, "gen", claimed.buildVersion(),
                new PublishedArchive("zips/needed-current/fp-1.zip", 10, 3, 9, "fp-1"), List.of(), t));
        cases.put(current, t.plusSeconds(1));

        String stale = waitingAlbum("needed-stale");
        assertTrue(at(t, queue).request(stale, RequestSource.API));
        claimed = albums.claim(stale, "gen", t, Duration.ofMinutes(2)).orElseThrow();
        assertTrue(albums.publish(stale, "gen", claimed.buildVersion(),
                new PublishedArchive("zips/needed-stale/fp-1.zip", 10, 3, 9, "fp-1"), List.of(), t));
        assertTrue(albums.recordContent(stale, "fp-2", 4));
        cases.put(stale, t.plusSeconds(1));

        String failed = waitingAlbum("needed-error");
        assertTrue(at(t, queue).request(failed, RequestSource.API));
        albums.claim(failed, "gen", t, Duration.ofMinutes(2)).orElseThrow();
        assertTrue(albums.fail(failed, "gen", "unreadable", Optional.empty(), List.of()));
        cases.put(failed, t.plusSeconds(1));

        Map<String, Boolean> judged = new LinkedHashMap<>();
        Map<String, Boolean> won = new LinkedHashMap<>();
        cases.forEach((id, now) -> {
            judged.put(id, at(now, queue).requestNeeded(albums.find(id).orElseThrow()));
            won.put(id, at(now, queue).request(id, RequestSource.API));
        });
        assertEquals(won, judged);
        assertEquals(Map.of("needed-never-requested", true, "needed-fresh-request", false, "needed-lost-request", true,
                        "needed-quiet-period", false, "needed-live-lease", false, "needed-expired-lease", true,
                        "needed-current", false, "needed-stale", true, "needed-error", true),
                won, "each state wins or loses the write as docs/archive-lifecycle.md says");
    }

    @Test
    void theQueueReportsAFailedSendAsUnavailable() {
        AlbumsException e = assertThrows(AlbumsException.class, () -> missingQueue.wake("any-album", Duration.ofSeconds(5)));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
    }
}

package com.clientalbums.maintenance.deliveries;

import com.clientalbums.common.access.GrantRepository;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.delivery.DeliveryRepository;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.share.ShareRepository;
import com.clientalbums.maintenance.deliveries.logs.LogExamples;
import com.clientalbums.maintenance.mail.AlbumAudience;
import com.clientalbums.maintenance.mail.AlbumNotices;
import com.clientalbums.maintenance.mail.ExpiryReminders;
import com.clientalbums.maintenance.mail.FailedBuilds;
import com.clientalbums.maintenance.store.S3AccessLogStore;
import com.clientalbums.maintenance.store.S3MaintenanceStore;
import com.clientalbums.maintenance.sweep.MaintenanceReport;
import com.clientalbums.maintenance.sweep.MaintenanceReport.Count;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deliveries run reads the album table once, for every step that needs it, and only when one
 * does: the real steps on the local DynamoDB and S3, the table read as the handler reads it
 * ({@link AlbumRepository#findAll()}, one Scan), counted here.
 */
class DeliveriesRunTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static final String STUDIO = "studio@example.com";
    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    static AlbumRepository albums;
    static DeliveryRepository deliveries;
    static MailOutbox outbox;
    static AlbumAudience audience;

    @BeforeAll
    static void setUp() {
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        deliveries = new DeliveryRepository(aws.clients().dynamo(), aws.names().deliveryTable());
        outbox = new MailOutbox(aws.clients().dynamo(), aws.names().mailTable());
        audience = new AlbumAudience(new GrantRepository(aws.clients().dynamo(), aws.names().userAlbumTable()),
                new ShareRepository(aws.clients().dynamo(), aws.names().shareTable()));
    }

    /** A read of the album table that counts how often it is made. */
    static final class CountedReads implements Supplier<List<Album>> {
        private final Supplier<List<Album>> read;
        private final AtomicInteger count = new AtomicInteger();

        CountedReads(Supplier<List<Album>> read) { this.read = read; }

        @Override
        public List<Album> get() {
            count.incrementAndGet();
            return read.get();
        }

        int count() { return count.get(); }
    }

    static DeliveriesRun.Named accessLogs() {
        return new DeliveriesRun.Named(AccessLogs.NAME,
                new AccessLogs(new S3AccessLogStore(aws.clients().s3(), aws.names().accessLogBucket()), deliveries));
    }

    /** The four steps that read albums, as the handler makes them with e-mail on. */
    static List<DeliveriesRun.Named> albumSteps() {
        return List.of(
                new DeliveriesRun.Named("receipts", new PartReceiptsStep(deliveries, new S3MaintenanceStore(aws.clients().s3(), aws.names().bucket()))),
                new DeliveriesRun.Named("album_notices", new AlbumNotices(audience, outbox, Duration.ofMinutes(10))),
                new DeliveriesRun.Named("expiry_reminders", new ExpiryReminders(audience, outbox, Duration.ofDays(7))),
                new DeliveriesRun.Named("failed_builds", new FailedBuilds(outbox, STUDIO)));
    }

    static List<DeliveriesRun.Named> steps(List<DeliveriesRun.Named> first, List<DeliveriesRun.Named> then) {
        return Stream.concat(first.stream(), then.stream()).toList();
    }

    /** An album whose build failed for good: the failed-builds step queues the photographer a mail about it. */
    static void failedBuild(String albumId, Instant now) {
        assertTrue(albums.register(albumId, albumId, STUDIO, 3, "fp-" + albumId, now));
        albums.claim(albumId, "generator", now, Duration.ofMinutes(5)).orElseThrow();
        assertTrue(albums.fail(albumId, "generator", "IMG_001.jpg could not be read", Optional.empty(), List.of()));
    }

    @Test
    void aRunReadsTheAlbumTableOnceForEveryStepThatNeedsItAndTheNextRunReadsItAgain() {
        TestClock clock = new TestClock(T0);
        failedBuild("run-once-failed", clock.instant());
        CountedReads reads = new CountedReads(albums::findAll);
        DeliveriesRun run = new DeliveriesRun(steps(List.of(accessLogs()), albumSteps()), reads, clock);

        MaintenanceReport first = run.run(() -> true);

        assertEquals(List.of(), first.errors());
        assertEquals(1, reads.count(), "four steps read albums, one Scan");
        assertEquals(1, first.get(Count.MAILS_QUEUED), "the last album step was handed the albums: its mail is queued");

        // A build fails between runs: the next run reads the table afresh and sees it.
        clock.advance(Duration.ofMinutes(5));
        failedBuild("run-once-failed-later", clock.instant());
        MaintenanceReport second = run.run(() -> true);

        assertEquals(List.of(), second.errors());
        assertEquals(2, reads.count(), "one Scan a run");
        assertEquals(1, second.get(Count.MAILS_QUEUED), "the album that failed since was read; the first is told once");
    }

    @Test
    void aRunWhoseTimeIsUpBeforeAnyAlbumStepReadsNoAlbums() {
        TestClock clock = new TestClock(T0);
        Instant deadline = T0.plus(Duration.ofMinutes(1));
        AtomicInteger slowStepRuns = new AtomicInteger();
        // A first step that takes the invocation's time, as a long backlog of access logs would.
        FrequentStep slow = (in, timeLeft, report) -> {
            slowStepRuns.incrementAndGet();
            clock.advance(Duration.ofMinutes(2));
        };
        CountedReads reads = new CountedReads(albums::findAll);
        DeliveriesRun run = new DeliveriesRun(steps(List.of(new DeliveriesRun.Named("slow", slow)), albumSteps()), reads, clock);

        MaintenanceReport report = run.run(() -> clock.instant().isBefore(deadline));

        assertEquals(1, slowStepRuns.get(), "the first step ran");
        assertEquals(0, reads.count(), "no step after it started, so no Scan");
        assertEquals(List.of(), report.errors());
    }

    @Test
    void stepsThatNeedNoAlbumsReadNone() {
        CountedReads reads = new CountedReads(albums::findAll);
        // The access logs never need albums; reminders with no reminder window and failed builds with
        // no photographer's address have nothing to do, so they do not ask either.
        DeliveriesRun run = new DeliveriesRun(List.of(accessLogs(),
                new DeliveriesRun.Named("expiry_reminders", new ExpiryReminders(audience, outbox, Duration.ZERO)),
                new DeliveriesRun.Named("failed_builds", new FailedBuilds(outbox, ""))), reads, new TestClock(T0));

        MaintenanceReport report = run.run(() -> true);

        assertEquals(List.of(), report.errors());
        assertEquals(0, reads.count());
    }

    @Test
    void anAlbumTableThatCannotBeReadIsOneErrorAndTheStepsThatNeedNoAlbumsStillRun() {
        String logFile = "s3/2026-12-05-10-30-00-0123456789ABCDEF";
        aws.clients().s3().putObject(r -> r.bucket(aws.names().accessLogBucket()).key(logFile),
                RequestBody.fromString(String.join("\n", LogExamples.s3File()) + "\n"));
        // A table that does not exist: DynamoDB answers ResourceNotFoundException.
        CountedReads reads = new CountedReads(new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable() + "-missing")::findAll);
        // The access logs last, so that they run after every album step has met the failure.
        DeliveriesRun run = new DeliveriesRun(steps(albumSteps(), List.of(accessLogs())), reads, new TestClock(T0));

        MaintenanceReport report = run.run(() -> true);

        assertEquals(1, reads.count(), "read once, not again for each step that asks");
        assertEquals(1, report.errors().size(), "one error for the four steps: " + report.errors());
        assertEquals(DeliveriesRun.ALBUMS, report.errors().getFirst().get("step"), report.errors().toString());
        assertEquals(1, report.get(Count.LOG_FILES_PROCESSED), "the access logs still ran");
        assertEquals(List.of("processed/" + logFile), aws.clients().s3().listObjectsV2(r -> r.bucket(aws.names().accessLogBucket()))
                .contents().stream().map(o -> o.key()).toList());
    }
}

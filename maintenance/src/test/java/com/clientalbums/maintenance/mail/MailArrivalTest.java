package com.clientalbums.maintenance.mail;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.access.GrantRepository;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PublishedArchive;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.SettingsUpdate;
import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.aws.HttpClients;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.mail.MailFields;
import com.clientalbums.common.mail.MailKind;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.mail.MailRequest;
import com.clientalbums.common.share.Share;
import com.clientalbums.common.share.ShareRepository;
import com.clientalbums.common.share.ShareTokens;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.handler.MaintenanceHandler;
import com.clientalbums.maintenance.sweep.MaintenancePolicy;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.TestClock;
import com.clientalbums.testing.TestContext;
import com.clientalbums.testing.WebSizes;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The e-mail triggers end to end: album records written as the generator writes them, grants and
 * share links in the local DynamoDB, maintenance's deliveries run through its Lambda entry point
 * with a clock the test moves, and the mails received by a real SMTP server on loopback (GreenMail).
 * Each test has its own addresses: every run reads every album, as it does in AWS.
 */
class MailArrivalTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    static final String STUDIO = "studio@example.com";
    static final String PORTAL = "https://albums.example.com";
    static final Duration SETTLE = Duration.ofMinutes(10);
    static final Duration LEASE = Duration.ofMinutes(5);
    static final MaintenancePolicy POLICY = new MaintenancePolicy(Duration.ofSeconds(2), Duration.ofSeconds(1),
            Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(5));

    static AlbumRepository albums;
    static GrantRepository grants;
    static ShareRepository shares;
    static MailOutbox outbox;

    @BeforeAll
    static void setUp() {
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        grants = new GrantRepository(aws.clients().dynamo(), aws.names().userAlbumTable());
        shares = new ShareRepository(aws.clients().dynamo(), aws.names().shareTable());
        outbox = new MailOutbox(aws.clients().dynamo(), aws.names().mailTable());
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Maintenance as deployed, e-mailing through GreenMail, on the test's clock. */
    static MaintenanceHandler maintenance(TestClock clock) {
        return maintenance(clock, aws.clients());
    }

    /** The same, with clients of the test's own. */
    static MaintenanceHandler maintenance(TestClock clock, AwsClients clients) {
        var settings = aws.settings(MaintenanceHandler.SETTINGS, Map.of(
                Setting.MAIL_TRANSPORT.name(), "smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                Setting.MAIL_FROM.name(), "albums@example.com",
                Setting.STUDIO_NAME.name(), "Katelynn Photography",
                Setting.PORTAL_URL.name(), PORTAL,
                Setting.ADMIN_EMAIL.name(), STUDIO,
                Setting.MAIL_SETTLE_SECONDS.name(), Long.toString(SETTLE.toSeconds()),
                Setting.EXPIRY_REMINDER_DAYS.name(), "7"));
        return new MaintenanceHandler(settings, clients, POLICY, clock);
    }

    /** The deliveries run, as its EventBridge rule starts it. */
    static Map<String, Object> deliveries(MaintenanceHandler maintenance) {
        ScheduledEvent event = new ScheduledEvent();
        event.setResources(List.of("arn:aws:events:eu-west-1:123456789012:rule/client-albums-deliveries"));
        Map<String, Object> report = maintenance.handleRequest(event, TestContext.withMinutes(15));
        assertEquals(List.of(), report.get("errors"), report.toString());
        return report;
    }

    /** Photos {@code IMG_from.jpg} to {@code IMG_(to-1).jpg}, eight at a time as a browser uploads them. */
    static void upload(String albumId, int from, int to) throws Exception {
        try (ExecutorService uploads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = from; i < to; i++) {
                String key = S3Keys.photoKey(albumId, String.format("IMG_%03d.jpg", i));
                puts.add(uploads.submit(() -> aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(key),
                        RequestBody.fromString("photo " + key))));
            }
            for (Future<?> put : puts) put.get();
        }
    }

    static String fingerprint(String albumId) {
        return Fingerprint.of(new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId), WebSizes.DEFAULT);
    }

    /** An album of {@code photos} photos, registered (its build requested) at {@code now}. */
    static String registered(String albumId, String name, int photos, Instant now) throws Exception {
        upload(albumId, 0, photos);
        assertTrue(albums.register(albumId, name, STUDIO, photos, fingerprint(albumId), now));
        return albumId;
    }

    /** The generator's claim and publication of the album's photos as they are now: {@code ready}. */
    static void build(String albumId, Instant now) {
        String owner = "generator-" + now.toEpochMilli();
        Album claimed = albums.claim(albumId, owner, now, LEASE).orElseThrow(() -> new AssertionError("not claimable: " + albumId));
        String fingerprint = fingerprint(albumId);
        assertTrue(albums.publish(albumId, owner, claimed.buildVersion(),
                new PublishedArchive(S3Keys.ZIPS + albumId + "/" + fingerprint + ".zip", 1_000, claimed.photoCount(), 900, fingerprint),
                List.of(), now), "published: " + albumId);
    }

    /** New photos, as the photo events record them: the content moves on and a build is requested after a quiet period. */
    static void photosChanged(String albumId, int from, int to, Instant now) throws Exception {
        upload(albumId, from, to);
        assertTrue(albums.recordContent(albumId, fingerprint(albumId), to));
        assertTrue(albums.requestAfterChange(albumId, now, now.plusSeconds(30)).isPresent());
    }

    static List<MimeMessage> receivedBy(String address) throws Exception {
        List<MimeMessage> mine = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> ((InternetAddress) a).getAddress().equals(address))) mine.add(m);
        }
        return mine;
    }

    static String text(MimeMessage mail) throws Exception {
        return (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
    }

    static List<String> subjects(String address) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : receivedBy(address)) subjects.add(m.getSubject());
        return subjects;
    }

    /**
     * Counts the Scan calls the SDK sends, per table: each is billed by the bytes of every item it
     * reads. It only looks; the calls go to the local DynamoDB as they are.
     */
    static final class ScanCount implements ExecutionInterceptor {
        private final Map<String, AtomicInteger> scans = new ConcurrentHashMap<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof ScanRequest scan) scans.computeIfAbsent(scan.tableName(), t -> new AtomicInteger()).incrementAndGet();
        }

        int of(String table) {
            AtomicInteger n = scans.get(table);
            return n == null ? 0 : n.get();
        }
    }

    // ---- the triggers -------------------------------------------------------------------------

    @Test
    void aDeliveriesRunScansTheAlbumTableOnceAndEveryMailStepIsToldFromThatScan() throws Exception {
        TestClock clock = new TestClock(Instant.now());
        String ready = registered("mail-one-scan", "Garden Party", 2, clock.instant());
        build(ready, clock.instant());
        albums.updateSettings(ready, new SettingsUpdate(Optional.of(new SettingsUpdate.Expiry(clock.instant().plus(Duration.ofDays(3)))),
                Optional.empty())).orElseThrow();
        grants.grant("erin@example.com", ready, clock.instant(), Downloads.BOTH);
        String failed = registered("mail-one-scan-failed", "Company picnic", 2, clock.instant());
        albums.claim(failed, "generator-failing", clock.instant(), LEASE).orElseThrow();
        assertTrue(albums.fail(failed, "generator-failing", "IMG_000.jpg could not be read", Optional.empty(), List.of()));
        clock.advance(SETTLE.plus(Duration.ofMinutes(1)));
        ScanCount scans = new ScanCount();

        try (DynamoDbClient counted = DynamoDbClient.builder().region(Region.of(aws.endpoints().region()))
                .endpointOverride(aws.endpoints().dynamo()).httpClientBuilder(HttpClients.urlConnection())
                .overrideConfiguration(c -> c.addExecutionInterceptor(scans)).build()) {
            AwsClients clients = new AwsClients(aws.clients().s3(), aws.clients().presigner(), aws.clients().sqs(), counted);
            deliveries(maintenance(clock, clients));
        }

        assertEquals(1, scans.of(aws.names().albumTable()), "receipts, notices, reminders and failed builds: one Scan");
        List<String> erin = subjects("erin@example.com");
        assertEquals(2, erin.size(), "told it is ready and reminded of its expiry: " + erin);
        assertTrue(erin.contains("Your photos are ready: Garden Party"), erin.toString());
        assertTrue(subjects(STUDIO).stream().anyMatch(s -> s.contains("Company picnic")), "the failed build is told: " + subjects(STUDIO));
    }


    @Test
    void aClientIsToldOnceThatTheirAlbumIsReadyWhenItHasSettled() throws Exception {
        TestClock clock = new TestClock(Instant.now());
        MaintenanceHandler maintenance = maintenance(clock);
        String albumId = registered("mail-ready", "Smith Wedding", 3, clock.instant());
        build(albumId, clock.instant());
        // A client without downloads still sees the album: they are told too.
        grants.grant("ann@example.com", albumId, clock.instant(), Downloads.NONE);

        clock.advance(Duration.ofMinutes(1));
        deliveries(maintenance);
        assertEquals(List.of(), subjects("ann@example.com"), "ready a minute ago: not settled yet");

        clock.advance(SETTLE);
        deliveries(maintenance);
        List<MimeMessage> received = receivedBy("ann@example.com");
        assertEquals(1, received.size());
        assertEquals("Your photos are ready: Smith Wedding", received.getFirst().getSubject());
        assertTrue(text(received.getFirst()).contains(PORTAL + "/album/?id=" + albumId), text(received.getFirst()));

        clock.advance(Duration.ofMinutes(5));
        deliveries(maintenance);
        assertEquals(1, receivedBy("ann@example.com").size(), "an album told of is not told again");
    }

    @Test
    void aClientWhoOptedOutIsToldNothing() throws Exception {
        TestClock clock = new TestClock(Instant.now());
        MaintenanceHandler maintenance = maintenance(clock);
        String albumId = registered("mail-opted-out", "Portraits", 2, clock.instant());
        build(albumId, clock.instant());
        grants.grant("bob@example.com", albumId, clock.instant(), Downloads.BOTH);
        grants.grant("bea@example.com", albumId, clock.instant(), Downloads.BOTH);
        outbox.optOut("bob@example.com", clock.instant());

        clock.advance(SETTLE.plusMinutes(1));
        deliveries(maintenance);
        clock.advance(Duration.ofMinutes(5));
        deliveries(maintenance);
        assertEquals(List.of(), subjects("bob@example.com"));
        assertEquals(List.of("Your photos are ready: Portraits"), subjects("bea@example.com"), "the album's other client is told");
    }

    @Test
    void anExpiredGalleryIsToldNothing() throws Exception {
        TestClock clock = new TestClock(Instant.now());
        MaintenanceHandler maintenance = maintenance(clock);
        String albumId = registered("mail-expired", "Prom night", 2, clock.instant());
        build(albumId, clock.instant());
        albums.updateSettings(albumId, new SettingsUpdate(Optional.of(new SettingsUpdate.Expiry(clock.instant().plus(Duration.ofMinutes(5)))),
                Optional.empty())).orElseThrow();
        grants.grant("hal@example.com", albumId, clock.instant(), Downloads.BOTH);

        clock.advance(SETTLE.plusMinutes(1));
        deliveries(maintenance);
        assertEquals(List.of(), subjects("hal@example.com"), "settled after its expiry: neither ready nor a reminder");
        assertTrue(outbox.noticeOf("hal@example.com", albumId).isEmpty(), "nor remembered as told");
    }

    @Test
    void aBurstOf200UploadsIsToldInOneMailAfterItSettles() throws Exception {
        TestClock clock = new TestClock(Instant.now());
        MaintenanceHandler maintenance = maintenance(clock);
        String albumId = registered("mail-burst", "Garden party", 2, clock.instant());
        build(albumId, clock.instant());
        grants.grant("carol@example.com", albumId, clock.instant(), Downloads.BOTH);
        clock.advance(SETTLE.plusMinutes(1));
        deliveries(maintenance);
        assertEquals(List.of("Your photos are ready: Garden party"), subjects("carol@example.com"));

        // 200 photos in ten uploads two minutes apart: twenty minutes, twice the settle time, and
        // the album ready again after every build, each time for less than the settle time.
        int photos = 2;
        for (int batch = 0; batch < 10; batch++) {
            photosChanged(albumId, photos, photos + 20, clock.instant());
            photos += 20;
            deliveries(maintenance);
            clock.advance(Duration.ofMinutes(1));
            build(albumId, clock.instant());
            deliveries(maintenance);
            clock.advance(Duration.ofMinutes(1));
            assertEquals(1, receivedBy("carol@example.com").size(), "nothing during the burst (upload " + (batch + 1) + ")");
        }
        assertEquals(202, albums.find(albumId).orElseThrow().photoCount());

        clock.advance(SETTLE.minusMinutes(2));
        deliveries(maintenance);
        assertEquals(1, receivedBy("carol@example.com").size(), "the last build is not yet settled");
        clock.advance(Duration.ofMinutes(1));
        deliveries(maintenance);
        clock.advance(Duration.ofMinutes(5));
        deliveries(maintenance);
        assertEquals(List.of("Your photos are ready: Garden party", "New photos in Garden party"), subjects("carol@example.com"),
                "one mail for the whole burst");
    }

    @Test
    void aGalleryExpiringInThreeDaysIsRemindedOnceAndAgainForANewDate() throws Exception {
        TestClock clock = new TestClock(Instant.now());
        MaintenanceHandler maintenance = maintenance(clock);
        // Still building: a reminder does not wait for the album to be ready, nor does it tell of it.
        String albumId = registered("mail-expiring", "Christening", 2, clock.instant());
        Instant expires = clock.instant().plus(Duration.ofDays(3));
        albums.updateSettings(albumId, new SettingsUpdate(Optional.of(new SettingsUpdate.Expiry(expires)), Optional.empty())).orElseThrow();
        String later = registered("mail-expiring-later", "Birthday", 2, clock.instant());
        albums.updateSettings(later, new SettingsUpdate(Optional.of(new SettingsUpdate.Expiry(clock.instant().plus(Duration.ofDays(30)))),
                Optional.empty())).orElseThrow();
        grants.grant("dave@example.com", albumId, clock.instant(), Downloads.BOTH);
        grants.grant("dave@example.com", later, clock.instant(), Downloads.BOTH);

        deliveries(maintenance);
        List<MimeMessage> received = receivedBy("dave@example.com");
        assertEquals(1, received.size(), "a month away is not reminded");
        String date = LocalDate.ofInstant(expires, ZoneOffset.UTC).toString();
        assertTrue(received.getFirst().getSubject().contains("Christening"), received.getFirst().getSubject());
        assertTrue(received.getFirst().getSubject().contains(date), received.getFirst().getSubject());

        clock.advance(Duration.ofHours(1));
        deliveries(maintenance);
        assertEquals(1, receivedBy("dave@example.com").size(), "a second run reminds nobody again");

        Instant extended = expires.plus(Duration.ofDays(2));
        albums.updateSettings(albumId, new SettingsUpdate(Optional.of(new SettingsUpdate.Expiry(extended)), Optional.empty())).orElseThrow();
        deliveries(maintenance);
        List<MimeMessage> again = receivedBy("dave@example.com");
        assertEquals(2, again.size(), "a new date is a new reminder");
        assertTrue(again.get(1).getSubject().contains(LocalDate.ofInstant(extended, ZoneOffset.UTC).toString()), again.get(1).getSubject());

        clock.advance(Duration.ofDays(6));
        deliveries(maintenance);
        assertEquals(2, receivedBy("dave@example.com").size(), "an expired gallery is told nothing");
    }

    @Test
    void aBuildThatFailedForGoodTellsThePhotographerOnce() throws Exception {
        TestClock clock = new TestClock(Instant.now());
        MaintenanceHandler maintenance = maintenance(clock);
        String albumId = registered("mail-failed", "Corporate headshots", 2, clock.instant());
        String owner = "generator-failing";
        albums.claim(albumId, owner, clock.instant(), LEASE).orElseThrow();
        assertTrue(albums.fail(albumId, owner, "IMG_001.jpg could not be read", Optional.empty(), List.of()));

        deliveries(maintenance);
        clock.advance(Duration.ofMinutes(5));
        deliveries(maintenance);
        List<MimeMessage> failed = receivedBy(STUDIO).stream().filter(m -> {
            try {
                return m.getSubject().contains("Corporate headshots");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertEquals(1, failed.size(), "one mail however many runs see it");
        String text = text(failed.getFirst());
        assertTrue(text.contains("IMG_001.jpg could not be read"), text);
        assertTrue(text.contains(PORTAL + "/studio/"), text);

        // Asked again and failed again: a new request, a new mail.
        assertTrue(albums.requestBuild(albumId, RequestSource.API, false, clock.instant(), Duration.ofMinutes(5)));
        albums.claim(albumId, owner, clock.instant(), LEASE).orElseThrow();
        assertTrue(albums.fail(albumId, owner, "IMG_002.jpg could not be read", Optional.empty(), List.of()));
        deliveries(maintenance);
        assertEquals(2, receivedBy(STUDIO).stream().filter(m -> {
            try {
                return m.getSubject().contains("Corporate headshots");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).count());
    }

    @Test
    void aLinkSentFromTheStudioArrivesAtEachAddressAndTheyHearWhenTheAlbumIsReady() throws Exception {
        TestClock clock = new TestClock(Instant.now());
        MaintenanceHandler maintenance = maintenance(clock);
        String albumId = registered("mail-shared", "Family reunion", 2, clock.instant());
        build(albumId, clock.instant());
        // As the admin API makes a link sent to two addresses (ShareMailRoutesTest pins what it queues).
        String token = ShareTokens.newToken();
        Share share = new Share(albumId, ShareTokens.newShareId(), "Cousins", Downloads.WEB, null, 0, 0, null, null,
                clock.instant(), STUDIO, null, 0, 0, null);
        Set<String> sentTo = Set.of("erin@example.com", "frank@example.com");
        assertTrue(shares.create(share, ShareTokens.hash(token), sentTo));
        for (String address : sentTo) {
            assertTrue(outbox.enqueue(new MailRequest(address, MailKind.SHARE_LINK, albumId, share.shareId(), Map.of(
                    MailFields.ALBUM_NAME, "Family reunion", MailFields.LINK, PORTAL + "/s/" + token,
                    MailFields.LABEL, "Cousins", MailFields.PIN_REQUIRED, "false"), clock.instant())));
        }
        // A link turned off tells its address nothing more.
        Share off = new Share(albumId, ShareTokens.newShareId(), "Old link", Downloads.WEB, null, 0, 0, null, null,
                clock.instant(), STUDIO, null, 0, 0, null);
        assertTrue(shares.create(off, ShareTokens.hash(ShareTokens.newToken()), Set.of("gina@example.com")));
        assertTrue(shares.revoke(albumId, off.shareId(), clock.instant()));

        deliveries(maintenance);
        for (String address : sentTo) {
            List<MimeMessage> received = receivedBy(address);
            assertEquals(1, received.size(), address);
            assertTrue(text(received.getFirst()).contains(PORTAL + "/s/" + token), text(received.getFirst()));
        }

        clock.advance(SETTLE.plusMinutes(1));
        deliveries(maintenance);
        for (String address : sentTo) {
            assertEquals(2, receivedBy(address).size(), address);
            assertEquals("Your photos are ready: Family reunion", receivedBy(address).get(1).getSubject());
        }
        assertEquals(List.of(), subjects("gina@example.com"));
    }
}

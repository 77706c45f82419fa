package com.clientalbums.maintenance.mail;

import com.clientalbums.common.config.Setting;
import com.clientalbums.common.mail.MailFields;
import com.clientalbums.common.mail.MailKind;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.mail.MailRequest;
import com.clientalbums.common.mail.OptOutTokens;
import com.clientalbums.common.mail.QueuedMail;
import com.clientalbums.localaws.LoopbackServers;
import com.clientalbums.maintenance.deliveries.RunInput;
import com.clientalbums.maintenance.handler.MaintenanceHandler;
import com.clientalbums.maintenance.sweep.MaintenanceReport;
import com.clientalbums.maintenance.sweep.MaintenanceReport.Count;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.TestClock;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox sent to a real SMTP server on loopback (GreenMail), the outbox in the local
 * DynamoDB: what arrives, opt-outs, a server that is down, once per request, refusals and
 * the end of retries. Times are the run's {@code now}, moved by hand.
 */
class OutboxSenderTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00.000Z");
    static MailOutbox outbox;

    @BeforeAll
    static void setUp() {
        outbox = new MailOutbox(aws.clients().dynamo(), aws.names().mailTable());
    }

    /** The step as the handler makes it, sending to {@code port} on loopback. */
    static OutboxSender sender(int port) {
        var settings = aws.settings(MaintenanceHandler.SETTINGS, Map.of(
                Setting.MAIL_TRANSPORT.name(), "smtp://127.0.0.1:" + port,
                Setting.MAIL_FROM.name(), "albums@example.com",
                Setting.STUDIO_NAME.name(), "Katelynn Photography",
                Setting.PORTAL_URL.name(), "https://albums.example.com",
                Setting.API_URL.name(), "https://api.example.com"));
        return OutboxSender.from(settings, aws.clients(), new TestClock(T0)).orElseThrow();
    }

    static MaintenanceReport run(OutboxSender sender, Instant now) {
        MaintenanceReport report = new MaintenanceReport();
        // The outbox reads no albums: asking for them fails the test.
        sender.run(new RunInput(now, () -> { throw new AssertionError("the outbox read the album table"); }), () -> true, report);
        return report;
    }

    static MailRequest ready(String to, String albumId, Instant due) {
        return new MailRequest(to, MailKind.ALBUM_READY, albumId, "fp-1",
                Map.of(MailFields.ALBUM_NAME, "Garden party \u2014 \u00e9t\u00e9", MailFields.PATH, "/albums/" + albumId + "/"), due);
    }

    static List<MimeMessage> receivedBy(String address) throws Exception {
        List<MimeMessage> mine = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> ((InternetAddress) a).getAddress().equals(address))) mine.add(m);
        }
        return mine;
    }

    static Map<String, AttributeValue> item(String recipient, String topic) {
        return aws.clients().dynamo().getItem(g -> g.tableName(aws.names().mailTable()).consistentRead(true)
                .key(Map.of("recipient", AttributeValue.fromS(recipient), "topic", AttributeValue.fromS(topic)))).item();
    }

    static int closedPort() throws Exception {
        return LoopbackServers.freePort();
    }

    static OptOutTokens tokens() throws Exception {
        String source = aws.env().get(Setting.GUEST_KEY_SOURCE.name());
        return new OptOutTokens(Files.readString(Path.of(source.substring("file:".length()))).strip().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aQueuedMailArrivesWithItsTextAndHtmlPartsTheStudiosNameAndOneClickUnsubscribe() throws Exception {
        outbox.enqueue(ready("Ann@Example.com", "arrives", T0));
        MaintenanceReport report = run(sender(smtp.getSmtp().getPort()), T0.plusSeconds(1));

        assertEquals(1, report.get(Count.MAILS_SENT));
        List<MimeMessage> received = receivedBy("ann@example.com");
        assertEquals(1, received.size());
        MimeMessage mail = received.getFirst();
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertEquals("albums@example.com", from.getAddress());
        assertEquals("Katelynn Photography", from.getPersonal());
        assertEquals("Your photos are ready: Garden party \u2014 \u00e9t\u00e9", mail.getSubject());

        assertTrue(mail.getContentType().startsWith("multipart/alternative"), mail.getContentType());
        Multipart parts = (Multipart) mail.getContent();
        assertEquals(2, parts.getCount());
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
        assertTrue(parts.getBodyPart(0).getContentType().toLowerCase().contains("charset=utf-8"));
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertTrue(text.contains("https://albums.example.com/albums/arrives/"), text);
        assertTrue(html.contains("Garden party \u2014 \u00e9t\u00e9"), "UTF-8 survives");

        String unsubscribe = mail.getHeader("List-Unsubscribe", null);
        Matcher oneClick = Pattern.compile("<https://api\\.example\\.com/mail/opt-out\\?token=([^>]+)>").matcher(unsubscribe);
        assertTrue(oneClick.matches(), unsubscribe);
        assertEquals("ann@example.com", tokens().verify(URLDecoder.decode(oneClick.group(1), StandardCharsets.UTF_8)));
        assertEquals("List-Unsubscribe=One-Click", mail.getHeader("List-Unsubscribe-Post", null));
        Matcher page = Pattern.compile("https://albums\\.example\\.com/mail/opt-out/\\?t=([A-Za-z0-9._%-]+)").matcher(text);
        assertTrue(page.find(), text);
        assertEquals("ann@example.com", tokens().verify(URLDecoder.decode(page.group(1), StandardCharsets.UTF_8)));

        var item = item("ann@example.com", ready("ann@example.com", "arrives", T0).topic());
        assertEquals("sent", item.get("state").s());
        assertEquals("1", item.get("attempts").n());
        assertFalse(item.containsKey("queued"));
    }

    @Test
    void aRecipientWhoOptedOutAfterTheMailWasQueuedGetsNothing() throws Exception {
        assertTrue(outbox.enqueue(ready("bob@example.com", "opted", T0)));
        outbox.optOut("bob@example.com", T0.plusSeconds(1));
        MaintenanceReport report = run(sender(smtp.getSmtp().getPort()), T0.plusSeconds(2));

        assertEquals(0, report.get(Count.MAILS_SENT));
        assertEquals(1, report.get(Count.MAILS_OPTED_OUT));
        assertEquals(List.of(), receivedBy("bob@example.com"));
        assertEquals("skipped", item("bob@example.com", ready("bob@example.com", "opted", T0).topic()).get("state").s());
    }

    @Test
    void aMailWhoseServerIsDownIsTriedAgainLaterAndDeliveredWhenItIsBack() throws Exception {
        String who = "cleo@example.com";
        String topic = ready(who, "down", T0).topic();
        outbox.enqueue(ready(who, "down", T0));
        OutboxSender down = sender(closedPort());

        MaintenanceReport first = run(down, T0);
        assertEquals(1, first.get(Count.MAILS_RETRIED));
        assertEquals(0, first.get(Count.MAILS_SENT));
        var item = item(who, topic);
        assertEquals("1", item.get("attempts").n());
        assertEquals("2026-12-05T10:01:00.000Z", item.get("due_at").s(), "again after a minute");
        assertTrue(item.get("last_error").s().startsWith("SMTP: "), item.get("last_error").s());

        MaintenanceReport second = run(down, T0.plusSeconds(60));
        assertEquals(1, second.get(Count.MAILS_RETRIED));
        assertEquals("2026-12-05T10:06:00.000Z", item(who, topic).get("due_at").s(), "then after five more minutes");

        OutboxSender back = sender(smtp.getSmtp().getPort());
        assertEquals(0, run(back, T0.plusSeconds(61)).get(Count.MAILS_SENT), "not before its time");
        assertEquals(List.of(), receivedBy(who));
        assertEquals(1, run(back, T0.plus(Duration.ofMinutes(6))).get(Count.MAILS_SENT));
        assertEquals(1, receivedBy(who).size());
        assertEquals("3", item(who, topic).get("attempts").n());
        assertEquals("sent", item(who, topic).get("state").s());
    }

    @Test
    void whenTheServerIsDownTheRunStopsAndTheOtherMailsWaitUntouched() throws Exception {
        String who = "hal@example.com";
        outbox.enqueue(ready(who, "stop-1", T0));
        outbox.enqueue(ready(who, "stop-2", T0));

        MaintenanceReport down = run(sender(closedPort()), T0);
        assertEquals(1, down.get(Count.MAILS_RETRIED), "one tried; with the server down the others are not");
        List<String> attempts = List.of(item(who, ready(who, "stop-1", T0).topic()).get("attempts").n(),
                item(who, ready(who, "stop-2", T0).topic()).get("attempts").n());
        assertTrue(attempts.contains("0") && attempts.contains("1"), attempts.toString());

        OutboxSender back = sender(smtp.getSmtp().getPort());
        assertEquals(1, run(back, T0).get(Count.MAILS_SENT), "the untouched one goes at once");
        assertEquals(1, run(back, T0.plusSeconds(60)).get(Count.MAILS_SENT), "the tried one a minute later");
        assertEquals(2, receivedBy(who).size());
    }

    @Test
    void theSameRequestQueuedTwiceIsOneMailAndASecondRunSendsNothingMore() throws Exception {
        MailRequest request = ready("dan@example.com", "twice", T0);
        assertTrue(outbox.enqueue(request));
        assertFalse(outbox.enqueue(request));
        OutboxSender sender = sender(smtp.getSmtp().getPort());
        assertEquals(1, run(sender, T0).get(Count.MAILS_SENT));
        assertEquals(0, run(sender, T0.plus(Duration.ofDays(1))).get(Count.MAILS_SENT));
        assertFalse(outbox.enqueue(request), "a sent mail is not queued again by its trigger");
        assertEquals(1, receivedBy("dan@example.com").size());
    }

    /** A sender that answers the same for every message, to follow the outbox's rules to their end. */
    record Answering(SendOutcome outcome, List<MailMessage> sent) implements MailSender {
        Answering(SendOutcome outcome) { this(outcome, new ArrayList<>()); }

        @Override
        public SendOutcome send(MailMessage message) {
            sent.add(message);
            return outcome;
        }
    }

    static OutboxSender answering(MailSender sender) {
        MailTemplates templates = new MailTemplates("Studio", "https://albums.example.com");
        OptOutLinks links;
        try {
            links = new OptOutLinks("https://albums.example.com", "", tokens());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new OutboxSender(outbox, sender, templates, links, "Studio <albums@example.com>");
    }

    @Test
    void aRefusalForGoodFailsTheMailAtOnce() {
        String who = "eve@example.com";
        outbox.enqueue(ready(who, "refused", T0));
        Answering refusing = new Answering(new SendOutcome.Refused("SMTP: 550 5.1.1 User unknown"));
        MaintenanceReport report = run(answering(refusing), T0);

        assertEquals(1, report.get(Count.MAILS_FAILED));
        assertEquals(1, refusing.sent().stream().filter(m -> m.to().equals(who)).count());
        var item = item(who, ready(who, "refused", T0).topic());
        assertEquals("failed", item.get("state").s());
        assertEquals("SMTP: 550 5.1.1 User unknown", item.get("last_error").s());
        assertEquals(List.of(), outbox.due(T0.plus(Duration.ofDays(2)), 100).stream().filter(m -> m.recipient().equals(who)).toList());
    }

    @Test
    void aMailDeferredSixTimesFailsAfterWaitingOneFiveThirtyOneHundredTwentyAndSevenHundredTwentyMinutes() {
        String who = "fay@example.com";
        outbox.enqueue(ready(who, "deferred", T0));
        Answering deferring = new Answering(new SendOutcome.Deferred("SES TooManyRequestsException: slow down", false));
        OutboxSender sender = answering(deferring);
        String topic = ready(who, "deferred", T0).topic();

        Instant now = T0;
        List<Long> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertEquals(1, run(sender, now).get(Count.MAILS_RETRIED), "attempt " + attempt);
            Instant due = Instant.parse(item(who, topic).get("due_at").s());
            waits.add(Duration.between(now, due).toMinutes());
            assertEquals(0, run(sender, due.minusMillis(1)).get(Count.MAILS_RETRIED), "not before it is due");
            now = due;
        }
        assertEquals(List.of(1L, 5L, 30L, 120L, 720L), waits);
        MaintenanceReport last = run(sender, now);
        assertEquals(1, last.get(Count.MAILS_FAILED));
        assertEquals(0, last.get(Count.MAILS_RETRIED));
        var item = item(who, topic);
        assertEquals("failed", item.get("state").s());
        assertEquals("6", item.get("attempts").n());
        assertEquals(6, deferring.sent().size());
        assertNull(item.get("queued"));
    }

    @Test
    void aMailClaimedForItsLastAttemptByARunThatDiedFailsWithoutBeingSentAgain() {
        String who = "gus@example.com";
        outbox.enqueue(ready(who, "died", T0));
        QueuedMail mail = outbox.due(T0, 100).stream().filter(m -> m.recipient().equals(who)).findFirst().orElseThrow();
        for (int i = 0; i < 6; i++) mail = outbox.claim(mail, T0).orElseThrow();

        Answering sender = new Answering(new SendOutcome.Sent());
        assertEquals(1, run(answering(sender), T0).get(Count.MAILS_FAILED));
        assertEquals(List.of(), sender.sent());
        assertEquals("failed", item(who, mail.topic()).get("state").s());
    }
}

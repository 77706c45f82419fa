package com.clientalbums.common.mail;

import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mail table's outbox against the local DynamoDB: once per topic, opt-outs, the queue's index, settled once. */
class MailOutboxTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00.000Z");

    static MailOutbox outbox;

    @BeforeAll
    static void setUp() {
        outbox = new MailOutbox(aws.clients().dynamo(), aws.names().mailTable());
    }

    static MailRequest ready(String recipient, String albumId, Instant dueAt) {
        return new MailRequest(recipient, MailKind.ALBUM_READY, albumId, "fp1",
                Map.of("album_name", "Garden party", "path", "/albums/" + albumId + "/"), dueAt);
    }

    static Map<String, AttributeValue> item(String recipient, String topic) {
        return aws.clients().dynamo().getItem(g -> g.tableName(aws.names().mailTable()).consistentRead(true)
                .key(Map.of("recipient", AttributeValue.fromS(recipient), "topic", AttributeValue.fromS(topic)))).item();
    }

    static List<QueuedMail> dueFor(String recipient, Instant now) {
        return outbox.due(now, 100).stream().filter(m -> m.recipient().equals(recipient)).toList();
    }

    @Test
    void aRequestIsQueuedOnceHoweverOftenItsTriggerFires() {
        MailRequest request = ready("once@example.com", "album-once", T0);
        assertTrue(outbox.enqueue(request));
        assertFalse(outbox.enqueue(request), "the same topic again");
        assertFalse(outbox.enqueue(ready("Once@Example.COM", "album-once", T0.plusSeconds(60))), "the address is a key in lower case");

        var item = item("once@example.com", request.topic());
        assertEquals("album_ready", item.get("kind").s());
        assertEquals("album-once", item.get("album_id").s());
        assertEquals("Garden party", item.get("fields").m().get("album_name").s());
        assertEquals("2026-12-05T10:00:00.000Z", item.get("due_at").s());
        assertEquals("1", item.get("queued").s());
        assertEquals("queued", item.get("state").s());
        assertEquals("0", item.get("attempts").n());
        assertEquals(T0.plus(Duration.ofDays(90)).getEpochSecond(), Long.parseLong(item.get("expires_at_epoch").n()));
    }

    @Test
    void anOptedOutRecipientIsNotQueuedUntilTheyOptIn() {
        outbox.optOut("Out@Example.com", T0);
        assertTrue(outbox.optedOut("out@example.com"));
        assertFalse(outbox.enqueue(ready("out@example.com", "album-out", T0)));
        assertTrue(item("out@example.com", ready("out@example.com", "album-out", T0).topic()).isEmpty());

        outbox.optOut("out@example.com", T0.plusSeconds(3600));
        assertEquals("2026-12-05T10:00:00.000Z", item("out@example.com", "opt-out").get("opted_out_at").s(),
                "the first opt-out's time is kept");

        outbox.optIn("OUT@example.com", T0.plusSeconds(7200));
        assertFalse(outbox.optedOut("out@example.com"));
        assertTrue(outbox.enqueue(ready("out@example.com", "album-out", T0)));
        outbox.optOut("out@example.com", T0.plusSeconds(9000));
        assertEquals("2026-12-05T12:30:00.000Z", item("out@example.com", "opt-out").get("opted_out_at").s(),
                "opting out again after opting in is a new opt-out");
    }

    @Test
    void onlyMessagesDueAreListedEarliestFirstAndUpToTheLimit() {
        String who = "due@example.com";
        outbox.enqueue(ready(who, "album-due-2", T0.plusSeconds(120)));
        outbox.enqueue(ready(who, "album-due-1", T0.plusSeconds(60)));
        outbox.enqueue(ready(who, "album-due-later", T0.plusSeconds(3600)));

        List<QueuedMail> due = dueFor(who, T0.plusSeconds(600));
        assertEquals(List.of("album-due-1", "album-due-2"), due.stream().map(QueuedMail::albumId).toList());
        assertEquals(MailKind.ALBUM_READY, due.getFirst().kind());
        assertEquals("Garden party", due.getFirst().fields().get("album_name"));
        assertEquals(0, due.getFirst().attempts());
        assertEquals(List.of(), dueFor(who, T0), "nothing due yet");
        assertEquals(1, outbox.due(T0.plusSeconds(7200), 1).size(), "the limit");
    }

    @Test
    void aClaimedMessageIsDueAgainAtItsRetryTimeAndSentLeavesTheQueue() {
        String who = "claim@example.com";
        outbox.enqueue(ready(who, "album-claim", T0));
        QueuedMail mail = dueFor(who, T0).getFirst();

        QueuedMail claimed = outbox.claim(mail, T0.plusSeconds(60)).orElseThrow();
        assertEquals(1, claimed.attempts());
        assertEquals(List.of(), dueFor(who, T0.plusSeconds(30)), "a claimed message waits for its retry time");
        assertTrue(outbox.claim(mail, T0.plusSeconds(60)).isEmpty(), "claimed with the attempts read: once");

        assertTrue(outbox.retryLater(claimed, T0.plusSeconds(300), "421 try again later"));
        assertEquals(List.of(), dueFor(who, T0.plusSeconds(200)));
        QueuedMail again = dueFor(who, T0.plusSeconds(300)).getFirst();
        assertEquals(1, again.attempts());
        assertEquals("421 try again later", item(who, mail.topic()).get("last_error").s());

        QueuedMail second = outbox.claim(again, T0.plusSeconds(600)).orElseThrow();
        assertTrue(outbox.markSent(second, T0.plusSeconds(301)));
        assertFalse(outbox.markSent(second, T0.plusSeconds(302)), "settled once");
        var item = item(who, mail.topic());
        assertEquals("sent", item.get("state").s());
        assertEquals("2026-12-05T10:05:01.000Z", item.get("sent_at").s());
        assertFalse(item.containsKey("queued"), "out of the sparse index");
        assertEquals(List.of(), dueFor(who, T0.plusSeconds(100_000)));
    }

    @Test
    void aShareLinksTokenLeavesTheOutboxOnceItsMailIsSentFailedOrSkipped() {
        String who = "link@example.com";
        for (String share : List.of("s1", "s2", "s3")) {
            outbox.enqueue(new MailRequest(who, MailKind.SHARE_LINK, "album-link", share,
                    Map.of("album_name", "Garden party", MailFields.LINK, "https://portal.example/s/secret-" + share), T0));
        }
        List<QueuedMail> due = dueFor(who, T0);
        assertEquals(3, due.size());
        assertTrue(outbox.markSent(due.get(0), T0));
        assertTrue(outbox.markFailed(due.get(1), "550 mailbox unavailable", T0));
        assertTrue(outbox.markSkipped(due.get(2), T0));
        for (QueuedMail mail : due) {
            Map<String, AttributeValue> fields = item(who, mail.topic()).get("fields").m();
            assertFalse(fields.containsKey(MailFields.LINK), "the token is forgotten: " + fields);
            assertEquals("Garden party", fields.get("album_name").s(), "the rest is kept for the record");
        }
    }

    @Test
    void failedAndSkippedMessagesLeaveTheQueueWithTheirReason() {
        String who = "settle@example.com";
        outbox.enqueue(ready(who, "album-failed", T0));
        outbox.enqueue(ready(who, "album-skipped", T0));
        List<QueuedMail> due = dueFor(who, T0);
        QueuedMail failed = outbox.claim(due.stream().filter(m -> m.albumId().equals("album-failed")).findFirst().orElseThrow(),
                T0.plusSeconds(60)).orElseThrow();
        QueuedMail skipped = due.stream().filter(m -> m.albumId().equals("album-skipped")).findFirst().orElseThrow();

        assertTrue(outbox.markFailed(failed, "550 mailbox unavailable", T0));
        assertTrue(outbox.markSkipped(skipped, T0));
        assertFalse(outbox.retryLater(failed, T0.plusSeconds(60), "late"), "a failed message is not queued again");

        var failedItem = item(who, failed.topic());
        assertEquals("failed", failedItem.get("state").s());
        assertEquals("550 mailbox unavailable", failedItem.get("last_error").s());
        assertEquals("skipped", item(who, skipped.topic()).get("state").s());
        assertEquals(List.of(), dueFor(who, T0.plusSeconds(100_000)));
    }

    @Test
    void twoSendersWhoReadTheSameMessageTakeItOnce() throws Exception {
        String who = "race@example.com";
        outbox.enqueue(ready(who, "album-race", T0));
        QueuedMail mail = dueFor(who, T0).getFirst();
        int senders = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            Callable<Optional<QueuedMail>> claim = () -> {
                start.await();
                return outbox.claim(mail, T0.plusSeconds(60));
            };
            List<Future<Optional<QueuedMail>>> results = java.util.stream.Stream.generate(() -> pool.submit(claim))
                    .limit(senders).toList();
            start.countDown();
            long taken = 0;
            for (var result : results) if (result.get().isPresent()) taken++;
            assertEquals(1, taken);
        } finally {
            pool.shutdownNow();
        }
        assertEquals("1", item(who, mail.topic()).get("attempts").n());
    }

    @Test
    void aRecipientsNoticeOfAnAlbumIsRememberedAndReplaced() {
        assertEquals(Optional.empty(), outbox.noticeOf("notice@example.com", "album-notice"));
        outbox.recordNotice("Notice@example.com", "album-notice", new Notice("fp1", T0));
        outbox.recordNotice("notice@example.com", "album-notice", new Notice("fp2", T0.plusSeconds(60)));
        assertEquals(Optional.of(new Notice("fp2", T0.plusSeconds(60))), outbox.noticeOf("notice@example.com", "album-notice"));
        assertEquals(Optional.empty(), outbox.noticeOf("notice@example.com", "another-album"));
    }
}

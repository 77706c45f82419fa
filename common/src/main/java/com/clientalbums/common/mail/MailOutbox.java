package com.clientalbums.common.mail;

import com.clientalbums.common.access.Emails;
import com.clientalbums.common.album.Timestamps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code {project}-mail} table's outbox: writers enqueue, maintenance sends. Key
 * {@code recipient} (the address, lower-cased) + {@code topic}: a message's topic is
 * {@link MailRequest#topic()}, {@code notice#{album_id}} holds what the recipient was last told
 * about an album, {@code opt-out} that they want no more mail.
 *
 * <p>Enqueuing is one conditional PutItem ({@code attribute_not_exists}), so the same mail is
 * queued once however often its trigger fires; opted-out recipients are not queued (and a race
 * with an opt-out is caught again when sending). A queued message carries {@code queued = "1"},
 * the sparse {@value #QUEUE_INDEX}'s key, until it is sent, skipped or has failed; every change of
 * state is conditional on it still being queued with the attempts the sender read, so two senders
 * never send one mail twice. Messages expire ({@code expires_at_epoch}, DynamoDB's TTL)
 * {@value #KEEP_DAYS} days after they were due or settled; notices and opt-outs are kept.
 */
public final class MailOutbox {
    public static final String QUEUE_INDEX = "queued-index";
    static final String OPT_OUT_TOPIC = "opt-out";
    static final String NOTICE_PREFIX = "notice#";
    static final int KEEP_DAYS = 90;
    private static final String QUEUED = "1";
    private static final String STILL_QUEUED = "queued = :queued AND attempts = :attempts";
    /** DynamoDB's limit on an attribute is 400 KB for the whole item; an error needs far less. */
    private static final int MAX_ERROR_CHARS = 1_000;

    /** The states of a message ({@code state}). */
    public enum State {
        QUEUED, SENT, FAILED, SKIPPED;

        public String value() { return name().toLowerCase(Locale.ROOT); }
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public MailOutbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** @return true if queued now; false if it was queued before, or the recipient opted out */
    public boolean enqueue(MailRequest request) {
        String recipient = Emails.normalize(request.recipient());
        if (optedOut(recipient)) return false;
        Map<String, AttributeValue> item = new HashMap<>(key(recipient, request.topic()));
        item.put("kind", s(request.kind().value()));
        item.put("album_id", s(request.albumId()));
        Map<String, AttributeValue> fields = new HashMap<>();
        // An empty field is no field (templates read a missing one as empty): DynamoDB's older
        // emulators refuse empty strings.
        request.fields().forEach((name, value) -> { if (!value.isEmpty()) fields.put(name, s(value)); });
        item.put("fields", AttributeValue.fromM(fields));
        item.put("due_at", s(Timestamps.format(request.dueAt())));
        item.put("queued", s(QUEUED));
        item.put("state", s(State.QUEUED.value()));
        item.put("attempts", n(0));
        item.put("expires_at_epoch", n(expiry(request.dueAt())));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(topic)"));
            return true;
        } catch (ConditionalCheckFailedException queuedBefore) {
            return false;
        }
    }

    public boolean optedOut(String recipient) {
        var result = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(Emails.normalize(recipient), OPT_OUT_TOPIC)));
        return result.hasItem() && result.item().containsKey("opted_out_at");
    }

    /** No more mail to this address (kept from the first opt-out: asking twice changes nothing). */
    public void optOut(String recipient, Instant now) {
        dynamo.updateItem(u -> u.tableName(table).key(key(Emails.normalize(recipient), OPT_OUT_TOPIC))
                .updateExpression("SET opted_out_at = if_not_exists(opted_out_at, :now)")
                .expressionAttributeValues(Map.of(":now", s(Timestamps.format(now)))));
    }

    /**
     * Mail to this address again (what was not queued meanwhile stays unsent). An update, not a
     * delete, so the client API's grant on this table stays Get/Put/Update, and the item says when.
     */
    public void optIn(String recipient, Instant now) {
        dynamo.updateItem(u -> u.tableName(table).key(key(Emails.normalize(recipient), OPT_OUT_TOPIC))
                .updateExpression("SET opted_in_at = :now REMOVE opted_out_at")
                .expressionAttributeValues(Map.of(":now", s(Timestamps.format(now)))));
    }

    /**
     * Queued messages due at {@code now}, earliest first, at most {@code limit}. The index is
     * eventually consistent: a message may show here just after it was settled, which the
     * conditional writes below refuse.
     */
    public List<QueuedMail> due(Instant now, int limit) {
        List<QueuedMail> due = new ArrayList<>();
        QueryRequest request = QueryRequest.builder().tableName(table).indexName(QUEUE_INDEX)
                .keyConditionExpression("queued = :queued AND due_at <= :now")
                .expressionAttributeValues(Map.of(":queued", s(QUEUED), ":now", s(Timestamps.format(now))))
                .limit(limit).build();
        for (var page : dynamo.queryPaginator(request)) {
            for (var item : page.items()) {
                if (due.size() == limit) return due;
                due.add(queued(item));
            }
        }
        return due;
    }

    /**
     * Takes a message to send it: one more attempt, and not due again before {@code nextDue}, so a
     * sender that dies while sending leaves it to be tried again then rather than lost or sent by
     * two. Empty when another sender took or settled it first.
     */
    public Optional<QueuedMail> claim(QueuedMail mail, Instant nextDue) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(mail.recipient(), mail.topic()))
                    .updateExpression("SET attempts = :next, due_at = :due")
                    .conditionExpression(STILL_QUEUED)
                    .expressionAttributeValues(Map.of(":queued", s(QUEUED), ":attempts", n(mail.attempts()),
                            ":next", n(mail.attempts() + 1), ":due", s(Timestamps.format(nextDue)))));
        } catch (ConditionalCheckFailedException taken) {
            return Optional.empty();
        }
        return Optional.of(new QueuedMail(mail.recipient(), mail.topic(), mail.kind(), mail.albumId(), mail.fields(),
                nextDue, mail.attempts() + 1));
    }

    /** Sent: out of the queue. False when it was no longer queued with these attempts. */
    public boolean markSent(QueuedMail mail, Instant now) {
        return settle(mail, State.SENT, now, null);
    }

    /** Tried and refused for now: due again at {@code nextDue}, the error kept for the studio. */
    public boolean retryLater(QueuedMail mail, Instant nextDue, String error) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(mail.recipient(), mail.topic()))
                    .updateExpression("SET due_at = :due, last_error = :error")
                    .conditionExpression(STILL_QUEUED)
                    .expressionAttributeValues(Map.of(":queued", s(QUEUED), ":attempts", n(mail.attempts()),
                            ":due", s(Timestamps.format(nextDue)), ":error", s(clip(error)))));
            return true;
        } catch (ConditionalCheckFailedException settled) {
            return false;
        }
    }

    /** Refused for good (a bad address), or tried too often: out of the queue, never sent. */
    public boolean markFailed(QueuedMail mail, String error, Instant now) {
        return settle(mail, State.FAILED, now, error);
    }

    /** Not sent because the recipient opted out after it was queued. */
    public boolean markSkipped(QueuedMail mail, Instant now) {
        return settle(mail, State.SKIPPED, now, null);
    }

    private boolean settle(QueuedMail mail, State state, Instant now, String error) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":queued", s(QUEUED), ":attempts", n(mail.attempts()),
                ":state", s(state.value()), ":now", s(Timestamps.format(now)), ":expires", n(expiry(now))));
        String set = "SET #state = :state, settled_at = :now, expires_at_epoch = :expires";
        if (state == State.SENT) set += ", sent_at = :now";
        if (error != null) {
            set += ", last_error = :error";
            values.put(":error", s(clip(error)));
        }
        Map<String, String> names = new HashMap<>(Map.of("#state", "state"));
        String remove = " REMOVE queued";
        if (mail.fields().containsKey(MailFields.LINK)) {
            // A share link's token is kept hashed everywhere else: once its mail is settled, the
            // outbox forgets it rather than holding it until the item's TTL.
            remove += ", #fields.#link";
            names.put("#fields", "fields");
            names.put("#link", MailFields.LINK);
        }
        String expression = set + remove;
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(mail.recipient(), mail.topic()))
                    .updateExpression(expression).conditionExpression(STILL_QUEUED)
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException settled) {
            return false;
        }
    }

    /** What the recipient was last told about the album; empty if never. */
    public Optional<Notice> noticeOf(String recipient, String albumId) {
        var result = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(Emails.normalize(recipient), NOTICE_PREFIX + albumId)));
        if (!result.hasItem() || result.item().isEmpty()) return Optional.empty();
        var item = result.item();
        return Optional.of(new Notice(item.get("notified_fingerprint").s(), Timestamps.parse(item.get("notified_at").s())));
    }

    /** Remembers what the recipient was told about the album (replacing what was remembered). */
    public void recordNotice(String recipient, String albumId, Notice notice) {
        dynamo.putItem(p -> p.tableName(table).item(Map.of(
                "recipient", s(Emails.normalize(recipient)), "topic", s(NOTICE_PREFIX + albumId),
                "notified_fingerprint", s(notice.fingerprint()), "notified_at", s(Timestamps.format(notice.notifiedAt())))));
    }

    private static QueuedMail queued(Map<String, AttributeValue> item) {
        Map<String, String> fields = new HashMap<>();
        if (item.containsKey("fields")) item.get("fields").m().forEach((name, value) -> fields.put(name, value.s()));
        return new QueuedMail(item.get("recipient").s(), item.get("topic").s(),
                MailKind.valueOf(item.get("kind").s().toUpperCase(Locale.ROOT)), item.get("album_id").s(), fields,
                Timestamps.parse(item.get("due_at").s()), Integer.parseInt(item.get("attempts").n()));
    }

    private static long expiry(Instant from) {
        return from.plus(Duration.ofDays(KEEP_DAYS)).getEpochSecond();
    }

    private static String clip(String error) {
        String e = error == null || error.isBlank() ? "unknown error" : error;
        return e.length() <= MAX_ERROR_CHARS ? e : e.substring(0, MAX_ERROR_CHARS);
    }

    private static Map<String, AttributeValue> key(String recipient, String topic) {
        return Map.of("recipient", s(recipient), "topic", s(topic));
    }

    private static AttributeValue s(String value) { return AttributeValue.fromS(value); }

    private static AttributeValue n(long value) { return AttributeValue.fromN(Long.toString(value)); }
}

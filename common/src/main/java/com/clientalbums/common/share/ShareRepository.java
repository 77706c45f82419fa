package com.clientalbums.common.share;

import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.album.Timestamps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The share table ({@code SHARE_TABLE_NAME}; key {@code album_id} + {@code share_id}, index
 * {@value #TOKEN_INDEX} by {@code token_hash}): every change one conditional write, so counts
 * (wrong PINs, downloads, sessions) hold under any number of simultaneous requests.
 */
public final class ShareRepository {
    public static final String TOKEN_INDEX = "token_hash-index";
    private static final String EXISTS = "attribute_exists(share_id)";
    private static final String SENT_TO = "sent_to";

    private final DynamoDbClient dynamo;
    private final String table;

    public ShareRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Stores a new link under the hash of its token; false when its id is taken (nothing written). */
    public boolean create(Share share, String tokenHash) {
        return create(share, tokenHash, Set.of());
    }

    /**
     * Stores a new link, e-mailed from the studio to {@code sentTo} (lower-cased addresses, kept as
     * {@code sent_to}, a string set): those addresses are then told when the album is ready or
     * changes, like the album's clients. False when its id is taken (nothing written).
     */
    public boolean create(Share share, String tokenHash, Set<String> sentTo) {
        Map<String, AttributeValue> item = new HashMap<>(key(share.albumId(), share.shareId()));
        item.put("token_hash", s(tokenHash));
        item.put("label", s(share.label()));
        item.put("downloads", s(share.downloads().value()));
        item.put("download_limit", n(share.downloadLimit()));
        item.put("downloads_used", n(0));
        item.put("sessions", n(0));
        item.put("pin_failures", n(0));
        item.put("created_at", s(Timestamps.format(share.createdAt())));
        item.put("created_by", s(share.createdBy()));
        if (share.expiresAt() != null) item.put("expires_at", s(Timestamps.format(share.expiresAt())));
        if (share.pin() != null) {
            item.put("pin_hash", s(share.pin().hash()));
            item.put("pin_salt", s(share.pin().salt()));
        }
        // DynamoDB has no empty sets: a link sent to nobody has no sent_to.
        if (!sentTo.isEmpty()) item.put(SENT_TO, AttributeValue.fromSs(List.copyOf(sentTo)));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(share_id)"));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /** The link, read consistently; empty when there is none. */
    public Optional<Share> find(String albumId, String shareId) {
        var result = dynamo.getItem(g -> g.tableName(table).key(key(albumId, shareId)).consistentRead(true));
        return result.hasItem() && !result.item().isEmpty() ? Optional.of(share(result.item())) : Optional.empty();
    }

    /** The link a token opens: found by the token's hash through the index, then read consistently. */
    public Optional<Share> findByToken(String token) {
        var found = dynamo.query(q -> q.tableName(table).indexName(TOKEN_INDEX)
                .keyConditionExpression("token_hash = :hash")
                .expressionAttributeValues(Map.of(":hash", s(ShareTokens.hash(token)))));
        if (found.items().isEmpty()) return Optional.empty();
        Map<String, AttributeValue> keys = found.items().getFirst();
        return find(keys.get("album_id").s(), keys.get("share_id").s());
    }

    /** An album's links, oldest first, reading every page. */
    public List<Share> ofAlbum(String albumId) {
        List<Share> shares = new ArrayList<>();
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("album_id = :album")
                .expressionAttributeValues(Map.of(":album", s(albumId))).build();
        for (var page : dynamo.queryPaginator(request)) page.items().forEach(i -> shares.add(share(i)));
        shares.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return shares;
    }

    /** A link the studio e-mailed, and to whom. */
    public record SentLink(Share share, Set<String> sentTo) {}

    /** The album's links that were e-mailed to someone, whatever their state now, reading every page. */
    public List<SentLink> sentLinks(String albumId) {
        List<SentLink> sent = new ArrayList<>();
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("album_id = :album")
                .filterExpression("attribute_exists(" + SENT_TO + ")")
                .expressionAttributeValues(Map.of(":album", s(albumId))).build();
        for (var page : dynamo.queryPaginator(request)) {
            page.items().forEach(i -> sent.add(new SentLink(share(i), Set.copyOf(i.get(SENT_TO).ss()))));
        }
        return sent;
    }

    /**
     * Applies the changes in one write; empty when the link does not exist. A new or removed PIN
     * also ends any lock and its count: they were about the old one.
     */
    public Optional<Share> change(String albumId, String shareId, ShareChanges changes) {
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (changes.label() instanceof FieldChange.Set<String>(String label)) {
            set.add("label = :label");
            values.put(":label", s(label));
        }
        if (changes.downloads() instanceof FieldChange.Set<Downloads>(Downloads downloads)) {
            set.add("downloads = :downloads");
            values.put(":downloads", s(downloads.value()));
        }
        switch (changes.expiresAt()) {
            case FieldChange.Set<Instant>(Instant at) -> {
                set.add("expires_at = :expires");
                values.put(":expires", s(Timestamps.format(at)));
            }
            case FieldChange.Remove<Instant> none -> remove.add("expires_at");
            case FieldChange.Keep<Instant> keep -> { }
        }
        switch (changes.downloadLimit()) {
            case FieldChange.Set<Long>(Long limit) -> {
                set.add("download_limit = :limit");
                values.put(":limit", n(limit));
            }
            case FieldChange.Remove<Long> none -> {
                set.add("download_limit = :limit");
                values.put(":limit", n(0));
            }
            case FieldChange.Keep<Long> keep -> { }
        }
        switch (changes.pin()) {
            case FieldChange.Set<PinHash>(PinHash pin) -> {
                set.add("pin_hash = :pin_hash");
                set.add("pin_salt = :pin_salt");
                values.put(":pin_hash", s(pin.hash()));
                values.put(":pin_salt", s(pin.salt()));
            }
            case FieldChange.Remove<PinHash> none -> {
                remove.add("pin_hash");
                remove.add("pin_salt");
            }
            case FieldChange.Keep<PinHash> keep -> { }
        }
        if (!(changes.pin() instanceof FieldChange.Keep<PinHash>)) {
            set.add("pin_failures = :zero");
            values.put(":zero", n(0));
            remove.add("locked_until");
        }
        if (set.isEmpty() && remove.isEmpty()) return find(albumId, shareId);
        String expression = (set.isEmpty() ? "" : "SET " + String.join(", ", set))
                + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            var result = dynamo.updateItem(u -> u.tableName(table).key(key(albumId, shareId))
                    .updateExpression(expression.trim()).conditionExpression(EXISTS)
                    .expressionAttributeValues(values.isEmpty() ? null : values).returnValues(ReturnValue.ALL_NEW));
            return Optional.of(share(result.attributes()));
        } catch (ConditionalCheckFailedException none) {
            return Optional.empty();
        }
    }

    /**
     * Turns the link off, keeping its row (so its guest is told it was turned off). Turning off a
     * link already off keeps the first time. False when there is no such link.
     */
    public boolean revoke(String albumId, String shareId, Instant now) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(albumId, shareId))
                    .updateExpression("SET revoked_at = if_not_exists(revoked_at, :now)")
                    .conditionExpression(EXISTS)
                    .expressionAttributeValues(Map.of(":now", s(Timestamps.format(now)))));
            return true;
        } catch (ConditionalCheckFailedException none) {
            return false;
        }
    }

    /**
     * Reserves the right to check one PIN, before it is checked: one conditional write adds 1 to
     * {@code pin_failures} only while it is below {@value Share#MAX_PIN_FAILURES} and the link is
     * not locked. However many requests arrive at once, at most five are checked; the rest are
     * {@link PinAttempt.Locked}. A right PIN then clears the count ({@link #recordSession}); the
     * fifth wrong one locks the link ({@link #recordWrongPin}). Once a lock has passed, one
     * request (a conditional write on the lock it saw) starts the count again.
     */
    public PinAttempt reserveAttempt(String albumId, String shareId, Instant now) {
        String at = Timestamps.format(now);
        for (int tries = 0; tries < 3; tries++) {
            try {
                var result = dynamo.updateItem(u -> u.tableName(table).key(key(albumId, shareId))
                        .updateExpression("ADD pin_failures :one")
                        .conditionExpression(EXISTS + " AND (attribute_not_exists(pin_failures) OR pin_failures < :max)"
                                + " AND (attribute_not_exists(locked_until) OR locked_until <= :now)")
                        .expressionAttributeValues(Map.of(":one", n(1), ":max", n(Share.MAX_PIN_FAILURES), ":now", s(at)))
                        .returnValues(ReturnValue.UPDATED_NEW));
                return new PinAttempt.Reserved(Integer.parseInt(result.attributes().get("pin_failures").n()));
            } catch (ConditionalCheckFailedException refused) {
                Optional<Share> share = find(albumId, shareId);
                if (share.isEmpty()) return new PinAttempt.Gone();
                Instant lockedUntil = share.get().lockedUntil();
                if (lockedUntil == null) {
                    // Five reserved but the fifth's lock not written (its request died between the two
                    // writes): lock from now, so the link does not refuse PINs for ever.
                    lockedUntil = lockIfUnlocked(albumId, shareId, now.plus(Share.LOCK));
                    if (lockedUntil != null) return new PinAttempt.Locked(lockedUntil);
                } else if (lockedUntil.isAfter(now)) {
                    return new PinAttempt.Locked(lockedUntil);
                } else if (restartCount(albumId, shareId, lockedUntil)) {
                    return new PinAttempt.Reserved(1);
                }
                // Another request changed the row between our writes: look again.
            }
        }
        Optional<Share> share = find(albumId, shareId);
        if (share.isEmpty()) return new PinAttempt.Gone();
        return new PinAttempt.Locked(share.get().lockedUntil() == null ? now.plus(Share.LOCK) : share.get().lockedUntil());
    }

    /** A reserved PIN was wrong: the {@value Share#MAX_PIN_FAILURES}th in a row locks the link. */
    public void recordWrongPin(String albumId, String shareId, int failures, Instant now) {
        if (failures < Share.MAX_PIN_FAILURES) return;
        lockIfUnlocked(albumId, shareId, now.plus(Share.LOCK));
    }

    /**
     * A guest session was made: counts it and notes when; a PIN that was checked clears the count
     * of wrong ones.
     */
    public void recordSession(String albumId, String shareId, boolean pinChecked, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", n(1), ":now", s(Timestamps.format(now))));
        String expression = "SET last_used_at = :now ADD sessions :one";
        if (pinChecked) {
            expression = "SET last_used_at = :now, pin_failures = :zero ADD sessions :one REMOVE locked_until";
            values.put(":zero", n(0));
        }
        String update = expression;
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(albumId, shareId)).updateExpression(update)
                    .conditionExpression(EXISTS).expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException deletedMeanwhile) {
            // Nothing to count on.
        }
    }

    /**
     * Counts one archive download against the link's limit, in one conditional write; false when
     * the limit is reached (nothing counted). Always true for a link without a limit.
     */
    public boolean countDownload(String albumId, String shareId, Instant now) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(albumId, shareId))
                    .updateExpression("SET last_used_at = :now ADD downloads_used :one")
                    .conditionExpression(EXISTS + " AND (download_limit = :zero OR downloads_used < download_limit)")
                    .expressionAttributeValues(Map.of(":one", n(1), ":zero", n(0), ":now", s(Timestamps.format(now)))));
            return true;
        } catch (ConditionalCheckFailedException used) {
            return false;
        }
    }

    /** Sets the lock unless one is set; the lock in force afterwards, or null if the link is gone. */
    private Instant lockIfUnlocked(String albumId, String shareId, Instant until) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(albumId, shareId))
                    .updateExpression("SET locked_until = :until")
                    .conditionExpression(EXISTS + " AND attribute_not_exists(locked_until)")
                    .expressionAttributeValues(Map.of(":until", s(Timestamps.format(until)))));
            return until;
        } catch (ConditionalCheckFailedException lockedAlready) {
            return find(albumId, shareId).map(Share::lockedUntil).orElse(null);
        }
    }

    /** The lock {@code seen} has passed: this request's PIN is the first of a new count (one request wins). */
    private boolean restartCount(String albumId, String shareId, Instant seen) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(albumId, shareId))
                    .updateExpression("SET pin_failures = :one REMOVE locked_until")
                    .conditionExpression("locked_until = :seen")
                    .expressionAttributeValues(Map.of(":one", n(1), ":seen", s(Timestamps.format(seen)))));
            return true;
        } catch (ConditionalCheckFailedException anotherWon) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String albumId, String shareId) {
        return Map.of("album_id", s(albumId), "share_id", s(shareId));
    }

    private static AttributeValue s(String value) { return AttributeValue.fromS(value); }

    private static AttributeValue n(long value) { return AttributeValue.fromN(Long.toString(value)); }

    private static Share share(Map<String, AttributeValue> item) {
        PinHash pin = item.containsKey("pin_hash") ? new PinHash(item.get("pin_hash").s(), item.get("pin_salt").s()) : null;
        return new Share(item.get("album_id").s(), item.get("share_id").s(), str(item, "label"),
                Downloads.of(str(item, "downloads")).orElse(Downloads.NONE), time(item, "expires_at"),
                num(item, "download_limit"), num(item, "downloads_used"), time(item, "revoked_at"), pin,
                time(item, "created_at"), str(item, "created_by"), time(item, "last_used_at"), num(item, "sessions"),
                (int) num(item, "pin_failures"), time(item, "locked_until"));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? 0 : Long.parseLong(v.n());
    }

    private static Instant time(Map<String, AttributeValue> item, String name) {
        return Timestamps.parse(str(item, name));
    }
}

package com.clientalbums.common.delivery;

import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.Timestamps;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code {project}-delivery} table (key {@code album_id} + {@code delivery_id}), every write
 * one conditional write on one item, as the album record's.
 *
 * <p>The item: {@code recipient} (its id), {@code recipient_kind}, {@code recipient_key},
 * {@code recipient_label}, {@code kind}, {@code photo_size}, {@code archive}, {@code photo_count},
 * {@code parts} (a list of maps: {@code key, name, size, file_count, served} — a list of
 * {@code [start, end)} number pairs — and {@code end_confirmed}), {@code first_handed_at},
 * {@code last_handed_at}, {@code links_handed}, {@code devices} and {@code visitors} (string sets),
 * {@code first_at}, {@code last_at}, {@code completed_at}, {@code version}.
 *
 * <p>Two writers share an item and never undo each other: the client API's hand-outs only create
 * it and count ({@code if_not_exists}, {@code ADD}: concurrent clicks never lose a count), and
 * maintenance's log processor writes only what it owns (served ranges and the times they give),
 * conditioned on the version it read, so two processors never lose each other's ranges.
 */
public final class DeliveryRepository {
    /** Attempts of one record whose version moved on meanwhile; at most a few processors contend. */
    static final int MAX_ATTEMPTS = 8;
    private static final Duration MAX_BACK_OFF = Duration.ofMillis(200);

    private final DynamoDbClient dynamo;
    private final String table;

    public DeliveryRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Records links handed out: creates the record the first time, else counts one more hand-out
     * and adds the device and visitor (one UpdateItem). Returns the tag the links carry.
     */
    public DeliveryTag handOut(HandOut handOut) {
        DeliveryTag tag = handOut.tag();
        Recipient recipient = handOut.recipient();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        // The same id is the same recipient, kind, size and parts' keys (DeliveryIds): the first
        // hand-out's description holds for every later one, so it is written only once.
        Map<String, AttributeValue> created = new HashMap<>();
        created.put("recipient", s(recipient.id()));
        created.put("recipient_kind", s(recipient.kind().value()));
        created.put("recipient_key", s(recipient.key()));
        created.put("kind", s(handOut.kind().value()));
        created.put("photo_size", s(handOut.size().value()));
        created.put("archive", s(handOut.archiveName()));
        created.put("photo_count", n(handOut.photoCount()));
        created.put("parts", parts(handOut.parts()));
        created.put("first_handed_at", s(Timestamps.format(handOut.at())));
        created.put("version", n(0));
        for (var field : created.entrySet()) {
            String name = "#" + field.getKey();
            names.put(name, field.getKey());
            values.put(":" + field.getKey(), field.getValue());
            sets.add(name + " = if_not_exists(" + name + ", :" + field.getKey() + ")");
        }
        // A link renamed in the studio shows under its name of now.
        names.put("#recipient_label", "recipient_label");
        values.put(":recipient_label", s(recipient.label()));
        sets.add("#recipient_label = :recipient_label");
        names.put("#last_handed_at", "last_handed_at");
        values.put(":last_handed_at", s(Timestamps.format(handOut.at())));
        sets.add("#last_handed_at = :last_handed_at");

        names.put("#links_handed", "links_handed");
        names.put("#devices", "devices");
        values.put(":one", n(1));
        values.put(":device", AttributeValue.fromSs(List.of(handOut.device().value())));
        String add = "#links_handed :one, #devices :device";
        if (!handOut.visitor().isBlank()) {
            names.put("#visitors", "visitors");
            values.put(":visitor", AttributeValue.fromSs(List.of(handOut.visitor())));
            add += ", #visitors :visitor";
        }
        String expression = "SET " + String.join(", ", sets) + " ADD " + add;
        dynamo.updateItem(u -> u.tableName(table).key(key(tag.albumId(), tag.deliveryId()))
                .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values));
        return tag;
    }

    public Optional<Delivery> find(String albumId, String deliveryId) {
        var result = dynamo.getItem(g -> g.tableName(table).key(key(albumId, deliveryId)).consistentRead(true));
        return result.hasItem() && !result.item().isEmpty() ? Optional.of(delivery(result.item())) : Optional.empty();
    }

    /** Every delivery of an album, started or not, reading every page. */
    public List<Delivery> forAlbum(String albumId) {
        List<Delivery> all = new ArrayList<>();
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("album_id = :album")
                .expressionAttributeValues(Map.of(":album", s(albumId))).build();
        for (var page : dynamo.queryPaginator(request)) page.items().forEach(i -> all.add(delivery(i)));
        return all;
    }

    /**
     * Merges served ranges into the delivery {@code tag} names (ranges of objects it does not
     * hold are ignored): read, merge ({@link Coverage}), write conditioned on the version read,
     * retried on a conflict. Sets {@code completed_at} the first time it is complete.
     *
     * @return the record as written; empty when there is no such delivery (a forged or pruned tag)
     */
    public Optional<Delivery> record(DeliveryTag tag, List<ServedRange> served, Instant now) {
        List<ServedRange> ours = served.stream().filter(r -> r.tag().equals(tag)).toList();
        for (int attempt = 1; ; attempt++) {
            Optional<Delivery> read = find(tag.albumId(), tag.deliveryId());
            if (read.isEmpty()) return Optional.empty();
            Delivery merged = merged(read.get(), ours, now);
            // A log file processed again (or ranges already credited) changes nothing: no write.
            if (merged.equals(read.get())) return read;
            try {
                write(read.get(), merged);
                return Optional.of(merged);
            } catch (ConditionalCheckFailedException movedOn) {
                // Another processor recorded ranges meanwhile: read its record and merge into that.
                backOff(attempt);
            }
        }
    }

    /** {@code delivery} with the ranges of its parts merged in, version one on when anything changed. */
    static Delivery merged(Delivery delivery, List<ServedRange> served, Instant now) {
        Instant firstAt = delivery.firstAt();
        Instant lastAt = delivery.lastAt();
        Set<DeviceType> devices = EnumSet.noneOf(DeviceType.class);
        devices.addAll(delivery.devices());
        List<DeliveredPart> parts = new ArrayList<>();
        for (DeliveredPart part : delivery.parts()) {
            List<ServedRange> forPart = served.stream().filter(r -> r.key().equals(part.key())).toList();
            if (forPart.isEmpty()) {
                parts.add(part);
                continue;
            }
            boolean endConfirmed = part.endConfirmed();
            for (ServedRange r : forPart) {
                // Stored to the millisecond: a range processed again must compare equal to what it wrote.
                Instant at = r.at().truncatedTo(ChronoUnit.MILLIS);
                // Only an answer that ran to its end proves the last byte left; one cut short may be credited it by its sc-bytes.
                if (!r.cutShort() && r.range().end() >= part.size()) endConfirmed = true;
                if (firstAt == null || at.isBefore(firstAt)) firstAt = at;
                if (lastAt == null || at.isAfter(lastAt)) lastAt = at;
                DeviceType device = DeviceType.of(r.userAgent());
                if (device != DeviceType.UNKNOWN) devices.add(device);
            }
            List<ByteRange> ranges = Coverage.merge(part.served(), forPart.stream().map(ServedRange::range).toList(), part.size());
            parts.add(new DeliveredPart(part.key(), part.name(), part.size(), part.fileCount(), ranges, endConfirmed));
        }
        Delivery candidate = new Delivery(delivery.albumId(), delivery.deliveryId(), delivery.recipient(), delivery.kind(),
                delivery.size(), delivery.archiveName(), parts, delivery.photoCount(), delivery.firstHandedAt(),
                delivery.lastHandedAt(), delivery.linksHanded(), devices, delivery.visitors(), firstAt, lastAt,
                delivery.completedAt(), delivery.version());
        if (candidate.equals(delivery)) return delivery;
        Instant completedAt = delivery.completedAt() == null && candidate.complete() ? now.truncatedTo(ChronoUnit.MILLIS) : delivery.completedAt();
        return new Delivery(candidate.albumId(), candidate.deliveryId(), candidate.recipient(), candidate.kind(),
                candidate.size(), candidate.archiveName(), candidate.parts(), candidate.photoCount(), candidate.firstHandedAt(),
                candidate.lastHandedAt(), candidate.linksHanded(), candidate.devices(), candidate.visitors(), firstAt, lastAt,
                completedAt, delivery.version() + 1);
    }

    /** Writes what the log processor owns, if the item is still at the version {@code read} was. */
    private void write(Delivery read, Delivery merged) {
        Map<String, String> names = new HashMap<>(Map.of("#parts", "parts", "#version", "version"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":parts", parts(merged.parts()),
                ":read", n(read.version()), ":next", n(merged.version())));
        List<String> sets = new ArrayList<>(List.of("#parts = :parts", "#version = :next"));
        Map<String, Instant> times = new HashMap<>();
        times.put("first_at", merged.firstAt());
        times.put("last_at", merged.lastAt());
        times.put("completed_at", merged.completedAt());
        for (var time : times.entrySet()) {
            if (time.getValue() == null) continue;
            names.put("#" + time.getKey(), time.getKey());
            values.put(":" + time.getKey(), s(Timestamps.format(time.getValue())));
            sets.add("#" + time.getKey() + " = :" + time.getKey());
        }
        String expression = "SET " + String.join(", ", sets);
        Set<DeviceType> fetchedBy = EnumSet.noneOf(DeviceType.class);
        fetchedBy.addAll(merged.devices());
        fetchedBy.removeAll(read.devices());
        String update;
        if (fetchedBy.isEmpty()) {
            update = expression;
        } else {
            // ADD, not SET: a device a hand-out adds meanwhile is not dropped (it moves no version).
            names.put("#devices", "devices");
            values.put(":devices", AttributeValue.fromSs(fetchedBy.stream().map(DeviceType::value).toList()));
            update = expression + " ADD #devices :devices";
        }
        DeliveryTag tag = read.tag();
        dynamo.updateItem(u -> u.tableName(table).key(key(tag.albumId(), tag.deliveryId()))
                .updateExpression(update).conditionExpression("#version = :read")
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    private static void backOff(int attempt) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new AlbumsException(ErrorCode.UNAVAILABLE, "A delivery record kept changing while its served ranges were recorded.");
        }
        // Full jitter: processors that failed together do not all come back together.
        long ceiling = Math.min(MAX_BACK_OFF.toMillis(), 5L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording a delivery", e);
        }
    }

    // ---- items --------------------------------------------------------------------------------

    private static Map<String, AttributeValue> key(String albumId, String deliveryId) {
        return Map.of("album_id", s(albumId), "delivery_id", s(deliveryId));
    }

    private static AttributeValue parts(List<DeliveredPart> parts) {
        return AttributeValue.fromL(parts.stream().map(p -> AttributeValue.fromM(Map.of(
                "key", s(p.key()), "name", s(p.name()), "size", n(p.size()), "file_count", n(p.fileCount()),
                "served", AttributeValue.fromL(p.served().stream()
                        .map(r -> AttributeValue.fromL(List.of(n(r.start()), n(r.end())))).toList()),
                "end_confirmed", AttributeValue.fromBool(p.endConfirmed())))).toList());
    }

    private static Delivery delivery(Map<String, AttributeValue> item) {
        String deliveryId = item.get("delivery_id").s();
        Recipient.Kind recipientKind = Recipient.Kind.valueOf(str(item, "recipient_kind").toUpperCase(Locale.ROOT));
        DeliveredKind kind = DeliveredKind.of(str(item, "kind"))
                .orElseThrow(() -> new IllegalStateException("delivery " + deliveryId + " has no kind"));
        PhotoSize size = PhotoSize.of(str(item, "photo_size"))
                .orElseThrow(() -> new IllegalStateException("delivery " + deliveryId + " has no photo size"));
        List<DeliveredPart> parts = item.get("parts").l().stream().map(AttributeValue::m).map(p -> new DeliveredPart(
                p.get("key").s(), p.get("name").s(), num(p, "size"), num(p, "file_count"),
                p.get("served").l().stream().map(r -> new ByteRange(Long.parseLong(r.l().get(0).n()), Long.parseLong(r.l().get(1).n()))).toList(),
                p.get("end_confirmed").bool())).toList();
        Set<DeviceType> devices = EnumSet.noneOf(DeviceType.class);
        for (String d : strings(item, "devices")) {
            // A value a later version writes is skipped rather than failing the read.
            for (DeviceType t : DeviceType.values()) if (t.value().equals(d)) devices.add(t);
        }
        return new Delivery(item.get("album_id").s(), deliveryId,
                new Recipient(recipientKind, str(item, "recipient_key"), str(item, "recipient_label")), kind, size,
                str(item, "archive"), parts, num(item, "photo_count"), time(item, "first_handed_at"),
                time(item, "last_handed_at"), num(item, "links_handed"), devices, new TreeSet<>(strings(item, "visitors")),
                time(item, "first_at"), time(item, "last_at"), time(item, "completed_at"), num(item, "version"));
    }

    private static AttributeValue s(String value) { return AttributeValue.fromS(value); }

    private static AttributeValue n(long value) { return AttributeValue.fromN(Long.toString(value)); }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    private static Instant time(Map<String, AttributeValue> item, String name) {
        return Timestamps.parse(str(item, name));
    }

    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasSs() ? List.of() : v.ss();
    }
}

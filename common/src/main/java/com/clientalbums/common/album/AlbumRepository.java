package com.clientalbums.common.album;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.clientalbums.common.album.AlbumItems.num;
import static com.clientalbums.common.album.AlbumItems.str;
import static com.clientalbums.common.album.AlbumItems.time;

/**
 * The album table, the state of record of every archive. Each lifecycle transition is exactly
 * one single-item conditional write, so any number of API calls, messages and generators
 * racing on one album agree on one outcome without locks or transactions (DynamoDB
 * transactions cost double and dynalite lacks them). A transition whose condition fails
 * returns {@code false}/empty: losing a race is a normal answer, not an error.
 */
public final class AlbumRepository {
    /** Builds kept in an album's history; older lines fall off. */
    public static final int HISTORY_LIMIT = 20;

    private final DynamoDbClient dynamo;
    private final String table;

    public AlbumRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<Album> find(String albumId) {
        var item = dynamo.getItem(GetItemRequest.builder().tableName(table).key(key(albumId)).consistentRead(true).build());
        return item.hasItem() && !item.item().isEmpty() ? Optional.of(AlbumItems.toAlbum(item.item())) : Optional.empty();
    }

    /** Every album, reading every page of the scan. */
    public List<Album> findAll() {
        List<Album> albums = new ArrayList<>();
        for (var page : dynamo.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())) {
            page.items().forEach(i -> albums.add(AlbumItems.toAlbum(i)));
        }
        return albums;
    }

    /**
     * Registers a new album with its build already requested ({@code pending}); the caller then
     * wakes a generator. False if the id is taken.
     */
    public boolean register(String albumId, String name, String createdBy, long photoCount, String fingerprint, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(albumId));
        item.put("name", str(name));
        item.put("photo_count", num(photoCount));
        item.put("created_at", time(now));
        item.put("created_by", str(createdBy));
        item.put("zip_status", str(ZipStatus.PENDING.value()));
        item.put("content_fingerprint", str(fingerprint));
        item.put("content_version", num(0));
        item.put("requested_at", time(now));
        item.put("request_source", str("registration"));
        item.put("attempts", num(0));
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(album_id)").build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Request → {@code pending}. Succeeds for an album with no archive, a failed one, a ready
     * one that is stale (or any ready one when {@code force}), a pending request nobody picked
     * up within {@code pendingRetryAfter} (its wake-up message was lost), and a build whose
     * generator stopped renewing its lease. Fails — and the caller sends nothing — while a
     * build is requested or under way, which is what makes N concurrent clicks one build.
     */
    public boolean requestBuild(String albumId, String source, boolean force, Instant now, Duration pendingRetryAfter) {
        String readyClause = force
                ? "zip_status = :ready"
                : "(zip_status = :ready AND (attribute_not_exists(zip_fingerprint) OR zip_fingerprint <> content_fingerprint))";
        String condition = "attribute_exists(album_id) AND (attribute_not_exists(zip_status) OR zip_status = :error OR "
                + readyClause
                + " OR (zip_status = :pending AND requested_at < :retry_before)"
                + " OR (zip_status = :generating AND lease_expires_at < :now))";
        Map<String, AttributeValue> values = statusValues();
        values.put(":now", time(now));
        values.put(":retry_before", time(now.minus(pendingRetryAfter)));
        values.put(":source", str(source));
        values.put(":zero", num(0));
        return update(albumId,
                "SET zip_status = :pending, requested_at = :now, request_source = :source, attempts = :zero, not_before = :now"
                        + " REMOVE lease_owner, lease_expires_at, zip_error",
                condition, values).isPresent();
    }

    /**
     * Claim {@code pending → generating} with a lease, or take over a build whose lease expired.
     * Empty when another generator holds it, nothing is requested, or the request is still in its
     * quiet period ({@code not_before} in the future).
     */
    public Optional<Album> claim(String albumId, String owner, Instant now, Duration lease) {
        Map<String, AttributeValue> values = statusValues();
        values.put(":owner", str(owner));
        values.put(":now", time(now));
        values.put(":expires", time(now.plus(lease)));
        values.put(":zero", num(0));
        values.put(":one", num(1));
        values.put(":no_progress", AlbumItems.progress(Progress.NONE));
        return update(albumId,
                "SET zip_status = :generating, lease_owner = :owner, lease_expires_at = :expires,"
                        + " zip_generation_started_at = :now, attempts = if_not_exists(attempts, :zero) + :one,"
                        + " content_version = if_not_exists(content_version, :zero),"
                        + " build_version = if_not_exists(content_version, :zero), progress = :no_progress",
                "(zip_status = :pending AND (attribute_not_exists(not_before) OR not_before <= :now))"
                        + " OR (zip_status = :generating AND lease_expires_at < :now)",
                values);
    }

    /** Renews the lease and records progress; false means the lease was lost and the build must stop. */
    public boolean heartbeat(String albumId, String owner, Instant now, Duration lease, Progress progress) {
        Map<String, AttributeValue> values = leaseValues(owner);
        values.put(":expires", time(now.plus(lease)));
        values.put(":progress", AlbumItems.progress(progress));
        return update(albumId, "SET lease_expires_at = :expires, progress = :progress",
                LEASE_HELD, values).isPresent();
    }

    /**
     * Publish {@code generating → ready}: only while this generator holds the lease and no photo
     * changed since the claim. False otherwise; then see {@link #supersede}.
     */
    public boolean publish(String albumId, String owner, long buildVersion, PublishedArchive archive,
                           List<BuildRecord> history, Instant now) {
        Map<String, AttributeValue> values = leaseValues(owner);
        values.put(":version", num(buildVersion));
        values.put(":key", str(archive.key()));
        values.put(":size", num(archive.size()));
        values.put(":files", num(archive.fileCount()));
        values.put(":fp", str(archive.fingerprint()));
        values.put(":photos", num(archive.fileCount()));
        values.put(":now", time(now));
        values.put(":builds", AlbumItems.builds(bounded(history)));
        values.put(":zero", num(0));
        values.put(":done", AlbumItems.progress(new Progress(archive.fileCount(), archive.fileCount(), archive.contentBytes(), archive.contentBytes())));
        return update(albumId,
                "SET zip_status = :ready, zip_key = :key, zip_size = :size, zip_file_count = :files,"
                        + " zip_fingerprint = :fp, content_fingerprint = :fp, photo_count = :photos,"
                        + " zip_generated_at = :now, builds = :builds, attempts = :zero, progress = :done"
                        + " REMOVE lease_owner, lease_expires_at, zip_error",
                LEASE_HELD + " AND content_version = :version", values).isPresent();
    }

    /** The photos changed during the build: back to {@code pending} for exactly one follow-up build. */
    public boolean supersede(String albumId, String owner, List<BuildRecord> history, Instant now) {
        Map<String, AttributeValue> values = leaseValues(owner);
        values.put(":now", time(now));
        values.put(":builds", AlbumItems.builds(bounded(history)));
        values.put(":source", str("content_changed"));
        values.put(":zero", num(0));
        return update(albumId,
                "SET zip_status = :pending, requested_at = :now, request_source = :source, attempts = :zero,"
                        + " builds = :builds REMOVE lease_owner, lease_expires_at",
                LEASE_HELD, values).isPresent();
    }

    /**
     * A build failed. With {@code retryAt} the request goes back to {@code pending}, claimable
     * from that time; without, the album shows {@code error} and the message (a click retries).
     */
    public boolean fail(String albumId, String owner, String message, Optional<Instant> retryAt,
                        List<BuildRecord> history) {
        Map<String, AttributeValue> values = leaseValues(owner);
        values.put(":message", str(message));
        values.put(":builds", AlbumItems.builds(bounded(history)));
        String set;
        if (retryAt.isPresent()) {
            values.put(":not_before", time(retryAt.get()));
            set = "SET zip_status = :pending, not_before = :not_before, zip_error = :message, builds = :builds";
        } else {
            set = "SET zip_status = :error, zip_error = :message, builds = :builds";
        }
        return update(albumId, set + " REMOVE lease_owner, lease_expires_at", LEASE_HELD, values).isPresent();
    }

    /**
     * Records the photos as they are now. When the fingerprint differs from the recorded one the
     * content version moves on, which makes a build under way unpublishable (it started from older
     * photos) and the published archive stale. False when nothing changed or the album is unknown.
     */
    public boolean recordContent(String albumId, String fingerprint, long photoCount) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":fp", str(fingerprint));
        values.put(":count", num(photoCount));
        values.put(":zero", num(0));
        values.put(":one", num(1));
        return update(albumId,
                "SET content_fingerprint = :fp, photo_count = :count,"
                        + " content_version = if_not_exists(content_version, :zero) + :one",
                "attribute_not_exists(content_fingerprint) OR content_fingerprint <> :fp", values).isPresent();
    }

    private static final String LEASE_HELD = "zip_status = :generating AND lease_owner = :owner";

    private Map<String, AttributeValue> leaseValues(String owner) {
        Map<String, AttributeValue> values = statusValues();
        values.put(":owner", str(owner));
        return values;
    }

    /** Only the placeholders an expression uses may be passed, so unused ones are pruned in {@link #update}. */
    private static Map<String, AttributeValue> statusValues() {
        Map<String, AttributeValue> values = new HashMap<>();
        for (ZipStatus s : ZipStatus.values()) {
            if (s != ZipStatus.NOT_STARTED) values.put(":" + s.value(), str(s.value()));
        }
        return values;
    }

    private Optional<Album> update(String albumId, String updateExpression, String condition, Map<String, AttributeValue> values) {
        String expressions = updateExpression + " " + condition;
        Map<String, AttributeValue> used = new HashMap<>();
        values.forEach((k, v) -> { if (expressions.matches("(?s).*" + k + "\\b.*")) used.put(k, v); });
        try {
            var result = dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(key(albumId))
                    .updateExpression(updateExpression)
                    .conditionExpression("attribute_exists(album_id) AND (" + condition + ")")
                    .expressionAttributeValues(used)
                    .returnValues(ReturnValue.ALL_NEW).build());
            return Optional.of(AlbumItems.toAlbum(result.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    private static List<BuildRecord> bounded(List<BuildRecord> history) {
        return history.size() <= HISTORY_LIMIT ? history : history.subList(history.size() - HISTORY_LIMIT, history.size());
    }

    private static Map<String, AttributeValue> key(String albumId) {
        return Map.of("album_id", str(albumId));
    }
}

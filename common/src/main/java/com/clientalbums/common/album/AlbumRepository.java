package com.clientalbums.common.album;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
 *
 * <p>The selection table ({@code SELECTION_TABLE_NAME}) has the album table's shape: a second
 * instance over it keeps the favourites archives' records ({@link Selection}), which every
 * transition here treats exactly as an album's; {@link #registerSelection} and
 * {@link #deleteUnusedSince} are theirs alone.
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
     * Registers a new album. With photos its build is requested at once ({@code pending}; the
     * caller then wakes a generator); without, there is nothing to build yet and the first photo
     * event requests it. False if the id is taken.
     *
     * <p>The SDK sends the write again when its answer is lost (a reset connection, a timeout), and
     * the repeat would find the item its first attempt wrote: so the condition also lets through
     * this very registration (same creation time to the millisecond, creator and name, untouched since),
     * or the photographer would be told their new album's id is taken.
     */
    public boolean register(String albumId, String name, String createdBy, long photoCount, String fingerprint, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(albumId));
        item.put("name", str(name));
        item.put("photo_count", num(photoCount));
        item.put("created_at", time(now));
        item.put("created_by", str(createdBy));
        item.put("content_fingerprint", str(fingerprint));
        item.put("content_version", num(0));
        item.put("attempts", num(0));
        if (photoCount > 0) {
            item.put("zip_status", str(ZipStatus.PENDING.value()));
            item.put("requested_at", time(now));
            item.put("request_source", str(RequestSource.REGISTRATION.value()));
        }
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(album_id) OR (created_at = :created_at AND created_by = :created_by"
                            + " AND #name = :name AND attempts = :zero AND content_version = :zero)")
                    .expressionAttributeNames(Map.of("#name", "name"))
                    .expressionAttributeValues(Map.of(":created_at", time(now), ":created_by", str(createdBy), ":name", str(name),
                            ":zero", num(0)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Writes the record of a favourites archive unless it exists (put-if-absent on its id,
     * {@link SelectionIds#of(Selection)}): the build requested ({@code pending}, by a click), the
     * photos it holds ({@code selection_of}, {@code selection_paths}), named for its album
     * ("Smith Wedding - Favourites") and with a copy of the album's web-size recipe, so its
     * fingerprint is the album's rule over the chosen photos. False when the record exists: the
     * same selection, asked for by anyone, is one record and one build.
     *
     * @param fingerprint {@link com.clientalbums.common.store.Fingerprint} of the chosen photos listed now, under the album's recipe
     */
    public boolean registerSelection(Album album, Selection selection, String fingerprint, long photoCount, Instant now) {
        String id = SelectionIds.of(selection);
        Map<String, AttributeValue> item = new HashMap<>(key(id));
        item.putAll(AlbumItems.selectionAttributes(selection));
        item.put("name", str((album.name() == null || album.name().isBlank() ? album.albumId() : album.name()) + " - Favourites"));
        item.put("photo_count", num(photoCount));
        item.put("created_at", time(now));
        item.put("content_fingerprint", str(fingerprint));
        item.put("content_version", num(0));
        item.put("attempts", num(0));
        item.put("zip_status", str(ZipStatus.PENDING.value()));
        item.put("requested_at", time(now));
        item.put("request_source", str(RequestSource.API.value()));
        if (album.watermark() != null) item.put("watermark", AlbumItems.watermark(album.watermark()));
        item.put("web_other_files", str(album.webOtherFiles().value()));
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(album_id)").build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Deletes a favourites archive's record that was neither built nor asked for since
     * {@code before}: its last build ({@code zip_generated_at}, else its creation) and its last
     * request are older, and no build holds it. False when it was used meanwhile (a click between
     * the scan and this write keeps it) or is gone. Its archives are then no record's; maintenance
     * deletes them as it deletes those of a deleted album.
     */
    public boolean deleteUnusedSince(String id, Instant before) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":generating", str(ZipStatus.GENERATING.value()));
        values.put(":before", time(before));
        try {
            dynamo.deleteItem(DeleteItemRequest.builder().tableName(table).key(key(id))
                    .conditionExpression("attribute_exists(album_id)"
                            + " AND (attribute_not_exists(zip_status) OR zip_status <> :generating)"
                            + " AND (attribute_not_exists(requested_at) OR requested_at < :before)"
                            + " AND (zip_generated_at < :before OR (attribute_not_exists(zip_generated_at) AND created_at < :before))")
                    .expressionAttributeValues(values).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * A favourites archive's recipe made its album's again ({@code watermark}, {@code web_other_files}):
     * the photographer changed the album's since the record was written. Exactly the recipe part of
     * {@link #updateSettings}, so the archives turn stale and the next request rebuilds them, as an
     * album's do. Empty when the record's content version moved since {@code selection} was read.
     *
     * @param fingerprint the chosen photos listed now, under the album's recipe
     */
    public Optional<Album> copyRecipe(Album selection, Album album, String fingerprint, long photoCount) {
        return updateSettings(selection.albumId(), new SettingsUpdate(Optional.empty(), Optional.of(new SettingsUpdate.Recipe(
                album.watermark(), album.webOtherFiles(), fingerprint, photoCount, selection.contentVersion()))));
    }

    /**
     * Request → {@code pending}. Succeeds for an album with no archive, a failed one, a ready
     * one that is stale (or any ready one when {@code force}), a pending request nobody picked
     * up within {@code pendingRetryAfter} of being due (its wake-up message was lost; a request
     * still in its quiet period or retry back-off is not lost, its wake-up is scheduled), and a build whose
     * generator stopped renewing its lease. Fails — and the caller sends nothing — while a
     * build is requested or under way, which is what makes N concurrent clicks one build.
     */
    public boolean requestBuild(String albumId, RequestSource source, boolean force, Instant now, Duration pendingRetryAfter) {
        String readyClause = force
                ? "zip_status = :ready"
                : "(zip_status = :ready AND (attribute_not_exists(zip_fingerprint) OR zip_fingerprint <> content_fingerprint))";
        String condition = "attribute_exists(album_id) AND (attribute_not_exists(zip_status) OR zip_status = :error OR "
                + readyClause
                + " OR (zip_status = :pending AND requested_at < :retry_before"
                + " AND (attribute_not_exists(not_before) OR not_before <= :now))"
                + " OR (zip_status = :generating AND lease_expires_at < :now))";
        Map<String, AttributeValue> values = statusValues();
        values.put(":now", time(now));
        values.put(":retry_before", time(now.minus(pendingRetryAfter)));
        values.put(":source", str(source.value()));
        values.put(":zero", num(0));
        return update(albumId,
                "SET zip_status = :pending, requested_at = :now, request_source = :source, attempts = :zero, not_before = :now"
                        + " REMOVE lease_owner, lease_expires_at, zip_error, " + PLAN,
                condition, values).isPresent();
    }

    /**
     * Whether {@link #requestBuild} could succeed on the album as read: its condition, evaluated on
     * a record already in hand. Kept beside the write so the two cannot drift apart (the test
     * compares them state by state); a caller that has just read the album consistently writes only
     * when this holds, so clicks and polls on a build already requested or under way are reads.
     */
    public static boolean requestWouldSucceed(Album album, boolean force, Instant now, Duration pendingRetryAfter) {
        return switch (album.zipStatus()) {
            case NOT_STARTED, ERROR -> true;
            case READY -> force || album.zipFingerprint() == null || !album.zipFingerprint().equals(album.contentFingerprint());
            case PENDING -> album.requestedAt() != null && album.requestedAt().isBefore(now.minus(pendingRetryAfter))
                    && (album.notBefore() == null || !album.notBefore().isAfter(now));
            case GENERATING -> album.leaseExpiresAt() != null && album.leaseExpiresAt().isBefore(now);
        };
    }

    /**
     * Claim {@code pending → generating} with a lease, or take over a build whose lease expired.
     * Empty when another generator holds it, nothing is requested, or the request is still in its
     * quiet period ({@code not_before} in the future). A take-over drops the lost build's plan: the
     * claimer plans again ({@link #startParts}), and the parts already built are found in S3.
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
                        + " build_version = if_not_exists(content_version, :zero), progress = :no_progress"
                        + " REMOVE " + PLAN,
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
     * Publish {@code generating → ready} with one archive: {@link #publish(String, String, long, String, List, List, List, Instant)}
     * with a single original part and no web-size archive.
     */
    public boolean publish(String albumId, String owner, long buildVersion, PublishedArchive archive,
                           List<BuildRecord> history, Instant now) {
        return publish(albumId, owner, buildVersion, archive.fingerprint(),
                List.of(new PublishedPart(archive.key(), archive.size(), archive.fileCount(), archive.contentBytes())),
                List.of(), history, now);
    }

    /**
     * Publish {@code generating → ready}: only while the build {@code owner} holds the lease, no photo
     * changed since the claim and, when the build has a plan, every part of it is done
     * ({@code parts_remaining = 0}). Writes the original parts in download order ({@code zip_parts}),
     * {@code zip_key} = the first, size and file count summed over them, the web-size parts beside
     * them ({@code web_parts}, in the same write so both sizes are ready at the same instant; empty
     * when nothing has a web size, an album of RAW files), and removes the plan. False otherwise;
     * then see {@link #supersede}.
     */
    public boolean publish(String albumId, String owner, long buildVersion, String fingerprint, List<PublishedPart> parts,
                           List<PublishedPart> webParts, List<BuildRecord> history, Instant now) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to publish");
        long size = parts.stream().mapToLong(PublishedPart::size).sum();
        long files = parts.stream().mapToLong(PublishedPart::fileCount).sum();
        long bytes = parts.stream().mapToLong(PublishedPart::contentBytes).sum();
        Map<String, AttributeValue> values = leaseValues(owner);
        values.put(":version", num(buildVersion));
        values.put(":parts", AlbumItems.publishedParts(parts));
        values.put(":web_parts", AlbumItems.publishedParts(webParts));
        values.put(":key", str(parts.getFirst().key()));
        values.put(":size", num(size));
        values.put(":files", num(files));
        values.put(":fp", str(fingerprint));
        values.put(":photos", num(files));
        values.put(":now", time(now));
        values.put(":builds", AlbumItems.builds(bounded(history)));
        values.put(":zero", num(0));
        values.put(":done", AlbumItems.progress(new Progress(files, files, bytes, bytes)));
        return update(albumId,
                "SET zip_status = :ready, zip_parts = :parts, web_parts = :web_parts, zip_key = :key, zip_size = :size, zip_file_count = :files,"
                        + " zip_fingerprint = :fp, content_fingerprint = :fp, photo_count = :photos,"
                        + " zip_generated_at = :now, builds = :builds, attempts = :zero, progress = :done"
                        + " REMOVE lease_owner, lease_expires_at, zip_error, " + PLAN,
                LEASE_HELD + " AND content_version = :version AND (attribute_not_exists(build_parts) OR parts_remaining = :zero)",
                values).isPresent();
    }

    /**
     * The build ran out of time before its plan was written (making web-size renditions): back to
     * {@code pending}, due at once, for the next invocation to continue; the attempt the claim
     * counted is given back, since nothing failed. The request (its source, so a forced rebuild
     * stays forced) is kept. False when the lease was lost.
     */
    public boolean handBack(String albumId, String owner, Instant now) {
        Map<String, AttributeValue> values = leaseValues(owner);
        values.put(":now", time(now));
        values.put(":one", num(1));
        return update(albumId,
                "SET zip_status = :pending, not_before = :now, attempts = attempts - :one"
                        + " REMOVE lease_owner, lease_expires_at, " + PLAN,
                LEASE_HELD + " AND attempts >= :one", values).isPresent();
    }

    // ---- parts: one plan per build, one lease per part ----

    /**
     * Writes the build's plan ({@code build_fingerprint}, {@code build_parts} by index,
     * {@code parts_remaining} = the parts not yet done) while the build {@code owner} holds the
     * album's lease, replacing any plan it wrote before. Empty when the lease was lost.
     */
    public Optional<Album> startParts(String albumId, String owner, String fingerprint, List<PartTask> parts, Instant now,
                                      Duration lease) {
        Map<String, AttributeValue> plan = new HashMap<>();
        for (PartTask p : parts) plan.put(Integer.toString(p.index()), AlbumItems.partTask(p));
        Map<String, AttributeValue> values = leaseValues(owner);
        values.put(":fp", str(fingerprint));
        values.put(":plan", AttributeValue.fromM(plan));
        values.put(":remaining", num(parts.stream().filter(p -> p.state() != PartTask.State.DONE).count()));
        values.put(":expires", time(now.plus(lease)));
        return update(albumId,
                "SET build_fingerprint = :fp, build_parts = :plan, parts_remaining = :remaining, lease_expires_at = :expires",
                LEASE_HELD, values, Map.of());
    }

    /**
     * A worker takes part {@code index} of the build {@code buildOwner} holds: a part waiting, or one
     * whose worker's lease ran out (its worker is presumed lost). The album's lease is renewed too,
     * since a build lives as long as one of its parts is worked on. Empty when the part is taken,
     * done, or the build is no longer the album's.
     */
    public Optional<Album> claimPart(String albumId, String buildOwner, int index, String worker, Instant now, Duration lease) {
        Map<String, AttributeValue> values = leaseValues(buildOwner);
        values.put(":worker", str(worker));
        values.put(":now", time(now));
        values.put(":expires", time(now.plus(lease)));
        values.put(":todo", str(PartTask.State.TODO.value()));
        values.put(":building", str(PartTask.State.BUILDING.value()));
        return update(albumId,
                "SET build_parts.#i.#state = :building, build_parts.#i.#owner = :worker,"
                        + " build_parts.#i.lease_expires_at = :expires, lease_expires_at = :expires",
                LEASE_HELD + " AND (build_parts.#i.#state = :todo"
                        + " OR (build_parts.#i.#state = :building AND build_parts.#i.lease_expires_at < :now))",
                values, partNames(index));
    }

    /**
     * Renews the part's lease and the album's (any part at work keeps its build alive), and records
     * the part's progress. False when the part was taken over or the build lost: the worker stops.
     */
    public boolean heartbeatPart(String albumId, String buildOwner, int index, String worker, Instant now, Duration lease,
                                 Progress progress) {
        Map<String, AttributeValue> values = partWorkerValues(buildOwner, worker);
        values.put(":expires", time(now.plus(lease)));
        values.put(":progress", AlbumItems.progress(progress));
        return update(albumId,
                "SET build_parts.#i.lease_expires_at = :expires, build_parts.#i.progress = :progress,"
                        + " lease_expires_at = :expires",
                PART_HELD, values, partNames(index)).isPresent();
    }

    /**
     * The worker ran out of time: the part waits again ({@code todo}) for the next invocation, its
     * progress kept, so the album's progress does not go back. False when it was no longer the worker's.
     */
    public boolean releasePart(String albumId, String buildOwner, int index, String worker, Progress progress) {
        Map<String, AttributeValue> values = partWorkerValues(buildOwner, worker);
        values.put(":todo", str(PartTask.State.TODO.value()));
        values.put(":progress", AlbumItems.progress(progress));
        return update(albumId,
                "SET build_parts.#i.#state = :todo, build_parts.#i.progress = :progress"
                        + " REMOVE build_parts.#i.#owner, build_parts.#i.lease_expires_at",
                PART_HELD, values, partNames(index)).isPresent();
    }

    /**
     * The part's archive is complete: {@code done}, one part fewer remaining. The album as written
     * comes back, so the worker whose part was the last one ({@code parts_remaining = 0}) knows it
     * is the one to {@link #publish}. Empty when the part was no longer the worker's.
     */
    public Optional<Album> finishPart(String albumId, String buildOwner, int index, String worker, Progress progress) {
        Map<String, AttributeValue> values = partWorkerValues(buildOwner, worker);
        values.put(":done", str(PartTask.State.DONE.value()));
        values.put(":progress", AlbumItems.progress(progress));
        values.put(":one", num(1));
        return update(albumId,
                "SET build_parts.#i.#state = :done, build_parts.#i.progress = :progress, parts_remaining = parts_remaining - :one"
                        + " REMOVE build_parts.#i.#owner, build_parts.#i.lease_expires_at",
                PART_HELD, values, partNames(index));
    }

    private Map<String, AttributeValue> partWorkerValues(String buildOwner, String worker) {
        Map<String, AttributeValue> values = leaseValues(buildOwner);
        values.put(":worker", str(worker));
        values.put(":building", str(PartTask.State.BUILDING.value()));
        return values;
    }

    /** {@code state} and {@code owner} are DynamoDB reserved words; the index is a map key, not a list position. */
    private static Map<String, String> partNames(int index) {
        return Map.of("#i", Integer.toString(index), "#state", "state", "#owner", "owner");
    }

    /**
     * The photos changed during the build: back to {@code pending} for exactly one follow-up build,
     * claimable from {@code notBefore} (the end of the change's quiet period) or later if a change
     * recorded during the build ({@link #holdForChange}) already pushed {@code not_before} further.
     * Empty when the lease was lost. Two attempts at most, each one conditional write: DynamoDB
     * has no max(), so the first only moves {@code not_before} forward and the second keeps it.
     */
    public Optional<Album> supersede(String albumId, String owner, List<BuildRecord> history, Instant now, Instant notBefore) {
        Map<String, AttributeValue> values = leaseValues(owner);
        values.put(":now", time(now));
        values.put(":builds", AlbumItems.builds(bounded(history)));
        values.put(":source", str(RequestSource.CONTENT_CHANGED.value()));
        values.put(":zero", num(0));
        values.put(":nb", time(notBefore));
        String set = "SET zip_status = :pending, requested_at = :now, request_source = :source, attempts = :zero,"
                + " builds = :builds";
        String remove = " REMOVE lease_owner, lease_expires_at, " + PLAN;
        Optional<Album> moved = update(albumId, set + ", not_before = :nb" + remove,
                LEASE_HELD + " AND (attribute_not_exists(not_before) OR not_before < :nb)", values);
        return moved.isPresent() ? moved : update(albumId, set + remove, LEASE_HELD, values);
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
        return update(albumId, set + " REMOVE lease_owner, lease_expires_at, " + PLAN, LEASE_HELD, values).isPresent();
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

    /**
     * The photographer's settings ({@link SettingsUpdate}) in one conditional write. A new web-size
     * recipe also records the content fingerprint it makes, one content version on, exactly as
     * {@link #recordContent} does for changed photos: the archives become stale and a build under way
     * unpublishable, and the caller requests the one rebuild. Empty when the album is unknown or,
     * for a new recipe, its content version moved since it was read. The proofing terms
     * ({@code selection_limit}, {@code selection_due}) are in no archive, so they change no content.
     */
    public Optional<Album> updateSettings(String albumId, SettingsUpdate update) {
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String condition = "attribute_exists(album_id)";
        if (update.expiry().isPresent()) {
            Instant at = update.expiry().get().at();
            if (at == null) remove.add("expires_at");
            else {
                set.add("expires_at = :expires_at");
                values.put(":expires_at", time(at));
            }
        }
        if (update.recipe().isPresent()) {
            SettingsUpdate.Recipe recipe = update.recipe().get();
            if (recipe.watermark() == null) remove.add("watermark");
            else {
                set.add("watermark = :watermark");
                values.put(":watermark", AlbumItems.watermark(recipe.watermark()));
            }
            set.add("web_other_files = :other_files");
            set.add("content_fingerprint = :fp");
            set.add("photo_count = :count");
            set.add("content_version = if_not_exists(content_version, :zero) + :one");
            values.put(":other_files", str(recipe.otherFiles().value()));
            values.put(":fp", str(recipe.fingerprint()));
            values.put(":count", num(recipe.photoCount()));
            values.put(":read_version", num(recipe.contentVersion()));
            values.put(":zero", num(0));
            values.put(":one", num(1));
            // A record from before content versions has none: it reads as 0.
            condition = recipe.contentVersion() == 0
                    ? "attribute_not_exists(content_version) OR content_version = :read_version"
                    : "content_version = :read_version";
        }
        if (update.selectionLimit().isPresent()) {
            Integer limit = update.selectionLimit().get().limit();
            if (limit == null) remove.add("selection_limit");
            else {
                set.add("selection_limit = :selection_limit");
                values.put(":selection_limit", num(limit));
            }
        }
        if (update.selectionDue().isPresent()) {
            LocalDate due = update.selectionDue().get().due();
            if (due == null) remove.add("selection_due");
            else {
                set.add("selection_due = :selection_due");
                values.put(":selection_due", str(due.toString()));
            }
        }
        if (set.isEmpty() && remove.isEmpty()) return find(albumId);
        String expression = (set.isEmpty() ? "" : "SET " + String.join(", ", set))
                + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        return update(albumId, expression.strip(), condition, values);
    }

    /**
     * Photos changed: request a build that starts no earlier than {@code notBefore} (the end of the
     * quiet period). One conditional write for an album with no archive, a failed one, a stale
     * ready one, or one already pending — then the quiet period is pushed forward (never back), so
     * a burst of changes ends in one build after the last. Empty while a build is under way (see
     * {@link #holdForChange}), for a ready archive that is current, and for a pending request that
     * already waits longer (a retry's back-off).
     */
    public Optional<Album> requestAfterChange(String albumId, Instant now, Instant notBefore) {
        Map<String, AttributeValue> values = statusValues();
        values.put(":now", time(now));
        values.put(":nb", time(notBefore));
        values.put(":source", str(RequestSource.PHOTOS_CHANGED.value()));
        values.put(":zero", num(0));
        return update(albumId,
                "SET zip_status = :pending, requested_at = :now, request_source = :source, attempts = :zero,"
                        + " not_before = :nb REMOVE lease_owner, lease_expires_at, zip_error",
                "attribute_not_exists(zip_status) OR zip_status = :error"
                        + " OR (zip_status = :ready AND (attribute_not_exists(zip_fingerprint) OR zip_fingerprint <> content_fingerprint))"
                        + " OR (zip_status = :pending AND (attribute_not_exists(not_before) OR not_before < :nb))",
                values);
    }

    /**
     * Photos changed while a build is under way: that build cannot publish (its content version is
     * behind) and is superseded; this makes the one follow-up wait for the quiet period too. False
     * when no build is under way (or the quiet period already ends later).
     */
    public boolean holdForChange(String albumId, Instant notBefore) {
        Map<String, AttributeValue> values = statusValues();
        values.put(":nb", time(notBefore));
        return update(albumId, "SET not_before = :nb",
                "zip_status = :generating AND (attribute_not_exists(not_before) OR not_before < :nb)", values).isPresent();
    }

    /**
     * Marks a wake-up message for a pending request as scheduled to arrive at {@code at}; true means
     * the caller won the marker and must send that message. Refused while another wake-up is
     * still to come ({@code wake_at} in the future): the many writers of a burst of changes thus
     * send one message, not one each. The generator that message wakes too early (the quiet
     * period moved on meanwhile) re-arms with {@link #rescheduleWakeUp}.
     */
    public boolean scheduleWakeUp(String albumId, Instant at, Instant now) {
        return markWakeUp(albumId, at, now, "attribute_not_exists(wake_at) OR wake_at <= :now");
    }

    /**
     * As {@link #scheduleWakeUp}, for the generator that was woken before the request was due: the
     * wake-up it consumed may still be marked as in the future (SQS delays are whole seconds), so
     * it may also re-arm when the marked wake-up is earlier than {@code at}. A duplicate delivery of
     * the same message finds the marker already at {@code at} and sends nothing.
     */
    public boolean rescheduleWakeUp(String albumId, Instant at, Instant now) {
        return markWakeUp(albumId, at, now, "attribute_not_exists(wake_at) OR wake_at <= :now OR wake_at < :at");
    }

    /** Sets the wake-up marker of a pending request to {@code at} when {@code markerFree} holds. */
    private boolean markWakeUp(String albumId, Instant at, Instant now, String markerFree) {
        Map<String, AttributeValue> values = statusValues();
        values.put(":at", time(at));
        values.put(":now", time(now));
        return update(albumId, "SET wake_at = :at", "zip_status = :pending AND (" + markerFree + ")", values).isPresent();
    }

    private static final String LEASE_HELD = "zip_status = :generating AND lease_owner = :owner";
    /** The build still holds the album and this worker still holds the part. */
    private static final String PART_HELD =
            LEASE_HELD + " AND build_parts.#i.#state = :building AND build_parts.#i.#owner = :worker";
    /** The attributes of a build's plan, removed when the build ends or is taken over. */
    private static final String PLAN = "build_fingerprint, build_parts, parts_remaining";

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
        return update(albumId, updateExpression, condition, values, Map.of());
    }

    private Optional<Album> update(String albumId, String updateExpression, String condition, Map<String, AttributeValue> values,
                                   Map<String, String> names) {
        String expressions = updateExpression + " " + condition;
        Map<String, AttributeValue> used = new HashMap<>();
        values.forEach((k, v) -> { if (expressions.matches("(?s).*" + k + "\\b.*")) used.put(k, v); });
        try {
            var result = dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(key(albumId))
                    .updateExpression(updateExpression)
                    .conditionExpression("attribute_exists(album_id) AND (" + condition + ")")
                    .expressionAttributeValues(used.isEmpty() ? null : used)
                    .expressionAttributeNames(names.isEmpty() ? null : names)
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

package com.clientalbums.maintenance.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run did, as the plan's handler returns it: a count per repair and the errors met on
 * the way (one per album or step; a failure never stops the run). {@code expired_albums} is not a
 * repair but news for the photographer: galleries past their expiry date, which clients and guests
 * no longer see; maintenance leaves them as they are (the photographer extends or deletes them).
 * {@code selections_deleted} and {@code selections_checked} count the favourites archives' records
 * ({@link SelectionSweep}).
 */
public final class MaintenanceReport {
    /** The counters, in the order they are reported. */
    public enum Count {
        STALE_ZIPS_QUEUED, STUCK_JOBS_RESET, PENDING_REQUEUED, SUPERSEDED_ZIPS_DELETED, SIDECARS_DELETED, MULTIPART_UPLOADS_ABORTED,
        PREVIEWS_MADE, ORPHAN_PREVIEWS_DELETED, PREVIEWS_DEFERRED, EXPIRED_ALBUMS, ALBUMS_CHECKED, SELECTIONS_DELETED,
        SELECTIONS_CHECKED,
        // the deliveries job (docs/delivery.md)
        LOG_FILES_PROCESSED, LOG_LINES_READ, LOG_LINES_MALFORMED, LOG_LINES_ATTRIBUTED, DELIVERIES_UPDATED,
        DELIVERIES_COMPLETED, RECEIPTS_MADE, MAILS_QUEUED, MAILS_SENT, MAILS_RETRIED, MAILS_FAILED, MAILS_OPTED_OUT;

        public String key() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    private final Map<Count, Integer> counts = new LinkedHashMap<>();
    private final List<Map<String, String>> errors = new ArrayList<>();

    public MaintenanceReport() {
        for (Count c : Count.values()) counts.put(c, 0);
    }

    public synchronized void add(Count count) {
        counts.merge(count, 1, Integer::sum);
    }

    public synchronized void add(Count count, int n) {
        counts.merge(count, n, Integer::sum);
    }

    public synchronized int get(Count count) {
        return counts.get(count);
    }

    /** An error with the album it concerns, or the step ("zips", "multipart_uploads") when no album. */
    public synchronized void error(String where, Exception e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        errors.add(Map.of(where.startsWith("step:") ? "step" : "album_id", where.replaceFirst("^step:", ""), "error", message));
    }

    public synchronized List<Map<String, String>> errors() {
        return List.copyOf(errors);
    }

    /** {@code {"stale_zips_queued": 0, …, "errors": [...]}}, the Lambda's result. */
    public synchronized Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k.key(), v));
        out.put("errors", List.copyOf(errors));
        return out;
    }
}

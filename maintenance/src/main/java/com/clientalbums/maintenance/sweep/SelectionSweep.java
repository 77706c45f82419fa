package com.clientalbums.maintenance.sweep;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.maintenance.store.ArchiveStore;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.SELECTIONS_CHECKED;
import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.SELECTIONS_DELETED;

/**
 * The favourites archives' records (the selection table, {@code docs/favourites.md}). Nothing but a
 * click builds one, so there is nothing to repair: no stale or lost build is re-queued (the next
 * click asks for it, as it asks for the first). A record neither built nor asked for in
 * {@link #KEPT} is deleted (one conditional write: a click meanwhile keeps it); its archives then
 * belong to no record and are deleted as a deleted album's are, from the next run on, so a link
 * handed out just before is not cut off mid-download. The archives of the records kept are swept
 * as an album's: superseded ones deleted by {@link SupersededArchives}' rule.
 */
final class SelectionSweep {
    /** How long a favourites archive is kept after its last build, or its last request if later. */
    static final Duration KEPT = Duration.ofDays(30);

    private static final Logger LOG = System.getLogger(SelectionSweep.class.getName());

    private final AlbumRepository selections;
    private final SupersededArchives superseded;

    SelectionSweep(AlbumRepository selections, ArchiveStore store, MaintenancePolicy policy) {
        this.selections = selections;
        this.superseded = new SupersededArchives(store, selections, policy);
    }

    /** Sweeps every record as scanned; an error is recorded against its record and the sweep goes on. */
    void sweep(List<Album> records, ArchiveObjects archives, Instant now, MaintenanceReport report) {
        Instant cutOff = now.minus(KEPT);
        for (Album record : records) {
            String id = record.albumId();
            try {
                if (unusedSince(record, cutOff) && selections.deleteUnusedSince(id, cutOff)) {
                    report.add(SELECTIONS_DELETED);
                    continue;
                }
                superseded.delete(record, archives.of(id), now, report);
                report.add(SELECTIONS_CHECKED);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "maintenance of favourites archive " + id + " failed; the run goes on", e);
                report.error(id, e);
            }
        }
    }

    /** The record as scanned would be deleted by {@link AlbumRepository#deleteUnusedSince}: only those are written to. */
    private static boolean unusedSince(Album record, Instant cutOff) {
        Instant lastBuilt = record.zipGeneratedAt() != null ? record.zipGeneratedAt() : record.createdAt();
        return lastBuilt != null && lastBuilt.isBefore(cutOff)
                && (record.requestedAt() == null || record.requestedAt().isBefore(cutOff))
                && record.zipStatus() != ZipStatus.GENERATING;
    }
}

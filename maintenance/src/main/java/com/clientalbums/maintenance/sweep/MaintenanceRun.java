package com.clientalbums.maintenance.sweep;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.SelectionIds;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.build.BuildRequests;
import com.clientalbums.common.queue.WakeUpQueue;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.maintenance.store.MaintenanceStore;
import com.clientalbums.previews.job.PhotoPreviews;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.ALBUMS_CHECKED;
import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.EXPIRED_ALBUMS;

/**
 * One maintenance pass over every album (a paginated scan) and over {@code zips/}: the safety
 * net under the event-driven path, for whatever a lost message, a dead generator or an
 * expired archive left behind (see {@link AlbumRepairs}, {@link SupersededArchives},
 * {@link AbandonedUploads}, {@link PreviewBackfill}); and over the favourites archives' records,
 * which it only prunes ({@link SelectionSweep}). Every step is idempotent and guarded by
 * the same conditional writes the generators use, so a run may overlap with anything, and a
 * second run right after the first finds nothing to do. An error is recorded against its album
 * or step and the run goes on.
 */
public final class MaintenanceRun {
    private static final Logger LOG = System.getLogger(MaintenanceRun.class.getName());

    private final AlbumRepository albums;
    private final AlbumRepository selections;
    private final MaintenanceStore store;
    private final AlbumRepairs repairs;
    private final SupersededArchives superseded;
    private final SelectionSweep selectionSweep;
    private final AbandonedUploads uploads;
    private final PreviewBackfill previews;
    private final MaintenancePolicy policy;
    private final Clock clock;
    private final int webSizePx;

    /** @param selections the selection table: the favourites archives' records ({@link SelectionSweep}) */
    public MaintenanceRun(AlbumRepository albums, AlbumRepository selections, MaintenanceStore store, WakeUpQueue queue,
                          PhotoPreviews previews, MaintenancePolicy policy, Clock clock, int webSizePx) {
        this.albums = albums;
        this.selections = selections;
        this.store = store;
        this.repairs = new AlbumRepairs(albums, new BuildRequests(albums, queue, policy.pendingGrace(), clock), webSizePx);
        this.superseded = new SupersededArchives(store, albums, policy);
        this.selectionSweep = new SelectionSweep(selections, store, policy);
        this.uploads = new AbandonedUploads(store, store,
                id -> (SelectionIds.isSelection(id) ? selections : albums).find(id), policy);
        this.previews = new PreviewBackfill(store, previews);
        this.policy = policy;
        this.clock = clock;
        this.webSizePx = webSizePx;
    }

    /** @param remainingMillis the invocation's time left; preview rendering stops before it runs out */
    public MaintenanceReport run(LongSupplier remainingMillis) {
        MaintenanceReport report = new MaintenanceReport();
        Instant now = clock.instant();
        List<Album> all;
        List<Album> selectionRecords;
        ArchiveObjects archives;
        try {
            // Records first, then the archives: an archive published in between is then one the
            // records' snapshot does not know, and too young to be deleted, rather than a current
            // archive taken for missing.
            all = albums.findAll();
            selectionRecords = selections.findAll();
            archives = ArchiveObjects.list(store);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "maintenance could not read the albums or archives", e);
            report.error("step:scan", e);
            return report;
        }
        for (Album album : all) {
            String id = album.albumId();
            try {
                Instant listedAt = clock.instant();
                List<PhotoObject> photos = store.photos(id);
                Set<String> zipKeys = archives.archiveKeys(id);
                repairs.repair(album, photos, zipKeys, now, report);
                superseded.delete(album, archives.of(id), now, report);
                previews.backfill(id, WebSize.of(webSizePx, album), photos, listedAt, () -> remainingMillis.getAsLong() > policy.timeReserve().toMillis(), report);
                report.add(ALBUMS_CHECKED);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "maintenance of album " + id + " failed; the run goes on", e);
                report.error(id, e);
            }
        }
        reportExpired(all, now, report);
        Set<String> ids = new HashSet<>();
        all.forEach(a -> ids.add(a.albumId()));
        step("selections", report, () -> selectionSweep.sweep(selectionRecords, archives, now, report));
        // Every record scanned owns its archives in this run, one just deleted too: a link handed out
        // before its deletion may still be read, so they go as unowned from the next run on.
        selectionRecords.forEach(r -> ids.add(r.albumId()));
        step("unowned_zips", report, () -> superseded.deleteUnowned(archives.byAlbum(), ids, now, report));
        step("multipart_uploads", report, () -> uploads.abort(now, report));
        return report;
    }

    /** Counted, and named in the log for the photographer; their archives are kept like any other album's. */
    private static void reportExpired(List<Album> all, Instant now, MaintenanceReport report) {
        List<String> expired = new ArrayList<>();
        for (Album album : all) {
            if (album.expired(now)) {
                expired.add(album.albumId());
                report.add(EXPIRED_ALBUMS);
            }
        }
        if (!expired.isEmpty()) {
            expired.sort(null);
            LOG.log(Level.INFO, "maintenance: {0} expired album(s), no longer seen by clients and guests: {1}",
                    expired.size(), String.join(", ", expired));
        }
    }

    private static void step(String name, MaintenanceReport report, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "maintenance step " + name + " failed; the run goes on", e);
            report.error("step:" + name, e);
        }
    }
}

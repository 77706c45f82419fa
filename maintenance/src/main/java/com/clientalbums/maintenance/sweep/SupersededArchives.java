package com.clientalbums.maintenance.sweep;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.maintenance.store.ArchiveStore;
import com.clientalbums.maintenance.sweep.ArchiveObjects.ArchiveGroup;
import com.clientalbums.maintenance.sweep.ArchiveObjects.ZipObject;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.SIDECARS_DELETED;
import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.SUPERSEDED_ZIPS_DELETED;

/**
 * Deletes archives that no download can still be reading, with their sidecars. Links are signed
 * only for the album's published parts ({@code zip_parts}, or the one {@code zip_key}, and the
 * web-size ones, {@code web_parts}), valid for
 * at most {@code ZIP_URL_EXPIRY}, and a download started on one may run for hours after
 * ({@link MaintenancePolicy#supersededKept()}); so any other archive is safe to delete once that
 * long has passed since the current ones were published ({@code zip_generated_at}). Never deleted:
 * a published part, and a part of the build under way ({@code build_parts}: an unchanged part is
 * kept as it is and published again, a part being built has its manifest and checkpoint before
 * its archive exists). The group's own last write must be older than that too: an archive a
 * generator has just uploaded may be about to be published. A manifest or checkpoint whose archive
 * does not exist goes by the same rule, unless the album waits for a build that may continue it.
 * Archives of albums that no longer exist go by age alone.
 */
final class SupersededArchives {
    private final ArchiveStore store;
    private final AlbumRepository albums;
    private final MaintenancePolicy policy;

    SupersededArchives(ArchiveStore store, AlbumRepository albums, MaintenancePolicy policy) {
        this.store = store;
        this.albums = albums;
        this.policy = policy;
    }

    void delete(Album album, List<ArchiveGroup> groups, Instant now, MaintenanceReport report) {
        List<ArchiveGroup> unread = unread(album, groups, now);
        if (unread.isEmpty()) return;
        // The album was read at the start of the run, minutes ago: a build may since have planned a
        // part whose archive is one of these (it exists, so the part is done at once). Read it again
        // just before deleting; what remains is a window of milliseconds, and a part lost in it is a
        // published part gone missing, which the next run's repair rebuilds.
        Optional<Album> fresh = albums.find(album.albumId());
        if (fresh.isPresent()) unread = unread(fresh.get(), unread, now);
        unread.forEach(group -> deleteGroup(group, report));
    }

    /** Archives under album ids that have no album record (deleted albums, stray keys). */
    void deleteUnowned(Map<String, List<ArchiveGroup>> byAlbum, Set<String> albumIds, Instant now, MaintenanceReport report) {
        Instant noLongerRead = now.minus(policy.supersededKept());
        byAlbum.forEach((albumId, groups) -> {
            if (albumIds.contains(albumId)) return;
            for (ArchiveGroup group : groups) {
                if (group.lastWritten().isBefore(noLongerRead)) deleteGroup(group, report);
            }
        });
    }

    /** The archive keys the album's record still points at: never deleted, whatever their age. */
    static Set<String> kept(Album album) {
        Set<String> keys = new HashSet<>();
        // Web-size parts are published archives too: a guest's link may be reading one.
        for (PhotoSize size : PhotoSize.values()) album.publishedParts(size).forEach(p -> keys.add(p.key()));
        album.buildParts().forEach(p -> keys.add(p.key()));
        return keys;
    }

    private List<ArchiveGroup> unread(Album album, List<ArchiveGroup> groups, Instant now) {
        Instant noLongerRead = now.minus(policy.supersededKept());
        if (album.zipGeneratedAt() != null && album.zipGeneratedAt().isAfter(noLongerRead)) return List.of();
        Set<String> kept = kept(album);
        // An album waiting for its build (a failed attempt's retry) has no plan, but the build
        // will plan the same keys and continue their unfinished archives from these checkpoints.
        boolean buildComing = album.zipStatus() == ZipStatus.PENDING;
        return groups.stream()
                .filter(g -> !kept.contains(g.archiveKey()) && !(buildComing && !g.hasArchive()))
                .filter(g -> g.lastWritten().isBefore(noLongerRead))
                .toList();
    }

    private void deleteGroup(ArchiveGroup group, MaintenanceReport report) {
        // The archive before its sidecars: a run cut short leaves sidecars for the next run, never
        // an archive without its manifest.
        List<ZipObject> archiveFirst = group.objects().stream()
                .sorted(Comparator.comparing((ZipObject o) -> o.kind().sidecar())).toList();
        for (ZipObject object : archiveFirst) {
            store.deleteArchive(object.key());
            report.add(object.kind().sidecar() ? SIDECARS_DELETED : SUPERSEDED_ZIPS_DELETED);
        }
    }
}

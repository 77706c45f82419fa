package com.clientalbums.maintenance.sweep;

import com.clientalbums.common.album.Album;
import com.clientalbums.maintenance.store.ArchiveStore;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.SUPERSEDED_ZIPS_DELETED;

/**
 * Deletes archives that no download can still be reading. Links are signed only for the album's
 * current {@code zip_key}, valid for at most {@code ZIP_URL_EXPIRY}, and a download started on
 * one may run for hours after ({@link MaintenancePolicy#supersededKept()}); so an older archive
 * is safe to delete once that long has passed since the current one replaced it
 * ({@code zip_generated_at}). Its own age must exceed it too: an archive a generator has just
 * uploaded may be about to be published. Archives of albums that no longer exist go by age alone.
 */
final class SupersededArchives {
    private final ArchiveStore store;
    private final MaintenancePolicy policy;

    SupersededArchives(ArchiveStore store, MaintenancePolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    void delete(Album album, List<ArchiveObjects.Archive> archives, Instant now, MaintenanceReport report) {
        Instant noLongerRead = now.minus(policy.supersededKept());
        if (album.zipGeneratedAt() != null && album.zipGeneratedAt().isAfter(noLongerRead)) return;
        for (ArchiveObjects.Archive archive : archives) {
            if (!archive.key().equals(album.zipKey()) && archive.lastModified().isBefore(noLongerRead)) {
                deleteOne(archive.key(), report);
            }
        }
    }

    /** Archives under album ids that have no album record (deleted albums, stray keys). */
    void deleteUnowned(Map<String, List<ArchiveObjects.Archive>> byAlbum, java.util.Set<String> albumIds, Instant now,
                       MaintenanceReport report) {
        Instant noLongerRead = now.minus(policy.supersededKept());
        byAlbum.forEach((albumId, archives) -> {
            if (albumIds.contains(albumId)) return;
            for (ArchiveObjects.Archive archive : archives) {
                if (archive.lastModified().isBefore(noLongerRead)) deleteOne(archive.key(), report);
            }
        });
    }

    private void deleteOne(String key, MaintenanceReport report) {
        store.deleteArchive(key);
        report.add(SUPERSEDED_ZIPS_DELETED);
    }
}

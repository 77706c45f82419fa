package com.clientalbums.maintenance.sweep;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.store.ArchiveStore;
import com.clientalbums.maintenance.store.StoredObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every archive object under {@code zips/}, by album: one paginated listing per run. */
record ArchiveObjects(Map<String, List<Archive>> byAlbum) {

    /** One object: {@code zips/{album_id}/{fingerprint}.zip}. */
    record Archive(String key, Instant lastModified) {}

    static ArchiveObjects list(ArchiveStore store) {
        Map<String, List<Archive>> byAlbum = new HashMap<>();
        for (StoredObject o : store.archives()) {
            String rest = o.key().substring(S3Keys.ZIPS.length());
            int slash = rest.indexOf('/');
            String albumId = slash < 0 ? "" : rest.substring(0, slash);
            byAlbum.computeIfAbsent(albumId, k -> new ArrayList<>()).add(new Archive(o.key(), o.lastModified()));
        }
        return new ArchiveObjects(byAlbum);
    }

    List<Archive> of(String albumId) {
        return byAlbum.getOrDefault(albumId, List.of());
    }
}

package com.clientalbums.maintenance.store;

import java.util.List;

/**
 * The objects under {@code zips/}: archives and their sidecars (manifests, checkpoints), which
 * maintenance deletes once no link or build can reach them.
 */
public interface ArchiveStore {
    /** Every object under {@code zips/} of every album, sidecars included (all pages of one listing). */
    List<StoredObject> archives();

    void deleteArchive(String key);
}

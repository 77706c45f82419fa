package com.clientalbums.maintenance.store;

import java.util.List;

/** The archive objects under {@code zips/}, which maintenance deletes once no link can reach them. */
public interface ArchiveStore {
    /** Every archive object of every album (all pages of one listing). */
    List<StoredObject> archives();

    void deleteArchive(String key);
}

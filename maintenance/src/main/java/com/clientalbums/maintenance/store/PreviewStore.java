package com.clientalbums.maintenance.store;

import java.util.List;

/** An album's preview images and unreadable-file markers. */
public interface PreviewStore {
    /** Every object under the album's previews (one listing, all its pages). */
    List<StoredObject> previews(String albumId);

    void deletePreview(String key);
}

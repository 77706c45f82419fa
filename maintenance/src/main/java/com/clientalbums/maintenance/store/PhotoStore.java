package com.clientalbums.maintenance.store;

import com.clientalbums.common.store.PhotoObject;

import java.util.List;

/** An album's photos, as they are listed now. */
public interface PhotoStore {
    /** The photos in key order, hidden and system files left out (as {@code PhotoListing} lists them). */
    List<PhotoObject> photos(String albumId);
}

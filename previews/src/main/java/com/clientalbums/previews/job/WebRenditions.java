package com.clientalbums.previews.job;

import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.store.PhotoObject;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * Makes sure every photo of an album has its current web-size rendition (made with the album's
 * {@link WebSize}, from the photo's current ETag), making the missing ones, and says what each
 * photo contributes to the web-size archive. Renditions are normally made on arrival, so a build
 * usually only checks them.
 */
public interface WebRenditions {
    /** The invocation's time ran short before every rendition was made; those made so far are kept. */
    final class OutOfTime extends Exception {
        public OutOfTime(String message) { super(message); }
    }

    /**
     * One entry per photo, in the order given.
     *
     * @param remainingMillis the invocation's time left; no new rendition starts when it runs short
     * @throws OutOfTime when it ran short before all were made
     */
    List<WebRendition> prepare(String albumId, List<PhotoObject> photos, WebSize webSize, LongSupplier remainingMillis)
            throws OutOfTime;
}

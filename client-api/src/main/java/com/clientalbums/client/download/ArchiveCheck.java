package com.clientalbums.client.download;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.ObjectHeads;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Whether the archive the album record calls ready and current is so in S3 right now: the album's
 * photos listed afresh and fingerprinted by the generator's own rule ({@link PhotoListing},
 * {@link Fingerprint#of}), and a HEAD of the archive object. S3's listings are strongly
 * consistent, so a photo deleted or added before the click is seen here even though its S3 event
 * has not been handled yet; and a lifecycle rule or a person may delete the archive object while
 * the record still points at it.
 *
 * <p>The HEAD runs on a virtual thread beside the listing: the listing's pages must follow one
 * another, the HEAD needs nothing from them, so the check takes as long as the listing alone
 * ({@code docs/archive-lifecycle.md} has the figures).
 */
public final class ArchiveCheck {
    /** What S3 says of a published archive. */
    public sealed interface Verdict permits Current, Changed, Missing {}

    /** The photos are those the archive was built from, and the archive object exists. */
    public record Current() implements Verdict {}

    /** The photos are no longer those the archive was built from: this is what they are now. */
    public record Changed(String fingerprint, long photoCount) implements Verdict {}

    /** The photos are unchanged but the archive object is gone. */
    public record Missing() implements Verdict {}

    private final PhotoListing listing;
    private final ObjectHeads heads;

    public ArchiveCheck(PhotoListing listing, ObjectHeads heads) {
        this.listing = listing;
        this.heads = heads;
    }

    /** The verdict on {@code album}'s published archive ({@link Album#zipKey()}, {@link Album#zipFingerprint()}). */
    public Verdict check(Album album) {
        boolean exists;
        List<PhotoObject> photos;
        try (ExecutorService beside = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Boolean> head = beside.submit(() -> heads.head(album.zipKey()).isPresent());
            photos = listing.list(album.albumId());
            exists = joined(head);
        }
        String fingerprint = Fingerprint.of(photos);
        if (!fingerprint.equals(album.zipFingerprint())) return new Changed(fingerprint, photos.size());
        return exists ? new Current() : new Missing();
    }

    private static boolean joined(Future<Boolean> head) {
        try {
            return head.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("the archive's HEAD failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the archive", e);
        }
    }
}

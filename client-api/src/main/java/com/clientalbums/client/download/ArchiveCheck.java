package com.clientalbums.client.download;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.ObjectHeads;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Whether the archive the album record calls ready and current is so in S3 right now: the album's
 * photos (a favourites archive's: its album's, kept to the chosen ones; {@link PhotoListing#listFor}) listed afresh and fingerprinted by the generator's own rule ({@link PhotoListing},
 * {@link Fingerprint#of}), and a HEAD of the archive object. S3's listings are strongly
 * consistent, so a photo deleted or added before the click is seen here even though its S3 event
 * has not been handled yet; and a lifecycle rule or a person may delete an archive object while
 * the record still points at it. An album cut into parts is current only when every part is there:
 * a link to part 1 of an album whose part 3 is gone would be a download the client cannot finish.
 * The web-size parts count alike: both sizes are published together, and one rebuild makes both.
 *
 * <p>The HEADs run on virtual threads beside the listing, one per part of either size, all at once: the listing's
 * pages must follow one another, the HEADs need nothing from them nor from each other, so the check
 * takes as long as the listing alone however many parts there are
 * ({@code docs/archive-lifecycle.md} has the figures).
 */
public final class ArchiveCheck {
    /** What S3 says of a published archive. */
    public sealed interface Verdict permits Current, Changed, Missing {}

    /** The photos are those the archive was built from, and the archive object exists. */
    public record Current() implements Verdict {}

    /** The photos are no longer those the archive was built from: this is what they are now. */
    public record Changed(String fingerprint, long photoCount) implements Verdict {}

    /** The photos are unchanged but an archive object (of one part, or more, of either size) is gone. */
    public record Missing() implements Verdict {}

    private final PhotoListing listing;
    private final ObjectHeads heads;
    private final int webSizePx;

    /** @param webSizePx {@code WEB_SIZE_PX}: the album's fingerprint includes its web-size recipe */
    public ArchiveCheck(PhotoListing listing, ObjectHeads heads, int webSizePx) {
        this.listing = listing;
        this.heads = heads;
        this.webSizePx = webSizePx;
    }

    /**
     * The verdict on {@code album}'s published archive: its parts of both sizes
     * ({@link Album#publishedParts(PhotoSize)}) and the fingerprint they were built from ({@link Album#zipFingerprint()}).
     */
    public Verdict check(Album album) {
        boolean allExist = true;
        List<PhotoObject> photos;
        try (ExecutorService beside = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> parts = Stream.of(PhotoSize.values()).flatMap(size -> album.publishedParts(size).stream())
                    .map(part -> beside.submit(() -> heads.head(part.key()).isPresent())).toList();
            photos = listing.listFor(album);
            for (Future<Boolean> part : parts) allExist &= joined(part);
        }
        String fingerprint = Fingerprint.of(photos, WebSize.of(webSizePx, album));
        if (!fingerprint.equals(album.zipFingerprint())) return new Changed(fingerprint, photos.size());
        return allExist ? new Current() : new Missing();
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

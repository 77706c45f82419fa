package com.clientalbums.previews.job;

import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.store.FileTypes;
import com.clientalbums.common.store.ObjectHead;
import com.clientalbums.common.store.ObjectHeads;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.previews.keys.PreviewKeys;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@link WebRenditions} on S3: a HEAD per image tells whether its rendition is current (made from
 * the photo's ETag under the album's recipe tag); the missing and stale ones are made by
 * {@link PhotoPreviews}, in the same decode as the photo's thumbnail and preview.
 *
 * <p>HEADs are cheap and wait on the network, so up to {@link #HEADS_AT_ONCE} run at once;
 * renders are CPU-bound, so no more run at once than there are processors. No render starts with
 * less than {@link #RENDER_RESERVE} of the invocation left (a 24 MP photo takes about a second on
 * one core, a 100 MP one several): the ones made stay, and the next invocation finds them current.
 */
public final class S3WebRenditions implements WebRenditions {
    /** Tries of one photo's job before its failure fails the build (which is then retried as a whole). */
    private static final int MAKE_ATTEMPTS = 3;
    private static final Logger LOG = System.getLogger(S3WebRenditions.class.getName());
    static final int HEADS_AT_ONCE = 16;
    static final Duration RENDER_RESERVE = Duration.ofSeconds(60);

    private final ObjectHeads heads;
    private final PhotoPreviews previews;
    private final int rendersAtOnce;

    /** @param previews the per-photo job, made with the same bucket */
    public S3WebRenditions(S3Client s3, String bucket, PhotoPreviews previews) {
        this(s3, bucket, previews, Runtime.getRuntime().availableProcessors());
    }

    S3WebRenditions(S3Client s3, String bucket, PhotoPreviews previews, int rendersAtOnce) {
        this.heads = new ObjectHeads(s3, bucket);
        this.previews = previews;
        this.rendersAtOnce = rendersAtOnce;
    }

    @Override
    public List<WebRendition> prepare(String albumId, List<PhotoObject> photos, WebSize webSize, LongSupplier remainingMillis)
            throws OutOfTime {
        WebRendition[] out = new WebRendition[photos.size()];
        List<Integer> images = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            PhotoObject photo = photos.get(i);
            Optional<FileTypes.Kind> kind = FileTypes.kind(photo.relativePath());
            if (kind.isEmpty()) {
                out[i] = new WebRendition.Omitted(photo, "not a photo, video or PDF");
                continue;
            }
            out[i] = switch (kind.get()) {
                case IMAGE -> {
                    images.add(i);
                    yield null;
                }
                case VIDEO, DOCUMENT -> webSize.otherFiles() == WebSize.OtherFiles.INCLUDE ? new WebRendition.Unchanged(photo)
                        : new WebRendition.Omitted(photo, "videos and PDFs are left out of this album's web-size archive");
                case RAW -> new WebRendition.Omitted(photo, "camera RAW files are originals only");
            };
        }

        List<Integer> stale = new ArrayList<>();
        List<Optional<WebRendition>> current = all(images, HEADS_AT_ONCE, i -> () -> currentRendition(albumId, photos.get(i), webSize));
        for (int j = 0; j < images.size(); j++) {
            int i = images.get(j);
            current.get(j).ifPresentOrElse(r -> out[i] = r, () -> stale.add(i));
        }

        int started = render(albumId, photos, webSize, remainingMillis, stale, out);
        if (started < stale.size()) {
            throw new OutOfTime("album " + albumId + ": made " + started + " of " + stale.size()
                    + " web-size renditions before the invocation's time ran short");
        }
        return Arrays.asList(out);
    }

    /** Renders the stale images, at most {@link #rendersAtOnce} at once, until time runs short; how many were started. */
    private int render(String albumId, List<PhotoObject> photos, WebSize webSize, LongSupplier remainingMillis,
                       List<Integer> stale, WebRendition[] out) {
        Semaphore slots = new Semaphore(rendersAtOnce);
        List<Future<?>> running = new ArrayList<>();
        int started = 0;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i : stale) {
                slots.acquireUninterruptibly();
                if (remainingMillis.getAsLong() < RENDER_RESERVE.toMillis()) {
                    slots.release();
                    break;
                }
                started++;
                running.add(threads.submit(() -> {
                    try {
                        out[i] = made(albumId, photos.get(i), webSize);
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        running.forEach(S3WebRenditions::join);
        if (started > 0) LOG.log(Level.INFO, "album {0}: made {1} web-size renditions", albumId, started);
        return started;
    }

    private Optional<WebRendition> currentRendition(String albumId, PhotoObject photo, WebSize webSize) {
        String key = PreviewKeys.web(albumId, photo.relativePath());
        Optional<ObjectHead> head = heads.head(key);
        // A listing's ETag comes quoted, as S3 sends it; a rendition records the bare one.
        if (!PhotoPreviews.isCurrentRendition(head, ObjectHeads.unquoted(photo.etag()), webSize)) return Optional.empty();
        return Optional.of(new WebRendition.Rendered(photo, key, head.get().size(), head.get().etag()));
    }

    /** The rendition made now (with the photo's thumbnail and preview), or why there is none. */
    private WebRendition made(String albumId, PhotoObject photo, WebSize webSize) {
        PhotoPreviews.Result result = makeWithRetries(albumId, photo, webSize);
        return switch (result) {
            case MADE, ALREADY_CURRENT -> {
                String key = PreviewKeys.web(albumId, photo.relativePath());
                // Made from the photo as it is now: should it have been replaced since the listing,
                // its change event rebuilds the archive with the new photo's ETag anyway.
                yield heads.head(key).<WebRendition>map(h -> new WebRendition.Rendered(photo, key, h.size(), h.etag()))
                        .orElseGet(() -> new WebRendition.Omitted(photo, "its web-size rendition was removed meanwhile"));
            }
            case UNREADABLE -> new WebRendition.Omitted(photo, "not an image that can be decoded");
            case PHOTO_GONE -> new WebRendition.Omitted(photo, "deleted since the album was listed");
            case QUARANTINED -> new WebRendition.Omitted(photo, "moved to quarantine: its bytes are not an image");
            case NOT_A_PHOTO -> new WebRendition.Omitted(photo, "a hidden or system file");
        };
    }

    /**
     * The job, tried again when S3 fails it in passing (an answer cut off mid-body is not retried by
     * the SDK): one such fault among a thousand photos must not fail the whole build into a back-off.
     */
    private PhotoPreviews.Result makeWithRetries(String albumId, PhotoObject photo, WebSize webSize) {
        for (int attempt = 1; ; attempt++) {
            try {
                return previews.make(albumId, photo.relativePath(), webSize);
            } catch (UncheckedIOException | SdkException e) {
                if (attempt == MAKE_ATTEMPTS) throw e;
            }
        }
    }

    /** Each task's result in order, at most {@code atOnce} running at a time on virtual threads. */
    private static <T> List<T> all(List<Integer> items, int atOnce, IntFunction<Supplier<T>> task) {
        Semaphore slots = new Semaphore(atOnce);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int item : items) {
                Supplier<T> work = task.apply(item);
                futures.add(threads.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        return work.get();
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) results.add(join(f));
        return results;
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing web-size renditions", e);
        }
    }
}

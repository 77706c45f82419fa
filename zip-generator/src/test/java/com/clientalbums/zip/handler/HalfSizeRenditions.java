package com.clientalbums.zip.handler;

import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.store.FileTypes;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.previews.job.WebRendition;
import com.clientalbums.previews.job.WebRenditions;
import com.clientalbums.previews.keys.PreviewKeys;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The web-size renditions port as the engine's tests need it, against the real bucket: an image's
 * rendition is a real object at {@link PreviewKeys#web}, made of the recipe's tag and the first half
 * of the photo (a different object of its own size and ETag; its pixels do not matter to the
 * engine), recorded with the photo's ETag and the recipe's tag as the deployed renditions are, and
 * made again only when either changed. Videos and PDFs go in unchanged or not by the album's option,
 * RAW files never. It counts the renditions it makes, and can run out of time after a number of them.
 */
final class HalfSizeRenditions implements WebRenditions {
    private final S3Client s3;
    private final String bucket;
    private final int makesPerCall;
    private final AtomicInteger made = new AtomicInteger();

    HalfSizeRenditions(S3Client s3, String bucket) {
        this(s3, bucket, Integer.MAX_VALUE);
    }

    private HalfSizeRenditions(S3Client s3, String bucket, int makesPerCall) {
        this.s3 = s3;
        this.bucket = bucket;
        this.makesPerCall = makesPerCall;
    }

    /** The same renditions, whose invocation runs out of time after making {@code count} in one call. */
    HalfSizeRenditions outOfTimeAfter(int count) {
        return new HalfSizeRenditions(s3, bucket, count);
    }

    /** Renditions made so far, by every call. */
    int made() {
        return made.get();
    }

    @Override
    public List<WebRendition> prepare(String albumId, List<PhotoObject> photos, WebSize webSize, LongSupplier remainingMillis)
            throws OutOfTime {
        List<WebRendition> out = new ArrayList<>(photos.size());
        int madeNow = 0;
        for (PhotoObject photo : photos) {
            Optional<FileTypes.Kind> kind = FileTypes.kind(photo.relativePath());
            if (kind.isEmpty() || kind.get() == FileTypes.Kind.RAW) {
                out.add(new WebRendition.Omitted(photo, "not a web-size file"));
            } else if (kind.get() != FileTypes.Kind.IMAGE) {
                out.add(webSize.otherFiles() == WebSize.OtherFiles.INCLUDE ? new WebRendition.Unchanged(photo)
                        : new WebRendition.Omitted(photo, "the album leaves it out"));
            } else {
                String key = PreviewKeys.web(albumId, photo.relativePath());
                Optional<HeadObjectResponse> current = head(key)
                        .filter(h -> photo.etag().equals(h.metadata().get("source-etag")) && webSize.tag().equals(h.metadata().get("web-size")));
                if (current.isEmpty()) {
                    if (madeNow == makesPerCall) throw new OutOfTime("web-size renditions: " + madeNow + " made, more to make");
                    make(photo, key, webSize);
                    madeNow++;
                    current = head(key);
                }
                out.add(new WebRendition.Rendered(photo, key, current.orElseThrow().contentLength(), current.get().eTag()));
            }
        }
        return out;
    }

    private void make(PhotoObject photo, String key, WebSize webSize) {
        byte[] original = s3.getObjectAsBytes(r -> r.bucket(bucket).key(photo.key())).asByteArray();
        byte[] tag = webSize.tag().getBytes(StandardCharsets.US_ASCII);
        byte[] rendition = Arrays.copyOf(tag, tag.length + original.length / 2);
        System.arraycopy(original, 0, rendition, tag.length, original.length / 2);
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("image/jpeg")
                .metadata(Map.of("source-etag", photo.etag(), "web-size", webSize.tag())), RequestBody.fromBytes(rendition));
        made.incrementAndGet();
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw e;
        }
    }
}

package com.clientalbums.maintenance.sweep;

import com.clientalbums.common.album.Watermark;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.store.S3MaintenanceStore;
import com.clientalbums.previews.job.PhotoPreviews;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.WebSizes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.ORPHAN_PREVIEWS_DELETED;
import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.PREVIEWS_DEFERRED;
import static com.clientalbums.maintenance.sweep.MaintenanceReport.Count.PREVIEWS_MADE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daily backfill against a real S3 API: missing previews and web-size renditions made with the album's recipe, orphans removed. */
class PreviewBackfillTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    private final S3MaintenanceStore store = new S3MaintenanceStore(aws.clients().s3(), aws.names().bucket());
    private final PhotoPreviews previews = new PhotoPreviews(aws.clients().s3(), aws.names().bucket());
    private final PreviewBackfill backfill = new PreviewBackfill(store, previews);

    @Test
    void missingWebRenditionsAreMadeWithTheAlbumsRecipeAndThoseOfDeletedPhotosRemoved() throws Exception {
        String album = "backfill-a";
        put(album, "IMG_1.jpg", jpeg(1200, 800));
        put(album, "IMG_2.jpg", jpeg(800, 1200));
        put(album, "clip.mp4", new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'});
        // IMG_2 has the previews it got before web-size renditions existed.
        previews.make(album, "IMG_2.jpg", WebSizes.DEFAULT);
        delete(PreviewKeys.web(album, "IMG_2.jpg"));
        // A rendition whose photo was deleted.
        String orphan = PreviewKeys.web(album, "gone.jpg");
        aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(orphan), RequestBody.fromBytes(jpeg(10, 10)));
        WebSize marked = new WebSize(2048, new Watermark(Watermark.Kind.TEXT, "PROOF", null, Watermark.Position.CENTER, 30, 60, false),
                WebSize.OtherFiles.INCLUDE);
        List<PhotoObject> photos = store.photos(album);
        Instant listedAt = Instant.now().plusSeconds(10); // everything listed is older than the listing's margin

        MaintenanceReport first = new MaintenanceReport();
        backfill.backfill(album, marked, photos, listedAt, () -> true, first);

        assertEquals(2, first.get(PREVIEWS_MADE), "IMG_1 lacked everything, IMG_2 its web-size rendition");
        assertEquals(1, first.get(ORPHAN_PREVIEWS_DELETED));
        assertFalse(exists(orphan));
        for (String path : List.of("IMG_1.jpg", "IMG_2.jpg")) {
            var head = aws.clients().s3().headObject(r -> r.bucket(aws.names().bucket()).key(PreviewKeys.web(album, path)));
            assertEquals(marked.tag(), head.metadata().get("web-size"), path + " made with the album's recipe");
        }
        assertFalse(exists(PreviewKeys.web(album, "clip.mp4")), "a video gets no rendition");
        assertTrue(exists(PreviewKeys.image(album, PreviewSize.THUMB, "IMG_1.jpg")));

        MaintenanceReport second = new MaintenanceReport();
        backfill.backfill(album, marked, store.photos(album), listedAt, () -> true, second);
        assertEquals(0, second.get(PREVIEWS_MADE), "nothing left to make: " + second.toMap());
        assertEquals(0, second.get(ORPHAN_PREVIEWS_DELETED));
        assertTrue(exists(PreviewKeys.web(album, "IMG_1.jpg")), "current renditions are no orphans");
    }

    @Test
    void withoutTimeLeftMissingRenditionsAreDeferredNotMade() throws Exception {
        String album = "backfill-b";
        put(album, "IMG_1.jpg", jpeg(600, 400));
        MaintenanceReport report = new MaintenanceReport();
        backfill.backfill(album, WebSizes.DEFAULT, store.photos(album), Instant.now(), () -> false, report);
        assertEquals(1, report.get(PREVIEWS_DEFERRED));
        assertFalse(exists(PreviewKeys.web(album, "IMG_1.jpg")));
    }

    private static void put(String album, String path, byte[] bytes) {
        aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(S3Keys.photoKey(album, path)), RequestBody.fromBytes(bytes));
    }

    private static void delete(String key) {
        aws.clients().s3().deleteObject(r -> r.bucket(aws.names().bucket()).key(key));
    }

    private static boolean exists(String key) {
        try {
            aws.clients().s3().headObject(r -> r.bucket(aws.names().bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private static byte[] jpeg(int w, int h) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) image.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | 90);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}

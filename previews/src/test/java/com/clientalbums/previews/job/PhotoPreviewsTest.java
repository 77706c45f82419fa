package com.clientalbums.previews.job;

import com.clientalbums.common.album.Watermark;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;
import com.clientalbums.previews.render.PreviewRenderer;
import com.clientalbums.previews.render.TestImages;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.WebSizes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Previews made against a real S3 API: once per version of a photo, never retried for unreadable files. */
class PhotoPreviewsTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static final AtomicInteger renders = new AtomicInteger();
    static PhotoPreviews previews;

    @BeforeAll
    static void setUp() {
        PreviewRenderer renderer = new PreviewRenderer();
        previews = new PhotoPreviews(aws.clients().s3(), aws.names().bucket(), (photo, recipe) -> {
            renders.incrementAndGet();
            return renderer.render(photo, recipe);
        }, 1_000_000);
    }

    private static void put(String album, String path, byte[] bytes) {
        aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(S3Keys.photoKey(album, path)), RequestBody.fromBytes(bytes));
    }

    private static BufferedImage image(String key) {
        return TestImages.read(aws.clients().s3().getObjectAsBytes(r -> r.bucket(aws.names().bucket()).key(key)).asByteArray());
    }

    private static boolean exists(String key) {
        try {
            aws.clients().s3().headObject(r -> r.bucket(aws.names().bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    @Test
    void previewsAreMadeOnceAndAgainOnlyWhenThePhotoIsReplaced() {
        put("album-a", "Ceremony/IMG_1.jpg", TestImages.jpegWithOrientation(TestImages.stored(6, 800, 400), 6, true));
        int before = renders.get();

        assertEquals(PhotoPreviews.Result.MADE, previews.make("album-a", "Ceremony/IMG_1.jpg", WebSizes.DEFAULT));
        BufferedImage thumb = image(PreviewKeys.image("album-a", PreviewSize.THUMB, "Ceremony/IMG_1.jpg"));
        assertEquals(400, thumb.getWidth());
        assertEquals(200, thumb.getHeight(), "upright, as shown");
        assertEquals(800, image(PreviewKeys.image("album-a", PreviewSize.PREVIEW, "Ceremony/IMG_1.jpg")).getWidth());

        assertEquals(PhotoPreviews.Result.ALREADY_CURRENT, previews.make("album-a", "Ceremony/IMG_1.jpg", WebSizes.DEFAULT));
        assertEquals(before + 1, renders.get(), "a redelivered event costs four HEADs, not a decode");

        put("album-a", "Ceremony/IMG_1.jpg", TestImages.jpeg(TestImages.stored(1, 300, 600)));
        assertEquals(PhotoPreviews.Result.MADE, previews.make("album-a", "Ceremony/IMG_1.jpg", WebSizes.DEFAULT), "same name, new bytes");
        assertEquals(200, image(PreviewKeys.image("album-a", PreviewSize.THUMB, "Ceremony/IMG_1.jpg")).getWidth());
    }

    @Test
    void anUnreadableFileIsLoggedOnceAndNeverTriedAgainUntilReplaced() {
        put("album-b", "notes.txt", "not a photo".getBytes());
        put("album-b", "huge.jpg", new byte[1_000_001]);
        int before = renders.get();

        assertEquals(PhotoPreviews.Result.UNREADABLE, previews.make("album-b", "notes.txt", WebSizes.DEFAULT));
        assertEquals(PhotoPreviews.Result.UNREADABLE, previews.make("album-b", "notes.txt", WebSizes.DEFAULT));
        assertEquals(PhotoPreviews.Result.UNREADABLE, previews.make("album-b", "huge.jpg", WebSizes.DEFAULT));
        assertEquals(before + 1, renders.get(), "the marker stops a second attempt; a too-large file is never read");
        assertTrue(exists(PreviewKeys.unreadableMarker("album-b", "notes.txt")));
        assertFalse(exists(PreviewKeys.image("album-b", PreviewSize.THUMB, "notes.txt")));

        put("album-b", "notes.txt", TestImages.png(TestImages.stored(1, 100, 50)));
        assertEquals(PhotoPreviews.Result.MADE, previews.make("album-b", "notes.txt", WebSizes.DEFAULT));
        assertFalse(exists(PreviewKeys.unreadableMarker("album-b", "notes.txt")), "the marker goes with the unreadable version");
    }

    @Test
    void previewsOfADeletedPhotoGoButNotThoseOfOneUploadedAgainSince() {
        put("album-c", "IMG_2.jpg", TestImages.jpeg(TestImages.stored(1, 100, 50)));
        previews.make("album-c", "IMG_2.jpg", WebSizes.DEFAULT);
        assertFalse(previews.removeIfPhotoGone("album-c", "IMG_2.jpg"), "a late delete event for a photo that is back");
        assertTrue(exists(PreviewKeys.image("album-c", PreviewSize.THUMB, "IMG_2.jpg")));

        aws.clients().s3().deleteObject(r -> r.bucket(aws.names().bucket()).key(S3Keys.photoKey("album-c", "IMG_2.jpg")));
        assertTrue(previews.removeIfPhotoGone("album-c", "IMG_2.jpg"));
        assertFalse(exists(PreviewKeys.image("album-c", PreviewSize.THUMB, "IMG_2.jpg")));
        assertFalse(exists(PreviewKeys.image("album-c", PreviewSize.PREVIEW, "IMG_2.jpg")));
        assertFalse(exists(PreviewKeys.web("album-c", "IMG_2.jpg")), "the web-size rendition goes too");
        assertEquals(PhotoPreviews.Result.PHOTO_GONE, previews.make("album-c", "IMG_2.jpg", WebSizes.DEFAULT));
    }

    @Test
    void anImageGetsItsWebSizeRenditionNamedForThePhotoVersionAndTheRecipe() {
        put("album-h", "Portraits/IMG_3.jpg", TestImages.jpeg(TestImages.stored(1, 3000, 2000)));
        assertEquals(PhotoPreviews.Result.MADE, previews.make("album-h", "Portraits/IMG_3.jpg", WebSizes.DEFAULT));

        var web = aws.clients().s3().getObjectAsBytes(r -> r.bucket(aws.names().bucket()).key(PreviewKeys.web("album-h", "Portraits/IMG_3.jpg")));
        assertEquals(2048, TestImages.read(web.asByteArray()).getWidth());
        assertEquals("image/jpeg", web.response().contentType());
        assertEquals(photoEtag("album-h", "Portraits/IMG_3.jpg"), web.response().metadata().get(PhotoPreviews.SOURCE_ETAG));
        assertEquals(WebSizes.DEFAULT.tag(), web.response().metadata().get(PhotoPreviews.WEB_SIZE));
        assertEquals("none", metadata(PreviewKeys.image("album-h", PreviewSize.PREVIEW, "Portraits/IMG_3.jpg")).get(PhotoPreviews.WATERMARK));
    }

    @Test
    void aNewWatermarkRemakesTheImagesOnceAndItsPreviewMarkOnlyWhenPreviewsCarryIt() {
        put("album-i", "IMG_4.png", TestImages.png(TestImages.stored(1, 900, 600)));
        Watermark text = new Watermark(Watermark.Kind.TEXT, "PROOF", null, Watermark.Position.CENTER, 40, 80, false);
        WebSize marked = new WebSize(2048, text, WebSize.OtherFiles.INCLUDE);
        WebSize markedPreviews = new WebSize(2048, new Watermark(Watermark.Kind.TEXT, "PROOF", null, Watermark.Position.CENTER, 40, 80, true),
                WebSize.OtherFiles.INCLUDE);
        String preview = PreviewKeys.image("album-i", PreviewSize.PREVIEW, "IMG_4.png");
        int before = renders.get();

        assertEquals(PhotoPreviews.Result.MADE, previews.make("album-i", "IMG_4.png", WebSizes.DEFAULT));
        assertEquals(PhotoPreviews.Result.MADE, previews.make("album-i", "IMG_4.png", marked), "the web-size rendition is stale");
        assertEquals(PhotoPreviews.Result.ALREADY_CURRENT, previews.make("album-i", "IMG_4.png", marked));
        assertEquals(marked.tag(), metadata(PreviewKeys.web("album-i", "IMG_4.png")).get(PhotoPreviews.WEB_SIZE));
        assertEquals("none", metadata(preview).get(PhotoPreviews.WATERMARK));

        assertEquals(PhotoPreviews.Result.MADE, previews.make("album-i", "IMG_4.png", markedPreviews));
        assertEquals(markedPreviews.tag(), metadata(preview).get(PhotoPreviews.WATERMARK));
        assertEquals(PhotoPreviews.Result.ALREADY_CURRENT, previews.make("album-i", "IMG_4.png", markedPreviews));
        assertEquals(PhotoPreviews.Result.MADE, previews.make("album-i", "IMG_4.png", WebSizes.DEFAULT), "the mark taken off again");
        assertEquals("none", metadata(preview).get(PhotoPreviews.WATERMARK));
        assertEquals(before + 4, renders.get());
    }

    @Test
    void videosPdfsAndRawFilesGetNoWebSizeRendition() {
        put("album-j", "IMG_5.CR2", TestImages.jpeg(TestImages.stored(1, 300, 200))); // a RAW whose bytes happen to decode
        assertEquals(PhotoPreviews.Result.MADE, previews.make("album-j", "IMG_5.CR2", WebSizes.DEFAULT));
        assertTrue(exists(PreviewKeys.image("album-j", PreviewSize.THUMB, "IMG_5.CR2")));
        assertFalse(exists(PreviewKeys.web("album-j", "IMG_5.CR2")));
        assertEquals(PhotoPreviews.Result.ALREADY_CURRENT, previews.make("album-j", "IMG_5.CR2", WebSizes.DEFAULT));
        assertFalse(PhotoPreviews.hasWebRendition("clip.mp4"));
        assertFalse(PhotoPreviews.hasWebRendition("contract.pdf"));
        assertTrue(PhotoPreviews.hasWebRendition("Ceremony/IMG_1.JPG"));
    }

    private static java.util.Map<String, String> metadata(String key) {
        return aws.clients().s3().headObject(r -> r.bucket(aws.names().bucket()).key(key)).metadata();
    }

    private static String photoEtag(String album, String path) {
        return aws.clients().s3().headObject(r -> r.bucket(aws.names().bucket()).key(S3Keys.photoKey(album, path))).eTag().replace("\"", "");
    }

    @Test
    void hiddenAndSystemFilesAreNotPhotos() {
        put("album-d", ".DS_Store", new byte[] {1, 2, 3});
        assertEquals(PhotoPreviews.Result.NOT_A_PHOTO, previews.make("album-d", ".DS_Store", WebSizes.DEFAULT));
        assertEquals(PhotoPreviews.Result.NOT_A_PHOTO, previews.make("album-d", "__MACOSX/._IMG_1.jpg", WebSizes.DEFAULT));
        assertFalse(exists(PreviewKeys.unreadableMarker("album-d", ".DS_Store")));
    }

    @Test
    void aJpgWhoseBytesAreSvgIsMovedToQuarantineWithANoteAndGetsNoPreview() {
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes();
        put("album-e", "Ceremony/IMG_1.jpg", svg);
        String etag = aws.clients().s3().headObject(r -> r.bucket(aws.names().bucket()).key(S3Keys.photoKey("album-e", "Ceremony/IMG_1.jpg")))
                .eTag().replace("\"", "");
        int before = renders.get();

        assertEquals(PhotoPreviews.Result.QUARANTINED, previews.make("album-e", "Ceremony/IMG_1.jpg", WebSizes.DEFAULT));
        assertEquals(before, renders.get(), "never handed to the image decoder");
        assertFalse(exists(S3Keys.photoKey("album-e", "Ceremony/IMG_1.jpg")), "out of the album: its listing, archive and links");
        var kept = aws.clients().s3().getObjectAsBytes(r -> r.bucket(aws.names().bucket()).key(S3Keys.quarantineKey("album-e", "Ceremony/IMG_1.jpg")));
        assertArrayEquals(svg, kept.asByteArray(), "kept, never silently deleted");
        assertEquals("application/octet-stream", kept.response().contentType());
        assertEquals("SVG, HTML or XML markup (<svg>)", kept.response().metadata().get(Quarantine.REASON));
        assertEquals(etag, kept.response().metadata().get(PhotoPreviews.SOURCE_ETAG));
        assertFalse(exists(PreviewKeys.image("album-e", PreviewSize.THUMB, "Ceremony/IMG_1.jpg")));
        assertFalse(exists(PreviewKeys.unreadableMarker("album-e", "Ceremony/IMG_1.jpg")));
        assertEquals(PhotoPreviews.Result.PHOTO_GONE, previews.make("album-e", "Ceremony/IMG_1.jpg", WebSizes.DEFAULT), "a redelivered event finds nothing to do");
    }

    @Test
    void aFileTooLargeToReadWholeIsJudgedByItsFirstBytes() {
        byte[] page = Arrays.copyOf("<!DOCTYPE html><script>alert(1)</script>".getBytes(), 1_000_001);
        put("album-f", "clip.mp4", page);
        int before = renders.get();
        assertEquals(PhotoPreviews.Result.QUARANTINED, previews.make("album-f", "clip.mp4", WebSizes.DEFAULT));
        assertEquals(before, renders.get());
        assertTrue(exists(S3Keys.quarantineKey("album-f", "clip.mp4")));
        assertFalse(exists(S3Keys.photoKey("album-f", "clip.mp4")));
    }

    @Test
    void unrecognisedBytesAndAPngNamedJpgStayInTheAlbum() {
        byte[] unknownRaw = new byte[4096];
        new java.util.Random(7).nextBytes(unknownRaw);
        unknownRaw[0] = 'Z'; // no known signature: next year's RAW variant, say
        put("album-g", "IMG_1.CR3", unknownRaw);
        put("album-g", "IMG_2.jpg", TestImages.png(TestImages.stored(1, 100, 50)));

        assertEquals(PhotoPreviews.Result.UNREADABLE, previews.make("album-g", "IMG_1.CR3", WebSizes.DEFAULT));
        assertEquals(PhotoPreviews.Result.MADE, previews.make("album-g", "IMG_2.jpg", WebSizes.DEFAULT));
        assertTrue(exists(S3Keys.photoKey("album-g", "IMG_1.CR3")));
        assertTrue(exists(S3Keys.photoKey("album-g", "IMG_2.jpg")));
        assertFalse(exists(S3Keys.quarantineKey("album-g", "IMG_1.CR3")));
    }
}

package com.clientalbums.previews.job;

import com.clientalbums.common.album.Watermark;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.render.PreviewRenderer;
import com.clientalbums.previews.render.TestImages;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.WebSizes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An album's web-size renditions prepared against a real S3 API: the right variant per file, each made once per recipe. */
class S3WebRenditionsTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static final AtomicInteger renders = new AtomicInteger();
    static final AtomicInteger rendering = new AtomicInteger();
    static final AtomicInteger mostAtOnce = new AtomicInteger();
    static S3WebRenditions renditions;

    @BeforeAll
    static void setUp() {
        PreviewRenderer renderer = new PreviewRenderer();
        PhotoPreviews previews = new PhotoPreviews(aws.clients().s3(), aws.names().bucket(), (photo, recipe) -> {
            renders.incrementAndGet();
            mostAtOnce.accumulateAndGet(rendering.incrementAndGet(), Math::max);
            try {
                return renderer.render(photo, recipe);
            } finally {
                rendering.decrementAndGet();
            }
        }, 10_000_000);
        renditions = new S3WebRenditions(aws.clients().s3(), aws.names().bucket(), previews);
    }

    private static void put(String album, String path, byte[] bytes) {
        aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(S3Keys.photoKey(album, path)), RequestBody.fromBytes(bytes));
    }

    private static List<PhotoObject> photos(String album) {
        return new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(album);
    }

    /** Each photo's path to what it became: "rendered", "unchanged" or "omitted". */
    private static Map<String, String> variants(List<WebRendition> prepared) {
        return prepared.stream().collect(Collectors.toMap(r -> r.photo().relativePath(), r -> switch (r) {
            case WebRendition.Rendered x -> "rendered";
            case WebRendition.Unchanged x -> "unchanged";
            case WebRendition.Omitted x -> "omitted";
        }, (a, b) -> a, LinkedHashMap::new));
    }

    private static void album(String album) {
        put(album, "Ceremony/IMG_1.jpg", TestImages.jpeg(TestImages.stored(1, 2400, 1600)));
        put(album, "Ceremony/scan.png", TestImages.png(TestImages.stored(1, 800, 600)));
        put(album, "Party/clip.mp4", new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'});
        put(album, "contract.pdf", "%PDF-1.7\n".getBytes());
        put(album, "Raw/IMG_1.CR2", new byte[] {'I', 'I', '*', 0, 16, 0, 0, 0, 'C', 'R', 2, 0});
        put(album, "broken.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, 3});
    }

    @Test
    void eachFileBecomesItsVariantAndASecondCallMakesNothing() throws Exception {
        album("album-a");
        int before = renders.get();

        List<WebRendition> first = renditions.prepare("album-a", photos("album-a"), WebSizes.DEFAULT, () -> 600_000);

        assertEquals(Map.of("Ceremony/IMG_1.jpg", "rendered", "Ceremony/scan.png", "rendered", "Party/clip.mp4", "unchanged",
                "contract.pdf", "unchanged", "Raw/IMG_1.CR2", "omitted", "broken.jpg", "omitted"), variants(first));
        assertEquals(before + 3, renders.get(), "two images and the broken one tried once");
        assertEquals(photos("album-a").stream().map(PhotoObject::relativePath).toList(),
                first.stream().map(r -> r.photo().relativePath()).toList(), "in the order given");
        WebRendition.Rendered jpeg = (WebRendition.Rendered) first.stream()
                .filter(r -> r.photo().relativePath().equals("Ceremony/IMG_1.jpg")).findFirst().orElseThrow();
        var object = aws.clients().s3().getObjectAsBytes(r -> r.bucket(aws.names().bucket()).key(jpeg.key()));
        assertEquals(PreviewKeys.web("album-a", "Ceremony/IMG_1.jpg"), jpeg.key());
        assertEquals(object.asByteArray().length, jpeg.size());
        assertEquals(object.response().eTag().replace("\"", ""), jpeg.etag().replace("\"", ""));
        assertEquals(2048, TestImages.read(object.asByteArray()).getWidth());
        assertTrue(mostAtOnce.get() <= Runtime.getRuntime().availableProcessors(), "renders at once: " + mostAtOnce.get());

        List<WebRendition> second = renditions.prepare("album-a", photos("album-a"), WebSizes.DEFAULT, () -> 600_000);
        assertEquals(variants(first), variants(second));
        assertEquals(before + 3, renders.get(), "all current (and the broken one marked): nothing decoded");
        assertEquals(first, second, "the same renditions, keys, sizes and ETags");
    }

    @Test
    void videosAndPdfsAreLeftOutWhenTheAlbumSaysSo() throws Exception {
        album("album-b");
        WebSize omit = new WebSize(2048, null, WebSize.OtherFiles.OMIT);
        Map<String, String> variants = variants(renditions.prepare("album-b", photos("album-b"), omit, () -> 600_000));
        assertEquals("omitted", variants.get("Party/clip.mp4"));
        assertEquals("omitted", variants.get("contract.pdf"));
        assertEquals("rendered", variants.get("Ceremony/IMG_1.jpg"));
    }

    @Test
    void aChangedWatermarkRemakesEachRenditionOnceWithTheLogoReadFromTheBucket() throws Exception {
        album("album-c");
        renditions.prepare("album-c", photos("album-c"), WebSizes.DEFAULT, () -> 600_000);
        BufferedImage logo = new BufferedImage(100, 50, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = logo.createGraphics();
        g.setColor(Color.MAGENTA);
        g.fillRect(0, 0, 100, 50);
        g.dispose();
        String logoKey = "watermarks/album-c/" + "ab".repeat(32) + ".png";
        aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(logoKey), RequestBody.fromBytes(TestImages.png(logo)));
        WebSize marked = new WebSize(2048, new Watermark(Watermark.Kind.LOGO, null, logoKey, Watermark.Position.TOP_LEFT, 20, 100, false),
                WebSize.OtherFiles.INCLUDE);
        int before = renders.get();

        List<WebRendition> remade = renditions.prepare("album-c", photos("album-c"), marked, () -> 600_000);
        assertEquals(before + 2, renders.get(), "the two images, once each; the broken one stays marked");
        renditions.prepare("album-c", photos("album-c"), marked, () -> 600_000);
        assertEquals(before + 2, renders.get(), "and not again");

        WebRendition.Rendered jpeg = (WebRendition.Rendered) remade.get(photoIndex(remade, "Ceremony/IMG_1.jpg"));
        BufferedImage web = TestImages.read(aws.clients().s3().getObjectAsBytes(r -> r.bucket(aws.names().bucket()).key(jpeg.key())).asByteArray());
        // 3 % of 1365 = 41 px from the corner, 20 % of 2048 = 410 px wide: its middle is magenta.
        Color middle = new Color(web.getRGB(41 + 205, 41 + 100));
        assertTrue(middle.getRed() > 200 && middle.getGreen() < 60 && middle.getBlue() > 200, "the logo is on it: " + middle);
    }

    @Test
    void noRenderStartsWithUnderAMinuteLeftAndThoseMadeStay() throws Exception {
        album("album-d");
        AtomicInteger asked = new AtomicInteger();
        // Plenty for the first render, then 59 s: one image made, the other not started.
        var outOfTime = assertThrows(WebRenditions.OutOfTime.class, () -> renditions.prepare("album-d", photos("album-d"), WebSizes.DEFAULT,
                () -> asked.incrementAndGet() == 1 ? 600_000 : 59_000));
        assertTrue(outOfTime.getMessage().contains("made 1 of 3"), outOfTime.getMessage());

        int before = renders.get();
        List<WebRendition> resumed = renditions.prepare("album-d", photos("album-d"), WebSizes.DEFAULT, () -> 600_000);
        assertEquals(before + 2, renders.get(), "the next invocation makes only the two not made");
        assertInstanceOf(WebRendition.Rendered.class, resumed.get(photoIndex(resumed, "Ceremony/IMG_1.jpg")));
    }

    private static int photoIndex(List<WebRendition> list, String path) {
        for (int i = 0; i < list.size(); i++) if (list.get(i).photo().relativePath().equals(path)) return i;
        throw new AssertionError(path + " not in " + list);
    }
}

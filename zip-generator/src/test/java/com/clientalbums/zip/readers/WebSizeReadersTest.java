package com.clientalbums.zip.readers;

import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.store.FileTypes;
import com.clientalbums.previews.job.WebRendition;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.zip.build.PartKeys;
import com.clientalbums.zip.layout.LayoutPlanner;
import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.zip.layout.ZipLayout;
import com.clientalbums.zip.pipeline.ArchivePipeline;
import com.clientalbums.zip.pipeline.BuildMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * A web-size archive as the build plans it ({@code BuildPlanner}): each image's rendition, stored
 * under {@code previews/}, named as the photo with {@code .jpg} in the photo's folder; videos and
 * PDFs as they are; RAW files left out. Cut into parts by the same rules as the originals, built by
 * the production pipeline under web-size keys, and each part read back by every reader.
 */
class WebSizeReadersTest {
    private static final String ALBUM_ID = "wedding-2024";
    /** About 400 entries of 1–30 KB, cut at 2 MB: a few parts. */
    private static final long LIMIT = 2_000_000;

    private static Path directory;

    @BeforeAll
    static void createDirectory() throws IOException {
        directory = WorkDirectory.create("zip-web-size");
    }

    @AfterAll
    static void deleteDirectory() throws IOException {
        WorkDirectory.delete(directory);
    }

    /** The album's originals: JPEGs, PNGs, HEICs, RAW files, a video and a PDF, and a PNG twin of a JPEG. */
    private static TestAlbum originals() {
        Random sizes = new Random(14);
        TestAlbum album = new TestAlbum();
        for (int i = 0; i < 200; i++) album.add(String.format("Ceremony/IMG_%04d.jpg", i), 4_000 + sizes.nextInt(60_000));
        for (int i = 0; i < 100; i++) album.add(String.format("Portraits/DSC_%04d.png", i), 4_000 + sizes.nextInt(60_000));
        for (int i = 0; i < 50; i++) album.add(String.format("Phone/IMG_%04d.HEIC", i), 4_000 + sizes.nextInt(60_000));
        for (int i = 0; i < 30; i++) album.add(String.format("Raw/IMG_%04d.CR2", i), 4_000 + sizes.nextInt(60_000));
        // Both become "Portraits/DSC_0007.jpg" in web size: the names must still be unique.
        album.add("Portraits/DSC_0007.jpg", 12_345);
        album.add("Film/first-dance.mp4", 150_000).add("Documents/contract.pdf", 20_000);
        return album;
    }

    /** What each original contributes to the web-size archive, as the build plans it from the renditions. */
    private static TestAlbum webSize(TestAlbum originals) {
        TestAlbum web = new TestAlbum();
        for (SourceFile photo : originals.files()) {
            switch (FileTypes.kind(photo.relativePath()).orElseThrow()) {
                case IMAGE -> web.add(new SourceFile(PreviewKeys.web(ALBUM_ID, photo.relativePath()),
                        WebRendition.renditionPath(photo.relativePath()), photo.size() / 4, photo.lastModified()));
                case VIDEO, DOCUMENT -> web.add(photo);
                case RAW -> { }
            }
        }
        return web;
    }

    @TestFactory
    Stream<DynamicNode> aWebSizeArchiveInPartsIsReadByEveryReader() throws IOException {
        TestAlbum album = webSize(originals());
        FileArchiveTarget bucket = new FileArchiveTarget(directory, BuiltArchive.CONFIG.partSizeBytes());
        ArchivePipeline pipeline = new ArchivePipeline(new SyntheticPhotos(album), bucket, BuiltArchive.CONFIG);
        List<BuiltArchive> parts = new ArrayList<>();
        for (ZipLayout layout : LayoutPlanner.planParts(album.files(), LIMIT)) {
            List<String> etags = layout.entries().stream().map(entry -> album.etag(entry.source())).toList();
            String key = PartKeys.keyOf(ALBUM_ID, layout, etags, PhotoSize.WEB);
            assertTrue(!key.equals(PartKeys.keyOf(ALBUM_ID, layout, etags)), "a web-size part is named apart from an original");
            pipeline.build(layout, etags, key, new BuildMonitor(layout.entries().size(), layout.totalSize()));
            parts.add(new BuiltArchive(bucket.file(key), layout, album));
        }
        List<String> names = parts.stream().flatMap(p -> p.names().stream()).toList();

        Stream<DynamicNode> together = Stream.of(
                dynamicTest("several parts, each within the limit", () -> {
                    assertTrue(parts.size() >= 2, parts.size() + " parts");
                    for (BuiltArchive part : parts) assertTrue(Files.size(part.file()) <= LIMIT, part.file().toString());
                }),
                dynamicTest("every web-size file once, under a name of its own, RAW files left out", () -> {
                    assertEquals(album.files().size(), names.size());
                    Set<String> folded = new HashSet<>();
                    names.forEach(n -> assertTrue(folded.add(n.toLowerCase(java.util.Locale.ROOT)), "twice: " + n));
                    assertTrue(names.stream().noneMatch(n -> n.endsWith(".CR2") || n.endsWith(".png") || n.endsWith(".HEIC")), names.toString());
                }),
                dynamicTest("renditions keep the photos' names and folders, with .jpg", () -> {
                    assertTrue(names.contains("Ceremony/IMG_0000.jpg"));
                    assertTrue(names.contains("Portraits/DSC_0042.jpg"));
                    assertTrue(names.contains("Phone/IMG_0049.jpg"));
                    assertTrue(names.contains("Film/first-dance.mp4") && names.contains("Documents/contract.pdf"));
                    assertEquals(2, names.stream().filter(n -> n.startsWith("Portraits/DSC_0007")).count(), "the twins, apart");
                }));
        Stream<DynamicNode> eachPart = IntStream.range(0, parts.size()).mapToObj(i -> dynamicContainer(
                "web-size part " + (i + 1) + " of " + parts.size(), ZipReadersTest.readBack(parts.get(i), parts.get(i).names())));
        return Stream.concat(together, eachPart);
    }
}

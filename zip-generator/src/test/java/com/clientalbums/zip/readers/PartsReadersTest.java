package com.clientalbums.zip.readers;

import com.clientalbums.zip.build.PartKeys;
import com.clientalbums.zip.layout.LayoutPlanner;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * An album cut into parts, each part built by the production pipeline under its {@link PartKeys} key and
 * read back by every reader as an archive of its own; together the parts are the album's one archive,
 * entry for entry.
 */
class PartsReadersTest {

    private static final String ALBUM_ID = "wedding-2024";
    /** 1,000 photos of 1–40 KB (about 20 MB), cut at 4 MB: ten parts or so, read in seconds. */
    private static final long LIMIT = 4_000_000;

    private static Path directory;

    @BeforeAll
    static void createDirectory() throws IOException {
        directory = WorkDirectory.create("zip-parts");
    }

    @AfterAll
    static void deleteDirectory() throws IOException {
        WorkDirectory.delete(directory);
    }

    private static TestAlbum thousandPhotos() {
        Random sizes = new Random(1_000);
        TestAlbum album = new TestAlbum();
        List<String> folders = List.of("Ceremony", "Getting ready", "Portraits", "Reception");
        for (int i = 0; i < 1_000; i++) {
            album.add(String.format("%s/IMG_%04d.jpg", folders.get(i / 250), i), 1_000 + sizes.nextInt(39_000));
        }
        // Twins by case across the album: their names must stay unique across parts, not only within one.
        album.add("ceremony/img_0100.JPG", 12_345).add("RECEPTION/IMG_0990.jpg", 23_456);
        return album;
    }

    private static BuiltArchive build(TestAlbum album, ZipLayout layout, ArchivePipeline pipeline,
                                      FileArchiveTarget bucket) throws IOException {
        List<String> etags = layout.entries().stream().map(entry -> album.etag(entry.source())).toList();
        String key = PartKeys.keyOf(ALBUM_ID, layout, etags);
        ArchivePipeline.Result result = pipeline.build(layout, etags, key,
                new BuildMonitor(layout.entries().size(), layout.totalSize()));
        assertEquals(layout.totalSize(), result.archiveSize(), "archive size the pipeline reports");
        return new BuiltArchive(bucket.file(key), layout, album);
    }

    @TestFactory
    Stream<DynamicNode> aThousandPhotosInPartsEachReadByEveryReader() throws IOException {
        TestAlbum album = thousandPhotos();
        FileArchiveTarget bucket = new FileArchiveTarget(directory, BuiltArchive.CONFIG.partSizeBytes());
        ArchivePipeline pipeline = new ArchivePipeline(new SyntheticPhotos(album), bucket, BuiltArchive.CONFIG);
        List<BuiltArchive> parts = new ArrayList<>();
        for (ZipLayout layout : LayoutPlanner.planParts(album.files(), LIMIT)) {
            parts.add(build(album, layout, pipeline, bucket));
        }
        BuiltArchive whole = build(album, LayoutPlanner.plan(album.files()), pipeline, bucket);

        Stream<DynamicNode> together = Stream.of(
                dynamicTest("at least five parts, each within the limit", () -> {
                    assertTrue(parts.size() >= 5, parts.size() + " parts");
                    for (BuiltArchive part : parts) {
                        assertTrue(Files.size(part.file()) <= LIMIT, part.file() + ": " + Files.size(part.file()));
                    }
                }),
                dynamicTest("every photo exactly once, under its name in the one archive", () -> {
                    Map<String, String> nameByKey = nameByKey(whole.layout());
                    List<ZipLayout.Entry> entries = parts.stream()
                            .flatMap(part -> part.layout().entries().stream()).toList();
                    assertEquals(album.files().size(), entries.size());
                    assertEquals(nameByKey, entries.stream().collect(
                            Collectors.toMap(entry -> entry.source().key(), ZipLayout.Entry::name)));
                }),
                dynamicTest("each photo's bytes in its part are those of the one archive", () -> {
                    byte[] wholeBytes = Files.readAllBytes(whole.file());
                    Map<String, ZipLayout.Entry> inWhole = whole.layout().entries().stream()
                            .collect(Collectors.toMap(ZipLayout.Entry::name, Function.identity()));
                    for (BuiltArchive part : parts) {
                        byte[] partBytes = Files.readAllBytes(part.file());
                        for (ZipLayout.Entry entry : part.layout().entries()) {
                            ZipLayout.Entry same = inWhole.get(entry.name());
                            assertArrayEquals(range(wholeBytes, same), range(partBytes, entry), entry.name());
                        }
                    }
                }));
        Stream<DynamicNode> eachPart = IntStream.range(0, parts.size()).mapToObj(i -> dynamicContainer(
                "part " + (i + 1) + " of " + parts.size(),
                ZipReadersTest.readBack(parts.get(i), parts.get(i).names())));
        return Stream.concat(together, eachPart);
    }

    private static Map<String, String> nameByKey(ZipLayout layout) {
        Map<String, String> names = new HashMap<>();
        layout.entries().forEach(entry -> names.put(entry.source().key(), entry.name()));
        return names;
    }

    /** An entry's local header and content. */
    private static byte[] range(byte[] archive, ZipLayout.Entry entry) {
        return Arrays.copyOfRange(archive, Math.toIntExact(entry.headerOffset()),
                Math.toIntExact(entry.dataOffset() + entry.size()));
    }
}

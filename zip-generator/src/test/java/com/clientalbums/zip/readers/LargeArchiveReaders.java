package com.clientalbums.zip.readers;

import com.clientalbums.zip.layout.LayoutPlanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An archive past 4 GiB, where ZIP64 becomes necessary, built by the pipeline and read back by every
 * reader. The synthetic content costs no memory and the pipeline holds only its small budget, but ZipFile,
 * 7z and unzip need a seekable file, so the pipeline's parts are written once into a file under target/
 * (when the disk has room) and deleted after the class. The streaming readers still read it as a stream
 * (ZipInputStream, ZipArchiveInputStream, bsdtar from its standard input).
 */
@Tag("large")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LargeArchiveReaders {

    static final long GIB = 1L << 30;
    static final long MIB = 1L << 20;

    private Path directory;
    private ExecutorService readers;
    private final Map<Reader, Future<?>> verifications = new EnumMap<>(Reader.class);
    BuiltArchive archive;

    abstract TestAlbum album();

    abstract List<String> expectedNames();

    @BeforeAll
    void buildArchive() throws IOException {
        TestAlbum album = album();
        directory = WorkDirectory.create(getClass().getSimpleName());
        requireRoom(directory, LayoutPlanner.plan(album.files()).totalSize());
        archive = BuiltArchive.build(album, directory, "large.zip");
        // Two readers at a time, unzip first: its byte-at-a-time CRC pass (~25 s) overlaps all the others.
        readers = Executors.newFixedThreadPool(2);
        Stream.concat(Stream.of(Reader.INFO_ZIP_UNZIP), Arrays.stream(Reader.values()))
                .distinct()
                .forEach(reader -> verifications.put(reader, readers.submit(() -> {
                    reader.verify(archive);
                    return null;
                })));
    }

    @AfterAll
    void deleteArchive() throws IOException, InterruptedException {
        if (readers != null) {
            readers.shutdownNow();
            readers.awaitTermination(1, TimeUnit.MINUTES);
        }
        WorkDirectory.delete(directory);
    }

    @Test
    void entryNamesAndOrder() {
        assertEquals(expectedNames(), archive.names());
    }

    @Test
    void byteLayout() throws IOException {
        ZipStructure.assertValid(archive);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Reader.class)
    void readBack(Reader reader) throws Throwable {
        try {
            verifications.get(reader).get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    private static void requireRoom(Path directory, long archiveSize) throws IOException {
        long margin = 512 * MIB;
        long usable = Files.getFileStore(directory).getUsableSpace();
        if (usable >= archiveSize + margin) {
            return;
        }
        String message = String.format("%,d bytes free under %s, a %,d-byte archive needs %,d",
                usable, directory, archiveSize, archiveSize + margin);
        if (System.getenv("CI") != null) {
            fail(message);
        }
        Assumptions.abort(message + "; skipping the archive of 4 GiB and more");
    }
}

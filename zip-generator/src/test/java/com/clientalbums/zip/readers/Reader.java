package com.clientalbums.zip.readers;

import com.clientalbums.zip.layout.ZipLayout;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The independent readers every archive must satisfy. Those reading the central directory (ZipFile,
 * 7z, unzip) and those streaming local headers (ZipInputStream, ZipArchiveInputStream, bsdtar on a
 * pipe) take different paths through the format, and each must find every name, size and byte.
 */
enum Reader {

    JAVA_ZIP_FILE("java.util.zip.ZipFile") {
        @Override
        void verify(BuiltArchive archive) throws IOException {
            try (ZipFile zip = new ZipFile(archive.file().toFile(), StandardCharsets.UTF_8)) {
                List<? extends ZipEntry> found = Collections.list(zip.entries());
                assertEquals(archive.names(), found.stream().map(ZipEntry::getName).toList());
                for (int i = 0; i < found.size(); i++) {
                    ZipEntry entry = found.get(i);
                    ZipLayout.Entry planned = archive.layout().entries().get(i);
                    assertEquals(ZipEntry.STORED, entry.getMethod(), planned.name());
                    assertEquals(planned.size(), entry.getSize(), planned.name());
                    ArchiveTimes.assertReported(planned.source().lastModified(), entry.getLastModifiedTime(), planned.name());
                    try (InputStream in = zip.getInputStream(entry)) {
                        SameBytes.assertSameBytes(archive.content(planned), in, planned.name());
                    }
                }
            }
        }
    },

    JAVA_ZIP_INPUT_STREAM("java.util.zip.ZipInputStream") {
        @Override
        void verify(BuiltArchive archive) throws IOException {
            try (ZipInputStream zip = new ZipInputStream(stream(archive), StandardCharsets.UTF_8)) {
                for (ZipLayout.Entry planned : archive.layout().entries()) {
                    ZipEntry entry = zip.getNextEntry();
                    assertNotNull(entry, "missing " + planned.name());
                    assertEquals(planned.name(), entry.getName());
                    assertEquals(planned.size(), entry.getSize(), planned.name());
                    ArchiveTimes.assertReported(planned.source().lastModified(), entry.getLastModifiedTime(),
                            planned.name());
                    SameBytes.assertSameBytes(archive.content(planned), zip, planned.name());
                }
                assertNull(zip.getNextEntry());
            }
        }
    },

    COMMONS_ZIP_FILE("Commons Compress ZipFile") {
        @Override
        void verify(BuiltArchive archive) throws IOException {
            try (var zip = org.apache.commons.compress.archivers.zip.ZipFile.builder()
                    .setPath(archive.file()).get()) {
                List<ZipArchiveEntry> found = Collections.list(zip.getEntries());
                assertEquals(archive.names(), found.stream().map(ZipArchiveEntry::getName).toList());
                for (int i = 0; i < found.size(); i++) {
                    ZipArchiveEntry entry = found.get(i);
                    ZipLayout.Entry planned = archive.layout().entries().get(i);
                    assertTrue(entry.getGeneralPurposeBit().usesUTF8ForNames(), planned.name());
                    assertFalse(entry.getGeneralPurposeBit().usesDataDescriptor(), planned.name());
                    assertEquals(ZipEntry.STORED, entry.getMethod(), planned.name());
                    assertEquals(planned.size(), entry.getSize(), planned.name());
                    ArchiveTimes.assertReported(planned.source().lastModified(), entry.getLastModifiedTime(), planned.name());
                    assertEquals(planned.dataOffset(), entry.getDataOffset(), planned.name());
                    try (InputStream in = zip.getInputStream(entry)) {
                        SameBytes.assertSameBytes(archive.content(planned), in, planned.name());
                    }
                }
            }
        }
    },

    COMMONS_ZIP_ARCHIVE_INPUT_STREAM("Commons Compress ZipArchiveInputStream") {
        @Override
        void verify(BuiltArchive archive) throws IOException {
            try (ZipArchiveInputStream zip = new ZipArchiveInputStream(stream(archive))) {
                for (ZipLayout.Entry planned : archive.layout().entries()) {
                    ZipArchiveEntry entry = zip.getNextEntry();
                    assertNotNull(entry, "missing " + planned.name());
                    assertEquals(planned.name(), entry.getName());
                    assertEquals(planned.size(), entry.getSize(), planned.name());
                    ArchiveTimes.assertReported(planned.source().lastModified(), entry.getLastModifiedTime(),
                            planned.name());
                    SameBytes.assertSameBytes(archive.content(planned), zip, planned.name());
                }
                assertNull(zip.getNextEntry());
            }
        }
    },

    INFO_ZIP_UNZIP("unzip -t") {
        private final CommandLineTool unzip = new CommandLineTool("unzip", "unzip");

        @Override
        void verify(BuiltArchive archive) throws IOException, InterruptedException {
            String path = archive.file().toString();
            String test = unzip.output(null, "-t", path);
            assertTrue(test.contains("No errors detected in compressed data"), tail(test));
            assertEquals(archive.names(), lines(unzip.output(null, "-Z1", path)));
            List<String> listing = lines(unzip.output(null, "-Zs", "-T", path));
            List<ZipLayout.Entry> entries = archive.layout().entries();
            // zipinfo: two header lines, a line per entry, the totals.
            assertEquals(entries.size() + 3, listing.size(), "zipinfo lines");
            for (int i = 0; i < entries.size(); i++) {
                assertEquals(zipinfoLine(entries.get(i)), listing.get(i + 2).replaceFirst(
                        "^(\\S+) +(\\S+) +(\\S+) +(\\d+) +(\\S+) +(\\S+) +(\\S+) ", "$1 $2 $3 $4 $5 $6 $7 "));
            }
            // unzip checks CRCs a byte at a time (~300 MB/s here): past 1 GiB its CRC test above, against
            // CRCs computed from the sources, stands in for a second, byte-for-byte pass.
            if (archive.layout().totalSize() < 1L << 30) {
                unzip.run(null, out -> SameBytes.assertSameBytes(archive.allContent(), out, "unzip -p"),
                        "-p", path);
            }
        }
    },

    SEVEN_ZIP("7z t") {
        private final CommandLineTool sevenZip = new CommandLineTool("7z", "p7zip-full");

        @Override
        void verify(BuiltArchive archive) throws IOException, InterruptedException {
            String path = archive.file().toString();
            String test = sevenZip.output(null, "t", path);
            assertTrue(test.contains("Everything is Ok"), tail(test));
            List<String> technical = lines(sevenZip.output(null, "l", "-slt", "-ba", path));
            assertEquals(archive.names(), property(technical, "Path = "));
            assertEquals(archive.layout().entries().stream()
                            .map(entry -> SEVEN_ZIP_TIME.format(ArchiveTimes.shown(entry.source().lastModified())))
                            .toList(),
                    property(technical, "Modified = "));
            sevenZip.run(null, out -> SameBytes.assertSameBytes(archive.allContent(), out, "7z x -so"),
                    "x", "-so", path);
        }
    },

    BSDTAR("bsdtar -tvf") {
        private final CommandLineTool bsdtar = new CommandLineTool("bsdtar", "libarchive-tools");

        @Override
        void verify(BuiltArchive archive) throws IOException, InterruptedException {
            // From a pipe libarchive reads local headers only; from a file it uses the central directory.
            List<String> listing = lines(bsdtar.output(archive.file(), "-tvf", "-"));
            assertEquals(archive.names().size(), listing.size(), "entries listed");
            for (int i = 0; i < listing.size(); i++) {
                ZipLayout.Entry planned = archive.layout().entries().get(i);
                String line = listing.get(i);
                assertTrue(line.startsWith("-rw-r--r--") && line.endsWith(" " + planned.name())
                        && line.contains(" " + planned.size() + " "), line);
            }
            assertEquals(archive.names(), lines(bsdtar.output(null, "-tf", archive.file().toString())));
            bsdtar.run(archive.file(), out -> SameBytes.assertSameBytes(archive.allContent(), out, "bsdtar -xO"),
                    "-xOf", "-");
        }
    };

    private final String displayName;

    Reader(String displayName) {
        this.displayName = displayName;
    }

    abstract void verify(BuiltArchive archive) throws Exception;

    String displayName() {
        return displayName;
    }

    private static InputStream stream(BuiltArchive archive) throws IOException {
        return new BufferedInputStream(Files.newInputStream(archive.file()), 1 << 16);
    }

    /**
     * What zipinfo must say of an entry, single-spaced: made by Unix as zip 2.0 (4.5 with ZIP64 fields),
     * rw-r--r--, binary with an extra field ("x") when UT or ZIP64 is there but never a data descriptor
     * ("l" or "X"), stored, and the time every reader should show.
     */
    private static String zipinfoLine(ZipLayout.Entry entry) {
        boolean zip64 = entry.size() >= 0xFFFFFFFFL || entry.headerOffset() >= 0xFFFFFFFFL;
        Instant modified = entry.source().lastModified();
        return String.format("-rw-r--r-- %s unx %d b%s stor %s %s", zip64 ? "4.5" : "2.0", entry.size(),
                ArchiveTimes.hasUnixTime(modified) || zip64 ? "x" : "-",
                ZIPINFO_TIME.format(ArchiveTimes.shown(modified)), entry.name());
    }

    private static final DateTimeFormatter ZIPINFO_TIME = DateTimeFormatter.ofPattern("yyyyMMdd.HHmmss");
    private static final DateTimeFormatter SEVEN_ZIP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The values of one property in a listing of {@code Key = value} lines. */
    private static List<String> property(List<String> listing, String key) {
        return listing.stream().filter(line -> line.startsWith(key)).map(line -> line.substring(key.length())).toList();
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 2000));
    }
}

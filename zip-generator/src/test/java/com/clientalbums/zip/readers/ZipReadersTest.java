package com.clientalbums.zip.readers;

import com.clientalbums.zip.layout.SourceFile;
import com.clientalbums.common.error.EmptyAlbumException;
import com.clientalbums.zip.layout.ZipLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every layout case, archived by the production pipeline and then read back by all the {@link Reader}s
 * and checked record by record by {@link ZipStructure}. The archives of 4 GiB and more have their own
 * classes.
 */
class ZipReadersTest {

    private static Path directory;

    @BeforeAll
    static void createDirectory() throws IOException {
        directory = WorkDirectory.create("zip-readers");
    }

    @AfterAll
    static void deleteDirectory() throws IOException {
        WorkDirectory.delete(directory);
    }

    /** What the readers suite runs for one case: the names the planner chose, the bytes, each reader. */
    static Stream<DynamicTest> readBack(BuiltArchive archive, List<String> expectedNames) {
        return Stream.concat(
                Stream.of(
                        dynamicTest("entry names", () -> assertEquals(expectedNames, archive.names())),
                        dynamicTest("byte layout", () -> ZipStructure.assertValid(archive))),
                Arrays.stream(Reader.values())
                        .map(reader -> dynamicTest(reader.displayName(), () -> reader.verify(archive))));
    }

    private static Stream<DynamicTest> readBack(String caseName, TestAlbum album, List<String> expectedNames)
            throws IOException {
        return readBack(BuiltArchive.build(album, directory, caseName + ".zip"), expectedNames);
    }

    @Test
    void emptyAlbumGivesAClearErrorAndNoArchive() throws IOException {
        EmptyAlbumException error = assertThrows(EmptyAlbumException.class,
                () -> BuiltArchive.build(new TestAlbum(), directory, "empty.zip"));
        assertTrue(error.getMessage().startsWith("Album has nothing to archive: 0 file(s) listed"),
                error.getMessage());
        assertNothingWritten("empty.zip");
    }

    @Test
    void albumOfHiddenFilesOnlyGivesAClearErrorAndNoArchive() throws IOException {
        TestAlbum album = new TestAlbum().add(".DS_Store", 6148).add("Thumbs.db", 1024).add("Ceremony/", 0);
        EmptyAlbumException error = assertThrows(EmptyAlbumException.class,
                () -> BuiltArchive.build(album, directory, "hidden-only.zip"));
        assertTrue(error.getMessage().startsWith("Album has nothing to archive: 3 file(s) listed"),
                error.getMessage());
        assertNothingWritten("hidden-only.zip");
    }

    private static void assertNothingWritten(String name) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(), files.filter(file -> file.getFileName().toString().startsWith(name)).toList());
        }
    }

    @TestFactory
    Stream<DynamicTest> zeroBytePhoto() throws IOException {
        TestAlbum album = new TestAlbum().add("empty.jpg", 0).add("IMG_0001.jpg", 1234);
        return readBack("zero-byte", album, List.of("empty.jpg", "IMG_0001.jpg"));
    }

    @TestFactory
    Stream<DynamicTest> onlyAZeroBytePhoto() throws IOException {
        return readBack("only-zero-byte", new TestAlbum().add("empty.jpg", 0), List.of("empty.jpg"));
    }

    @TestFactory
    Stream<DynamicTest> unicodeAndEmojiNamesInNfdBecomeNfc() throws IOException {
        TestAlbum album = new TestAlbum()
                .add("Cafe\u0301/Cre\u0300me bru\u0302le\u0301e.jpg", 2000)
                .add("Cafe\u0301/menu.jpg", 2100)
                .add("Caf\u00e9/menu.jpg", 2200) // the same name already in NFC: a collision
                .add("\u7d50\u5a5a\u5f0f/\u30ab\u3099\u30fc\u30c6\u3099\u30f3.jpg", 2300)
                .add("\u1112\u1161\u11ab\u1100\u1173\u11af.jpg", 2400)
                .add("\ud83c\udf89 Party/\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 family.jpg", 2500)
                .add("Flags \ud83c\uddef\ud83c\uddf5\ud83c\uddeb\ud83c\uddf7.png", 2600)
                .add("thumbs \ud83d\udc4d\ud83c\udffd.heic", 2700);
        return readBack("unicode", album, List.of(
                "Caf\u00e9/Cr\u00e8me br\u00fbl\u00e9e.jpg",
                "Caf\u00e9/menu.jpg",
                "Caf\u00e9/menu (2).jpg",
                "Flags \ud83c\uddef\ud83c\uddf5\ud83c\uddeb\ud83c\uddf7.png",
                "thumbs \ud83d\udc4d\ud83c\udffd.heic",
                "\u7d50\u5a5a\u5f0f/\u30ac\u30fc\u30c7\u30f3.jpg",
                "\ud55c\uae00.jpg",
                "\ud83c\udf89 Party/\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 family.jpg"));
    }

    /**
     * A right-to-left override shows {@code a\u202egpj.exe} as "aexe.jpg"; invisible characters make
     * two names that look alike. The joiner inside an emoji sequence and the tags of a subdivision flag
     * are what draw the emoji, so they stay.
     */
    @TestFactory
    Stream<DynamicTest> bidiControlsAndInvisibleCharactersAreRemoved() throws IOException {
        TestAlbum album = new TestAlbum()
                .add("a\u202egpj.exe", 3000)
                .add("\u2067Ceremony\u2069/\u200eIMG\u200b_1.jpg", 3100)
                .add("Ceremony/IMG_1.jpg", 3200) // looks the same once the invisible characters are gone
                .add("soft\u00adhyphen\u2060word\ufeff.jpg", 3300)
                .add("e\u200b\u0301clair.jpg", 3400) // the accent joins the e once the space between is gone
                .add("\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 family.jpg", 3500)
                .add("\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc65\udb40\udc6e\udb40\udc67\udb40\udc7f England.jpg", 3600);
        return readBack("invisible", album, List.of(
                "agpj.exe",
                "Ceremony/IMG_1.jpg",
                "Ceremony/IMG_1 (2).jpg",
                "softhyphenword.jpg",
                "\u00e9clair.jpg",
                "\ud83c\udff4\udb40\udc67\udb40\udc62\udb40\udc65\udb40\udc6e\udb40\udc67\udb40\udc7f England.jpg",
                "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 family.jpg"));
    }

    /**
     * DOS time has 2-second resolution and the years 1980–2107, the UT field whole seconds from 1970 to
     * 2038 (as every reader understands it): each reader must show the UT time where there is one and the
     * DOS time elsewhere.
     */
    @TestFactory
    Stream<DynamicTest> modificationTimesAtTheEdgesOfTheirFields() throws IOException {
        TestAlbum album = new TestAlbum()
                .add("a odd second.jpg", 10, Instant.parse("2024-06-15T14:30:07.900Z"))
                .add("b scanned in 1975.jpg", 11, Instant.parse("1975-03-01T10:00:00Z"))
                .add("c first UT second.jpg", 12, Instant.EPOCH)
                .add("d last UT second.jpg", 13, Instant.ofEpochSecond(Integer.MAX_VALUE))
                .add("e after 2038.jpg", 14, Instant.parse("2040-02-29T23:59:59Z"))
                .add("f after 2107.jpg", 15, Instant.parse("2200-01-01T00:00:00Z"))
                .add("g before 1970.jpg", 16, Instant.parse("1969-12-31T23:59:59Z"))
                .add("h before 1901.jpg", 17, Instant.parse("1900-01-01T00:00:00Z"));
        List<String> names = album.files().stream().map(SourceFile::relativePath).toList();
        assertEquals(4, album.files().stream().filter(f -> !ArchiveTimes.hasUnixTime(f.lastModified())).count());
        return readBack("times", album, names);
    }

    @TestFactory
    Stream<DynamicTest> namesCollidingByCase() throws IOException {
        TestAlbum album = new TestAlbum()
                .add("IMG_1.jpg", 100)
                .add("img_1.jpg", 101)
                .add("IMG_1.JPG", 102)
                .add("IMG_1 (2).jpg", 103) // a real name that a renamed file must not take
                .add("Ceremony/a.jpg", 104)
                .add("ceremony/A.jpg", 105)
                .add("CEREMONY/b.jpg", 106)
                .add("Reception", 107) // a file named like a folder
                .add("reception/IMG_9.jpg", 108);
        return readBack("case-collisions", album, List.of(
                "Ceremony/a.jpg",
                "Ceremony/A (2).jpg",
                "Ceremony/b.jpg",
                "IMG_1 (2).jpg",
                "IMG_1.JPG",
                "IMG_1 (3).jpg",
                "img_1 (4).jpg",
                "Reception (2)",
                "reception/IMG_9.jpg"));
    }

    @TestFactory
    Stream<DynamicTest> windowsIllegalNames() throws IOException {
        TestAlbum album = new TestAlbum()
                .add("a<b>c:d\"e\\f|g?h*i.jpg", 10)
                .add("tab\tand\u0007bell.jpg", 11)
                .add("trailing dots... ", 12)
                .add("Ceremony. /first dance.jpg", 13)
                .add("CON.jpg", 14)
                .add("nul", 15)
                .add("Com1.tar.gz", 16)
                .add("LPT\u00b9.png", 17)
                .add("aux /photo.jpg", 18)
                .add("CONSOLE.jpg", 19)
                .add("what?.jpg", 20)
                .add("what*.jpg", 21);
        return readBack("windows-illegal", album, List.of(
                "_aux/photo.jpg",
                "_Com1.tar.gz",
                "_CON.jpg",
                "_LPT\u00b9.png",
                "_nul",
                "a_b_c_d_e_f_g_h_i.jpg",
                "Ceremony/first dance.jpg",
                "CONSOLE.jpg",
                "tab_and_bell.jpg",
                "trailing dots",
                "what_.jpg",
                "what_ (2).jpg"));
    }

    @TestFactory
    Stream<DynamicTest> namesOf255Bytes() throws IOException {
        String family = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67"; // 18 bytes, one grapheme
        TestAlbum album = new TestAlbum()
                .add("a".repeat(300) + ".jpg", 30)
                .add("b".repeat(251) + ".jpg", 31)
                .add("c".repeat(300) + "1.jpg", 32)
                .add("c".repeat(300) + "2.jpg", 33)
                .add("F".repeat(300) + "/x.jpg", 34)
                .add("\u3042".repeat(100) + ".jpeg", 35)
                .add(family.repeat(20) + ".png", 36);
        List<String> expected = List.of(
                "a".repeat(251) + ".jpg",
                "b".repeat(251) + ".jpg",
                "c".repeat(251) + ".jpg",
                "c".repeat(247) + " (2).jpg",
                "F".repeat(255) + "/x.jpg",
                "\u3042".repeat(83) + ".jpeg",
                family.repeat(13) + ".png");
        for (String name : expected) {
            for (String component : name.split("/")) {
                assertTrue(component.getBytes(StandardCharsets.UTF_8).length <= 255, component);
            }
        }
        return readBack("long-names", album, expected);
    }

    @TestFactory
    Stream<DynamicTest> deepFolders() throws IOException {
        String deep = IntStream.rangeClosed(1, 50).mapToObj(level -> String.format("Level %02d", level))
                .collect(Collectors.joining("/"));
        TestAlbum album = new TestAlbum()
                .add("Level 01/shallow.jpg", 40)
                .add(deep + "/deep.jpg", 41)
                .add("Level 01/Level 02/mid.jpg", 42);
        return readBack("deep-folders", album,
                List.of(deep + "/deep.jpg", "Level 01/Level 02/mid.jpg", "Level 01/shallow.jpg"));
    }

    @TestFactory
    Stream<DynamicTest> hiddenAndSystemFilesAreLeftOut() throws IOException {
        TestAlbum album = new TestAlbum()
                .add(".DS_Store", 6148)
                .add("Ceremony/.DS_Store", 6148)
                .add(".keep", 0)
                .add("Ceremony/", 0) // a folder marker
                .add("Ceremony/IMG_1.jpg", 50)
                .add("Ceremony/Thumbs.db", 51)
                .add("desktop.ini", 52)
                .add("ehthumbs.db", 53)
                .add("Icon\r", 0)
                .add("__MACOSX/Ceremony/._IMG_1.jpg", 54)
                .add(".hidden/IMG_3.jpg", 55)
                .add("Reception/../IMG_4.jpg", 56)
                .add("Reception/IMG_2.jpg", 57);
        return readBack("hidden", album, List.of("Ceremony/IMG_1.jpg", "Reception/IMG_2.jpg"));
    }

    @TestFactory
    Stream<DynamicTest> sameInputGivesTheSameBytes() throws IOException {
        // Spellings that collide by case and by normalization, so the renaming order matters too.
        List<String> spellings = List.of("Ceremony/IMG_%d.jpg", "ceremony/img_%d.JPG", "Caf\u00e9/IMG_%d.jpg",
                "Cafe\u0301/IMG_%d.jpg");
        TestAlbum album = new TestAlbum();
        for (int i = 0; i < 40; i++) {
            album.add(String.format(spellings.get(i % 4), i / 4), 1000 + i);
        }
        BuiltArchive first = BuiltArchive.build(album, directory, "determinism-1.zip");
        BuiltArchive again = BuiltArchive.build(album, directory, "determinism-2.zip");
        BuiltArchive shuffled = BuiltArchive.build(album.shuffled(42), directory, "determinism-3.zip");
        List<String> names = first.names();
        return Stream.concat(
                Stream.of(
                        dynamicTest("written twice: identical bytes",
                                () -> assertEquals(-1, Files.mismatch(first.file(), again.file()))),
                        dynamicTest("listed in another order: identical bytes",
                                () -> assertEquals(-1, Files.mismatch(first.file(), shuffled.file())))),
                readBack(first, names));
    }

    @TestFactory
    Stream<DynamicTest> seventyThousandEntries() throws IOException {
        TestAlbum album = new TestAlbum();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            String name = String.format("Folder %03d/IMG_%05d.jpg", i / 700, i);
            album.add(name, i % 64);
            expected.add(name);
        }
        return readBack("70000-entries", album, expected);
    }

    /** Shows the suite can fail: each reader must reject one flipped byte in the middle of a photo. */
    @TestFactory
    Stream<DynamicTest> everyReaderNoticesACorruptedByte() throws IOException {
        TestAlbum album = new TestAlbum().add("IMG_0001.jpg", 1000).add("IMG_0002.jpg", 300_000);
        BuiltArchive archive = BuiltArchive.build(album, directory, "corrupted.zip");
        ZipLayout.Entry photo = archive.layout().entries().get(1);
        try (FileChannel file = FileChannel.open(archive.file(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            long position = photo.dataOffset() + photo.size() / 2;
            file.read(one, position);
            one.put(0, (byte) ~one.get(0));
            file.write(one.rewind(), position);
        }
        return Arrays.stream(Reader.values()).map(reader -> dynamicTest(reader.displayName(), () -> {
            try {
                reader.verify(archive);
            } catch (TestAbortedException missingTool) {
                throw missingTool;
            } catch (AssertionError | Exception expected) {
                return;
            }
            fail(reader.displayName() + " accepted an archive with a corrupted byte");
        }));
    }
}

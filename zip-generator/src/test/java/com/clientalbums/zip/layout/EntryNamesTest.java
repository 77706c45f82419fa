package com.clientalbums.zip.layout;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EntryNamesTest {

    private static final Instant TIME = Instant.parse("2024-06-15T14:30:07Z");

    private static SourceFile file(String relativePath) {
        return new SourceFile("albums/a/photos/" + relativePath, relativePath, 1, TIME);
    }

    private static List<String> names(List<SourceFile> files) {
        return EntryNames.sanitize(files).stream().map(PlannedName::name).toList();
    }

    private static List<String> names(String... relativePaths) {
        return names(Arrays.stream(relativePaths).map(EntryNamesTest::file).toList());
    }

    @Test
    void leavesOutHiddenAndSystemFilesAndFolderMarkers() {
        assertEquals(List.of("Ceremony/IMG_1.jpg"), names(
                ".DS_Store", "Ceremony/.keep", "Thumbs.db", "Ceremony/DESKTOP.INI", "ehthumbs.db", "Icon\r",
                "__MACOSX/Ceremony/._IMG_1.jpg", ".git/config", "Ceremony/../x.jpg", "./x.jpg", "Ceremony/",
                "", "Ceremony/IMG_1.jpg"));
    }

    @Test
    void ignoresEmptyPathComponents() {
        assertEquals(List.of("Ceremony/IMG_1.jpg", "IMG_2.jpg"), names("Ceremony//IMG_1.jpg", "/IMG_2.jpg"));
    }

    @Test
    void normalizesNamesToNfc() {
        assertEquals(List.of("Caf\u00e9/cr\u00e8me.jpg"), names("Cafe\u0301/cre\u0300me.jpg"));
    }

    @Test
    void namesThatDifferOnlyByInvisibleCharactersGetANumber() {
        assertEquals(List.of("Ceremony/IMG_1.jpg", "Ceremony/IMG_1 (2).jpg", "Ceremony/IMG_1 (3).jpg"),
                names("Ceremony/IMG_1.jpg", "Cere\u200bmony/IMG_1.jpg\u202e", "\u2066Ceremony/IMG\u00ad_1.jpg"));
    }

    @Test
    void aNameThatIsHiddenOnceItsInvisibleCharactersAreGoneIsLeftOut() {
        assertEquals(List.of("a.jpg"), names("a.jpg", "\u200b.DS_Store", "\u202e.hidden/b.jpg"));
    }

    @Test
    void sortsByNameIgnoringCaseFirst() {
        assertEquals(List.of("a.jpg", "B.jpg", "c.jpg"), names("c.jpg", "B.jpg", "a.jpg"));
    }

    @Test
    void namesDifferingOnlyByCaseOrNormalizationGetANumber() {
        assertEquals(List.of("Caf\u00e9.jpg", "Caf\u00e9 (2).jpg", "IMG_1.JPG", "IMG_1 (2).jpg", "STRASSE.jpg",
                        "stra\u00dfe (2).jpg"),
                names("IMG_1.jpg", "IMG_1.JPG", "stra\u00dfe.jpg", "STRASSE.jpg", "Caf\u00e9.jpg", "Cafe\u0301.jpg"));
    }

    @Test
    void aRenamedFileNeverTakesAnotherFilesName() {
        assertEquals(List.of("IMG_1 (2).jpg", "IMG_1.jpg", "img_1 (3).jpg"),
                names("img_1.jpg", "IMG_1 (2).jpg", "IMG_1.jpg"));
    }

    @Test
    void foldersDifferingOnlyByCaseBecomeOneFolder() {
        assertEquals(List.of("Ceremony/a.jpg", "Ceremony/A (2).jpg", "Ceremony/b.jpg"),
                names("ceremony/A.jpg", "CEREMONY/b.jpg", "Ceremony/a.jpg"));
    }

    @Test
    void aFileNamedLikeAFolderIsRenamed() {
        assertEquals(List.of("Reception (2)", "reception/IMG_9.jpg"), names("Reception", "reception/IMG_9.jpg"));
    }

    @Test
    void theSameKeysInAnyOrderGiveTheSameNames() {
        List<SourceFile> files = new ArrayList<>();
        for (String spelling : List.of("IMG_%d.jpg", "img_%d.JPG", "Caf\u00e9/IMG_%d.jpg", "Cafe\u0301/img_%d.jpg")) {
            IntStream.range(0, 20).forEach(i -> files.add(file(String.format(spelling, i))));
        }
        List<String> expected = names(files);
        Random random = new Random(7);
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(files, random);
            assertEquals(expected, names(files));
        }
    }

    @Test
    void thousandsOfIdenticalNamesAreNumberedInOrder() {
        List<SourceFile> files = IntStream.range(0, 5000)
                .mapToObj(i -> new SourceFile("albums/" + i + "/photos/IMG.jpg", "IMG.jpg", 1, TIME))
                .toList();
        List<String> names = names(files);
        assertEquals(5000, new HashSet<>(names).size());
        assertEquals("IMG.jpg", names.getFirst());
        assertEquals("IMG (5000).jpg", names.getLast());
    }
}

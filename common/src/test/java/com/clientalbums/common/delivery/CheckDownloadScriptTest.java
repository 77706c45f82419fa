package com.clientalbums.common.delivery;

import com.clientalbums.testing.SharedRules;
import com.clientalbums.testing.StoredZips;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * {@code scripts/check-download.py} run by the real {@code python3} on a folder unzipped from a real
 * archive, against the manifest the receipt route serves ({@link SfvManifest} of the part's
 * {@link PartDigest}): all there is OK; a flipped byte, a missing file, a file of another size each
 * fail it by name.
 */
class CheckDownloadScriptTest {
    private static final Path SCRIPT = SharedRules.repositoryRoot().resolve("scripts/check-download.py");

    @TempDir
    Path work;
    Path folder;
    Path manifest;

    private record Run(int exit, String stdout, String stderr) {}

    @BeforeEach
    void unzipAnArchiveBesideItsManifest() throws Exception {
        requirePython();
        Map<String, byte[]> photos = PartDigestTest.photos();
        byte[] archive = StoredZips.of(photos);
        PartReceipt receipt = PartDigest.of("zips/smith-wedding/3f9a.zip", new ByteArrayInputStream(archive));
        manifest = work.resolve("Smith Wedding.sfv");
        Files.write(manifest, SfvManifest.of("Smith Wedding", "Smith Wedding.zip", List.of(receipt)));
        folder = Files.createDirectory(work.resolve("Smith Wedding"));
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                Path file = folder.resolve(e.getName());
                Files.createDirectories(file.getParent());
                Files.copy(zip, file);
            }
        }
    }

    @Test
    void aFolderWithEveryFileIntactIsOk() throws Exception {
        Files.writeString(folder.resolve("Thumbs.db"), "not in the archive");

        Run run = check();

        assertEquals(0, run.exit(), run.stdout() + run.stderr());
        assertEquals(List.of("EXTRA Thumbs.db (not in the manifest; not checked)", "OK 3 files"), run.stdout().lines().toList());
    }

    @Test
    void aFlippedByteIsACrcProblem() throws Exception {
        Path photo = folder.resolve("Été/IMG 0002.jpg");
        byte[] bytes = Files.readAllBytes(photo);
        bytes[40_000] ^= 0x10;
        Files.write(photo, bytes);

        Run run = check();

        assertEquals(1, run.exit(), run.stdout() + run.stderr());
        List<String> lines = run.stdout().lines().toList();
        assertEquals(2, lines.size(), run.stdout());
        assertTrue(lines.get(0).startsWith("CRC Été/IMG 0002.jpg: ") && lines.get(0).contains(", expected "), lines.get(0));
        assertEquals("FAILED 1 of 3", lines.get(1));
    }

    @Test
    void aMissingFileAndOneOfAnotherSizeAreEachNamed() throws Exception {
        Files.delete(folder.resolve(";notes.txt"));
        Files.write(folder.resolve("Ceremony/IMG_0001.jpg"), new byte[10]);

        Run run = check();

        assertEquals(1, run.exit(), run.stdout() + run.stderr());
        assertEquals(List.of("SIZE Ceremony/IMG_0001.jpg: 10 bytes, expected 300000", "MISSING ;notes.txt", "FAILED 2 of 3"),
                run.stdout().lines().toList());
    }

    @Test
    void itSaysHowToUseItAndRefusesWhatIsNoManifest() throws Exception {
        Run help = python("--help");
        assertEquals(0, help.exit());
        assertTrue(help.stdout().contains("MANIFEST.sfv") && help.stdout().contains("FOLDER") && help.stdout().contains("cksfv"), help.stdout());

        Path notAManifest = Files.writeString(work.resolve("photo.sfv"), "just some text\n");
        Run refused = python(notAManifest.toString(), folder.toString());
        assertEquals(2, refused.exit(), refused.stdout());
        assertTrue(refused.stderr().contains("line 1"), refused.stderr());
    }

    private Run check() throws Exception {
        return python(manifest.toString(), folder.toString());
    }

    private static Run python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        Path out = Files.createTempFile("check", ".out");
        Path err = Files.createTempFile("check", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("check-download.py did not finish");
        }
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    private static void requirePython() {
        boolean installed = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "python3")));
        if (installed) return;
        String message = "python3 is not installed (Debian package python3)";
        if (System.getenv("CI") != null) fail(message + "; CI must install it");
        abort(message + "; skipping the check script's runs");
    }
}

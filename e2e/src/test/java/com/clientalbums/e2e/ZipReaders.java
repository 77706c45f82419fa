package com.clientalbums.e2e;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A downloaded archive opened by the same independent readers the zip-generator's reader tests
 * use (zip-generator/src/test/java/com/clientalbums/zip/readers/Reader.java): two JDK readers and
 * two Commons Compress readers, central directory and streaming, and unzip, 7z and bsdtar. Those
 * check a planned layout against synthetic content; here the expectation is what S3 holds, so each
 * reader must find exactly the expected names, each with the expected bytes.
 */
enum ZipReaders {

    JAVA_ZIP_FILE {
        @Override
        Map<String, byte[]> read(Path zip) throws IOException {
            Map<String, byte[]> found = new LinkedHashMap<>();
            try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
                for (ZipEntry e : Collections.list(file.entries())) {
                    if (e.isDirectory()) continue;
                    try (InputStream in = file.getInputStream(e)) {
                        found.put(e.getName(), in.readAllBytes());
                    }
                }
            }
            return found;
        }
    },

    JAVA_ZIP_INPUT_STREAM {
        @Override
        Map<String, byte[]> read(Path zip) throws IOException {
            Map<String, byte[]> found = new LinkedHashMap<>();
            try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip)), StandardCharsets.UTF_8)) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    if (!e.isDirectory()) found.put(e.getName(), in.readAllBytes());
                }
            }
            return found;
        }
    },

    COMMONS_ZIP_FILE {
        @Override
        Map<String, byte[]> read(Path zip) throws IOException {
            Map<String, byte[]> found = new LinkedHashMap<>();
            try (var file = org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(zip).get()) {
                for (ZipArchiveEntry e : Collections.list(file.getEntries())) {
                    if (e.isDirectory()) continue;
                    try (InputStream in = file.getInputStream(e)) {
                        found.put(e.getName(), in.readAllBytes());
                    }
                }
            }
            return found;
        }
    },

    COMMONS_ZIP_ARCHIVE_INPUT_STREAM {
        @Override
        Map<String, byte[]> read(Path zip) throws IOException {
            Map<String, byte[]> found = new LinkedHashMap<>();
            try (ZipArchiveInputStream in = new ZipArchiveInputStream(new BufferedInputStream(Files.newInputStream(zip)))) {
                for (ZipArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                    if (!e.isDirectory()) found.put(e.getName(), in.readAllBytes());
                }
            }
            return found;
        }
    },

    /** unzip: tests every CRC, lists the names, then prints each entry by name. */
    UNZIP {
        @Override
        Map<String, byte[]> read(Path zip) throws IOException, InterruptedException {
            String test = text(run("unzip", null, "-t", zip.toString()));
            assertTrue(test.contains("No errors detected in compressed data"), "unzip -t: " + test);
            return eachByName(lines(text(run("unzip", null, "-Z1", zip.toString()))),
                    name -> run("unzip", null, "-p", zip.toString(), name));
        }
    },

    /** 7z: tests the archive, lists it (technical listing), then extracts each entry to stdout. */
    SEVEN_ZIP {
        @Override
        Map<String, byte[]> read(Path zip) throws IOException, InterruptedException {
            String test = text(run("7z", null, "t", zip.toString()));
            assertTrue(test.contains("Everything is Ok"), "7z t: " + test);
            List<String> names = lines(text(run("7z", null, "l", "-slt", "-ba", zip.toString()))).stream()
                    .filter(l -> l.startsWith("Path = ")).map(l -> l.substring("Path = ".length())).toList();
            return eachByName(names, name -> run("7z", null, "x", "-so", zip.toString(), name));
        }
    },

    /** bsdtar from a pipe: libarchive then reads the local headers only, not the central directory. */
    BSDTAR {
        @Override
        Map<String, byte[]> read(Path zip) throws IOException, InterruptedException {
            List<String> names = lines(text(run("bsdtar", zip, "-tf", "-")));
            return eachByName(names, name -> run("bsdtar", zip, "-xOf", "-", name));
        }
    };

    abstract Map<String, byte[]> read(Path zip) throws IOException, InterruptedException;

    /** Every reader finds exactly {@code expected}: the same names, each with the same bytes. */
    static void assertEveryReaderFinds(Path zip, Map<String, byte[]> expected) throws Exception {
        for (ZipReaders reader : values()) {
            Map<String, byte[]> found = new TreeMap<>(reader.read(zip));
            assertEquals(new TreeMap<>(expected).keySet(), found.keySet(), reader + ": the archive's entries");
            for (var entry : expected.entrySet()) {
                assertArrayEquals(entry.getValue(), found.get(entry.getKey()), reader + ": the bytes of " + entry.getKey());
            }
        }
    }

    @FunctionalInterface
    private interface Extract {
        byte[] of(String name) throws IOException, InterruptedException;
    }

    private static Map<String, byte[]> eachByName(List<String> names, Extract extract) throws IOException, InterruptedException {
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (String name : names) {
            if (!name.endsWith("/")) found.put(name, extract.of(name));
        }
        return found;
    }

    /** A tool's stdout; it must be installed (Debian: unzip, p7zip-full, libarchive-tools) and exit 0. */
    private static byte[] run(String tool, Path stdin, String... arguments) throws IOException, InterruptedException {
        boolean installed = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
        if (!installed) fail(tool + " is not installed (Debian packages unzip, p7zip-full, libarchive-tools)");
        List<String> command = new ArrayList<>(List.of(arguments));
        command.addFirst(tool);
        Path stderr = Files.createTempFile(E2e.out(), tool, ".stderr");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile())
                    .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(stdin.toFile()));
            // Names are UTF-8: no tool may convert them to another locale's charset.
            builder.environment().put("LC_ALL", "C.UTF-8");
            builder.environment().put("LANG", "C.UTF-8");
            Process process = builder.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = process.getInputStream()) {
                in.transferTo(out);
            }
            int exit = process.waitFor();
            assertEquals(0, exit, () -> String.join(" ", command) + " exited with " + exit + ": " + readQuietly(stderr));
            return out.toByteArray();
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }
}

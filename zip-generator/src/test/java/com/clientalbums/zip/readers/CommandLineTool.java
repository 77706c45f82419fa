package com.clientalbums.zip.readers;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An external archive tool run as a reader. When it is not installed the check fails under CI (which
 * must install it) and is skipped elsewhere, saying which package provides it.
 */
record CommandLineTool(String executable, String debianPackage) {

    /** What the tool wrote to stdout, handed to a consumer while the tool runs. */
    @FunctionalInterface
    interface OutputCheck {
        void check(InputStream stdout) throws IOException;
    }

    void requireInstalled() {
        boolean installed = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, executable)));
        if (installed) {
            return;
        }
        String message = executable + " is not installed (Debian package " + debianPackage
                + ": apt-get install -y " + debianPackage + ")";
        if (System.getenv("CI") != null) {
            fail(message + "; CI must install it");
        }
        Assumptions.abort(message + "; skipping this reader");
    }

    /** Runs the tool to completion and returns its stdout as UTF-8 text; fails on a non-zero exit. */
    String output(Path stdin, String... arguments) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        run(stdin, out -> text.append(new String(out.readAllBytes(), StandardCharsets.UTF_8)), arguments);
        return text.toString();
    }

    /**
     * @param stdin fed to the tool's standard input, or null for none
     */
    void run(Path stdin, OutputCheck check, String... arguments) throws IOException, InterruptedException {
        requireInstalled();
        List<String> command = new ArrayList<>(List.of(arguments));
        command.addFirst(executable);
        Path stderr = Files.createTempFile(executable, ".stderr");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(stderr.toFile())
                    .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                            : ProcessBuilder.Redirect.from(stdin.toFile()));
            // Names are UTF-8: the tools must not convert them to another locale's charset.
            builder.environment().put("LC_ALL", "C.UTF-8");
            builder.environment().put("LANG", "C.UTF-8");
            // Times are shown in UTC, the zone the DOS fields are written in, whatever the machine's zone.
            builder.environment().put("TZ", "UTC");
            Process process = builder.start();
            try {
                try (InputStream out = process.getInputStream()) {
                    check.check(out);
                    out.transferTo(OutputStream.nullOutputStream());
                }
                int exit = process.waitFor();
                assertEquals(0, exit, () -> String.join(" ", command) + " exited with " + exit + ": "
                        + readQuietly(stderr));
            } finally {
                // Ends the tool when a check failed while it was still writing; no-op once it has exited.
                process.destroyForcibly();
            }
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
}

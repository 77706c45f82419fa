package com.clientalbums.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where things are, and whether this machine can run the browser suite. */
final class E2e {
    /** Debian's package; Playwright never downloads a browser here. */
    static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private static boolean toldSkipped;

    private E2e() {}

    /** The repository root (the tests run in e2e/). */
    static Path root() {
        String set = System.getProperty("e2e.root");
        if (set != null && !set.isBlank()) return Path.of(set).toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("mvnw")) ? here : here.getParent();
    }

    /** e2e/target: screenshots, downloads, the runner's data folder. */
    static Path out() {
        String set = System.getProperty("e2e.out");
        return set != null && !set.isBlank() ? Path.of(set) : root().resolve("e2e/target");
    }

    static Path chromium() {
        return Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    }

    /** With CI set a missing Chromium fails the suite; on a developer's machine it is skipped, saying why. */
    static void requireChromium() {
        Path chromium = chromium();
        if (Files.isExecutable(chromium)) return;
        String why = "Chromium is not installed at " + chromium + ": the browser tests need Debian's package "
                + "(sudo apt-get install -y chromium), or -De2e.chromium=/path/to/chromium";
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) fail(why + " (CI is set, so this fails instead of skipping)");
        // Surefire counts a class skipped in its set-up as "Tests run: 0" without the reason: say it once here.
        if (!toldSkipped) System.err.println("[e2e] SKIPPED: " + why);
        toldSkipped = true;
        assumeTrue(false, why + " - browser tests skipped");
    }
}

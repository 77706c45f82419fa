package com.clientalbums.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runner settings for tests (any free ports, quick polling) and shell helpers. */
final class TestRunners {
    private TestRunners() {}

    static RunnerConfig config(Path data) {
        return RunnerConfig.defaults(projectRoot())
                .withPort(0).withS3Port(0)
                .withDataDir(data)
                .withToolsDir(Path.of(System.getProperty("tools.dir", projectRoot().resolve("target/tools").toString())))
                .withPolling(Duration.ofSeconds(1), Duration.ZERO)
                .withMaintenanceEvery(Duration.ofHours(1));
    }

    /** The repository root: the tests run in local/. */
    static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("mvnw")) ? here : here.getParent();
    }

    record Result(int exit, String output) {}

    static Result bash(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "-c", script, "bash"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + script);
        }
        return new Result(p.exitValue(), out);
    }

    static boolean hasCommand(String name) throws IOException, InterruptedException {
        return bash("command -v \"$1\" >/dev/null", name).exit() == 0;
    }

    /** The variables a shell has after {@code source FILE}. */
    static Map<String, String> source(Path file) throws IOException, InterruptedException {
        Result r = bash("set -e; source \"$1\"; env -0", file.toString());
        if (r.exit() != 0) throw new IllegalStateException("source failed: " + r.output());
        Map<String, String> env = new HashMap<>();
        for (String entry : r.output().split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return env;
    }
}

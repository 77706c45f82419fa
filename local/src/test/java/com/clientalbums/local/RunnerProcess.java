package com.clientalbums.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole local runner as a process of its own, started as {@code scripts/run-local.sh} starts
 * it (this JVM's class path in place of the built one), its output in a log file.
 * {@link #killNine} ends it and every process it started (dynalite's node) with SIGKILL, as a
 * power cut or the OOM killer would: no shutdown hook runs, nothing is flushed or closed.
 */
final class RunnerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path log;

    private RunnerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the runner with {@code args} and {@code environment} and returns once its banner is printed. */
    static RunnerProcess start(List<String> args, Map<String, String> environment, Path log) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Djava.awt.headless=true",
                "-Dclientalbums.root=" + TestRunners.projectRoot(),
                "-Dlogback.configurationFile=runner-logback.xml",
                // ElasticMQ's Pekko would otherwise warn about sun.misc.Unsafe on JDK 24+.
                "-Dsun.misc.unsafe.memory.access=allow",
                "-cp", System.getProperty("java.class.path"), LocalRunner.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        RunnerProcess runner = new RunnerProcess(builder.start(), log);
        runner.process.getOutputStream().close();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!runner.log().contains("is running on this machine")) {
            if (!runner.process.isAlive()) throw new IllegalStateException("the runner exited: " + runner.log());
            if (Instant.now().isAfter(deadline)) {
                runner.killNine();
                throw new IllegalStateException("the runner did not start in " + START_TIMEOUT + ": " + runner.log());
            }
            Thread.sleep(200);
        }
        return runner;
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** SIGKILL to the runner and its descendants at once; returns when all are gone. */
    void killNine() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.addFirst(process.toHandle());
        // destroyForcibly is SIGKILL on POSIX: the JVM gets no chance to run its shutdown hook.
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("process " + p.pid() + " survived SIGKILL", e);
            }
        }
    }

    /** Ctrl-C's way out (SIGTERM: the shutdown hook stops dynalite too). */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) return;
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) killNine();
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}

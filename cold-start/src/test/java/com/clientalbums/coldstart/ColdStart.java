package com.clientalbums.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One cold start: a fresh function JVM under the runtime interface client, handed one event. */
final class ColdStart {
    private static final Duration LIMIT = Duration.ofSeconds(120);

    private ColdStart() {}

    /**
     * What one cold start took and answered.
     *
     * @param initMillis     from starting the JVM to the runtime's first {@code /next}: JVM, runtime and handler construction
     * @param responseMillis from handing the event over to receiving the answer
     * @param cpuMillis      CPU time of the function's JVM, all threads, when its answer arrived: on a busy
     *                       machine the figure that others' work disturbs least
     * @param answer         the JSON the runtime posted to {@code /response}
     */
    record Result(String function, double initMillis, double responseMillis, double cpuMillis, String answer) {}

    /**
     * Starts the unpacked function in {@code taskRoot} and waits for its answer to {@code event}.
     * Fails, with the function's log, if it reports an init or invocation error, exits, or takes
     * longer than two minutes.
     */
    static Result run(String function, Path taskRoot, String handler, int memoryMb, Map<String, String> env,
                      String event, Path logDir) throws IOException, InterruptedException {
        Path log = Files.createDirectories(logDir).resolve(function + ".log");
        try (RuntimeApiStandIn api = new RuntimeApiStandIn(event)) {
            long started = System.nanoTime();
            Process jvm = FunctionJvm.start(taskRoot, handler, memoryMb, api.address(), env, log);
            try {
                var future = api.outcome();
                jvm.onExit().thenRun(() -> future.completeExceptionally(
                        new IllegalStateException("the function's JVM exited with " + jvm.exitValue())));
                RuntimeApiStandIn.Outcome outcome = future.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
                if (outcome.kind() != RuntimeApiStandIn.Outcome.Kind.RESPONSE) {
                    throw new AssertionError(function + ": " + outcome.kind() + " " + outcome.body() + "\n" + FunctionJvm.tail(log));
                }
                double cpu = jvm.info().totalCpuDuration().map(d -> d.toNanos() / 1_000_000.0).orElse(Double.NaN);
                return new Result(function, millis(outcome.firstNextNanos() - started),
                        millis(outcome.answeredNanos() - outcome.firstNextNanos()), cpu, outcome.body());
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError(function + ": no answer (" + e.getMessage() + ")\n" + FunctionJvm.tail(log), e);
            } finally {
                jvm.destroyForcibly();
                jvm.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}

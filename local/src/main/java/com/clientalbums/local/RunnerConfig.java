package com.clientalbums.local;

import com.clientalbums.common.config.Setting;
import com.clientalbums.local.lambda.Lambdas;
import com.clientalbums.local.lambda.RealLambdas;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How to run: ports, folders, the demo, and how the runner scales AWS's timings down to one
 * machine. {@link #defaults(Path)} is what {@code scripts/run-local.sh} uses; tests change
 * ports (0 = any free one), folders and the functions.
 *
 * @param port             the runner's HTTP port (site, /api, /local-auth)
 * @param s3Port           S3Proxy's port; -1 = port + 1 when free, else any; 0 = any
 * @param visibilityTimeout the queue's; AWS uses 6 × the generator's timeout (90 min), far too long to watch a retry
 * @param generatorTimeout what {@code getRemainingTimeInMillis()} counts down from (Terraform: 900 s)
 * @param longPoll         the pollers' SQS wait (AWS: 20 s; here 2 s, so Ctrl-C does not wait for a poll to end)
 * @param batchingWindow   Terraform's maximum_batching_window_in_seconds (5)
 * @param environment      extra function environment (e.g. ZIP_QUIET_SECONDS), on top of the runner's
 */
public record RunnerConfig(int port, int s3Port, Path dataDir, Path toolsDir, Path siteDir, boolean demo,
                           String demoPassword, Duration maintenanceEvery, Duration visibilityTimeout,
                           Duration generatorTimeout, int generatorConcurrency, Duration longPoll,
                           Duration batchingWindow, Map<String, String> environment, Lambdas.Factory lambdas) {
    public static final int DEFAULT_PORT = 8787;
    public static final String PROJECT = "katelynns-photography";

    public RunnerConfig {
        environment = Map.copyOf(environment);
    }

    /** The defaults for a project checkout at {@code root}: data in ./data, tools in target/tools, site in frontend/dist. */
    public static RunnerConfig defaults(Path root) {
        return new RunnerConfig(DEFAULT_PORT, -1, root.resolve("data"), root.resolve("target/tools"),
                root.resolve("frontend/dist"), false, null, Duration.ofMinutes(10), Duration.ofSeconds(90),
                Duration.ofSeconds(900), 2, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Map.of("ZIP_QUIET_SECONDS", "5", "MAIL_SETTLE_SECONDS", "30"), new RealLambdas());
    }

    /**
     * The functions' tunables as the shell sets them ({@code ZIP_SPLIT_SIZE_MB=5 scripts/run-local.sh
     * --demo}): every deployed setting that has a default, the generator's included, on top of the
     * runner's own defaults. Names, endpoints and sign-in stay the runner's (and ADMIN_EMAIL the demo's).
     *
     * <p>Locally the pollers are the function's concurrency, so unless {@code --generator-concurrency}
     * was given they follow a ZIP_PARALLEL_PARTS set in the shell: that many parts of one album are
     * then built at once, as on AWS (never fewer pollers than the default).
     *
     * @param concurrencyGiven {@code --generator-concurrency} was on the command line
     */
    public RunnerConfig withShellSettings(Map<String, String> shell, boolean concurrencyGiven) {
        Map<String, String> env = new HashMap<>(environment);
        for (Setting s : Setting.values()) {
            if (s.scope() == Setting.Scope.DEPLOYED && s.defaultValue() != null && s != Setting.ADMIN_EMAIL
                    && shell.get(s.name()) != null) {
                env.put(s.name(), shell.get(s.name()));
            }
        }
        RunnerConfig configured = withEnvironment(env);
        String parallelParts = shell.get(Setting.ZIP_PARALLEL_PARTS.name());
        if (concurrencyGiven || parallelParts == null) return configured;
        try {
            return configured.withGeneratorConcurrency(Math.max(generatorConcurrency, Integer.parseInt(parallelParts.strip())));
        } catch (NumberFormatException e) {
            return configured; // the generator refuses it at start-up, naming it
        }
    }

    public RunnerConfig withPort(int p) { return new RunnerConfig(p, s3Port, dataDir, toolsDir, siteDir, demo, demoPassword, maintenanceEvery, visibilityTimeout, generatorTimeout, generatorConcurrency, longPoll, batchingWindow, environment, lambdas); }
    public RunnerConfig withS3Port(int p) { return new RunnerConfig(port, p, dataDir, toolsDir, siteDir, demo, demoPassword, maintenanceEvery, visibilityTimeout, generatorTimeout, generatorConcurrency, longPoll, batchingWindow, environment, lambdas); }
    public RunnerConfig withDataDir(Path d) { return new RunnerConfig(port, s3Port, d, toolsDir, siteDir, demo, demoPassword, maintenanceEvery, visibilityTimeout, generatorTimeout, generatorConcurrency, longPoll, batchingWindow, environment, lambdas); }
    public RunnerConfig withToolsDir(Path d) { return new RunnerConfig(port, s3Port, dataDir, d, siteDir, demo, demoPassword, maintenanceEvery, visibilityTimeout, generatorTimeout, generatorConcurrency, longPoll, batchingWindow, environment, lambdas); }
    public RunnerConfig withSiteDir(Path d) { return new RunnerConfig(port, s3Port, dataDir, toolsDir, d, demo, demoPassword, maintenanceEvery, visibilityTimeout, generatorTimeout, generatorConcurrency, longPoll, batchingWindow, environment, lambdas); }
    public RunnerConfig withDemo(boolean on, String password) { return new RunnerConfig(port, s3Port, dataDir, toolsDir, siteDir, on, password, maintenanceEvery, visibilityTimeout, generatorTimeout, generatorConcurrency, longPoll, batchingWindow, environment, lambdas); }
    public RunnerConfig withMaintenanceEvery(Duration d) { return new RunnerConfig(port, s3Port, dataDir, toolsDir, siteDir, demo, demoPassword, d, visibilityTimeout, generatorTimeout, generatorConcurrency, longPoll, batchingWindow, environment, lambdas); }
    public RunnerConfig withVisibilityTimeout(Duration d) { return new RunnerConfig(port, s3Port, dataDir, toolsDir, siteDir, demo, demoPassword, maintenanceEvery, d, generatorTimeout, generatorConcurrency, longPoll, batchingWindow, environment, lambdas); }
    public RunnerConfig withPolling(Duration poll, Duration window) { return new RunnerConfig(port, s3Port, dataDir, toolsDir, siteDir, demo, demoPassword, maintenanceEvery, visibilityTimeout, generatorTimeout, generatorConcurrency, poll, window, environment, lambdas); }
    public RunnerConfig withGeneratorConcurrency(int n) { return new RunnerConfig(port, s3Port, dataDir, toolsDir, siteDir, demo, demoPassword, maintenanceEvery, visibilityTimeout, generatorTimeout, n, longPoll, batchingWindow, environment, lambdas); }
    public RunnerConfig withEnvironment(Map<String, String> e) { return new RunnerConfig(port, s3Port, dataDir, toolsDir, siteDir, demo, demoPassword, maintenanceEvery, visibilityTimeout, generatorTimeout, generatorConcurrency, longPoll, batchingWindow, e, lambdas); }
    public RunnerConfig withLambdas(Lambdas.Factory f) { return new RunnerConfig(port, s3Port, dataDir, toolsDir, siteDir, demo, demoPassword, maintenanceEvery, visibilityTimeout, generatorTimeout, generatorConcurrency, longPoll, batchingWindow, environment, f); }
}

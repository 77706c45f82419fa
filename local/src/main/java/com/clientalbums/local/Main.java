package com.clientalbums.local;

import com.clientalbums.local.demo.DemoAlbum;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The command line of the local runner (what {@code scripts/run-local.sh} calls): parses the
 * options, starts the runner, prints where everything is, and runs until Ctrl-C or SIGTERM,
 * when a shutdown hook stops the poller, the servers and dynalite's node process.
 */
final class Main {
    private static final String USAGE = """
            Usage: run-local.sh [--demo] [--port N] [--data DIR] [options]

              --demo                 create admin@demo.test, client@demo.test and the album "demo"
                                     (password: $DEMO_PASSWORD, else generated once and printed)
              --port N               HTTP port of the portal, /api and /local-auth (default 8787)
              --s3-port N            S3 port (default: port + 1 when free, else any free port)
              --data DIR             data folder: S3 objects, DynamoDB tables, accounts (default ./data)
              --maintenance-minutes N  run the maintenance function every N minutes (default 10)
              --generator-concurrency N  ZIP builds at once (default 2, or ZIP_PARALLEL_PARTS when set)
              --visibility-seconds N   the queue's visibility timeout (default 90)
              --batching-window-seconds N  how long a poller gathers messages into one batch (default 5; 0: none)
              -h, --help             this text

            Tunables of the functions (ZIP_QUIET_SECONDS, ZIP_URL_EXPIRY, ZIP_SPLIT_SIZE_MB, ...) are
            read from the environment; locally ZIP_QUIET_SECONDS defaults to 5.
            """;

    private Main() {}

    static int run(String[] args) throws Exception {
        // Our own shutdown hook stops ElasticMQ; Pekko's would race it and log a warning.
        System.setProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        Path root = Path.of(System.getProperty("clientalbums.root", ".")).toAbsolutePath().normalize();
        RunnerConfig config = RunnerConfig.defaults(root);
        boolean concurrencyGiven = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> { System.out.print(USAGE); return 0; }
                    case "--demo" -> config = config.withDemo(true, System.getenv("DEMO_PASSWORD"));
                    case "--port" -> config = config.withPort(port(value(args, ++i, a)));
                    case "--s3-port" -> config = config.withS3Port(port(value(args, ++i, a)));
                    case "--data" -> config = config.withDataDir(Path.of(value(args, ++i, a)).toAbsolutePath());
                    case "--maintenance-minutes" -> config = config.withMaintenanceEvery(
                            Duration.ofMinutes(positive(value(args, ++i, a), a)));
                    case "--generator-concurrency" -> {
                        config = config.withGeneratorConcurrency(positive(value(args, ++i, a), a));
                        concurrencyGiven = true;
                    }
                    case "--visibility-seconds" -> config = config.withVisibilityTimeout(
                            Duration.ofSeconds(positive(value(args, ++i, a), a)));
                    case "--batching-window-seconds" -> config = config.withPolling(config.longPoll(),
                            Duration.ofSeconds(nonNegative(value(args, ++i, a), a)));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("run-local: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        config = config.withShellSettings(System.getenv(), concurrencyGiven);

        long started = System.nanoTime();
        LocalRunner runner;
        try {
            runner = LocalRunner.start(config);
        } catch (Exception e) {
            System.err.println("run-local: could not start: " + e.getMessage());
            e.printStackTrace(System.err);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nrun-local: stopping...");
            runner.close();
            stopped.countDown();
        }, "local-runner-shutdown"));
        banner(System.out, runner, config, Duration.ofNanos(System.nanoTime() - started));
        stopped.await();
        return 0;
    }

    private static void banner(PrintStream out, LocalRunner runner, RunnerConfig config, Duration took) {
        Path cwd = Path.of("").toAbsolutePath();
        Path env = runner.envFile().startsWith(cwd) ? cwd.relativize(runner.envFile()) : runner.envFile();
        out.println();
        out.printf("Client albums is running on this machine (up in %.1f s)%n", took.toMillis() / 1000.0);
        out.println("  Portal:   " + runner.url());
        out.println("  API:      " + runner.apiUrl());
        out.println("  S3:       " + runner.endpoints().s3() + "  (bucket " + runner.names().bucket() + ")");
        out.println("  Mail:     " + runner.mailUrl() + "  (what the system sent; SMTP on 127.0.0.1:" + runner.mail().port() + ")");
        out.println("  Data:     " + config.dataDir().toAbsolutePath().normalize());
        if (runner.demoPassword() != null) {
            out.println("  Logins:   " + DemoAlbum.CLIENT_EMAIL + " / " + runner.demoPassword() + "   (client: album \""
                    + DemoAlbum.ALBUM_NAME + "\")");
            out.println("            " + DemoAlbum.ADMIN_EMAIL + " / " + runner.demoPassword() + "   (studio admin)");
            runner.demoProblems().forEach(p -> out.println("  Demo:     NOT READY - " + p));
        } else {
            out.println("  Logins:   none yet (start with --demo for demo accounts and an album)");
        }
        out.println("  Shell:    source " + env + "   (then scripts/*.sh and the aws CLI use this system)");
        out.println("  Stop:     Ctrl-C");
        out.println();
        out.flush();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static int port(String s) {
        int p = positive(s, "port");
        if (p > 65535) throw new IllegalArgumentException("port must be 1-65535");
        return p;
    }

    private static int nonNegative(String s, String what) {
        try {
            int n = Integer.parseInt(s);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number of 0 or more, got '" + s + "'");
        }
    }

    private static int positive(String s, String what) {
        try {
            int n = Integer.parseInt(s);
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a positive whole number, got '" + s + "'");
        }
    }
}

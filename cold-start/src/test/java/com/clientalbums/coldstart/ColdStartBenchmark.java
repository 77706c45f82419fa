package com.clientalbums.coldstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cold-start benchmark ({@code scripts/bench.sh --cold-start}): each function's JAR started
 * {@code runs} times, each time in a fresh JVM under the runtime interface client, with one event;
 * the functions take turns, so a disturbance on the machine falls on all of them alike. Prints the
 * median init and first-response times per function, the trivial handler's as the floor, and
 * <pre>
 *   RESULT cold_start_vs_trivial_client_api=R ... client_api_init_ms=I client_api_first_response_ms=F ...
 * </pre>
 * where R is the function's init plus first response over the trivial handler's.
 *
 * <p>Arguments: {@code JARS WORK TOOLS RUNS}: the folder holding {@code {module}-lambda.jar}, a
 * scratch folder (task roots, logs), the folder with dynalite, and the starts per function.
 */
public final class ColdStartBenchmark {
    private ColdStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path jars = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        Path tools = Path.of(args[2]).toAbsolutePath();
        int runs = Integer.parseInt(args[3]);

        Map<ColdFunction, Path> taskRoots = new EnumMap<>(ColdFunction.class);
        for (ColdFunction f : ColdFunction.values()) {
            Path jar = f.jar(module -> jars.resolve(module + "-lambda.jar"), work);
            if (!Files.isRegularFile(jar)) throw new IllegalArgumentException(jar + " does not exist");
            taskRoots.put(f, FunctionJvm.unpack(jar, work.resolve("task").resolve(f.toString())));
        }
        Map<ColdFunction, List<ColdStart.Result>> results = new EnumMap<>(ColdFunction.class);
        try (LoopbackAccount account = LoopbackAccount.start(tools)) {
            for (int run = 1; run <= runs; run++) {
                for (ColdFunction f : ColdFunction.values()) {
                    ColdStart.Result r = ColdStart.run(f.toString(), taskRoots.get(f), f.handler(), f.memoryMb(),
                            account.environment(), f.event(account), work.resolve("logs"));
                    Answers.check(f, r.answer(), account);
                    results.computeIfAbsent(f, k -> new ArrayList<>()).add(r);
                    System.out.printf(Locale.ROOT, "run %d %-14s init %8.1f ms  first response %8.1f ms%n",
                            run, f, r.initMillis(), r.responseMillis());
                }
            }
        }

        double floor = total(results.get(ColdFunction.TRIVIAL));
        System.out.printf(Locale.ROOT, "%n%-14s %10s %18s %10s %12s   (medians of %d cold starts)%n",
                "function", "init_ms", "first_response_ms", "total_ms", "vs_trivial", runs);
        StringBuilder line = new StringBuilder("RESULT");
        for (ColdFunction f : ColdFunction.values()) {
            List<ColdStart.Result> rs = results.get(f);
            double init = median(rs.stream().mapToDouble(ColdStart.Result::initMillis).toArray());
            double response = median(rs.stream().mapToDouble(ColdStart.Result::responseMillis).toArray());
            double ratio = total(rs) / floor;
            System.out.printf(Locale.ROOT, "%-14s %10.0f %18.0f %10.0f %12.2f%n", f, init, response, total(rs), ratio);
            if (f != ColdFunction.TRIVIAL) line.append(String.format(Locale.ROOT, " cold_start_vs_trivial_%s=%.2f", f.key(), ratio));
        }
        for (ColdFunction f : ColdFunction.values()) {
            List<ColdStart.Result> rs = results.get(f);
            line.append(String.format(Locale.ROOT, " %s_init_ms=%.0f %s_first_response_ms=%.0f", f.key(),
                    median(rs.stream().mapToDouble(ColdStart.Result::initMillis).toArray()), f.key(),
                    median(rs.stream().mapToDouble(ColdStart.Result::responseMillis).toArray())));
        }
        System.out.println(line);
    }

    /** Median of init plus first response, over the runs. */
    private static double total(List<ColdStart.Result> rs) {
        return median(rs.stream().mapToDouble(r -> r.initMillis() + r.responseMillis()).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

package com.clientalbums.coldstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The cold-start benchmark ({@code scripts/bench.sh --cold-start}): each function's JAR started
 * {@code runs} times, each time in a fresh JVM under the runtime interface client, with one event.
 * The functions, and the JAR sets when more than one is given (e.g. before and after a change),
 * take turns within each round, so a disturbance on a shared machine falls on all of them alike.
 * Prints, per function, the medians of init time, first-response time and the JVM's CPU time,
 * the trivial handler's as the floor, and for the first JAR set
 * <pre>
 *   RESULT cold_start_vs_trivial_client_api=R ... client_api_init_ms=I client_api_first_response_ms=F ...
 * </pre>
 * where R is the function's init plus first response over the trivial handler's.
 *
 * <p>Arguments: {@code WORK TOOLS RUNS LABEL=JARS...}: a scratch folder (task roots, logs), the
 * folder with dynalite, the starts per function, and one or more folders holding
 * {@code {module}-lambda.jar}, each with a label.
 */
public final class ColdStartBenchmark {
    private ColdStartBenchmark() {}

    /** One function of one JAR set, unpacked. */
    private record Subject(String label, ColdFunction function, Path taskRoot, List<ColdStart.Result> results) {
        String name() {
            return function == ColdFunction.TRIVIAL ? function.toString() : function + "@" + label;
        }
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        Path tools = Path.of(args[1]).toAbsolutePath();
        int runs = Integer.parseInt(args[2]);
        Map<String, Path> sets = new LinkedHashMap<>();
        for (String set : Arrays.copyOfRange(args, 3, args.length)) {
            String[] parts = set.split("=", 2);
            sets.put(parts[0], Path.of(parts[1]).toAbsolutePath());
        }

        List<Subject> subjects = new ArrayList<>();
        subjects.add(subject("", ColdFunction.TRIVIAL, null, work));
        sets.forEach((label, jars) -> {
            for (ColdFunction f : ColdFunction.values()) {
                if (f != ColdFunction.TRIVIAL) subjects.add(subject(label, f, jars, work));
            }
        });
        try (LoopbackAccount account = LoopbackAccount.start(tools)) {
            for (int run = 1; run <= runs; run++) {
                for (Subject s : subjects) {
                    ColdFunction f = s.function();
                    ColdStart.Result r = ColdStart.run(s.name(), s.taskRoot(), f.handler(), f.memoryMb(),
                            account.environment(), f.event(account), work.resolve("logs"));
                    Answers.check(f, r.answer(), account);
                    s.results().add(r);
                    System.out.printf(Locale.ROOT, "run %d %-28s init %8.1f ms  first response %8.1f ms  cpu %8.1f ms%n",
                            run, s.name(), r.initMillis(), r.responseMillis(), r.cpuMillis());
                }
            }
        }

        double floor = total(subjects.getFirst());
        System.out.printf(Locale.ROOT, "%n%-28s %8s %18s %9s %11s %7s   (medians of %d cold starts)%n",
                "function", "init_ms", "first_response_ms", "total_ms", "vs_trivial", "cpu_ms", runs);
        for (Subject s : subjects) {
            System.out.printf(Locale.ROOT, "%-28s %8.0f %18.0f %9.0f %11.2f %7.0f%n", s.name(),
                    median(s, ColdStart.Result::initMillis), median(s, ColdStart.Result::responseMillis),
                    total(s), total(s) / floor, median(s, ColdStart.Result::cpuMillis));
        }
        String first = sets.keySet().iterator().next();
        StringBuilder line = new StringBuilder("RESULT");
        for (Subject s : subjects) {
            if (s.function() != ColdFunction.TRIVIAL && s.label().equals(first)) {
                line.append(String.format(Locale.ROOT, " cold_start_vs_trivial_%s=%.2f", s.function().key(), total(s) / floor));
            }
        }
        for (Subject s : subjects) {
            if (s.function() == ColdFunction.TRIVIAL || s.label().equals(first)) {
                line.append(String.format(Locale.ROOT, " %s_init_ms=%.0f %s_first_response_ms=%.0f", s.function().key(),
                        median(s, ColdStart.Result::initMillis), s.function().key(), median(s, ColdStart.Result::responseMillis)));
            }
        }
        System.out.println(line);
    }

    private static Subject subject(String label, ColdFunction f, Path jars, Path work) {
        try {
            Path jar = f.jar(module -> jars.resolve(module + "-lambda.jar"), work);
            if (!Files.isRegularFile(jar)) throw new IllegalArgumentException(jar + " does not exist");
            String dir = f == ColdFunction.TRIVIAL ? f.toString() : label + "-" + f;
            return new Subject(label, f, FunctionJvm.unpack(jar, work.resolve("task").resolve(dir)), new ArrayList<>());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Median of init plus first response, over the runs. */
    private static double total(Subject s) {
        return median(s, r -> r.initMillis() + r.responseMillis());
    }

    private static double median(Subject s, ToDoubleFunction<ColdStart.Result> figure) {
        double[] sorted = s.results().stream().mapToDouble(figure).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

package com.clientalbums.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Starts a function's JVM as Lambda's Java 21 runtime does: the deployment package unpacked into a
 * task root that is the working directory (the runtime interface client loads the handler from
 * there and from its {@code lib/}), the client's own JARs on the class path, its
 * {@code AWSLambda} as the main class with the handler as argument, and the JVM flags of
 * Lambda's runtime: C1 only, the Serial collector, one processor, heap sized from the function's
 * memory as the JVM sizes it there.
 *
 * <p>The runtime client writes its native part to {@code /tmp/.libaws-lambda-jni.so} as it starts,
 * a fixed path: function JVMs are started one at a time.
 */
final class FunctionJvm {
    private static final String MAIN = AWSLambda.class.getName();

    private FunctionJvm() {}

    /** Unpacks a deployment package, as Lambda does into /var/task. */
    static Path unpack(Path jar, Path taskRoot) throws IOException {
        if (Files.exists(taskRoot)) {
            try (Stream<Path> old = Files.walk(taskRoot)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        Files.createDirectories(taskRoot);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = taskRoot.resolve(e.getName()).normalize();
                if (!target.startsWith(taskRoot)) throw new IOException("entry outside the task root: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        return taskRoot;
    }

    /**
     * Starts the function's JVM; stdout and stderr (the runtime's log) go to {@code log}.
     *
     * @param env the function's environment (its settings, region, endpoints, credentials)
     */
    static Process start(Path taskRoot, String handler, int memoryMb, String runtimeApi,
                         Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxRAM=" + memoryMb + "m", "-XX:ActiveProcessorCount=1",
                "-XX:+UseSerialGC", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-Djava.net.preferIPv4Stack=true",
                "-cp", runtimeClassPath(), MAIN, handler));
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", ":UTC");
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.put("_HANDLER", handler);
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "cold-start");
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/cold-start");
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "cold-start");
        environment.putAll(env);
        return builder.start();
    }

    /** The runtime interface client and what it needs, as in the runtime's /var/runtime/lib. */
    private static String runtimeClassPath() {
        return Stream.of(AWSLambda.class, Context.class, PojoSerializer.class, SdkInternalThreadLocal.class)
                .map(FunctionJvm::jarOf).distinct().collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last lines of a function's log, for a failure message. */
    static String tail(Path log) {
        try (InputStream in = Files.newInputStream(log)) {
            List<String> lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

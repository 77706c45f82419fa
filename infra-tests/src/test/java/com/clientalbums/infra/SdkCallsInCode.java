package com.clientalbums.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The AWS SDK client and presigner methods the code of a function's shaded JAR can invoke,
 * read from its bytecode with the JDK's {@code javap} (one run over every project class its
 * handler reaches, {@link ProjectClassGraph}).
 *
 * <p>Reachability is per method, not per class: the repositories in common/ serve several
 * functions, and a class carried for one method (the album table's GetItem) must not count its
 * other methods' calls (the studio's Scan) against a function that never runs them. From the
 * handler's {@code handleRequest} and constructors, {@link SdkCallWalk} follows every call the
 * bytecode ({@link JavapClasses}) shows. It over-approximates (an interface call reaches every
 * implementation in the JAR) rather than miss a call.
 */
final class SdkCallsInCode {

    /** An SDK method the code invokes, e.g. {@code S3Client.headObject}, and the project class invoking it. */
    record SdkCall(String client, String method, String caller) {}

    private SdkCallsInCode() {}

    /** Every SDK call the code {@code function}'s handler reaches in {@code jar}, unpacked into {@code workDir}. */
    static Set<SdkCall> in(LambdaFunction function, Path jar, Path workDir) throws IOException {
        ProjectClassGraph graph = ProjectClassGraph.of(jar, workDir);
        List<Path> files = new ArrayList<>();
        for (String c : graph.reachableFrom(function.handler().getName())) {
            if (graph.classes().contains(c)) files.add(workDir.resolve(c.replace('.', '/') + ".class"));
        }
        return new SdkCallWalk(JavapClasses.read(files)).from(function.handler().getName().replace('.', '/'));
    }
}

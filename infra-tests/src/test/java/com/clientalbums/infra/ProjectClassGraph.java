package com.clientalbums.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * This project's classes ({@code com.clientalbums.*}) in one JAR and which of them each one
 * refers to, read from the class files by the JDK's {@code jdeps}. Libraries are left out: no
 * library refers to this project's classes, and this project loads none of its own by name, so
 * what a handler can run is exactly what these references reach from it.
 */
record ProjectClassGraph(Set<String> classes, Map<String, Set<String>> references) {

    static final String PACKAGE = "com.clientalbums.";
    private static final String FOLDER = PACKAGE.replace('.', '/');
    /** A jdeps -verbose:class line: {@code    com.x.A    -> com.x.B    origin}. */
    private static final Pattern REFERENCE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s");

    /** Reads the JAR's project classes, unpacked into {@code workDir} for jdeps. */
    static ProjectClassGraph of(Path jar, Path workDir) throws IOException {
        Set<String> classes = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
                if (!name.startsWith(FOLDER) || !name.endsWith(".class")) continue;
                Path file = workDir.resolve(name);
                Files.createDirectories(file.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, file);
                }
                classes.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            }
        }
        return new ProjectClassGraph(classes, references(workDir));
    }

    private static Map<String, Set<String>> references(Path classesDir) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("jdeps is missing: the tests need a JDK, not a JRE"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // -filter:none keeps references within a package, which jdeps leaves out by default.
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class", "-filter:none",
                "-e", Pattern.quote(PACKAGE) + ".*", classesDir.toString());
        if (status != 0) throw new IllegalStateException("jdeps failed (" + status + "): " + err);
        Map<String, Set<String>> references = new HashMap<>();
        for (String line : out.toString().lines().toList()) {
            Matcher m = REFERENCE.matcher(line);
            if (m.find()) references.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
        }
        return references;
    }

    /** Every project class {@code root} refers to, directly or through others; with {@code root} itself. */
    Set<String> reachableFrom(String root) {
        Set<String> reached = new TreeSet<>();
        Deque<String> next = new ArrayDeque<>(Set.of(root));
        while (!next.isEmpty()) {
            String c = next.pop();
            if (reached.add(c)) next.addAll(references.getOrDefault(c, Set.of()));
        }
        return reached;
    }
}

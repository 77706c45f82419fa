package com.clientalbums.infra;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Each shaded JAR carries the project code its handler can run and nothing else (the shade
 * plugin's minimizeJar, rooted at the handler): a Lambda loads less, and a module's JAR cannot
 * quietly grow another module's code. Opened after packaging (failsafe, integration-test phase).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LambdaJarContentsIT {

    static List<LambdaFunction> functions() {
        return LambdaFunction.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void every_project_class_in_the_jar_is_reachable_from_its_handler(LambdaFunction f, @TempDir Path dir) throws IOException {
        ProjectClassGraph graph = ProjectClassGraph.of(f.builtJar(), dir);
        Set<String> unreachable = new TreeSet<>(graph.classes());
        unreachable.removeAll(graph.reachableFrom(f.handler().getName()));
        assertEquals(Set.of(), unreachable, f.builtJar() + " carries classes " + f.handler().getSimpleName() + " never reaches");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void every_project_class_the_handler_reaches_is_in_the_jar(LambdaFunction f, @TempDir Path dir) throws IOException {
        ProjectClassGraph graph = ProjectClassGraph.of(f.builtJar(), dir);
        Set<String> missing = new TreeSet<>(graph.reachableFrom(f.handler().getName()));
        missing.removeAll(graph.classes());
        assertEquals(Set.of(), missing, f.builtJar() + " lacks classes " + f.handler().getSimpleName() + " needs");
    }

    @Test
    void the_maintenance_jar_carries_no_class_of_the_archive_builder() throws IOException {
        assertEquals(List.of(), entries(LambdaFunction.MAINTENANCE, "com/clientalbums/zip/"));
        assertFalse(entries(LambdaFunction.MAINTENANCE, "com/clientalbums/previews/render/").isEmpty(),
                "maintenance renders the previews the photo events missed");
    }

    @Test
    void the_client_api_jar_carries_the_preview_keys_but_neither_the_renderer_nor_its_image_readers() throws IOException {
        assertFalse(entries(LambdaFunction.CLIENT_API, "com/clientalbums/previews/keys/").isEmpty());
        assertEquals(List.of(), entries(LambdaFunction.CLIENT_API, "com/clientalbums/previews/render/"));
        assertEquals(List.of(), entries(LambdaFunction.CLIENT_API, "com/clientalbums/previews/job/"));
        assertEquals(List.of(), entries(LambdaFunction.CLIENT_API, "com/twelvemonkeys/"));
    }

    /** The class files of the function's JAR under {@code folder}. */
    private static List<String> entries(LambdaFunction f, String folder) throws IOException {
        try (ZipFile zip = new ZipFile(f.builtJar().toFile())) {
            return zip.stream().map(e -> e.getName()).filter(n -> n.startsWith(folder) && n.endsWith(".class")).toList();
        }
    }
}

package com.clientalbums.infra;

import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Terraform;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded JARs Terraform uploads, opened after the Lambda modules are packaged
 * (failsafe, integration-test phase): what Lambda will load must be inside.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LambdaArtifactsIT {

    /** Lambda's limit for a package uploaded directly (larger ones must go through S3). */
    private static final long DIRECT_UPLOAD_LIMIT = 50L * 1024 * 1024;

    private static final Terraform TF = Terraform.load();

    static List<LambdaFunction> functions() {
        return LambdaFunction.all();
    }

    private static Path jar(LambdaFunction f) {
        Block fn = TF.resource("aws_lambda_function", f.resource());
        Path jar = Path.of(TF.expressions().text(fn.string("filename"))).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), jar + " does not exist: run ./mvnw -B -DskipTests package");
        return jar;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void the_jar_terraform_uploads_contains_the_handler_class(LambdaFunction f) throws IOException {
        try (ZipFile zip = new ZipFile(jar(f).toFile())) {
            String entry = f.handler().getName().replace('.', '/') + ".class";
            assertNotNull(zip.getEntry(entry), jar(f) + " lacks " + entry);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void the_jar_carries_the_event_classes_its_handler_takes_and_returns(LambdaFunction f) throws IOException {
        Method handle = Arrays.stream(f.handler().getMethods())
                .filter(m -> m.getName().equals("handleRequest") && !m.isBridge())
                .findFirst()
                .orElseThrow(() -> new AssertionError(f.handler() + " has no handleRequest"));
        try (ZipFile zip = new ZipFile(jar(f).toFile())) {
            for (Class<?> type : List.of(handle.getParameterTypes()[0], handle.getReturnType())) {
                if (type.getName().startsWith("java.")) {
                    continue; // the JDK's own (Map, String...)
                }
                String entry = type.getName().replace('.', '/') + ".class";
                assertNotNull(zip.getEntry(entry), jar(f) + " lacks " + entry + ": is the JAR shaded?");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void the_jar_is_small_enough_to_upload_directly(LambdaFunction f) throws IOException {
        long size = Files.size(jar(f));
        assertTrue(size < DIRECT_UPLOAD_LIMIT, jar(f) + " is " + size / (1024 * 1024) + " MiB; Lambda takes 50 MiB directly");
    }
}

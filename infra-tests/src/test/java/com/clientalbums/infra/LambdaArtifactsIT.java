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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    /**
     * The most each JAR may weigh, in MB (10^6 bytes). They were 25.7 (client-api), 29.6
     * (admin-api), 26.4 (zip-generator) and 26.4 MB (maintenance) while each carried the Netty,
     * Apache 4 and Apache 5 HTTP clients and all of Lambda's event classes; the budgets leave about
     * a megabyte for growth over what they weigh with one HTTP client (docs/benchmarks.md, "Cold start").
     * The client API's grew by the SDK's SSM module (6.1 MB), which reads the guest-session key,
     * then by its CloudFront module (5.8 MB, 23.6 to 29.3 MB), whose CloudFrontUtilities sign
     * download links; the rest of that module is the CloudFront API's model, kept because
     * libraries are kept whole. Maintenance's grew from 18.0 to 28.1 MB with e-mail: the same SSM
     * module (the guest-session key signs opt-out links), SES v2 (3.2 MB) and Jakarta Mail with
     * Angus (0.8 MB); it runs on schedules, where a slower cold start costs no one a wait.
     */
    private static final Map<LambdaFunction, Double> BUDGET_MB = Map.of(
            LambdaFunction.CLIENT_API, 30.0,
            LambdaFunction.ADMIN_API, 21.5,
            LambdaFunction.ZIP_GENERATOR, 18.5,
            LambdaFunction.MAINTENANCE, 29.0);

    /** The SDK's HTTP clients other than the URLConnection one, by the packages they and their libraries live in. */
    private static final List<String> OTHER_HTTP_CLIENTS = List.of(
            "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/",
            "software/amazon/awssdk/http/nio/", "software/amazon/awssdk/http/crt/",
            "org/apache/http/", "org/apache/hc/", "io/netty/");

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void the_jar_stays_within_its_size_budget(LambdaFunction f) throws IOException {
        long size = Files.size(jar(f));
        double budget = BUDGET_MB.get(f);
        assertTrue(size <= budget * 1_000_000, String.format(java.util.Locale.ROOT,
                "%s is %.2f MB, over its budget of %.1f MB (LambdaArtifactsIT.BUDGET_MB): what did it gain?",
                jar(f).getFileName(), size / 1e6, budget));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void the_jar_carries_the_url_connection_http_client_and_no_other(LambdaFunction f) throws IOException {
        try (ZipFile zip = new ZipFile(jar(f).toFile())) {
            assertEquals("software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService",
                    text(zip, "META-INF/services/software.amazon.awssdk.http.SdkHttpService"),
                    jar(f).getFileName() + " registers these synchronous HTTP clients");
            assertNull(zip.getEntry("META-INF/services/software.amazon.awssdk.http.async.SdkAsyncHttpService"),
                    jar(f).getFileName() + " registers an asynchronous HTTP client");
            List<String> others = zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class"))
                    .filter(n -> OTHER_HTTP_CLIENTS.stream().anyMatch(n::startsWith)).limit(5).toList();
            assertTrue(others.isEmpty(), jar(f).getFileName() + " carries another HTTP client: " + others);
        }
    }

    private static String text(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        assertNotNull(entry, zip.getName() + " lacks " + name);
        try (var in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .reduce((a, b) -> a + "," + b).orElse("");
        }
    }
}

package com.clientalbums.infra;

import com.clientalbums.admin.handler.AdminApiHandler;
import com.clientalbums.client.handler.ClientApiHandler;
import com.clientalbums.common.logging.LogLines;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.handler.MaintenanceHandler;
import com.clientalbums.previews.job.PhotoPreviews;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.render.PreviewRenderer;
import com.clientalbums.zip.handler.ZipGeneratorHandler;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering of the modules and packages, checked on the production class files of every
 * module the Lambdas are built from (infra-tests depends on all four). Each test name is a rule.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ArchitectureTest {

    private static final String COMMON = "com.clientalbums.common..";
    private static final String PREVIEWS = "com.clientalbums.previews..";
    /** The root package of each Lambda module. */
    private static final String[] LAMBDA_MODULES = {
            "com.clientalbums.zip..", "com.clientalbums.client..", "com.clientalbums.admin..", "com.clientalbums.maintenance.."};
    private static final String[] AWS_SDK = {"software.amazon..", "com.amazonaws.."};
    /** Test code (target/test-classes, and the test-jars it shares, *-tests.jar) is not held to these rules. */
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.matches(TEST_JAR))
            .importPackages("com.clientalbums");

    private static void check(ArchRule rule) {
        rule.check(PRODUCTION);
    }

    @Test
    void the_rules_see_the_production_classes_of_every_module_and_no_test_code() {
        for (Class<?> c : List.of(S3Keys.class, PreviewKeys.class, PreviewRenderer.class, PhotoPreviews.class,
                ZipGeneratorHandler.class, ClientApiHandler.class, AdminApiHandler.class, MaintenanceHandler.class)) {
            assertTrue(PRODUCTION.contain(c), c + " was not imported");
        }
        assertFalse(PRODUCTION.containPackage("com.clientalbums.testing"), "the test support of common's test-jar");
        assertFalse(PRODUCTION.contain(ArchitectureTest.class));
    }

    @Test
    void every_lambda_handler_installs_the_one_line_log_format() {
        for (Class<?> handler : List.of(ZipGeneratorHandler.class, ClientApiHandler.class, AdminApiHandler.class,
                MaintenanceHandler.class)) {
            check(classes().that().haveFullyQualifiedName(handler.getName())
                    .should().callMethod(LogLines.class, "install"));
        }
    }

    @Test
    void common_depends_on_no_other_module() {
        check(noClasses().that().resideInAPackage(COMMON).should().dependOnClassesThat()
                .resideInAnyPackage(concat(LAMBDA_MODULES, PREVIEWS)));
    }

    @Test
    void previews_depends_on_common_and_on_no_lambda_module() {
        check(noClasses().that().resideInAPackage(PREVIEWS).should().dependOnClassesThat().resideInAnyPackage(LAMBDA_MODULES));
    }

    static String[] lambdaModules() {
        return LAMBDA_MODULES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lambdaModules")
    void no_lambda_module_depends_on_another(String module) {
        String[] others = Arrays.stream(LAMBDA_MODULES).filter(m -> !m.equals(module)).toArray(String[]::new);
        check(noClasses().that().resideInAPackage(module).should().dependOnClassesThat().resideInAnyPackage(others));
    }

    @Test
    void maintenance_never_uses_the_archive_builder() {
        check(noClasses().that().resideInAPackage("com.clientalbums.maintenance..").should().dependOnClassesThat()
                .resideInAPackage("com.clientalbums.zip.."));
    }

    @Test
    void handlers_depend_on_services_and_no_service_depends_on_a_handler() {
        check(noClasses().that().resideOutsideOfPackage("..handler..").should().dependOnClassesThat().resideInAPackage("..handler.."));
    }

    @Test
    void the_preview_keys_are_plain_values_that_need_neither_the_renderer_nor_aws() {
        check(classes().that().resideInAPackage("com.clientalbums.previews.keys..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("com.clientalbums.previews.keys..", "com.clientalbums.common.store..", "java.."));
    }

    @Test
    void the_renderer_is_pure_computation_with_no_storage() {
        check(noClasses().that().resideInAPackage("com.clientalbums.previews.render..").should().dependOnClassesThat()
                .resideInAnyPackage(concat(AWS_SDK, COMMON, "com.clientalbums.previews.job..")));
    }

    @Test
    void the_client_api_uses_only_the_preview_keys_so_its_jar_leaves_out_the_renderer() {
        check(noClasses().that().resideInAPackage("com.clientalbums.client..").should().dependOnClassesThat()
                .resideInAnyPackage("com.clientalbums.previews.render..", "com.clientalbums.previews.job.."));
    }

    @Test
    void the_zip_layout_is_pure_computation_that_does_not_touch_aws() {
        check(noClasses().that().resideInAPackage("com.clientalbums.zip.layout..").should().dependOnClassesThat()
                .resideInAnyPackage(AWS_SDK));
    }

    @Test
    void maintenance_sweeps_reach_the_bucket_through_store_ports_not_the_aws_sdk() {
        check(noClasses().that().resideInAPackage("com.clientalbums.maintenance.sweep..").should().dependOnClassesThat()
                .resideInAnyPackage(AWS_SDK));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}

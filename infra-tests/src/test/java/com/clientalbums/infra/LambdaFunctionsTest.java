package com.clientalbums.infra;

import com.clientalbums.common.config.Setting;
import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Expressions;
import com.clientalbums.infra.terraform.Repo;
import com.clientalbums.infra.terraform.Terraform;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The four functions in terraform/lambda.tf against the code that runs in them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LambdaFunctionsTest {

    private static final Terraform TF = Terraform.load();
    private static final Pattern SINGLE_VARIABLE = Pattern.compile("\\$\\{(?:tostring\\()?var\\.([a-z0-9_]+)\\)?}");

    static List<LambdaFunction> functions() {
        return LambdaFunction.all();
    }

    private static Block function(LambdaFunction f) {
        return TF.resource("aws_lambda_function", f.resource());
    }

    @Test
    void terraform_declares_exactly_the_four_functions_of_the_code() {
        Set<String> expected = new TreeSet<>(LambdaFunction.all().stream().map(LambdaFunction::resource).toList());
        assertEquals(expected, new TreeSet<>(TF.resources("aws_lambda_function").keySet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void each_function_runs_its_handler_class_on_java_21(LambdaFunction f) {
        Block fn = function(f);
        assertEquals(f.handlerName(), fn.string("handler"));
        assertEquals("java21", fn.string("runtime"));
        assertEquals(List.of("${var.lambda_architecture}"), fn.strings("architectures"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void each_function_uploads_the_jar_maven_builds_for_its_module(LambdaFunction f) {
        Block fn = function(f);
        Path uploaded = Path.of(TF.expressions().text(fn.string("filename"))).toAbsolutePath().normalize();
        assertEquals(Repo.root().resolve(f.jarPath()), uploaded, "filename of " + fn);
        // A new JAR must change the hash, or Terraform would not redeploy the code.
        String filenameExpression = fn.string("filename");
        assertEquals("${filebase64sha256(\"" + filenameExpression + "\")}", fn.string("source_code_hash"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void each_function_sets_exactly_the_deployed_settings_its_handler_reads(LambdaFunction f) {
        Set<String> set = new TreeSet<>(function(f).block("environment").map("variables").keySet());
        Set<String> expected = f.deployedSettingNames();
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(set);
        Set<String> extra = new TreeSet<>(set);
        extra.removeAll(expected);
        assertEquals(expected, set, f.handler().getSimpleName() + ".SETTINGS (DEPLOYED) vs Terraform: missing "
                + missing + ", not read by the handler " + extra);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void tuning_variables_default_to_the_values_the_code_would_use(LambdaFunction f) {
        Map<String, String> env = function(f).block("environment").map("variables");
        for (Setting setting : f.settings()) {
            String value = env.get(setting.name());
            if (value == null || setting.defaultValue() == null || setting.defaultValue().isEmpty()) {
                continue;
            }
            Matcher m = SINGLE_VARIABLE.matcher(value);
            assertTrue(m.matches(), setting + " should come from one variable, not " + value);
            String terraformDefault = TF.variableDefault(m.group(1)).asText();
            assertEquals(setting.defaultValue(), terraformDefault,
                    "var." + m.group(1) + " default vs " + setting + "'s default in Setting.java");
        }
    }

    @Test
    void the_generator_may_run_fifteen_minutes_with_capped_concurrency_and_sized_memory() {
        Block fn = function(LambdaFunction.ZIP_GENERATOR);
        Expressions x = TF.expressions();
        assertEquals(900, x.number(fn.get("timeout")));
        double memory = x.number(fn.get("memory_size"));
        assertTrue(memory >= 1024 && memory <= 1769, "generator memory " + memory + " MB: 1024-1769 (the benchmark's range)");
        assertEquals("${var.generator_reserved_concurrency}", fn.string("reserved_concurrent_executions"));
        double cap = x.number(fn.get("reserved_concurrent_executions"));
        assertTrue(cap >= 2 && cap <= 20, "reserved concurrency " + cap + " should be a small cap");
    }

    @Test
    void the_generator_builds_parts_of_the_configured_size_with_the_configured_workers() {
        Map<String, String> env = function(LambdaFunction.ZIP_GENERATOR).block("environment").map("variables");
        for (Setting setting : List.of(Setting.ZIP_SPLIT_SIZE_MB, Setting.ZIP_PARALLEL_PARTS)) {
            String variable = setting.name().toLowerCase(java.util.Locale.ROOT);
            assertEquals("${tostring(var." + variable + ")}", env.get(setting.name()), setting.name());
            assertEquals(setting.defaultValue(), TF.variableDefault(variable).asText(), "var." + variable + " vs Setting." + setting);
        }
    }

    @Test
    void the_generators_concurrency_leaves_room_for_two_albums_built_in_parallel_parts() {
        Block fn = function(LambdaFunction.ZIP_GENERATOR);
        Expressions x = TF.expressions();
        double cap = x.number(fn.get("reserved_concurrent_executions"));
        double workers = x.number(TF.variableDefault("zip_parallel_parts"));
        assertTrue(cap >= 2 * workers, "reserved concurrency " + cap + " < 2 albums x " + workers + " parallel parts");
        // A deployment that lets one album take every generator is refused at plan time.
        Block precondition = fn.block("lifecycle").block("precondition");
        assertEquals("${var.generator_reserved_concurrency > var.zip_parallel_parts}", precondition.string("condition"));
    }

    @Test
    void the_archive_memory_budget_leaves_half_the_generators_memory_to_the_jvm() {
        Expressions x = TF.expressions();
        double memory = x.number(function(LambdaFunction.ZIP_GENERATOR).get("memory_size"));
        double budget = x.number(TF.variableDefault("zip_memory_budget_mb"));
        assertTrue(budget <= memory / 2, "ZIP_MEMORY_BUDGET_MB " + budget + " vs memory " + memory);
    }

    @Test
    void api_functions_answer_within_the_http_apis_time_limit() {
        for (LambdaFunction f : List.of(LambdaFunction.CLIENT_API, LambdaFunction.ADMIN_API)) {
            assertTrue(TF.expressions().number(function(f).get("timeout")) < 30, f + " timeout");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiFunctions")
    void the_api_functions_start_from_snapstart_through_a_published_alias(LambdaFunction f) {
        Block fn = function(f);
        assertEquals("true", fn.string("publish"));
        assertEquals("PublishedVersions", fn.block("snap_start").string("apply_on"));
        Block alias = TF.resource("aws_lambda_alias", f.resource() + "_live");
        assertEquals("${aws_lambda_function." + f.resource() + ".version}", alias.string("function_version"));
        // SnapStart applies to versions only: API Gateway must call the alias, not $LATEST.
        Block integration = TF.resource("aws_apigatewayv2_integration", f.resource());
        assertEquals("${aws_lambda_alias." + f.resource() + "_live.invoke_arn}", integration.string("integration_uri"));
    }

    static List<LambdaFunction> apiFunctions() {
        return List.of(LambdaFunction.CLIENT_API, LambdaFunction.ADMIN_API);
    }

    @Test
    void functions_called_by_queues_or_schedules_do_not_use_snapstart() {
        // Nobody waits on their start; a published version per deploy would only add clutter.
        for (LambdaFunction f : List.of(LambdaFunction.ZIP_GENERATOR, LambdaFunction.MAINTENANCE)) {
            assertTrue(function(f).blocks("snap_start").isEmpty(), f + " has snap_start");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void each_function_logs_to_its_own_group_with_a_retention_period(LambdaFunction f) {
        Block fn = function(f);
        Block group = TF.resource("aws_cloudwatch_log_group", f.resource());
        assertEquals("/aws/lambda/" + fn.string("function_name"), group.string("name"));
        assertEquals("${var.log_retention_days}", group.string("retention_in_days"));
        // Created first, or Lambda creates the group itself, without retention.
        assertTrue(fn.strings("depends_on").contains("${aws_cloudwatch_log_group." + f.resource() + "}"),
                fn + " must depend on its log group");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void each_function_has_its_own_role(LambdaFunction f) {
        assertEquals("${aws_iam_role." + f.resource() + ".arn}", function(f).string("role"));
    }

    @Test
    void the_generator_takes_batches_from_the_queue_and_reports_partial_failures() {
        Block mapping = TF.resource("aws_lambda_event_source_mapping", "zip_generator");
        Expressions x = TF.expressions();
        assertEquals("${aws_sqs_queue.zip_generation.arn}", mapping.string("event_source_arn"));
        assertEquals("${aws_lambda_function.zip_generator.arn}", mapping.string("function_name"));
        assertEquals(List.of("ReportBatchItemFailures"), mapping.strings("function_response_types"));
        double batch = x.number(mapping.get("batch_size"));
        assertTrue(batch >= 1 && batch <= 10, "batch size " + batch);
        assertTrue(x.number(mapping.get("maximum_batching_window_in_seconds")) <= 10,
                "a long batching window delays a client's first build");
        // Polling more than the reserved concurrency throttles messages towards the DLQ.
        assertEquals("${var.generator_reserved_concurrency}",
                mapping.block("scaling_config").string("maximum_concurrency"));
    }

    @Test
    void every_function_makes_web_size_photos_at_the_one_long_edge_terraform_sets() {
        // Part of every album's fingerprint: functions that disagreed would rebuild each other's archives.
        for (LambdaFunction f : LambdaFunction.all()) {
            assertEquals("${tostring(var.web_size_px)}", function(f).block("environment").map("variables").get(Setting.WEB_SIZE_PX.name()), f.toString());
        }
        assertEquals("${var.web_size_px >= 640 && var.web_size_px <= 4096}", TF.variable("web_size_px").block("validation").string("condition"));
    }

    @Test
    void the_apis_find_share_links_in_the_share_table_and_the_studio_makes_them_on_the_portals_address() {
        for (LambdaFunction f : List.of(LambdaFunction.CLIENT_API, LambdaFunction.ADMIN_API)) {
            assertEquals("${aws_dynamodb_table.share.name}",
                    function(f).block("environment").map("variables").get(Setting.SHARE_TABLE_NAME.name()), f.toString());
        }
        assertEquals("${local.portal_url}",
                function(LambdaFunction.ADMIN_API).block("environment").map("variables").get(Setting.PORTAL_URL.name()));
    }

    @Test
    void each_table_setting_names_the_table_terraform_makes_for_it() {
        // A favourites archive record in the album table (or an album in the selection table)
        // would be built, swept and expired by the wrong rules.
        Map<Setting, String> tables = Map.of(
                Setting.ALBUM_TABLE_NAME, "album",
                Setting.USER_TABLE_NAME, "user",
                Setting.USER_ALBUM_TABLE_NAME, "user_album",
                Setting.SHARE_TABLE_NAME, "share",
                Setting.FAVOURITE_TABLE_NAME, "favourite",
                Setting.SELECTION_TABLE_NAME, "selection_archive",
                Setting.DELIVERY_TABLE_NAME, "delivery",
                Setting.MAIL_TABLE_NAME, "mail");
        Set<String> used = new TreeSet<>();
        for (LambdaFunction f : LambdaFunction.all()) {
            Map<String, String> env = function(f).block("environment").map("variables");
            tables.forEach((setting, table) -> {
                if (!env.containsKey(setting.name())) return;
                assertEquals("${aws_dynamodb_table." + table + ".name}", env.get(setting.name()), f + " " + setting.name());
                used.add(table);
            });
        }
        assertEquals(new TreeSet<>(TF.resources("aws_dynamodb_table").keySet()), used, "every table is some function's");
    }

    @Test
    void the_client_api_signs_guest_sessions_with_the_key_terraform_keeps_in_ssm() {
        Map<String, String> env = function(LambdaFunction.CLIENT_API).block("environment").map("variables");
        assertEquals("ssm:${aws_ssm_parameter.guest_session_key.name}", env.get(Setting.GUEST_KEY_SOURCE.name()));
        Block parameter = TF.resource("aws_ssm_parameter", "guest_session_key");
        assertEquals("/${var.project_name}/guest-session-key", parameter.string("name"));
        assertEquals("SecureString", parameter.string("type"));
        assertEquals("${random_password.guest_session_key.result}", parameter.string("value"));
        Block random = TF.resource("random_password", "guest_session_key");
        assertTrue(TF.expressions().number(random.get("length")) >= 43, "at least 256 bits of a 62-letter alphabet");
        assertEquals("${tostring(var.guest_session_seconds)}", env.get(Setting.GUEST_SESSION_SECONDS.name()));
        assertEquals("${var.guest_session_seconds >= 300 && var.guest_session_seconds <= 86400}",
                TF.variable("guest_session_seconds").block("validation").string("condition"));
    }

    @Test
    void maintenance_has_time_to_sweep_every_album() {
        assertEquals(900, TF.expressions().number(function(LambdaFunction.MAINTENANCE).get("timeout")));
    }
}

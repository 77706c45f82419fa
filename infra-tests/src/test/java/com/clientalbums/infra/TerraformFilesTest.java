package com.clientalbums.infra;

import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Terraform;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** terraform/ as a whole: it parses, pins its provider, and names everything after the project. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TerraformFilesTest {

    private static final Terraform TF = Terraform.load();

    /** Resource types whose name must carry the project name, so two deployments never collide. */
    private static final Map<String, String> NAME_ATTRIBUTE = Map.ofEntries(
            Map.entry("aws_s3_bucket", "bucket"),
            Map.entry("aws_lambda_function", "function_name"),
            Map.entry("aws_dynamodb_table", "name"),
            Map.entry("aws_sqs_queue", "name"),
            Map.entry("aws_iam_role", "name"),
            Map.entry("aws_cloudwatch_log_group", "name"),
            Map.entry("aws_cognito_user_pool", "name"),
            Map.entry("aws_sns_topic", "name"),
            Map.entry("aws_cloudwatch_metric_alarm", "alarm_name"),
            Map.entry("aws_cloudwatch_event_rule", "name"),
            Map.entry("aws_apigatewayv2_api", "name"),
            Map.entry("aws_ssm_parameter", "name"));

    @Test
    void every_tf_file_parses() {
        assertTrue(TF.files().size() >= 10, "terraform/ files: " + TF.files().keySet());
        assertTrue(TF.allResources().size() > 40, "resources: " + TF.allResources().size());
    }

    @Test
    void a_syntax_error_is_reported_with_its_file(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.tf"), "resource \"aws_s3_bucket\" \"x\" {\n  bucket = \n}\n");
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Terraform.parse(dir));
        assertTrue(error.getMessage().contains("broken.tf"), error.getMessage());
    }

    @Test
    void the_aws_provider_is_version_5_or_later() {
        Block terraform = new Block("terraform", TF.files().get("versions.tf").path("terraform").get(0));
        String constraint = terraform.block("required_providers").get("aws").path("version").asText();
        assertTrue(constraint.startsWith(">= 5."), constraint);
        assertEquals("hashicorp/aws", terraform.block("required_providers").get("aws").path("source").asText());
    }

    @Test
    void every_provider_a_resource_uses_is_required_with_a_version() {
        Block terraform = new Block("terraform", TF.files().get("versions.tf").path("terraform").get(0));
        Set<String> required = new TreeSet<>();
        terraform.block("required_providers").node().fieldNames().forEachRemaining(required::add);
        Set<String> used = new TreeSet<>();
        TF.allResources().keySet().forEach(address -> used.add(address.substring(0, address.indexOf('_'))));
        assertEquals(used, required, "providers of the resources vs required_providers");
        for (String provider : required) {
            assertEquals("hashicorp/" + provider, terraform.block("required_providers").get(provider).path("source").asText());
            assertTrue(terraform.block("required_providers").get(provider).path("version").asText().contains("<"),
                    provider + " has no upper bound: a new major release could change a deploy");
        }
    }

    @Test
    void every_variable_is_typed_and_described() {
        TF.files().values().forEach(file -> file.path("variable").fieldNames().forEachRemaining(name -> {
            Block variable = TF.variable(name);
            assertTrue(variable.has("type"), "var." + name + " has no type");
            assertTrue(variable.has("description") && !variable.string("description").isBlank(), "var." + name + " has no description");
        }));
    }

    @Test
    void every_named_resource_carries_the_project_name() {
        NAME_ATTRIBUTE.forEach((type, attribute) -> TF.resources(type).forEach((name, block) -> {
            String value = block.string(attribute);
            assertTrue(value.contains("${var.project_name}"), type + "." + name + "." + attribute + " = " + value);
        }));
    }

    @Test
    void the_only_required_input_is_the_admin_email() {
        StringBuilder required = new StringBuilder();
        TF.files().values().forEach(file -> file.path("variable").fieldNames().forEachRemaining(name -> {
            if (TF.variableDefault(name).isMissingNode()) {
                required.append(name);
            }
        }));
        assertEquals("admin_email", required.toString());
    }
}

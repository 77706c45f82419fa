package com.clientalbums.infra;

import com.clientalbums.infra.terraform.Repo;
import com.clientalbums.infra.terraform.Terraform;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What Terraform hands to people and to the front end, and docs/deploy.md's use of it. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OutputsAndDocsTest {

    private static final Terraform TF = Terraform.load();

    @Test
    void outputs_give_the_api_url_bucket_queues_user_pool_and_share_table() {
        Set<String> outputs = Set.copyOf(TF.outputNames());
        for (String name : List.of("api_base_url", "client_albums_bucket", "zip_generation_queue_url",
                "zip_generation_dlq_url", "cognito_user_pool_id", "cognito_client_id", "frontend_config",
                "frontend_config_json", "frontend_bucket", "cloudfront_distribution_id", "portal_url", "share_table_name",
                "guest_session_key_parameter")) {
            assertTrue(outputs.contains(name), "missing output " + name);
        }
    }

    @Test
    void config_json_has_exactly_the_keys_the_front_end_reads() {
        JsonNode config = TF.local("frontend_config");
        Set<String> keys = new TreeSet<>();
        config.fieldNames().forEachRemaining(keys::add);
        assertEquals(Set.of("api_base_url", "auth_mode", "cognito_region", "cognito_user_pool_id", "cognito_client_id"), keys);
        assertEquals("cognito", config.get("auth_mode").asText());
        assertEquals("${aws_apigatewayv2_api.portal.api_endpoint}", config.get("api_base_url").asText());
        assertEquals("${aws_cognito_user_pool.clients.id}", config.get("cognito_user_pool_id").asText());
        assertEquals("${aws_cognito_user_pool_client.web.id}", config.get("cognito_client_id").asText());
        assertEquals("${local.frontend_config}", TF.output("frontend_config").string("value"));
        assertEquals("${jsonencode(local.frontend_config)}", TF.output("frontend_config_json").string("value"));
    }

    @Test
    void every_terraform_output_the_deploy_guide_reads_exists() throws IOException {
        String guide = Files.readString(Repo.root().resolve("docs/deploy.md"));
        Matcher m = Pattern.compile("terraform -chdir=terraform output (?:-raw |-json )?([a-z0-9_]+)").matcher(guide);
        Set<String> used = new TreeSet<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        assertTrue(used.size() >= 5, "the guide should read the outputs it needs: " + used);
        used.removeAll(TF.outputNames());
        assertEquals(Set.of(), used, "docs/deploy.md reads outputs Terraform does not have");
    }

    @Test
    void every_terraform_import_in_the_deploy_guide_names_a_declared_resource() throws IOException {
        String guide = Files.readString(Repo.root().resolve("docs/deploy.md"));
        Matcher m = Pattern.compile("terraform -chdir=terraform import (?:'|\")?([a-z0-9_]+)\\.([a-z0-9_]+)").matcher(guide);
        int imports = 0;
        while (m.find()) {
            imports++;
            assertTrue(TF.findResource(m.group(1), m.group(2)).isPresent(),
                    "docs/deploy.md imports " + m.group(1) + "." + m.group(2) + ", which Terraform does not declare");
        }
        assertTrue(imports >= 4, "the guide shows how to adopt the plan's bucket, tables and queues");
    }

    @Test
    void the_deploy_guide_gives_the_build_and_terraform_commands() throws IOException {
        String guide = Files.readString(Repo.root().resolve("docs/deploy.md"));
        for (String command : List.of("./mvnw -B -DskipTests package", "terraform -chdir=terraform init",
                "terraform -chdir=terraform plan", "terraform -chdir=terraform apply",
                "aws cognito-idp admin-create-user", "aws cognito-idp admin-add-user-to-group",
                "scripts/upload-album.sh", "scripts/register-album.sh", "npm --prefix frontend ci",
                "npm --prefix frontend run build", "aws s3 sync frontend/dist", "terraform -chdir=terraform destroy")) {
            assertTrue(guide.contains(command), "docs/deploy.md does not show: " + command);
        }
    }

    @Test
    void the_deploy_guides_variable_table_gives_each_variables_terraform_default() throws IOException {
        // Rows such as "| `generator_memory_mb`, `generator_reserved_concurrency` | 1769, 10 | ... |":
        // names and defaults in the same order; "—", "none" and "empty" stand for no default.
        String guide = Files.readString(Repo.root().resolve("docs/deploy.md"));
        Matcher row = Pattern.compile("(?m)^\\| ((?:`[a-z0-9_]+`(?:, )?)+) \\| ([^|]+) \\|").matcher(guide);
        int checked = 0;
        while (row.find()) {
            List<String> names = List.of(row.group(1).replace("`", "").split(", "));
            List<String> defaults = List.of(row.group(2).trim().replace("`", "").split(", "));
            if (defaults.size() != names.size()) continue; // one shared word such as "none"
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                assertTrue(TF.hasVariable(name), "docs/deploy.md lists " + name + ", which Terraform does not declare");
                String documented = defaults.get(i);
                if (Set.of("—", "none", "empty").contains(documented)) continue;
                assertEquals(TF.variableDefault(name).asText(), documented, "docs/deploy.md's default of " + name);
                checked++;
            }
        }
        assertTrue(checked >= 10, "the guide's table of the variables most often changed: " + checked + " defaults found");
    }
}

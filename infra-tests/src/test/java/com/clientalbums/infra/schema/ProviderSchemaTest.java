package com.clientalbums.infra.schema;

import com.clientalbums.infra.schema.ProviderSchema.BlockSchema;
import com.clientalbums.infra.schema.ProviderSchema.NestedBlock;
import com.clientalbums.infra.terraform.Finding;
import com.clientalbums.infra.terraform.HclSource;
import com.clientalbums.infra.terraform.Repo;
import com.clientalbums.infra.terraform.SourceLine;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** terraform/ against the AWS provider 6.25.0's own schema; each breakage a finding at its file and line. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ProviderSchemaTest {

    private static final ProviderSchema SCHEMA = ProviderSchema.load();
    private static final SchemaCheck CHECK = new SchemaCheck(SCHEMA);

    @TempDir
    Path copy;

    @Test
    void the_repository_terraform_matches_the_provider_schema() {
        List<Finding> findings = CHECK.check(Repo.root().resolve("terraform"));
        assertTrue(findings.isEmpty(), Finding.report(findings));
    }

    @Test
    void the_extracted_schema_knows_the_provider_as_its_bindings_describe_it() {
        // A broken extraction (an empty schema, blocks read as arguments, no attributes) would let
        // every check pass; these facts of the provider must be in it.
        assertEquals(ProviderSchema.VERSION, SCHEMA.version());
        assertTrue(SCHEMA.resourceCount() > 1500 && SCHEMA.dataSourceCount() > 600,
                SCHEMA.resourceCount() + " resources, " + SCHEMA.dataSourceCount() + " data sources");
        BlockSchema bucket = SCHEMA.resource("aws_s3_bucket").orElseThrow();
        assertTrue(bucket.attributes().containsAll(List.of("arn", "bucket_domain_name", "bucket_regional_domain_name", "id")), bucket.attributes().toString());
        assertFalse(bucket.arguments().get("bucket").required(), "bucket is optional (bucket_prefix, or a generated name)");
        NestedBlock rule = SCHEMA.resource("aws_s3_bucket_lifecycle_configuration").orElseThrow().blocks().get("rule");
        assertTrue(rule.block().blocks().containsKey("filter"), "filter is a block of rule");
        assertTrue(rule.block().arguments().get("status").required(), "a rule's status is required");
        assertFalse(rule.maxOne(), "many rules");
        BlockSchema table = SCHEMA.resource("aws_dynamodb_table").orElseThrow();
        assertTrue(table.arguments().get("name").required());
        assertTrue(table.blocks().get("point_in_time_recovery").maxOne());
        assertTrue(table.attributes().contains("stream_arn"), "a computed attribute");
        BlockSchema policy = SCHEMA.dataSource("aws_iam_policy_document").orElseThrow();
        assertTrue(policy.blocks().get("statement").block().blocks().containsKey("condition"));
        assertTrue(policy.attributes().contains("json"));
        assertTrue(SCHEMA.dataSource("aws_caller_identity").orElseThrow().attributes().contains("account_id"));
        assertTrue(SCHEMA.resource("aws_iam_policy_document").isEmpty(), "a data source only");
        assertTrue(SCHEMA.providerConfig().blocks().get("default_tags").block().arguments().containsKey("tags"));
        assertTrue(SCHEMA.providerConfig().arguments().containsKey("region"));
    }

    @Test
    void a_misspelled_argument_is_found_at_its_line() throws IOException {
        Path tf = broken("dynamodb.tf", "  billing_mode                = \"PAY_PER_REQUEST\"", "  biling_mode                 = \"PAY_PER_REQUEST\"");
        assertFinding(CHECK.check(tf), "dynamodb.tf", line(tf, "dynamodb.tf", "biling_mode"), "`biling_mode` is not an argument of aws_dynamodb_table");
    }

    @Test
    void a_block_at_the_wrong_level_is_found_with_where_it_belongs() throws IOException {
        String header = "resource \"aws_s3_bucket_lifecycle_configuration\" \"client_albums\" {\n";
        Path tf = broken("s3.tf", header, header + "  filter {\n    prefix = \"albums/\"\n  }\n");
        assertFinding(CHECK.check(tf), "s3.tf", line(tf, "s3.tf", header) + 1,
                "`filter` is a block of `rule`, not of aws_s3_bucket_lifecycle_configuration");
    }

    @Test
    void a_block_written_as_an_argument_is_found() throws IOException {
        String header = "resource \"aws_s3_bucket_lifecycle_configuration\" \"client_albums\" {\n";
        Path tf = broken("s3.tf", header, header + "  timeouts = {}\n");
        assertFinding(CHECK.check(tf), "s3.tf", line(tf, "s3.tf", header) + 1, "`timeouts` is a block of aws_s3_bucket_lifecycle_configuration");
    }

    @Test
    void a_reference_to_an_attribute_its_resource_does_not_have_is_found_at_the_reference() throws IOException {
        Path tf = broken("sqs.tf", "queue_url = aws_sqs_queue.zip_generation.id", "queue_url = aws_sqs_queue.zip_generation.queue_url");
        assertFinding(CHECK.check(tf), "sqs.tf", line(tf, "sqs.tf", "aws_sqs_queue.zip_generation.queue_url"), "aws_sqs_queue has no attribute `queue_url`");
    }

    @Test
    void a_reference_to_an_undeclared_resource_is_found() throws IOException {
        Path tf = broken("sqs.tf", "queue_url = aws_sqs_queue.zip_generation.id", "queue_url = aws_sqs_queue.zip_generations.id");
        assertFinding(CHECK.check(tf), "sqs.tf", line(tf, "sqs.tf", "zip_generations"), "aws_sqs_queue.zip_generations is not declared");

    }

    @Test
    void a_reference_to_a_counted_resource_without_its_index_is_found() throws IOException {
        Path tf = broken("iam.tf", "aws_ssm_parameter.cloudfront_download_key[0].arn", "aws_ssm_parameter.cloudfront_download_key.arn");
        assertFinding(CHECK.check(tf), "iam.tf", line(tf, "iam.tf", "aws_ssm_parameter.cloudfront_download_key.arn"),
                "aws_ssm_parameter.cloudfront_download_key has count or for_each");
    }

    @Test
    void an_unknown_resource_type_is_found_at_its_block() throws IOException {
        Path tf = broken("s3.tf", "resource \"aws_s3_bucket_intelligent_tiering_configuration\"", "resource \"aws_s3_intelligent_tiering_configuration\"");
        assertFinding(CHECK.check(tf), "s3.tf", line(tf, "s3.tf", "aws_s3_intelligent_tiering_configuration"),
                "aws_s3_intelligent_tiering_configuration is not a resource type of the aws provider 6.25.0");
    }

    @Test
    void a_type_of_a_provider_nobody_declared_is_found_and_the_declared_others_are_not_checked() throws IOException {
        Path tf = broken("sharing.tf", "resource \"random_password\"", "resource \"randum_password\"");
        assertFinding(CHECK.check(tf), "sharing.tf", line(tf, "sharing.tf", "randum_password"), "randum_password belongs to no provider versions.tf declares");
    }

    @Test
    void a_missing_required_argument_is_found_at_its_block() throws IOException {
        Path tf = broken("sqs.tf", "  queue_url = aws_sqs_queue.zip_generation.id\n", "");
        assertFinding(CHECK.check(tf), "sqs.tf", line(tf, "sqs.tf", "resource \"aws_sqs_queue_policy\" \"zip_generation\""),
                "`queue_url` is required in aws_sqs_queue_policy");
    }

    @Test
    void a_misspelled_argument_of_the_provider_block_is_found() throws IOException {
        Path tf = broken("versions.tf", "  region = var.aws_region", "  aws_region = var.aws_region");
        assertFinding(CHECK.check(tf), "versions.tf", line(tf, "versions.tf", "aws_region ="), "`aws_region` is not an argument of the aws provider");
    }

    @Test
    void a_provider_constraint_that_excludes_the_checked_version_is_found() throws IOException {
        Path tf = broken("versions.tf", "version = \">= 5.31, < 7.0\"", "version = \">= 5.31, < 6.0\"");
        assertFinding(CHECK.check(tf), "versions.tf", line(tf, "versions.tf", "< 6.0"), "\">= 5.31, < 6.0\" excludes 6.25.0");
    }

    @Test
    void an_aws_provider_from_another_source_than_the_checked_one_is_found() throws IOException {
        Path tf = broken("versions.tf", "source  = \"hashicorp/aws\"", "source  = \"example/aws\"");
        assertFinding(CHECK.check(tf), "versions.tf", line(tf, "versions.tf", "example/aws"), "source is \"example/aws\", not hashicorp/aws");
    }

    @Test
    void version_constraints_read_as_terraform_reads_them() {
        assertTrue(VersionConstraint.parse(">= 5.31, < 7.0").admits("6.25.0"));
        assertFalse(VersionConstraint.parse(">= 5.31, < 6.0").admits("6.25.0"));
        assertTrue(VersionConstraint.parse("~> 6.2").admits("6.25.0"), "~> 6.2 lets the minor grow");
        assertFalse(VersionConstraint.parse("~> 6.2.0").admits("6.25.0"), "~> 6.2.0 lets only the patch grow");
        assertFalse(VersionConstraint.parse("~> 5.0").admits("6.25.0"));
        assertTrue(VersionConstraint.parse("6.25.0").admits("6.25.0"));
        assertFalse(VersionConstraint.parse("!= 6.25.0").admits("6.25.0"));
        assertTrue(VersionConstraint.parse("> 6.25, <= 6.25.1").admits("6.25.1"));
        assertFalse(VersionConstraint.parse("> 6.25").admits("6.25.0"), "6.25 is 6.25.0");
        assertThrows(IllegalArgumentException.class, () -> VersionConstraint.parse(">= 6.0.0-beta1"));
    }

    @Test
    void text_that_only_looks_like_a_reference_is_not_read_as_one() {
        String text = """
                resource "aws_s3_bucket_policy" "x" {
                  bucket = aws_s3_bucket.client_albums.id # not aws_s3_bucket.comment.id
                  policy = <<-EOT
                    {"Resource": "aws_s3_bucket.literal.arn", "Bucket": "${aws_s3_bucket.in_heredoc.arn}"}
                  EOT
                  tags = {
                    a = "aws_s3_bucket.quoted.arn and $${aws_s3_bucket.escaped.arn}"
                    b = "${format("%s", aws_s3_bucket.in_template[0].bucket)}"
                  }
                }
                """;
        HclSource.Block block = HclSource.parse("x.tf", text).get(0);
        List<String> found = block.attributes().stream().flatMap(a -> References.in(a).stream())
                .map(r -> r + " @" + r.at().line()).toList();
        assertEquals(List.of("aws_s3_bucket.client_albums.id @2", "aws_s3_bucket.in_heredoc.arn @4", "aws_s3_bucket.in_template[0].bucket @8"), found);
    }

    @Test
    void a_missing_schema_file_says_which_script_writes_it() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ProviderSchema.load(copy.resolve("none.json")));
        assertTrue(e.getMessage().contains("scripts/install-tools.sh"), e.getMessage());
    }

    /** A copy of terraform/ with one textual change in one file (which must change something). */
    private Path broken(String file, String from, String to) throws IOException {
        try (Stream<Path> files = Files.list(Repo.root().resolve("terraform"))) {
            for (Path source : files.filter(p -> p.toString().endsWith(".tf")).toList()) {
                Files.copy(source, copy.resolve(source.getFileName()));
            }
        }
        Path target = copy.resolve(file);
        String text = Files.readString(target);
        String changed = text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
        assertNotEquals(text, changed, "the breakage must change " + file);
        Files.writeString(target, changed);
        return copy;
    }

    /** The 1-based line of the first occurrence of {@code text} in a file of the copy. */
    private static int line(Path dir, String file, String text) throws IOException {
        String content = Files.readString(dir.resolve(file));
        int at = content.indexOf(text);
        assertTrue(at >= 0, text + " is in " + file);
        return (int) content.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static void assertFinding(List<Finding> findings, String file, int line, String text) {
        SourceLine at = new SourceLine(file, line);
        assertTrue(findings.stream().anyMatch(f -> f.at().equals(at) && f.message().contains(text)),
                "expected at " + at + ": " + text + "; found:" + Finding.report(findings));
    }
}

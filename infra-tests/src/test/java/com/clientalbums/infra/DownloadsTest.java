package com.clientalbums.infra;

import com.clientalbums.common.config.Setting;
import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Expressions;
import com.clientalbums.infra.terraform.Statement;
import com.clientalbums.infra.terraform.Terraform;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Downloads through CloudFront and the access logs that prove them (terraform/delivery.tf, the
 * albums bucket's policy in terraform/s3.tf).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DownloadsTest {

    private static final Terraform TF = Terraform.load();
    private static final String ONLY_WITH_CLOUDFRONT = "${local.cloudfront_downloads ? 1 : 0}";
    private static final String BUCKET = "${aws_s3_bucket.client_albums.arn}";
    private static final Block DISTRIBUTION = TF.resource("aws_cloudfront_distribution", "downloads");

    @Test
    void cloudfront_is_the_default_and_every_part_of_the_distribution_exists_only_with_it() {
        assertEquals("cloudfront", TF.variableDefault("download_links").asText());
        assertEquals("${var.download_links == \"cloudfront\"}", TF.local("cloudfront_downloads").asText());
        for (String address : List.of("aws_cloudfront_distribution.downloads", "aws_cloudfront_origin_access_control.downloads",
                "aws_cloudfront_origin_request_policy.downloads", "aws_cloudfront_public_key.downloads",
                "aws_cloudfront_key_group.downloads", "tls_private_key.downloads", "aws_ssm_parameter.cloudfront_download_key")) {
            assertEquals(ONLY_WITH_CLOUDFRONT, TF.allResources().get(address).string("count"), address);
        }
        // S3's own access logs are the proof only when links are S3's.
        assertEquals("${local.cloudfront_downloads ? 0 : 1}", TF.resource("aws_s3_bucket_logging", "client_albums").string("count"));
    }

    @Test
    void the_distribution_reads_the_albums_bucket_through_origin_access_control_signing_every_request() {
        Block origin = DISTRIBUTION.block("origin");
        assertEquals("${aws_s3_bucket.client_albums.bucket_regional_domain_name}", origin.string("domain_name"));
        assertEquals("${aws_cloudfront_origin_access_control.downloads[0].id}", origin.string("origin_access_control_id"));
        Block oac = TF.resource("aws_cloudfront_origin_access_control", "downloads");
        assertEquals("s3", oac.string("origin_access_control_origin_type"));
        assertEquals("always", oac.string("signing_behavior"));
        assertEquals("sigv4", oac.string("signing_protocol"));
    }

    @Test
    void only_signed_urls_of_the_key_group_are_answered_over_https_for_get_and_head() {
        assertTrue(DISTRIBUTION.blocks("ordered_cache_behavior").isEmpty(), "one behaviour for every path");
        Block behaviour = DISTRIBUTION.block("default_cache_behavior");
        assertEquals("https-only", behaviour.string("viewer_protocol_policy"));
        assertEquals(List.of("GET", "HEAD"), behaviour.strings("allowed_methods"));
        assertEquals(List.of("GET", "HEAD"), behaviour.strings("cached_methods"));
        assertEquals(List.of("${aws_cloudfront_key_group.downloads[0].id}"), behaviour.strings("trusted_key_groups"));
        assertFalse(behaviour.has("trusted_signers"), "the legacy root-account key pairs are not used");
        // Ranges in the logs count the object's bytes: no compression.
        assertEquals("false", behaviour.string("compress"));
        // AWS managed "CachingDisabled".
        assertEquals("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", behaviour.string("cache_policy_id"));
        assertEquals("${aws_cloudfront_origin_request_policy.downloads[0].id}", behaviour.string("origin_request_policy_id"));
        assertEquals("${var.download_price_class}", DISTRIBUTION.string("price_class"));
        assertEquals("PriceClass_100", TF.variableDefault("download_price_class").asText());
    }

    @Test
    void s3_receives_the_file_name_and_type_the_link_asks_for_and_nothing_else() {
        Block policy = TF.resource("aws_cloudfront_origin_request_policy", "downloads");
        assertEquals("none", policy.block("cookies_config").string("cookie_behavior"));
        assertEquals("none", policy.block("headers_config").string("header_behavior"));
        Block queryStrings = policy.block("query_strings_config");
        assertEquals("whitelist", queryStrings.string("query_string_behavior"));
        // The names S3 reads; x-delivery stays at the edge, in the logs.
        assertEquals(List.of("response-content-disposition", "response-content-type"), queryStrings.block("query_strings").strings("items"));
        assertFalse(queryStrings.block("query_strings").strings("items").contains(DeliveryTag.PARAMETER));
    }

    @Test
    void the_distribution_writes_standard_logs_without_cookies_under_cloudfront_in_the_access_log_bucket() {
        Block logging = DISTRIBUTION.block("logging_config");
        assertEquals("${aws_s3_bucket.access_logs.bucket_domain_name}", logging.string("bucket"));
        assertEquals("cloudfront/", logging.string("prefix"));
        assertEquals("false", logging.string("include_cookies"));
        assertTrue(DISTRIBUTION.strings("depends_on").contains("${aws_s3_bucket_acl.access_logs}"),
                "CloudFront checks the log bucket's ACL when logging is turned on");
        assertEquals("${var.project_name}-access-logs", TF.resource("aws_s3_bucket", "access_logs").string("bucket"));
        // Maintenance reads the logs from the bucket they are written to.
        assertEquals("${aws_s3_bucket.access_logs.bucket}", TF.local("access_log_bucket").asText());
        assertEquals("${local.access_log_bucket}", TF.resource("aws_lambda_function", "maintenance").block("environment")
                .map("variables").get(Setting.ACCESS_LOG_BUCKET.name()));
    }

    @Test
    void links_are_signed_with_a_generated_rsa_key_whose_public_half_is_the_key_groups_only_key() {
        Block key = TF.resource("tls_private_key", "downloads");
        assertEquals("RSA", key.string("algorithm"));
        assertEquals(2048, TF.expressions().number(key.get("rsa_bits")));
        assertEquals("${tls_private_key.downloads[0].public_key_pem}", TF.resource("aws_cloudfront_public_key", "downloads").string("encoded_key"));
        assertEquals(List.of("${aws_cloudfront_public_key.downloads[0].id}"), TF.resource("aws_cloudfront_key_group", "downloads").strings("items"));
        Block parameter = TF.resource("aws_ssm_parameter", "cloudfront_download_key");
        assertEquals("/${var.project_name}/cloudfront-download-key", parameter.string("name"));
        assertEquals("SecureString", parameter.string("type"));
        assertEquals("${tls_private_key.downloads[0].private_key_pem}", parameter.string("value"));
    }

    @Test
    void the_client_api_signs_with_that_key_for_that_distribution() {
        Map<String, String> env = TF.resource("aws_lambda_function", "client_api").block("environment").map("variables");
        assertEquals("${var.download_links}", env.get(Setting.DOWNLOAD_LINKS.name()));
        assertEquals("${local.download_domain}", env.get(Setting.CLOUDFRONT_DOMAIN.name()));
        assertEquals("${local.download_key_pair_id}", env.get(Setting.CLOUDFRONT_KEY_PAIR_ID.name()));
        assertEquals("${local.download_key_source}", env.get(Setting.CLOUDFRONT_KEY_SOURCE.name()));
        // Empty with S3 links: DownloadLinks.from reads them only for cloudfront.
        assertEquals("${local.cloudfront_downloads ? aws_cloudfront_distribution.downloads[0].domain_name : \"\"}", TF.local("download_domain").asText());
        assertEquals("${local.cloudfront_downloads ? aws_cloudfront_public_key.downloads[0].id : \"\"}", TF.local("download_key_pair_id").asText());
        assertEquals("${local.cloudfront_downloads ? \"ssm:${aws_ssm_parameter.cloudfront_download_key[0].name}\" : \"\"}",
                TF.local("download_key_source").asText());
        assertEquals("${local.download_domain}", TF.output("downloads_domain").string("value"));
    }

    @Test
    void the_distribution_may_read_archives_photos_and_web_size_renditions_and_nothing_else() {
        List<Statement> distribution = Statement.of(TF.data("aws_iam_policy_document", "client_albums_bucket")).stream()
                .filter(s -> s.principals().contains("Service:cloudfront.amazonaws.com")).toList();
        assertEquals(1, distribution.size());
        Statement read = distribution.get(0);
        assertTrue(read.allows());
        assertEquals("local.cloudfront_downloads ? [1] : []", Expressions.unwrap(read.onlyWhen()));
        assertEquals(List.of("s3:GetObject"), read.actions());
        assertEquals(List.of(BUCKET + "/zips/*", BUCKET + "/albums/*/photos/*", BUCKET + "/previews/*/web/*"), read.resources());
        assertEquals(List.of("StringEquals AWS:SourceArn=[${aws_cloudfront_distribution.downloads[0].arn}]"), read.conditions());

        // Matched as IAM matches them against the keys the code builds.
        List<Pattern> readable = read.resources().stream().map(r -> iamPattern(r.substring(BUCKET.length() + 1))).toList();
        String archive = S3Keys.zipKey("garden-party", "0123456789abcdef0123456789abcdef");
        for (String key : List.of(archive, S3Keys.photoKey("garden-party", "Ceremony/IMG 0001.jpg"), PreviewKeys.web("garden-party", "Ceremony/IMG_0001.CR3"))) {
            assertTrue(readable.stream().anyMatch(p -> p.matcher(key).matches()), key);
        }
        for (String key : List.of(PreviewKeys.image("garden-party", PreviewSize.THUMB, "Ceremony/IMG_0001.CR3"),
                PreviewKeys.image("garden-party", PreviewSize.PREVIEW, "Ceremony/IMG_0001.CR3"),
                S3Keys.watermarkKey("garden-party", "ab".repeat(32)), S3Keys.quarantineKey("garden-party", "x.svg"))) {
            assertFalse(readable.stream().anyMatch(p -> p.matcher(key).matches()), key);
        }
    }

    @Test
    void only_the_albums_bucket_of_this_account_may_write_server_access_logs_and_only_under_s3() {
        Block logging = TF.resource("aws_s3_bucket_logging", "client_albums");
        assertEquals("${aws_s3_bucket.client_albums.id}", logging.string("bucket"));
        assertEquals("${aws_s3_bucket.access_logs.id}", logging.string("target_bucket"));
        assertEquals("s3/", logging.string("target_prefix"));
        List<Statement> writes = Statement.of(TF.data("aws_iam_policy_document", "access_logs_bucket")).stream().filter(Statement::allows).toList();
        assertEquals(1, writes.size(), "CloudFront's logs come through the ACL, not the policy");
        Statement s = writes.get(0);
        assertEquals(List.of("Service:logging.s3.amazonaws.com"), s.principals());
        assertEquals(List.of("s3:PutObject"), s.actions());
        assertEquals(List.of("${aws_s3_bucket.access_logs.arn}/s3/*"), s.resources());
        assertEquals(List.of("ArnLike aws:SourceArn=[${aws_s3_bucket.client_albums.arn}]",
                "StringEquals aws:SourceAccount=[${local.account_id}]"), s.conditions());
    }

    @Test
    void unread_logs_expire_after_a_month_and_processed_ones_after_the_retention() {
        Block lifecycle = TF.resource("aws_s3_bucket_lifecycle_configuration", "access_logs");
        assertEquals("${aws_s3_bucket.access_logs.id}", lifecycle.string("bucket"));
        Map<String, String> days = new TreeMap<>();
        for (Block rule : lifecycle.blocks("rule")) {
            assertEquals("Enabled", rule.string("status"), rule.string("id"));
            days.put(rule.block("filter").string("prefix"), rule.block("expiration").string("days"));
        }
        assertEquals(Map.of("cloudfront/", "30", "s3/", "30", "processed/", "${var.access_log_retention_days}"), days);
        assertEquals(400, TF.variableDefault("access_log_retention_days").asInt());
        assertEquals("false", TF.resource("aws_s3_bucket", "access_logs").string("force_destroy"));
        // CloudFront cannot deliver logs to a bucket encrypted with SSE-KMS.
        assertEquals("AES256", TF.resource("aws_s3_bucket_server_side_encryption_configuration", "access_logs")
                .block("rule").block("apply_server_side_encryption_by_default").string("sse_algorithm"));
    }

    @Test
    void the_download_variables_take_only_the_values_cloudfront_knows() {
        assertEquals("${contains([\"cloudfront\", \"s3\"], var.download_links)}", TF.variable("download_links").block("validation").string("condition"));
        assertEquals("${contains([\"PriceClass_100\", \"PriceClass_200\", \"PriceClass_All\"], var.download_price_class)}",
                TF.variable("download_price_class").block("validation").string("condition"));
    }

    /** An IAM resource pattern as a regex: "*" spans any characters, slashes included; "?" is one. */
    private static Pattern iamPattern(String resource) {
        StringBuilder regex = new StringBuilder();
        for (char c : resource.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }
}

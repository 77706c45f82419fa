package com.clientalbums.infra;

import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Statement;
import com.clientalbums.infra.terraform.Terraform;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The static front end (terraform/frontend.tf): a private bucket behind CloudFront with OAC. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FrontendHostingTest {

    private static final Terraform TF = Terraform.load();
    private static final Block DISTRIBUTION = TF.resource("aws_cloudfront_distribution", "frontend");

    @Test
    void cloudfront_reads_the_site_bucket_through_origin_access_control() {
        Block origin = DISTRIBUTION.block("origin");
        assertEquals("${aws_s3_bucket.frontend.bucket_regional_domain_name}", origin.string("domain_name"));
        assertEquals("${aws_cloudfront_origin_access_control.frontend.id}", origin.string("origin_access_control_id"));
        Block oac = TF.resource("aws_cloudfront_origin_access_control", "frontend");
        assertEquals("s3", oac.string("origin_access_control_origin_type"));
        assertEquals("always", oac.string("signing_behavior"));
        assertEquals("sigv4", oac.string("signing_protocol"));
    }

    @Test
    void only_the_distribution_may_read_the_site_bucket() {
        assertEquals("${data.aws_iam_policy_document.frontend_bucket.json}", TF.resource("aws_s3_bucket_policy", "frontend").string("policy"));
        List<Statement> allows = Statement.of(TF.data("aws_iam_policy_document", "frontend_bucket")).stream()
                .filter(Statement::allows).toList();
        assertEquals(1, allows.size());
        Statement read = allows.get(0);
        assertEquals(List.of("Service:cloudfront.amazonaws.com"), read.principals());
        assertEquals(List.of("s3:GetObject"), read.actions());
        assertEquals(List.of("${aws_s3_bucket.frontend.arn}/*"), read.resources());
        assertEquals(List.of("StringEquals AWS:SourceArn=[${aws_cloudfront_distribution.frontend.arn}]"), read.conditions());
    }

    @Test
    void visitors_are_sent_to_https() {
        Block behavior = DISTRIBUTION.block("default_cache_behavior");
        assertEquals("redirect-to-https", behavior.string("viewer_protocol_policy"));
        assertEquals(List.of("GET", "HEAD"), behavior.strings("allowed_methods"));
    }

    @Test
    void folder_style_paths_are_served_their_index_page() {
        Block association = DISTRIBUTION.block("default_cache_behavior").block("function_association");
        assertEquals("viewer-request", association.string("event_type"));
        assertEquals("${aws_cloudfront_function.frontend_index.arn}", association.string("function_arn"));
        String code = TF.resource("aws_cloudfront_function", "frontend_index").string("code");
        assertTrue(code.contains("index.html"));
        assertEquals("index.html", DISTRIBUTION.string("default_root_object"));
    }

    @Test
    void the_site_answers_on_its_custom_domains_when_given() {
        assertEquals("${var.frontend_aliases}", DISTRIBUTION.string("aliases"));
        assertTrue(TF.local("frontend_origins").asText().contains("var.frontend_aliases"),
                "custom domains must also be allowed by CORS");
    }
}

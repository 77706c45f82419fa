package com.clientalbums.infra;

import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Statement;
import com.clientalbums.infra.terraform.Terraform;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The static front end (terraform/frontend.tf): a private bucket behind CloudFront with OAC. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FrontendHostingTest {

    private static final Terraform TF = Terraform.load();
    private static final ObjectMapper MAPPER = new ObjectMapper();
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
        assertEquals("index.html", DISTRIBUTION.string("default_root_object"));
        Map<String, String> served = runIndexFunction(List.of("/albums", "/albums/", "/studio/album", "/favicon.svg",
                "/_astro/index.3f2a.js", "/"));
        assertEquals("/albums/index.html", served.get("/albums"));
        assertEquals("/albums/index.html", served.get("/albums/"));
        assertEquals("/studio/album/index.html", served.get("/studio/album"));
        assertEquals("/favicon.svg", served.get("/favicon.svg"));
        assertEquals("/_astro/index.3f2a.js", served.get("/_astro/index.3f2a.js"));
        assertEquals("/index.html", served.get("/"));
    }

    @Test
    void every_share_link_is_served_the_one_guest_page_which_reads_its_token_from_the_address() {
        // Tokens are 43 base64url characters ("-" and "_" included, never a dot).
        String token = "q3Zx-9_aB0cDeFgHiJkLmNoPqRsTuVwXyZ012345678";
        Map<String, String> served = runIndexFunction(List.of("/s/" + token, "/s/" + token + "/", "/s/", "/s/index.html", "/sample"));
        assertEquals("/s/index.html", served.get("/s/" + token));
        assertEquals("/s/index.html", served.get("/s/" + token + "/"));
        assertEquals("/s/index.html", served.get("/s/"));
        assertEquals("/s/index.html", served.get("/s/index.html"));
        assertEquals("/sample/index.html", served.get("/sample"), "only /s/ itself is the guest page");
    }

    /**
     * Runs the viewer-request function's code as CloudFront would, in node, on each path:
     * what the edge asks S3 for.
     */
    private static Map<String, String> runIndexFunction(List<String> uris) {
        String code = TF.resource("aws_cloudfront_function", "frontend_index").string("code");
        String script = code + "\nconst uris = JSON.parse(process.argv[1]);\n"
                + "console.log(JSON.stringify(Object.fromEntries(uris.map(u => [u, handler({request: {uri: u}}).uri]))));\n";
        try {
            Process node = new ProcessBuilder("node", "-e", script, MAPPER.writeValueAsString(uris)).redirectErrorStream(true).start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not finish");
            assertEquals(0, node.exitValue(), out);
            Map<String, String> served = new LinkedHashMap<>();
            MAPPER.readTree(out).fields().forEachRemaining(e -> served.put(e.getKey(), e.getValue().asText()));
            return served;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_site_answers_on_its_custom_domains_when_given() {
        assertEquals("${var.frontend_aliases}", DISTRIBUTION.string("aliases"));
        assertTrue(TF.local("frontend_origins").asText().contains("var.frontend_aliases"),
                "custom domains must also be allowed by CORS");
    }
}

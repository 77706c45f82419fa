package com.clientalbums.infra;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Statement;
import com.clientalbums.infra.terraform.Terraform;
import com.clientalbums.previews.keys.PreviewKeys;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client-albums bucket (terraform/s3.tf): private, encrypted, tidy, and wired to the queue. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StorageTest {

    private static final Terraform TF = Terraform.load();
    private static final String BUCKET_ID = "${aws_s3_bucket.client_albums.id}";

    @Test
    void the_bucket_keeps_the_plans_name() {
        assertEquals("${var.project_name}-client-albums", TF.resource("aws_s3_bucket", "client_albums").string("bucket"));
        assertEquals("katelynns-photography", TF.variableDefault("project_name").asText());
    }

    @Test
    void the_bucket_is_not_destroyed_with_the_photos_in_it() {
        assertEquals("false", TF.resource("aws_s3_bucket", "client_albums").string("force_destroy"));
    }

    @Test
    void every_bucket_blocks_every_kind_of_public_access() {
        for (String bucket : TF.resources("aws_s3_bucket").keySet()) {
            Block block = TF.resource("aws_s3_bucket_public_access_block", bucket);
            assertEquals("${aws_s3_bucket." + bucket + ".id}", block.string("bucket"));
            for (String setting : List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")) {
                assertEquals("true", block.string(setting), block + "." + setting);
            }
        }
    }

    @Test
    void acls_are_disabled_everywhere_but_the_access_log_bucket_and_none_is_set_inline() {
        for (String bucket : TF.resources("aws_s3_bucket").keySet()) {
            // CloudFront's standard logs are delivered under an ACL grant (terraform/delivery.tf).
            String expected = bucket.equals("access_logs") ? "BucketOwnerPreferred" : "BucketOwnerEnforced";
            assertEquals(expected, TF.resource("aws_s3_bucket_ownership_controls", bucket)
                    .block("rule").string("object_ownership"), bucket);
        }
        assertEquals(Set.of("access_logs"), TF.resources("aws_s3_bucket_acl").keySet(), "aws_s3_bucket_acl resources");
        TF.allResources().forEach((address, block) -> {
            if (address.startsWith("aws_s3_")) {
                assertFalse(block.has("acl"), address + " sets a canned ACL");
            }
        });
    }

    @Test
    void the_access_log_buckets_acl_grants_the_owner_and_cloudfronts_log_delivery_and_nobody_else() {
        Block acl = TF.resource("aws_s3_bucket_acl", "access_logs");
        assertEquals("${aws_s3_bucket.access_logs.id}", acl.string("bucket"));
        Block policy = acl.block("access_control_policy");
        Map<String, String> grants = new TreeMap<>();
        for (Block grant : policy.blocks("grant")) {
            Block grantee = grant.block("grantee");
            assertEquals("CanonicalUser", grantee.string("type"), "no group (AllUsers, AuthenticatedUsers) grants");
            assertNull(grants.put(grantee.string("id"), grant.string("permission")));
        }
        assertEquals(Map.of("${data.aws_canonical_user_id.current.id}", "FULL_CONTROL",
                // awslogsdelivery, the account CloudFront writes standard logs from.
                "c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0", "FULL_CONTROL"), grants);
        assertEquals("${data.aws_canonical_user_id.current.id}", policy.block("owner").string("id"));
        assertTrue(acl.strings("depends_on").contains("${aws_s3_bucket_ownership_controls.access_logs}"),
                "S3 refuses an ACL until ACLs are enabled");
    }

    @Test
    void every_bucket_encrypts_objects_at_rest() {
        for (String bucket : TF.resources("aws_s3_bucket").keySet()) {
            Block sse = TF.resource("aws_s3_bucket_server_side_encryption_configuration", bucket);
            assertEquals("AES256", sse.block("rule").block("apply_server_side_encryption_by_default").string("sse_algorithm"));
        }
    }

    @Test
    void every_bucket_refuses_requests_without_tls() {
        for (String bucket : TF.resources("aws_s3_bucket").keySet()) {
            Block policy = TF.resource("aws_s3_bucket_policy", bucket);
            String document = policy.string("policy").replace("${data.aws_iam_policy_document.", "").replace(".json}", "");
            boolean deniesPlainHttp = Statement.of(TF.data("aws_iam_policy_document", document)).stream()
                    .anyMatch(s -> !s.allows() && s.actions().equals(List.of("s3:*"))
                            && s.conditions().contains("Bool aws:SecureTransport=[false]"));
            assertTrue(deniesPlainHttp, bucket + " bucket policy must deny aws:SecureTransport=false");
        }
    }

    @Test
    void browsers_on_the_portal_may_upload_and_download_and_nothing_more() {
        Block rule = TF.resource("aws_s3_bucket_cors_configuration", "client_albums").block("cors_rule");
        assertEquals(Set.of("GET", "HEAD", "PUT"), Set.copyOf(rule.strings("allowed_methods")));
        assertEquals("${local.cors_allowed_origins}", rule.string("allowed_origins"));
        assertTrue(TF.local("frontend_origins").asText().contains("aws_cloudfront_distribution.frontend.domain_name"));
        assertTrue(TF.local("cors_allowed_origins").asText().contains("var.cors_allowed_origins"));
        assertTrue(rule.strings("expose_headers").contains("ETag"), "multipart uploads need the ETag");
    }

    @Test
    void incomplete_multipart_uploads_are_aborted_after_a_day() {
        Block rule = lifecycleRule("abort-incomplete-multipart-uploads");
        assertEquals("", rule.block("filter").string("prefix"), "applies to the whole bucket");
        assertEquals("1", rule.block("abort_incomplete_multipart_upload").string("days_after_initiation"));
    }

    @Test
    void archives_expire_after_archive_expiry_days_and_nothing_else_expires() {
        Block rule = lifecycleRule("expire-archives");
        assertEquals("zips/", rule.block("filter").string("prefix"));
        assertEquals("${var.archive_expiry_days}", rule.block("expiration").string("days"));
        assertEquals(30, TF.variableDefault("archive_expiry_days").asInt());
        // Photos and previews are kept: only the archive cache may expire. The one other
        // expiration removes delete markers that hide nothing any more, never an object.
        for (Block r : lifecycle().blocks("rule")) {
            for (Block expiration : r.blocks("expiration")) {
                if (expiration.has("days") || expiration.has("date")) {
                    assertEquals("zips/", r.block("filter").string("prefix"), r.string("id") + " expires objects");
                } else {
                    assertEquals("true", expiration.string("expired_object_delete_marker"), r.string("id"));
                }
            }
        }
    }

    @Test
    void the_bucket_keeps_old_versions_so_a_deleted_or_replaced_photo_can_be_restored() {
        Block versioning = TF.resource("aws_s3_bucket_versioning", "client_albums");
        assertEquals(BUCKET_ID, versioning.string("bucket"));
        assertEquals("Enabled", versioning.block("versioning_configuration").string("status"));
        // S3 rejects noncurrent-version rules on a bucket whose versioning is not yet applied.
        assertTrue(lifecycle().strings("depends_on").contains("${aws_s3_bucket_versioning.client_albums}"));
    }

    @Test
    void old_versions_of_photos_are_kept_photo_version_retention_days_then_removed() {
        Block rule = lifecycleRule("expire-noncurrent-photos");
        assertEquals(S3Keys.ALBUMS, rule.block("filter").string("prefix"));
        assertEquals("${var.photo_version_retention_days}", rule.block("noncurrent_version_expiration").string("noncurrent_days"));
        assertEquals(30, TF.variableDefault("photo_version_retention_days").asInt());
        assertEquals("${var.photo_version_retention_days >= 1}",
                TF.variable("photo_version_retention_days").block("validation").string("condition"));
    }

    @Test
    void archives_previews_and_logos_keep_no_old_versions_and_no_rule_cuts_the_photos_retention() {
        Map<String, String> noncurrentDays = new TreeMap<>();
        for (Block r : lifecycle().blocks("rule")) {
            for (Block expiry : r.blocks("noncurrent_version_expiration")) {
                String prefix = r.block("filter").string("prefix");
                assertNull(noncurrentDays.put(prefix, expiry.string("noncurrent_days")), "two rules expire old versions under " + prefix);
            }
        }
        // One rule per prefix the system writes; none for the whole bucket, which would also
        // apply to albums/ and S3 would take the shorter of the two.
        assertEquals(Map.of(S3Keys.ALBUMS, "${var.photo_version_retention_days}", S3Keys.ZIPS, "1", PreviewKeys.PREFIX, "1",
                "watermarks/", "1", S3Keys.RECEIPTS, "1"), noncurrentDays);
    }

    @Test
    void no_policy_allows_deleting_a_version_so_what_a_function_deletes_stays_restorable() {
        TF.data("aws_iam_policy_document").forEach((name, document) -> {
            for (Statement s : Statement.of(document)) {
                if (!s.allows()) continue;
                for (String action : s.actions()) {
                    assertFalse(action.equals("s3:*") || action.startsWith("s3:DeleteObjectVersion")
                            || action.equals("s3:PutLifecycleConfiguration") || action.equals("s3:PutBucketVersioning"),
                            name + " allows " + action);
                }
            }
        });
    }

    @Test
    void delete_markers_left_with_nothing_under_them_are_removed_everywhere() {
        Block rule = lifecycleRule("remove-expired-delete-markers");
        assertEquals("", rule.block("filter").string("prefix"));
        assertEquals("true", rule.block("expiration").string("expired_object_delete_marker"));
    }

    @Test
    void every_lifecycle_rule_is_enabled_and_named() {
        Set<String> ids = new TreeSet<>();
        for (Block r : lifecycle().blocks("rule")) {
            assertEquals("Enabled", r.string("status"), r.string("id"));
            assertTrue(ids.add(r.string("id")), "duplicate rule id " + r.string("id"));
        }
    }

    @Test
    void photos_move_to_intelligent_tiering_however_they_were_uploaded() {
        Block rule = lifecycleRule("photos-to-intelligent-tiering");
        assertEquals("albums/", rule.block("filter").string("prefix"));
        assertEquals("INTELLIGENT_TIERING", rule.block("transition").string("storage_class"));
        assertEquals("0", rule.block("transition").string("days"));
    }

    @Test
    void archive_tiers_for_photos_are_off_unless_a_variable_turns_them_on() {
        Block config = TF.resource("aws_s3_bucket_intelligent_tiering_configuration", "client_albums_photos");
        assertEquals(BUCKET_ID, config.string("bucket"));
        assertEquals("albums/", config.block("filter").string("prefix"));
        assertEquals("${var.photo_archive_tiers_enabled ? \"Enabled\" : \"Disabled\"}", config.string("status"));
        assertEquals("false", TF.variableDefault("photo_archive_tiers_enabled").asText());
        // The only tiers S3 lets a configuration set (the plan's ARCHIVE_INSTANT_ACCESS is rejected).
        Set<String> tiers = new TreeSet<>();
        config.blocks("tiering").forEach(t -> tiers.add(t.string("access_tier")));
        assertEquals(Set.of("ARCHIVE_ACCESS", "DEEP_ARCHIVE_ACCESS"), tiers);
    }

    @Test
    void photo_changes_under_albums_wake_the_generation_queue() {
        Block notification = TF.resource("aws_s3_bucket_notification", "client_albums");
        assertEquals(BUCKET_ID, notification.string("bucket"));
        Block queue = notification.block("queue");
        assertEquals("${aws_sqs_queue.zip_generation.arn}", queue.string("queue_arn"));
        assertEquals(Set.of("s3:ObjectCreated:*", "s3:ObjectRemoved:*"), Set.copyOf(queue.strings("events")));
        // In the versioned bucket a DELETE makes a delete marker: its event must reach the queue too.
        for (String event : List.of("s3:ObjectRemoved:DeleteMarkerCreated", "s3:ObjectRemoved:Delete", "s3:ObjectCreated:Copy")) {
            assertTrue(queue.strings("events").stream().anyMatch(pattern -> matches(pattern, event)), event);
        }
        // Not zips/ or previews/: the functions' own writes must not wake the generator.
        assertEquals("albums/", queue.string("filter_prefix"));
        assertTrue(notification.blocks("lambda_function").isEmpty() && notification.blocks("topic").isEmpty());
        assertTrue(notification.strings("depends_on").contains("${aws_sqs_queue_policy.zip_generation}"));
    }

    @Test
    void only_this_bucket_in_this_account_may_send_to_the_generation_queue() {
        Block policy = TF.resource("aws_sqs_queue_policy", "zip_generation");
        assertEquals("${aws_sqs_queue.zip_generation.id}", policy.string("queue_url"));
        assertEquals("${data.aws_iam_policy_document.zip_generation_queue.json}", policy.string("policy"));
        List<Statement> statements = Statement.of(TF.data("aws_iam_policy_document", "zip_generation_queue"));
        assertEquals(1, statements.size());
        Statement s = statements.get(0);
        assertTrue(s.allows());
        assertEquals(List.of("Service:s3.amazonaws.com"), s.principals());
        assertEquals(List.of("sqs:SendMessage"), s.actions());
        assertEquals(List.of("${aws_sqs_queue.zip_generation.arn}"), s.resources());
        assertTrue(s.conditions().contains("ArnEquals aws:SourceArn=[${aws_s3_bucket.client_albums.arn}]"), s.conditions().toString());
        assertTrue(s.conditions().contains("StringEquals aws:SourceAccount=[${local.account_id}]"), s.conditions().toString());
    }

    /** S3's event-type patterns: a trailing '*' stands for any subtype. */
    private static boolean matches(String pattern, String event) {
        return pattern.endsWith(":*") ? event.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(event);
    }

    private static Block lifecycle() {
        Block lifecycle = TF.resource("aws_s3_bucket_lifecycle_configuration", "client_albums");
        assertEquals(BUCKET_ID, lifecycle.string("bucket"));
        return lifecycle;
    }

    private static Block lifecycleRule(String id) {
        return lifecycle().blocks("rule").stream()
                .filter(r -> r.string("id").equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no lifecycle rule " + id));
    }
}

package com.clientalbums.infra;

import com.clientalbums.common.delivery.PartReceipts;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.infra.iam.IamPolicyCheck;
import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Expressions;
import com.clientalbums.infra.terraform.Statement;
import com.clientalbums.infra.terraform.Terraform;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Least privilege (terraform/iam.tf): each function's role allows exactly the grants listed
 * here, written as "action resource". A new grant is a deliberate change to this list.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IamTest {

    private static final Terraform TF = Terraform.load();

    private static final String BUCKET = "${aws_s3_bucket.client_albums.arn}";
    private static final String ALBUMS = BUCKET + "/albums/*";
    private static final String PREVIEWS = BUCKET + "/previews/*";
    private static final String ZIPS = BUCKET + "/zips/*";
    private static final String CHECKPOINTS = BUCKET + "/zips/*.checkpoint.json";
    private static final String RECEIPTS = BUCKET + "/receipts/*";
    private static final String QUARANTINE = BUCKET + "/quarantine/*";
    private static final String WATERMARKS = BUCKET + "/watermarks/*";
    private static final String ALBUM_TABLE = "${aws_dynamodb_table.album.arn}";
    private static final String USER_TABLE = "${aws_dynamodb_table.user.arn}";
    private static final String GRANT_TABLE = "${aws_dynamodb_table.user_album.arn}";
    private static final String GRANT_INDEX = GRANT_TABLE + "/index/album_id-index";
    private static final String SHARE_TABLE = "${aws_dynamodb_table.share.arn}";
    private static final String SHARE_TOKEN_INDEX = SHARE_TABLE + "/index/token_hash-index";
    private static final String FAVOURITE_TABLE = "${aws_dynamodb_table.favourite.arn}";
    private static final String SELECTION_TABLE = "${aws_dynamodb_table.selection_archive.arn}";
    private static final String DELIVERY_TABLE = "${aws_dynamodb_table.delivery.arn}";
    private static final String GUEST_KEY = "${aws_ssm_parameter.guest_session_key.arn}";
    private static final String MAIL_TABLE = "${aws_dynamodb_table.mail.arn}";
    private static final String MAIL_QUEUED_INDEX = MAIL_TABLE + "/index/queued-index";
    private static final String ACCESS_LOGS = "${aws_s3_bucket.access_logs.arn}";
    private static final String NEW_CLOUDFRONT_LOGS = ACCESS_LOGS + "/cloudfront/*";
    private static final String NEW_S3_LOGS = ACCESS_LOGS + "/s3/*";
    private static final String PROCESSED_LOGS = ACCESS_LOGS + "/processed/*";
    private static final String CLOUDFRONT_KEY = "${aws_ssm_parameter.cloudfront_download_key[0].arn}";
    /** A grant that comes with CloudFront downloads (download_links = cloudfront). */
    private static final String WITH_CLOUDFRONT = " when local.cloudfront_downloads ? [1] : []";
    /** A grant that comes with mail through SES (mail_transport = ses). */
    private static final String WITH_SES = " when local.sends_mail ? [1] : []";
    private static final String WITH_SES_CONFIGURATION_SET = " when local.sends_mail && var.ses_configuration_set != \"\" ? [1] : []";
    private static final String QUEUE = "${aws_sqs_queue.zip_generation.arn}";
    private static final String USER_POOL = "${aws_cognito_user_pool.clients.arn}";

    /** "*" resources that cannot be avoided. None today: every action used can name its resource. */
    private static final Set<String> UNAVOIDABLE_STAR_RESOURCES = Set.of();

    private static final Map<String, Set<String>> EXPECTED_GRANTS = Map.of(
            "zip_generator", Set.of(
                    "logs:CreateLogStream " + logs("zip_generator"),
                    "logs:PutLogEvents " + logs("zip_generator"),
                    "s3:ListBucket " + BUCKET,
                    "s3:GetObject " + ALBUMS,
                    "s3:PutObject " + ZIPS,
                    "s3:AbortMultipartUpload " + ZIPS,
                    "s3:ListMultipartUploadParts " + ZIPS,
                    "s3:GetObject " + ZIPS,
                    "s3:DeleteObject " + CHECKPOINTS,
                    "s3:GetObject " + PREVIEWS,
                    "s3:PutObject " + PREVIEWS,
                    "s3:DeleteObject " + PREVIEWS,
                    "s3:GetObject " + WATERMARKS,
                    "s3:PutObject " + QUARANTINE,
                    "s3:DeleteObject " + ALBUMS,
                    "dynamodb:GetItem " + ALBUM_TABLE,
                    "dynamodb:UpdateItem " + ALBUM_TABLE,
                    "dynamodb:GetItem " + SELECTION_TABLE,
                    "dynamodb:UpdateItem " + SELECTION_TABLE,
                    "sqs:ReceiveMessage " + QUEUE,
                    "sqs:DeleteMessage " + QUEUE,
                    "sqs:GetQueueAttributes " + QUEUE,
                    "sqs:SendMessage " + QUEUE),
            "client_api", Set.of(
                    "logs:CreateLogStream " + logs("client_api"),
                    "logs:PutLogEvents " + logs("client_api"),
                    "s3:ListBucket " + BUCKET,
                    "s3:GetObject " + ALBUMS,
                    "s3:GetObject " + PREVIEWS,
                    "s3:GetObject " + ZIPS,
                    "s3:GetObject " + RECEIPTS,
                    "dynamodb:GetItem " + ALBUM_TABLE,
                    "dynamodb:UpdateItem " + ALBUM_TABLE,
                    "dynamodb:Scan " + ALBUM_TABLE,
                    "dynamodb:Query " + GRANT_TABLE,
                    "dynamodb:GetItem " + GRANT_TABLE,
                    "dynamodb:GetItem " + USER_TABLE,
                    "dynamodb:GetItem " + SHARE_TABLE,
                    "dynamodb:UpdateItem " + SHARE_TABLE,
                    "dynamodb:Query " + SHARE_TOKEN_INDEX,
                    "dynamodb:GetItem " + FAVOURITE_TABLE,
                    "dynamodb:UpdateItem " + FAVOURITE_TABLE,
                    "dynamodb:GetItem " + SELECTION_TABLE,
                    "dynamodb:PutItem " + SELECTION_TABLE,
                    "dynamodb:UpdateItem " + SELECTION_TABLE,
                    "ssm:GetParameter " + GUEST_KEY,
                    "sqs:SendMessage " + QUEUE,
                    "dynamodb:UpdateItem " + DELIVERY_TABLE,
                    "dynamodb:GetItem " + DELIVERY_TABLE,
                    "dynamodb:Query " + DELIVERY_TABLE,
                    "dynamodb:PutItem " + MAIL_TABLE,
                    "dynamodb:GetItem " + MAIL_TABLE,
                    "dynamodb:UpdateItem " + MAIL_TABLE,
                    "ssm:GetParameter " + CLOUDFRONT_KEY + WITH_CLOUDFRONT),
            "admin_api", Set.of(
                    "logs:CreateLogStream " + logs("admin_api"),
                    "logs:PutLogEvents " + logs("admin_api"),
                    "s3:ListBucket " + BUCKET,
                    "s3:PutObject " + ALBUMS,
                    "s3:PutObject " + WATERMARKS,
                    "s3:GetObject " + WATERMARKS,
                    "dynamodb:GetItem " + ALBUM_TABLE,
                    "dynamodb:UpdateItem " + ALBUM_TABLE,
                    "dynamodb:PutItem " + ALBUM_TABLE,
                    "dynamodb:Scan " + ALBUM_TABLE,
                    "dynamodb:UpdateItem " + GRANT_TABLE,
                    "dynamodb:DeleteItem " + GRANT_TABLE,
                    "dynamodb:Scan " + GRANT_TABLE,
                    "dynamodb:GetItem " + USER_TABLE,
                    "dynamodb:PutItem " + USER_TABLE,
                    "dynamodb:Scan " + USER_TABLE,
                    "dynamodb:PutItem " + SHARE_TABLE,
                    "dynamodb:GetItem " + SHARE_TABLE,
                    "dynamodb:Query " + SHARE_TABLE,
                    "dynamodb:UpdateItem " + SHARE_TABLE,
                    "dynamodb:Query " + FAVOURITE_TABLE,
                    "dynamodb:UpdateItem " + FAVOURITE_TABLE,
                    "sqs:SendMessage " + QUEUE,
                    "cognito-idp:AdminCreateUser " + USER_POOL,
                    "dynamodb:Query " + DELIVERY_TABLE,
                    "dynamodb:PutItem " + MAIL_TABLE,
                    "dynamodb:GetItem " + MAIL_TABLE),
            "maintenance", Set.of(
                    "logs:CreateLogStream " + logs("maintenance"),
                    "logs:PutLogEvents " + logs("maintenance"),
                    "s3:ListBucket " + BUCKET,
                    "s3:ListBucketMultipartUploads " + BUCKET,
                    "s3:DeleteObject " + ZIPS,
                    "s3:AbortMultipartUpload " + ZIPS,
                    "s3:GetObject " + ALBUMS,
                    "s3:GetObject " + PREVIEWS,
                    "s3:PutObject " + PREVIEWS,
                    "s3:DeleteObject " + PREVIEWS,
                    "s3:GetObject " + WATERMARKS,
                    "s3:PutObject " + QUARANTINE,
                    "s3:DeleteObject " + ALBUMS,
                    "dynamodb:Scan " + ALBUM_TABLE,
                    "dynamodb:GetItem " + ALBUM_TABLE,
                    "dynamodb:UpdateItem " + ALBUM_TABLE,
                    "dynamodb:Scan " + SELECTION_TABLE,
                    "dynamodb:DeleteItem " + SELECTION_TABLE,
                    "dynamodb:GetItem " + SELECTION_TABLE,
                    "dynamodb:UpdateItem " + SELECTION_TABLE,
                    "sqs:SendMessage " + QUEUE,
                    "dynamodb:GetItem " + DELIVERY_TABLE,
                    "dynamodb:UpdateItem " + DELIVERY_TABLE,
                    "dynamodb:Query " + DELIVERY_TABLE,
                    "s3:ListBucket " + ACCESS_LOGS,
                    "s3:GetObject " + NEW_CLOUDFRONT_LOGS,
                    "s3:GetObject " + NEW_S3_LOGS,
                    "s3:DeleteObject " + NEW_CLOUDFRONT_LOGS,
                    "s3:DeleteObject " + NEW_S3_LOGS,
                    "s3:PutObject " + PROCESSED_LOGS,
                    "s3:GetObject " + ZIPS,
                    "s3:PutObject " + RECEIPTS,
                    "dynamodb:GetItem " + MAIL_TABLE,
                    "dynamodb:PutItem " + MAIL_TABLE,
                    "dynamodb:UpdateItem " + MAIL_TABLE,
                    "dynamodb:Query " + MAIL_QUEUED_INDEX,
                    "dynamodb:Query " + GRANT_INDEX,
                    "dynamodb:Query " + SHARE_TABLE,
                    "ssm:GetParameter " + GUEST_KEY,
                    "ses:SendEmail ${local.ses_identity_arn}" + WITH_SES,
                    "ses:SendEmail ${local.ses_configuration_set_arn}" + WITH_SES_CONFIGURATION_SET));

    static List<LambdaFunction> functions() {
        return LambdaFunction.all();
    }

    private static String logs(String function) {
        return "${aws_cloudwatch_log_group." + function + ".arn}:*";
    }

    private static List<Statement> rolePolicy(String function) {
        return Statement.of(TF.data("aws_iam_policy_document", function));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void each_role_is_allowed_exactly_the_actions_its_function_uses(LambdaFunction f) {
        Set<String> granted = new TreeSet<>();
        for (Statement s : rolePolicy(f.resource())) {
            assertTrue(s.allows(), f + ": role policies only allow; " + s.sid() + " denies");
            for (String action : s.actions()) {
                for (String resource : s.resources()) {
                    granted.add(action + " " + resource + (s.conditional() ? " when " + Expressions.unwrap(s.onlyWhen()) : ""));
                }
            }
        }
        Set<String> expected = new TreeSet<>(EXPECTED_GRANTS.get(f.resource()));
        Set<String> extra = new TreeSet<>(granted);
        extra.removeAll(expected);
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(granted);
        assertEquals(expected, granted, f + ": granted but not expected " + extra + "; expected but not granted " + missing);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void listing_the_bucket_carries_no_prefix_condition_so_a_missing_key_answers_404(LambdaFunction f) {
        // A prefix condition never matches GET/HEAD, so S3 would answer 403 for every missing key.
        for (Statement s : rolePolicy(f.resource())) {
            if (s.actions().contains("s3:ListBucket")) {
                assertEquals(List.of(), s.conditions(), f + "/" + s.sid());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void each_role_policy_is_its_own_document_on_its_own_role(LambdaFunction f) {
        Block policy = TF.resource("aws_iam_role_policy", f.resource());
        assertEquals("${aws_iam_role." + f.resource() + ".id}", policy.string("role"));
        assertEquals("${data.aws_iam_policy_document." + f.resource() + ".json}", policy.string("policy"));
        assertEquals("${var.project_name}-" + f.module(), TF.resource("aws_iam_role", f.resource()).string("name"));
    }

    @Test
    void each_role_can_be_assumed_by_lambda_only() {
        TF.resources("aws_iam_role").forEach((name, role) ->
                assertEquals("${data.aws_iam_policy_document.lambda_assume_role.json}", role.string("assume_role_policy"), name));
        List<Statement> trust = Statement.of(TF.data("aws_iam_policy_document", "lambda_assume_role"));
        assertEquals(1, trust.size());
        assertEquals(List.of("sts:AssumeRole"), trust.get(0).actions());
        assertEquals(List.of("Service:lambda.amazonaws.com"), trust.get(0).principals());
    }

    @Test
    void there_is_one_role_per_function_and_no_other() {
        Set<String> functions = new TreeSet<>(LambdaFunction.all().stream().map(LambdaFunction::resource).toList());
        assertEquals(functions, new TreeSet<>(TF.resources("aws_iam_role").keySet()));
        assertEquals(functions, new TreeSet<>(TF.resources("aws_iam_role_policy").keySet()));
    }

    @Test
    void no_managed_or_standalone_policies_widen_a_role() {
        // AWSLambdaBasicExecutionRole, for one, allows logs on "*".
        for (String type : List.of("aws_iam_role_policy_attachment", "aws_iam_policy_attachment", "aws_iam_policy")) {
            assertTrue(TF.resources(type).isEmpty(), type + ": " + TF.resources(type).keySet());
        }
        TF.resources("aws_iam_role").forEach((name, role) -> {
            assertTrue(!role.has("managed_policy_arns") && role.blocks("inline_policy").isEmpty(), name);
        });
    }

    @Test
    void no_policy_allows_a_wildcard_action() {
        TF.data("aws_iam_policy_document").forEach((document, block) -> {
            for (Statement s : Statement.of(block)) {
                if (!s.allows()) {
                    continue; // a Deny on "s3:*" (e.g. plain HTTP) narrows access; it is fine
                }
                for (String action : s.actions()) {
                    assertTrue(!action.contains("*"), document + "/" + s.sid() + " allows " + action);
                }
            }
        });
    }

    @Test
    void no_policy_allows_everything_as_a_resource_except_where_unavoidable() {
        TF.data("aws_iam_policy_document").forEach((document, block) -> {
            for (Statement s : Statement.of(block)) {
                if (s.allows() && s.resources().contains("*")) {
                    assertTrue(UNAVOIDABLE_STAR_RESOURCES.contains(document + "/" + s.sid()),
                            document + "/" + s.sid() + " allows " + s.actions() + " on \"*\"");
                }
            }
        });
    }

    @Test
    void no_policy_grants_anything_to_everyone() {
        TF.data("aws_iam_policy_document").forEach((document, block) -> {
            for (Statement s : Statement.of(block)) {
                if (s.allows()) {
                    assertTrue(s.principals().stream().noneMatch(p -> p.endsWith(":*")),
                            document + "/" + s.sid() + " allows anyone: " + s.principals());
                }
            }
        });
    }

    @Test
    void s3_object_grants_name_a_prefix_never_the_whole_bucket() {
        for (LambdaFunction f : LambdaFunction.all()) {
            for (Statement s : rolePolicy(f.resource())) {
                boolean objectActions = s.actions().stream().anyMatch(a -> a.startsWith("s3:") && !a.startsWith("s3:ListBucket"));
                if (objectActions) {
                    for (String resource : s.resources()) {
                        assertTrue(Set.of(ALBUMS, PREVIEWS, ZIPS, CHECKPOINTS, RECEIPTS, QUARANTINE, WATERMARKS,
                                NEW_CLOUDFRONT_LOGS, NEW_S3_LOGS, PROCESSED_LOGS).contains(resource), f + "/" + s.sid() + " on " + resource);
                    }
                }
            }
        }
    }

    @Test
    void the_generator_may_delete_the_checkpoints_it_writes_and_no_other_archive_object() {
        // The grant is matched as IAM matches it against the keys the code builds (S3Keys), so a
        // renamed sidecar cannot slip past it.
        List<String> granted = rolePolicy("zip_generator").stream().filter(s -> s.actions().contains("s3:DeleteObject"))
                .flatMap(s -> s.resources().stream()).filter(r -> r.startsWith(BUCKET + "/zips/")).toList();
        assertEquals(List.of(CHECKPOINTS), granted);
        Pattern deletable = IamPolicyCheck.iamPattern(CHECKPOINTS.substring(BUCKET.length() + 1));
        String archive = S3Keys.zipKey("album-1", "0123456789abcdef0123456789abcdef");
        assertTrue(deletable.matcher(S3Keys.checkpointKey(archive)).matches(), "its own checkpoints");
        assertFalse(deletable.matcher(archive).matches(), "the grant reaches archives");
        assertFalse(deletable.matcher(S3Keys.manifestKey(archive)).matches(), "the grant reaches manifests");
    }

    @Test
    void web_size_renditions_lie_under_the_previews_grants_so_they_are_made_read_and_swept_with_previews() {
        // The keys the code builds for renditions, matched as IAM matches the grants.
        String rendition = PreviewKeys.web("album-1", "Ceremony/IMG_0001.CR3");
        Pattern previews = IamPolicyCheck.iamPattern(PREVIEWS.substring(BUCKET.length() + 1));
        assertTrue(previews.matcher(rendition).matches(), rendition);
        for (String f : List.of("zip_generator", "maintenance")) {
            Set<String> actions = new TreeSet<>();
            rolePolicy(f).stream().filter(s -> s.resources().contains(PREVIEWS)).forEach(s -> actions.addAll(s.actions()));
            // HEAD (allowed by GetObject) finds current ones, PutObject makes them, DeleteObject sweeps orphans.
            assertEquals(Set.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"), actions, f);
        }
        // Presigned links to renditions (a guest's web-size photo) carry the client API's signature.
        assertTrue(rolePolicy("client_api").stream().anyMatch(s -> s.actions().contains("s3:GetObject") && s.resources().contains(PREVIEWS)));
    }

    @Test
    void the_signing_keys_are_read_by_the_functions_that_sign_with_them_and_no_other_parameter_or_key() {
        // The client API signs guest sessions and download links; maintenance signs the opt-out
        // links in its mail with the guest-session key. Nobody else reads a parameter.
        Map<String, Set<String>> expected = Map.of(
                "client_api", Set.of(GUEST_KEY, CLOUDFRONT_KEY + WITH_CLOUDFRONT),
                "maintenance", Set.of(GUEST_KEY));
        for (LambdaFunction f : LambdaFunction.all()) {
            Set<String> read = new TreeSet<>();
            for (Statement s : rolePolicy(f.resource())) {
                for (String action : s.actions()) {
                    if (action.startsWith("ssm:") || action.startsWith("kms:")) {
                        assertEquals("ssm:GetParameter", action, f + "/" + s.sid());
                        s.resources().forEach(r -> read.add(r + (s.conditional() ? " when " + Expressions.unwrap(s.onlyWhen()) : "")));
                    }
                }
            }
            assertEquals(expected.getOrDefault(f.resource(), Set.of()), read, f.toString());
        }
        // The AWS-managed aws/ssm key decrypts for whoever may read the parameter: no key id of
        // a customer-managed key, which would need a kms:Decrypt grant.
        for (String name : List.of("guest_session_key", "cloudfront_download_key")) {
            Block parameter = TF.resource("aws_ssm_parameter", name);
            assertEquals("SecureString", parameter.string("type"), name);
            assertFalse(parameter.has("key_id"), name + ": a customer-managed key needs kms:Decrypt in the readers' roles");
        }
    }

    @Test
    void deliveries_are_made_by_the_client_api_filled_in_by_maintenance_and_only_read_by_the_studio() {
        // A hand-out is one UpdateItem; the bytes served are maintenance's (a versioned put or
        // update); the studio reads. Nobody deletes or scans a delivery: it is the proof.
        Map<String, Set<String>> expected = Map.of(
                "client_api", Set.of("dynamodb:UpdateItem", "dynamodb:GetItem", "dynamodb:Query"),
                "admin_api", Set.of("dynamodb:Query"),
                "maintenance", Set.of("dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query"));
        for (LambdaFunction f : LambdaFunction.all()) {
            assertEquals(expected.getOrDefault(f.resource(), Set.of()), actionsOn(f, DELIVERY_TABLE), f.toString());
        }
    }

    @Test
    void only_maintenance_finds_due_mail_and_nobody_deletes_or_scans_the_outbox() {
        // The APIs queue mail and keep opt-outs by key; finding what is due (the sparse index)
        // and sending it is maintenance's alone, so an API cannot list other people's mail.
        for (LambdaFunction f : LambdaFunction.all()) {
            Set<String> onTable = actionsOn(f, MAIL_TABLE);
            Set<String> onIndex = actionsOn(f, MAIL_QUEUED_INDEX);
            boolean maintenance = f.equals(LambdaFunction.MAINTENANCE);
            assertEquals(maintenance ? Set.of("dynamodb:Query") : Set.of(), onIndex, f.toString());
            assertFalse(onTable.contains("dynamodb:Query"), f + ": mail is read by its key or found on the index: " + onTable);
            assertFalse(onTable.contains("dynamodb:DeleteItem") || onTable.contains("dynamodb:Scan"), f + ": " + onTable);
        }
        assertEquals(Set.of("dynamodb:PutItem", "dynamodb:GetItem"), actionsOn(LambdaFunction.ADMIN_API, MAIL_TABLE),
                "the studio only queues (a sent share link) and reads an opt-out");
    }

    @Test
    void maintenance_reads_and_removes_new_access_logs_and_only_adds_processed_ones() {
        // The processed logs are the proof behind each delivery: written once, never read back
        // or deleted by a function (the lifecycle keeps them access_log_retention_days).
        assertEquals(Set.of("s3:GetObject", "s3:DeleteObject"), actionsOn(LambdaFunction.MAINTENANCE, NEW_CLOUDFRONT_LOGS));
        assertEquals(Set.of("s3:GetObject", "s3:DeleteObject"), actionsOn(LambdaFunction.MAINTENANCE, NEW_S3_LOGS));
        assertEquals(Set.of("s3:PutObject"), actionsOn(LambdaFunction.MAINTENANCE, PROCESSED_LOGS));
        for (LambdaFunction f : LambdaFunction.all()) {
            if (f.equals(LambdaFunction.MAINTENANCE)) continue;
            for (Statement s : rolePolicy(f.resource())) {
                assertTrue(s.resources().stream().noneMatch(r -> r.startsWith(ACCESS_LOGS)), f + "/" + s.sid() + " reaches the access logs");
            }
        }
    }

    @Test
    void maintenance_writes_receipts_under_receipts_and_nothing_under_zips() {
        // Matched as IAM matches it against the keys the code builds (PartReceipts.keyOf).
        List<String> written = rolePolicy("maintenance").stream().filter(s -> s.actions().contains("s3:PutObject"))
                .flatMap(s -> s.resources().stream())
                .filter(r -> r.startsWith(BUCKET + "/zips/") || r.startsWith(BUCKET + "/receipts/")).toList();
        assertEquals(List.of(RECEIPTS), written);
        Pattern writable = IamPolicyCheck.iamPattern(RECEIPTS.substring(BUCKET.length() + 1));
        String archive = S3Keys.zipKey("album-1", "0123456789abcdef0123456789abcdef");
        assertTrue(writable.matcher(PartReceipts.keyOf(archive)).matches(), "its receipts");
        assertFalse(writable.matcher(archive).matches(), "the grant reaches archives");
        assertFalse(writable.matcher(S3Keys.manifestKey(archive)).matches(), "the grant reaches manifests");
        assertFalse(writable.matcher(S3Keys.checkpointKey(archive)).matches(), "the grant reaches checkpoints");
    }
    @Test
    void only_maintenance_sends_mail_only_through_ses_and_only_from_the_configured_identity() {
        List<Statement> sending = new java.util.ArrayList<>();
        for (LambdaFunction f : LambdaFunction.all()) {
            for (Statement s : rolePolicy(f.resource())) {
                if (s.actions().stream().anyMatch(a -> a.startsWith("ses:"))) {
                    assertEquals(LambdaFunction.MAINTENANCE, f, s.sid());
                    assertEquals(List.of("ses:SendEmail"), s.actions(), s.sid());
                    assertTrue(s.conditional() && s.onlyWhen().contains("local.sends_mail"), s.sid() + " exists without mail_transport = ses");
                    sending.add(s);
                }
            }
        }
        assertEquals(2, sending.size(), "the identity's grant and the configuration set's");
        assertEquals("${var.mail_transport == \"ses\"}", TF.local("sends_mail").asText());
        assertEquals("arn:aws:ses:${var.aws_region}:${local.account_id}:identity/${var.ses_identity}", TF.local("ses_identity_arn").asText());
        assertEquals("arn:aws:ses:${var.aws_region}:${local.account_id}:configuration-set/${var.ses_configuration_set}",
                TF.local("ses_configuration_set_arn").asText());
        // mail_transport = ses without an identity (or a From of it) is refused at plan time.
        Block precondition = TF.data("aws_iam_policy_document", "maintenance").block("lifecycle").block("precondition");
        assertEquals("${var.mail_transport != \"ses\" || (var.ses_identity != \"\" && var.mail_from != \"\")}", precondition.string("condition"));
    }

    private static Set<String> actionsOn(LambdaFunction f, String resource) {
        Set<String> actions = new TreeSet<>();
        rolePolicy(f.resource()).stream().filter(s -> s.resources().contains(resource)).forEach(s -> actions.addAll(s.actions()));
        return actions;
    }

    @Test
    void only_the_apis_touch_favourites_and_nobody_deletes_or_scans_them() {
        // A person's favourites are changed by conditional writes only; the studio reopens, never
        // removes, a selection. Deleting or scanning them would be a new, deliberate grant.
        for (LambdaFunction f : LambdaFunction.all()) {
            Set<String> actions = new TreeSet<>();
            rolePolicy(f.resource()).stream().filter(s -> s.resources().contains(FAVOURITE_TABLE)).forEach(s -> actions.addAll(s.actions()));
            boolean api = f.equals(LambdaFunction.CLIENT_API) || f.equals(LambdaFunction.ADMIN_API);
            assertEquals(api, !actions.isEmpty(), f + " on the favourite table: " + actions);
            assertFalse(actions.contains("dynamodb:DeleteItem") || actions.contains("dynamodb:Scan"), f + ": " + actions);
        }
    }

    @Test
    void favourites_archive_records_are_deleted_by_maintenance_alone_and_not_rebuilt_by_it() {
        // Nothing builds a selection before a click: maintenance sweeps records, it never writes new ones.
        for (LambdaFunction f : LambdaFunction.all()) {
            Set<String> actions = new TreeSet<>();
            rolePolicy(f.resource()).stream().filter(s -> s.resources().contains(SELECTION_TABLE)).forEach(s -> actions.addAll(s.actions()));
            assertEquals(f.equals(LambdaFunction.MAINTENANCE), actions.contains("dynamodb:DeleteItem"), f + ": " + actions);
            if (f.equals(LambdaFunction.MAINTENANCE)) assertFalse(actions.contains("dynamodb:PutItem"), f + ": " + actions);
        }
    }
}

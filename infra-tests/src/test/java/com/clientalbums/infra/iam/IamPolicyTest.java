package com.clientalbums.infra.iam;

import com.clientalbums.common.config.Setting;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.infra.LambdaFunction;
import com.clientalbums.infra.iam.PolicyDocuments.PolicyDocument;
import com.clientalbums.infra.iam.PolicyDocuments.PolicyStatement;
import com.clientalbums.infra.terraform.Finding;
import com.clientalbums.infra.terraform.Repo;
import com.clientalbums.infra.terraform.SourceLine;
import com.clientalbums.infra.terraform.Terraform;
import com.clientalbums.previews.keys.PreviewKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * terraform/'s policies as AWS evaluates them ({@link IamPolicyCheck}): the repository passes,
 * and each deliberate breakage of a copy is a finding at the broken line.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IamPolicyTest {

    private static final Path TERRAFORM = Repo.root().resolve("terraform");
    private static final Terraform REPOSITORY = Terraform.load();
    private static final String ZIP = S3Keys.zipKey("album-1", "3f1c0d2e");
    private static final String PHOTO = S3Keys.photoKey("album-1", "ceremony/IMG_0001.jpg");

    /** One call of each kind of target, made by the function whose role grants it. */
    private static final Map<LambdaFunction, List<AwsCall>> CALLS_OF_EVERY_KIND = Map.of(
            LambdaFunction.ZIP_GENERATOR, List.of(
                    new AwsCall("logs:CreateLogStream", new AwsCall.OwnLogs(), "the Lambda runtime opens its log stream"),
                    new AwsCall("logs:PutLogEvents", new AwsCall.OwnLogs(), "the Lambda runtime writes a log line"),
                    new AwsCall("s3:ListMultipartUploadParts", new AwsCall.S3Object(Setting.CLIENT_ALBUMS_BUCKET, ZIP), "a continuation checks its parts"),
                    new AwsCall("sqs:SendMessage", new AwsCall.Queue(Setting.ZIP_GENERATION_QUEUE_URL), "the debounce puts a request back"),
                    new AwsCall("dynamodb:UpdateItem", new AwsCall.Table(Setting.SELECTION_TABLE_NAME), "a favourites archive is published")),
            LambdaFunction.CLIENT_API, List.of(
                    new AwsCall("s3:GetObject", new AwsCall.S3Object(Setting.CLIENT_ALBUMS_BUCKET, S3Keys.receiptKey(ZIP)), "a client reads a receipt"),
                    new AwsCall("dynamodb:Query", new AwsCall.Table(Setting.SHARE_TABLE_NAME, "token_hash-index"), "a guest's link is found by its token"),
                    new AwsCall("ssm:GetParameter", new AwsCall.Parameter(Setting.GUEST_KEY_SOURCE), "the guest-session key is read"),
                    new AwsCall("ssm:GetParameter", new AwsCall.Parameter(Setting.CLOUDFRONT_KEY_SOURCE), "the download-link key is read")),
            LambdaFunction.ADMIN_API, List.of(
                    new AwsCall("cognito-idp:AdminCreateUser", new AwsCall.UserPool(Setting.COGNITO_USER_POOL_ID), "a client is invited"),
                    new AwsCall("s3:PutObject", new AwsCall.S3Object(Setting.CLIENT_ALBUMS_BUCKET, PHOTO), "the browser uploads a photo")),
            LambdaFunction.MAINTENANCE, List.of(
                    new AwsCall("s3:ListBucketMultipartUploads", new AwsCall.S3Bucket(Setting.CLIENT_ALBUMS_BUCKET), "abandoned uploads are found"),
                    new AwsCall("s3:ListBucket", new AwsCall.S3Bucket(Setting.ACCESS_LOG_BUCKET), "new access logs are listed"),
                    new AwsCall("ses:SendEmail", new AwsCall.Arn("${local.ses_identity_arn}"), "a mail is sent")));

    /** Calls the functions must never be able to make, one of each kind. */
    private static final Map<LambdaFunction, List<AwsCall>> FORBIDDEN_OF_EVERY_KIND = Map.of(
            LambdaFunction.CLIENT_API, List.of(
                    new AwsCall("s3:DeleteObject", new AwsCall.S3Object(Setting.CLIENT_ALBUMS_BUCKET, PHOTO), "an API deletes an original"),
                    new AwsCall("sqs:ReceiveMessage", new AwsCall.Queue(Setting.ZIP_GENERATION_QUEUE_URL), "an API consumes the generator's queue"),
                    new AwsCall("dynamodb:PutItem", new AwsCall.Table(Setting.SHARE_TABLE_NAME), "a client makes a share link"),
                    new AwsCall("iam:PassRole", new AwsCall.Arn("${aws_iam_role.maintenance.arn}"), "an API hands out another role")),
            LambdaFunction.ADMIN_API, List.of(
                    new AwsCall("ses:SendEmail", new AwsCall.Arn("${local.ses_identity_arn}"), "an API sends mail itself")),
            LambdaFunction.ZIP_GENERATOR, List.of(
                    new AwsCall("s3:GetObject", new AwsCall.Arn("arn:aws:s3:::someone-elses-bucket/" + PHOTO), "reading another bucket")));

    private static Function<LambdaFunction, List<AwsCall>> from(Map<LambdaFunction, List<AwsCall>> lists) {
        return f -> lists.getOrDefault(f, List.of());
    }

    private static final Function<LambdaFunction, List<AwsCall>> NONE = f -> List.of();

    @Test
    void the_repository_grants_every_call_of_the_code_denies_every_forbidden_one_and_its_resource_policies_hold() {
        List<Finding> findings = IamPolicyCheck.ofCode().check(REPOSITORY);
        assertEquals(List.of(), findings, Finding.report(findings));
    }

    @Test
    void the_repository_roles_grant_nothing_their_code_does_not_use() {
        List<Finding> findings = IamPolicyCheck.ofCode().unusedGrants(REPOSITORY);
        assertEquals(List.of(), findings, Finding.report(findings));
    }

    @Test
    void a_grant_no_call_uses_is_a_finding_at_its_action(@TempDir Path dir) throws IOException {
        String iam = copyWith(dir, "iam.tf", "actions   = [\"dynamodb:Query\"]\n    resources = [aws_dynamodb_table.delivery.arn]",
                "actions   = [\"dynamodb:Query\", \"dynamodb:Scan\"]\n    resources = [aws_dynamodb_table.delivery.arn]");

        List<Finding> findings = IamPolicyCheck.ofCode().unusedGrants(Terraform.parse(dir));

        assertOne(findings, new SourceLine("iam.tf", lineOf(iam, "[\"dynamodb:Query\", \"dynamodb:Scan\"]\n    resources = [aws_dynamodb_table.delivery.arn]")),
                "admin-api's role grants dynamodb:Scan on arn:aws:dynamodb:us-east-2:123456789012:table/katelynns-photography-delivery"
                        + " (statement ReadDeliveries), which no call of its code needs");
    }

    @Test
    void a_call_on_every_kind_of_target_resolves_to_an_arn_its_role_grants_and_forbidden_ones_are_denied() {
        List<Finding> findings = new IamPolicyCheck(from(CALLS_OF_EVERY_KIND), from(FORBIDDEN_OF_EVERY_KIND)).check(REPOSITORY);
        assertEquals(List.of(), findings, Finding.report(findings));
    }

    @Test
    void settings_resolve_through_locals_and_feature_conditionals_to_the_deployed_resources_arns() {
        DeploymentArns arns = new DeploymentArns(Terraform.load());
        String region = arns.region();
        assertEquals("us-east-2", region, "var.aws_region's default");
        assertEquals("arn:aws:ssm:" + region + ":123456789012:parameter/katelynns-photography/cloudfront-download-key",
                arns.arn(LambdaFunction.CLIENT_API, new AwsCall.Parameter(Setting.CLOUDFRONT_KEY_SOURCE)));
        assertEquals("arn:aws:sqs:" + region + ":123456789012:katelynns-photography-zip-generation",
                arns.arn(LambdaFunction.ADMIN_API, new AwsCall.Queue(Setting.ZIP_GENERATION_QUEUE_URL)));
        assertEquals("arn:aws:s3:::katelynns-photography-access-logs",
                arns.arn(LambdaFunction.MAINTENANCE, new AwsCall.S3Bucket(Setting.ACCESS_LOG_BUCKET)));
        assertEquals("arn:aws:ses:" + region + ":123456789012:identity/example.com",
                arns.arn(LambdaFunction.MAINTENANCE, new AwsCall.Arn("${local.ses_identity_arn}")));
        assertEquals("arn:aws:sts::123456789012:assumed-role/katelynns-photography-client-api/katelynns-photography-client-api",
                arns.principal(LambdaFunction.CLIENT_API));
    }

    @Test
    void a_dynamic_statement_renders_as_the_data_source_does_with_its_line() throws IOException {
        Terraform terraform = Terraform.load();
        PolicyDocument bucket = PolicyDocuments.of(terraform, new DeploymentArns(terraform)).get("client_albums_bucket");
        PolicyStatement read = bucket.statement("AllowDownloadsDistributionRead").orElseThrow();
        assertEquals(new ObjectMapper().readTree("""
                {"Sid": "AllowDownloadsDistributionRead", "Effect": "Allow", "Action": ["s3:GetObject"],
                 "Resource": ["arn:aws:s3:::katelynns-photography-client-albums/zips/*",
                              "arn:aws:s3:::katelynns-photography-client-albums/albums/*/photos/*",
                              "arn:aws:s3:::katelynns-photography-client-albums/previews/*/web/*"],
                 "Principal": {"Service": ["cloudfront.amazonaws.com"]},
                 "Condition": {"StringEquals": {"AWS:SourceArn": ["arn:aws:cloudfront::123456789012:distribution/EDOWNLOADSEXAMPLE"]}}}
                """), read.json());
        String s3 = Files.readString(TERRAFORM.resolve("s3.tf"));
        assertEquals(new SourceLine("s3.tf", lineOfBlockBefore(s3, "sid     = \"AllowDownloadsDistributionRead\"", "content {")), read.at());
        assertEquals(new SourceLine("s3.tf", lineOf(s3, "actions = [\"s3:GetObject\"]")), read.lineOf("s3:GetObject"));
    }

    @Test
    void an_unknown_action_is_a_finding_at_its_line(@TempDir Path dir) throws IOException {
        String iam = copyWith(dir, "iam.tf", "actions = [\"s3:GetObject\", \"s3:DeleteObject\"]\n    resources = [\n      \"${aws_s3_bucket.access_logs.arn}",
                "actions = [\"s3:GetObjectVersions\", \"s3:DeleteObject\"]\n    resources = [\n      \"${aws_s3_bucket.access_logs.arn}");

        List<Finding> findings = new IamPolicyCheck(NONE, NONE).check(dir);

        assertOne(findings, new SourceLine("iam.tf", lineOf(iam, "s3:GetObjectVersions")), "s3:GetObjectVersions does not exist");
    }

    @Test
    void a_role_lacking_a_call_its_handler_makes_is_a_finding_at_its_policy_document(@TempDir Path dir) throws IOException {
        AwsCall listParts = new AwsCall("s3:ListMultipartUploadParts", new AwsCall.S3Object(Setting.CLIENT_ALBUMS_BUCKET, ZIP),
                "ArchiveContinuation checks its checkpoint against S3's parts");
        Function<LambdaFunction, List<AwsCall>> calls = f -> f == LambdaFunction.ZIP_GENERATOR ? List.of(listParts) : List.of();
        assertEquals(List.of(), new IamPolicyCheck(calls, NONE).check(REPOSITORY), "the repository grants the call");

        String iam = copyWith(dir, "iam.tf", "\"s3:AbortMultipartUpload\", \"s3:ListMultipartUploadParts\"]", "\"s3:AbortMultipartUpload\"]");

        List<Finding> findings = new IamPolicyCheck(calls, NONE).check(dir);

        assertOne(findings, new SourceLine("iam.tf", lineOf(iam, "data \"aws_iam_policy_document\" \"zip_generator\"")),
                "s3:ListMultipartUploadParts on arn:aws:s3:::katelynns-photography-client-albums/" + ZIP
                        + " (ArchiveContinuation checks its checkpoint against S3's parts): denied");
    }

    @Test
    void a_policy_allowing_a_forbidden_call_is_a_finding_at_the_allowing_statement(@TempDir Path dir) throws IOException {
        AwsCall deleteOriginal = new AwsCall("s3:DeleteObject", new AwsCall.S3Object(Setting.CLIENT_ALBUMS_BUCKET, PHOTO),
                "the client API deletes an original");
        Function<LambdaFunction, List<AwsCall>> forbidden = f -> f == LambdaFunction.CLIENT_API ? List.of(deleteOriginal) : List.of();
        assertEquals(List.of(), new IamPolicyCheck(NONE, forbidden).check(REPOSITORY), "the repository denies the call");

        String receipts = "\"${aws_s3_bucket.client_albums.arn}/receipts/*\",";
        String iam = copyWith(dir, "iam.tf", "actions = [\"s3:GetObject\"]\n    resources = [\n      \"${aws_s3_bucket.client_albums.arn}/albums/*\",\n"
                        + "      \"${aws_s3_bucket.client_albums.arn}/previews/*\",\n      \"${aws_s3_bucket.client_albums.arn}/zips/*\",\n      " + receipts,
                "actions = [\"s3:GetObject\", \"s3:DeleteObject\"]\n    resources = [\n      \"${aws_s3_bucket.client_albums.arn}/albums/*\",\n"
                        + "      \"${aws_s3_bucket.client_albums.arn}/previews/*\",\n      \"${aws_s3_bucket.client_albums.arn}/zips/*\",\n      " + receipts);

        List<Finding> findings = new IamPolicyCheck(NONE, forbidden).check(dir);

        assertOne(findings, new SourceLine("iam.tf", lineOfBlockBefore(iam, receipts, "statement {")),
                "s3:DeleteObject on arn:aws:s3:::katelynns-photography-client-albums/" + PHOTO
                        + " (the client API deletes an original): allowed by statement ReadPhotosPreviewsArchives of data.aws_iam_policy_document.client_api");
    }

    @Test
    void a_bucket_policy_letting_any_distribution_read_is_a_finding_at_its_statement(@TempDir Path dir) throws IOException {
        String s3 = copyWith(dir, "s3.tf", """
                      condition {
                        test     = "StringEquals"
                        variable = "AWS:SourceArn"
                        values   = [aws_cloudfront_distribution.downloads[0].arn]
                      }
                """, "");

        List<Finding> findings = new IamPolicyCheck(NONE, NONE).check(dir);

        SourceLine statement = new SourceLine("s3.tf", lineOfBlockBefore(s3, "sid     = \"AllowDownloadsDistributionRead\"", "content {"));
        assertTrue(findings.stream().allMatch(f -> f.at().equals(statement)), Finding.report(findings));
        assertTrue(findings.stream().anyMatch(f -> f.message().contains("another distribution reads an archive")
                && f.message().contains("allowed by statement AllowDownloadsDistributionRead")), Finding.report(findings));
    }

    @Test
    void a_queue_policy_accepting_any_bucket_is_a_finding_at_its_statement(@TempDir Path dir) throws IOException {
        String sqs = copyWith(dir, "sqs.tf", """
                    condition {
                      test     = "ArnEquals"
                      variable = "aws:SourceArn"
                      values   = [aws_s3_bucket.client_albums.arn]
                    }

                """, "");

        List<Finding> findings = new IamPolicyCheck(NONE, NONE).check(dir);

        assertOne(findings, new SourceLine("sqs.tf", lineOfBlockBefore(sqs, "sid       = \"AllowClientAlbumsBucketEvents\"", "statement {")),
                "S3 sends another bucket's events (sqs:SendMessage on arn:aws:sqs:us-east-2:123456789012:katelynns-photography-zip-generation"
                        + " by s3.amazonaws.com): allowed by statement AllowClientAlbumsBucketEvents");
    }

    @Test
    void a_call_on_an_arn_its_action_does_not_take_is_a_finding_not_a_denial() {
        AwsCall wrongType = new AwsCall("s3:GetObject", new AwsCall.Queue(Setting.ZIP_GENERATION_QUEUE_URL), "a photo read from the queue");
        Function<LambdaFunction, List<AwsCall>> calls = f -> f == LambdaFunction.ADMIN_API ? List.of(wrongType) : List.of();

        List<Finding> findings = new IamPolicyCheck(calls, NONE).check(REPOSITORY);

        String iam = read(TERRAFORM.resolve("iam.tf"));
        assertOne(findings, new SourceLine("iam.tf", lineOf(iam, "data \"aws_iam_policy_document\" \"admin_api\"")),
                "(a photo read from the queue): AWS's rules cannot evaluate it");
    }

    @Test
    void a_role_policy_longer_than_aws_accepts_is_a_finding_at_its_document() {
        Terraform terraform = Terraform.load();
        PolicyDocument clientApi = PolicyDocuments.of(terraform, new DeploymentArns(terraform)).get("client_api");
        int size = clientApi.json().toString().length();
        assertEquals(Optional.empty(), IamPolicyCheck.tooLarge(clientApi, IamPolicyCheck.ROLE_INLINE_POLICY_LIMIT, "client-api's role"),
                "client_api's policy is " + size + " characters");

        Finding finding = IamPolicyCheck.tooLarge(clientApi, size - 1, "client-api's role").orElseThrow();

        assertEquals(clientApi.at(), finding.at());
        assertTrue(finding.message().contains("client_api is " + size + " characters; AWS accepts at most " + (size - 1)), finding.message());
    }

    private static void assertOne(List<Finding> findings, SourceLine at, String message) {
        assertEquals(1, findings.size(), Finding.report(findings));
        assertEquals(at, findings.get(0).at(), Finding.report(findings));
        assertTrue(findings.get(0).message().contains(message), "expected «" + message + "» in" + Finding.report(findings));
    }

    /** Copies terraform/ to {@code dir} with one change to {@code file}; the changed text. */
    private static String copyWith(Path dir, String file, String from, String to) throws IOException {
        try (Stream<Path> files = Files.list(TERRAFORM)) {
            for (Path tf : files.filter(p -> p.toString().endsWith(".tf")).toList()) {
                Files.copy(tf, dir.resolve(tf.getFileName()));
            }
        }
        String text = read(dir.resolve(file));
        assertEquals(text.indexOf(from), text.lastIndexOf(from), "the text to change occurs once in " + file);
        String changed = text.replace(from, to);
        assertNotEquals(text, changed, "the change applies to " + file);
        Files.writeString(dir.resolve(file), changed);
        return changed;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int lineOf(String text, String snippet) {
        int at = text.indexOf(snippet);
        assertTrue(at >= 0, snippet + " is in the text");
        return lineAt(text, at);
    }

    /** The line of the last {@code opening} before {@code inside}: the block {@code inside} is in. */
    private static int lineOfBlockBefore(String text, String inside, String opening) {
        int at = text.indexOf(inside);
        assertTrue(at >= 0, inside + " is in the text");
        return lineAt(text, text.lastIndexOf(opening, at));
    }

    private static int lineAt(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}

package com.clientalbums.infra;

import com.clientalbums.common.access.GrantRepository;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.delivery.PartReceipts;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.share.ShareRepository;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.infra.iam.AwsCall;
import com.clientalbums.infra.iam.AwsCall.Arn;
import com.clientalbums.infra.iam.AwsCall.OwnLogs;
import com.clientalbums.infra.iam.AwsCall.Parameter;
import com.clientalbums.infra.iam.AwsCall.Queue;
import com.clientalbums.infra.iam.AwsCall.S3Bucket;
import com.clientalbums.infra.iam.AwsCall.S3Object;
import com.clientalbums.infra.iam.AwsCall.Table;
import com.clientalbums.infra.iam.AwsCall.Target;
import com.clientalbums.infra.iam.AwsCall.UserPool;
import com.clientalbums.maintenance.deliveries.logs.LogFormat;
import com.clientalbums.maintenance.store.AccessLogStore;
import com.clientalbums.previews.keys.PreviewKeys;
import com.clientalbums.previews.keys.PreviewSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.clientalbums.common.config.Setting.ACCESS_LOG_BUCKET;
import static com.clientalbums.common.config.Setting.ALBUM_TABLE_NAME;
import static com.clientalbums.common.config.Setting.CLIENT_ALBUMS_BUCKET;
import static com.clientalbums.common.config.Setting.CLOUDFRONT_KEY_SOURCE;
import static com.clientalbums.common.config.Setting.DELIVERY_TABLE_NAME;
import static com.clientalbums.common.config.Setting.FAVOURITE_TABLE_NAME;
import static com.clientalbums.common.config.Setting.GUEST_KEY_SOURCE;
import static com.clientalbums.common.config.Setting.MAIL_TABLE_NAME;
import static com.clientalbums.common.config.Setting.SELECTION_TABLE_NAME;
import static com.clientalbums.common.config.Setting.SHARE_TABLE_NAME;
import static com.clientalbums.common.config.Setting.USER_ALBUM_TABLE_NAME;
import static com.clientalbums.common.config.Setting.USER_TABLE_NAME;

/**
 * Every AWS call each function's code makes, and the calls it must never be able to make: the
 * IAM check simulates both against the function's role (all allowed; all denied), and
 * {@code AwsCallsIT} checks the first list against the calls the deployed JAR contains.
 *
 * <p>One call per action and kind of resource (a photo, a preview, an archive, its manifest…),
 * each on a key the code's own key builders make for one sample album, so a moved prefix moves
 * the calls with it. Calls that exist only with a feature (the CloudFront signing key, SES) are
 * listed: the IAM check runs with every feature on.
 */
public final class AwsCalls {

    private static final String ALBUM = "album-1";
    private static final String PHOTO = "Ceremony/IMG_0001.jpg";
    private static final String FINGERPRINT = "0123456789abcdef0123456789abcdef";
    private static final String ARCHIVE = S3Keys.zipKey(ALBUM, FINGERPRINT);
    private static final String LOGO = S3Keys.watermarkKey(ALBUM, "ab".repeat(32));
    private static final String ACCESS_LOG = LogFormat.CLOUDFRONT.prefix() + "EMLARXS9EXAMPLE.2026-12-01-10.a1b2c3d4.gz";
    private static final String SERVER_LOG = LogFormat.S3.prefix() + "2026-12-01-10-15-20-EXAMPLE";
    /** What no role of this deployment may reach, in another account or outside what it owns. */
    private static final String OTHER_BUCKET_OBJECT = "arn:aws:s3:::someone-elses-bucket/x";
    private static final String OTHER_PARAMETER = "arn:aws:ssm:${var.aws_region}:${local.account_id}:parameter/someone-elses-secret";
    private static final String ANY_KEY = "arn:aws:kms:${var.aws_region}:${local.account_id}:key/00000000-0000-0000-0000-000000000000";
    private static final String NEW_ROLE = "arn:aws:iam::${local.account_id}:role/escalated";

    /** The Terraform resource each setting names (lambda.tf sets the one from the other). */
    static final Map<Setting, String> TERRAFORM_ARNS = Map.ofEntries(
            Map.entry(CLIENT_ALBUMS_BUCKET, "${aws_s3_bucket.client_albums.arn}"),
            Map.entry(ACCESS_LOG_BUCKET, "${aws_s3_bucket.access_logs.arn}"),
            Map.entry(ALBUM_TABLE_NAME, "${aws_dynamodb_table.album.arn}"),
            Map.entry(USER_TABLE_NAME, "${aws_dynamodb_table.user.arn}"),
            Map.entry(USER_ALBUM_TABLE_NAME, "${aws_dynamodb_table.user_album.arn}"),
            Map.entry(SHARE_TABLE_NAME, "${aws_dynamodb_table.share.arn}"),
            Map.entry(FAVOURITE_TABLE_NAME, "${aws_dynamodb_table.favourite.arn}"),
            Map.entry(SELECTION_TABLE_NAME, "${aws_dynamodb_table.selection_archive.arn}"),
            Map.entry(DELIVERY_TABLE_NAME, "${aws_dynamodb_table.delivery.arn}"),
            Map.entry(MAIL_TABLE_NAME, "${aws_dynamodb_table.mail.arn}"),
            Map.entry(Setting.ZIP_GENERATION_QUEUE_URL, "${aws_sqs_queue.zip_generation.arn}"),
            Map.entry(Setting.COGNITO_USER_POOL_ID, "${aws_cognito_user_pool.clients.arn}"));

    private static final Map<LambdaFunction, List<AwsCall>> CODE = Map.of(
            LambdaFunction.ZIP_GENERATOR, zipGenerator(),
            LambdaFunction.CLIENT_API, clientApi(),
            LambdaFunction.ADMIN_API, adminApi(),
            LambdaFunction.MAINTENANCE, maintenance());

    private AwsCalls() {}

    /** Every call made with {@code function}'s role: its code's and the Lambda runtime's. */
    public static List<AwsCall> of(LambdaFunction function) {
        List<AwsCall> all = new ArrayList<>(ofCode(function));
        all.addAll(ofRuntime(function));
        return List.copyOf(all);
    }

    /** The calls {@code function}'s code makes, each with a concrete resource. */
    static List<AwsCall> ofCode(LambdaFunction function) {
        List<AwsCall> calls = CODE.get(function);
        if (calls == null) throw new IllegalArgumentException("no calls listed for " + function);
        return calls;
    }

    /**
     * The calls Lambda makes with the function's role on its behalf, which no code of the project
     * contains: the log lines the runtime writes, and for the generator the queue's event source
     * mapping, which polls and deletes handled messages (the three actions AWS's
     * AWSLambdaSQSQueueExecutionRole names).
     */
    static List<AwsCall> ofRuntime(LambdaFunction function) {
        List<AwsCall> calls = new ArrayList<>(List.of(
                new AwsCall("logs:CreateLogStream", new OwnLogs(), "the Lambda runtime opens a log stream per container"),
                new AwsCall("logs:PutLogEvents", new OwnLogs(), "the Lambda runtime writes the function's log lines")));
        if (function.equals(LambdaFunction.ZIP_GENERATOR)) {
            for (String action : List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")) {
                calls.add(queue(action, "Lambda's SQS event source mapping (local/…/lambda/SqsPoller.java plays it locally)"));
            }
        }
        return List.copyOf(calls);
    }

    private static List<AwsCall> zipGenerator() {
        return List.of(
                // The album's photos and archives, listed and read (PhotoListing, ExistingArchives, S3PhotoSource).
                bucket("s3:ListBucket", CLIENT_ALBUMS_BUCKET, "PhotoListing and ExistingArchives list an album's photos and archives"),
                photo("s3:GetObject", "S3PhotoSource reads a photo into its archive; PhotoPreviews reads one to render it"),
                // The archive: a multipart upload (S3ArchiveTarget), its manifest and checkpoint beside it.
                object("s3:PutObject", ARCHIVE, "S3ArchiveTarget uploads an archive part (create, upload part, complete)"),
                object("s3:GetObject", ARCHIVE, "S3ArchiveTarget copies unchanged bytes of a published archive (UploadPartCopy's source); "
                        + "StoredChecksums HEADs a part; PreviousArchives reads its central directory"),
                object("s3:AbortMultipartUpload", ARCHIVE, "S3ArchiveTarget aborts an upload it cannot finish"),
                object("s3:ListMultipartUploadParts", ARCHIVE, "S3ArchiveTarget checks a checkpoint against the parts S3 holds"),
                object("s3:PutObject", S3Keys.manifestKey(ARCHIVE), "ArchiveManifests writes an archive's manifest"),
                object("s3:GetObject", S3Keys.manifestKey(ARCHIVE), "PreviousArchives reads a published archive's manifest"),
                object("s3:PutObject", S3Keys.checkpointKey(ARCHIVE), "S3CheckpointStore records how far a build got"),
                object("s3:GetObject", S3Keys.checkpointKey(ARCHIVE), "S3CheckpointStore reads a checkpoint to continue a build"),
                object("s3:DeleteObject", S3Keys.checkpointKey(ARCHIVE), "S3CheckpointStore deletes a finished part's checkpoint"),
                // Previews and web-size renditions as photo events arrive (previews/…/job/PhotoPreviews.java).
                object("s3:GetObject", PreviewKeys.web(ALBUM, PHOTO), "ObjectHeads HEADs a rendition to skip a current one; "
                        + "a web-size archive part reads it"),
                object("s3:PutObject", PreviewKeys.web(ALBUM, PHOTO), "PhotoPreviews writes a web-size rendition"),
                object("s3:PutObject", PreviewKeys.image(ALBUM, PreviewSize.THUMB, PHOTO), "PhotoPreviews writes a thumbnail"),
                object("s3:PutObject", PreviewKeys.unreadableMarker(ALBUM, PHOTO), "PhotoPreviews marks a photo it cannot read"),
                object("s3:DeleteObject", PreviewKeys.image(ALBUM, PreviewSize.PREVIEW, PHOTO), "PhotoPreviews deletes a deleted photo's previews"),
                object("s3:GetObject", LOGO, "WatermarkLogos reads an album's logo"),
                // The arrival check: active content copied to quarantine/, then deleted from the album (Quarantine).
                photo("s3:GetObject", "Quarantine copies active content out of its album (CopyObject's source)"),
                object("s3:PutObject", S3Keys.quarantineKey(ALBUM, PHOTO), "Quarantine copies active content to quarantine/"),
                photo("s3:DeleteObject", "Quarantine deletes active content from its album"),
                // The archive state of record (AlbumRepository), the album's and a favourites archive's.
                table("dynamodb:GetItem", ALBUM_TABLE_NAME, "AlbumRepository reads an album's archive state"),
                table("dynamodb:UpdateItem", ALBUM_TABLE_NAME, "AlbumRepository claims, heartbeats and publishes a build"),
                table("dynamodb:GetItem", SELECTION_TABLE_NAME, "AlbumRepository reads a favourites archive's state"),
                table("dynamodb:UpdateItem", SELECTION_TABLE_NAME, "AlbumRepository claims and publishes a favourites archive"),
                queue("sqs:SendMessage", "ZipQueue wakes a build again later (debounce, parts)"));
    }

    private static List<AwsCall> clientApi() {
        return List.of(
                bucket("s3:ListBucket", CLIENT_ALBUMS_BUCKET, "PhotoListing lists an album's photos; PreviewIndex lists its previews"),
                // Presigned links carry the role's signature (PresignedLinks); HEADs size and check what they point at (ObjectHeads).
                photo("s3:GetObject", "PresignedLinks signs a photo's download link; ObjectHeads HEADs the photo"),
                object("s3:GetObject", PreviewKeys.image(ALBUM, PreviewSize.THUMB, PHOTO), "PresignedLinks signs a thumbnail's link"),
                object("s3:GetObject", PreviewKeys.web(ALBUM, PHOTO), "PresignedLinks signs a web-size photo's link; ObjectHeads HEADs it"),
                object("s3:GetObject", ARCHIVE, "PresignedLinks signs an archive's link; ArchiveCheck HEADs its parts"),
                object("s3:GetObject", PartReceipts.keyOf(ARCHIVE), "PartReceipts reads (and HEADs) a client's receipt"),
                table("dynamodb:GetItem", ALBUM_TABLE_NAME, "AlbumRepository reads an album"),
                table("dynamodb:UpdateItem", ALBUM_TABLE_NAME, "AlbumRepository requests a build"),
                table("dynamodb:Scan", ALBUM_TABLE_NAME, "AlbumRepository lists every album for the photographer"),
                table("dynamodb:GetItem", USER_ALBUM_TABLE_NAME, "GrantRepository checks a client's grant"),
                table("dynamodb:Query", USER_ALBUM_TABLE_NAME, "GrantRepository lists a client's albums"),
                table("dynamodb:GetItem", USER_TABLE_NAME, "UserRepository reads a client"),
                table("dynamodb:GetItem", SHARE_TABLE_NAME, "ShareRepository reads a guest's link by its key"),
                table("dynamodb:UpdateItem", SHARE_TABLE_NAME, "ShareRepository reserves PIN attempts, counts sessions and downloads"),
                index("dynamodb:Query", SHARE_TABLE_NAME, ShareRepository.TOKEN_INDEX, "ShareRepository finds a link by its token's hash"),
                table("dynamodb:GetItem", FAVOURITE_TABLE_NAME, "FavouriteRepository reads a person's favourites"),
                table("dynamodb:UpdateItem", FAVOURITE_TABLE_NAME, "FavouriteRepository adds, removes and submits favourites"),
                table("dynamodb:GetItem", SELECTION_TABLE_NAME, "AlbumRepository reads a favourites archive"),
                table("dynamodb:PutItem", SELECTION_TABLE_NAME, "AlbumRepository registers a favourites archive once"),
                table("dynamodb:UpdateItem", SELECTION_TABLE_NAME, "AlbumRepository requests a favourites archive's build"),
                table("dynamodb:GetItem", DELIVERY_TABLE_NAME, "DeliveryRepository reads a delivery for its receipts"),
                table("dynamodb:Query", DELIVERY_TABLE_NAME, "DeliveryRepository reads the caller's deliveries of an album"),
                table("dynamodb:UpdateItem", DELIVERY_TABLE_NAME, "DeliveryRepository records a download link handed out"),
                table("dynamodb:GetItem", MAIL_TABLE_NAME, "MailOutbox reads an opt-out"),
                table("dynamodb:PutItem", MAIL_TABLE_NAME, "MailOutbox queues a submitted selection's mail"),
                table("dynamodb:UpdateItem", MAIL_TABLE_NAME, "MailOutbox sets or clears an opt-out"),
                queue("sqs:SendMessage", "ZipQueue wakes the generator for a requested build"),
                new AwsCall("ssm:GetParameter", new Parameter(GUEST_KEY_SOURCE), "SecretSource reads the guest-session key"),
                new AwsCall("ssm:GetParameter", new Parameter(CLOUDFRONT_KEY_SOURCE), "SecretSource reads the CloudFront signing key"));
    }

    private static List<AwsCall> adminApi() {
        return List.of(
                bucket("s3:ListBucket", CLIENT_ALBUMS_BUCKET, "PhotoListing lists an album's photos"),
                object("s3:GetObject", LOGO, "ObjectHeads HEADs an uploaded watermark logo before an album uses it"),
                photo("s3:PutObject", "PresignedLinks signs the studio's upload link for a photo"),
                object("s3:PutObject", LOGO, "PresignedLinks signs the studio's upload link for a watermark logo"),
                table("dynamodb:GetItem", ALBUM_TABLE_NAME, "AlbumRepository reads an album"),
                table("dynamodb:PutItem", ALBUM_TABLE_NAME, "AlbumRepository registers an album"),
                table("dynamodb:UpdateItem", ALBUM_TABLE_NAME, "AlbumRepository changes settings and requests builds"),
                table("dynamodb:Scan", ALBUM_TABLE_NAME, "AlbumRepository lists every album"),
                table("dynamodb:UpdateItem", USER_ALBUM_TABLE_NAME, "GrantRepository grants an album"),
                table("dynamodb:DeleteItem", USER_ALBUM_TABLE_NAME, "GrantRepository revokes a grant"),
                table("dynamodb:Scan", USER_ALBUM_TABLE_NAME, "GrantRepository lists every grant for GET /admin/users"),
                table("dynamodb:GetItem", USER_TABLE_NAME, "UserRepository reads a client"),
                table("dynamodb:PutItem", USER_TABLE_NAME, "UserRepository registers a client"),
                table("dynamodb:Scan", USER_TABLE_NAME, "UserRepository lists every client"),
                table("dynamodb:PutItem", SHARE_TABLE_NAME, "ShareRepository makes a share link"),
                table("dynamodb:GetItem", SHARE_TABLE_NAME, "ShareRepository reads a share link"),
                table("dynamodb:Query", SHARE_TABLE_NAME, "ShareRepository lists an album's links"),
                table("dynamodb:UpdateItem", SHARE_TABLE_NAME, "ShareRepository changes and revokes a link"),
                table("dynamodb:Query", FAVOURITE_TABLE_NAME, "FavouriteRepository reads each person's favourites of an album"),
                table("dynamodb:UpdateItem", FAVOURITE_TABLE_NAME, "FavouriteRepository reopens a submitted selection"),
                table("dynamodb:Query", DELIVERY_TABLE_NAME, "DeliveryRepository lists an album's deliveries"),
                table("dynamodb:GetItem", MAIL_TABLE_NAME, "MailOutbox reads the recipient's opt-out"),
                table("dynamodb:PutItem", MAIL_TABLE_NAME, "MailOutbox queues a share link's mail"),
                queue("sqs:SendMessage", "ZipQueue wakes the generator for a registered album"),
                new AwsCall("cognito-idp:AdminCreateUser", new UserPool(Setting.COGNITO_USER_POOL_ID), "CognitoAccountDirectory invites a client"));
    }

    private static List<AwsCall> maintenance() {
        return List.of(
                bucket("s3:ListBucket", CLIENT_ALBUMS_BUCKET, "S3MaintenanceStore lists archives and previews; PhotoListing lists photos"),
                bucket("s3:ListBucketMultipartUploads", CLIENT_ALBUMS_BUCKET, "S3MaintenanceStore finds abandoned archive uploads"),
                // Superseded archives with their sidecars, and abandoned uploads (S3MaintenanceStore).
                object("s3:DeleteObject", ARCHIVE, "S3MaintenanceStore deletes a superseded archive"),
                object("s3:DeleteObject", S3Keys.manifestKey(ARCHIVE), "S3MaintenanceStore deletes a superseded archive's manifest"),
                object("s3:DeleteObject", S3Keys.checkpointKey(ARCHIVE), "S3MaintenanceStore deletes a checkpoint no build will continue"),
                object("s3:AbortMultipartUpload", ARCHIVE, "S3MaintenanceStore aborts an abandoned archive upload"),
                // Missing previews made, orphans removed, active content quarantined (previews/…/job/).
                photo("s3:GetObject", "PhotoPreviews reads a photo to render it (and its first bytes for the arrival check); "
                        + "Quarantine copies active content out of its album (CopyObject's source)"),
                object("s3:GetObject", PreviewKeys.web(ALBUM, PHOTO), "ObjectHeads HEADs a rendition to skip a current one"),
                object("s3:PutObject", PreviewKeys.image(ALBUM, PreviewSize.PREVIEW, PHOTO), "PhotoPreviews writes a missing preview"),
                object("s3:PutObject", PreviewKeys.web(ALBUM, PHOTO), "PhotoPreviews writes a missing web-size rendition"),
                object("s3:DeleteObject", PreviewKeys.image(ALBUM, PreviewSize.THUMB, PHOTO), "PhotoPreviews and S3MaintenanceStore delete "
                        + "a deleted photo's previews"),
                object("s3:GetObject", LOGO, "WatermarkLogos reads an album's logo"),
                object("s3:PutObject", S3Keys.quarantineKey(ALBUM, PHOTO), "Quarantine copies active content to quarantine/"),
                photo("s3:DeleteObject", "Quarantine deletes active content from its album"),
                // The deliveries run: access logs read, moved to processed/ (S3AccessLogStore); receipts (PartReceipts).
                bucket("s3:ListBucket", ACCESS_LOG_BUCKET, "S3AccessLogStore lists new access logs"),
                new AwsCall("s3:GetObject", new S3Object(ACCESS_LOG_BUCKET, ACCESS_LOG), "S3AccessLogStore reads a CloudFront log (and copies it)"),
                new AwsCall("s3:GetObject", new S3Object(ACCESS_LOG_BUCKET, SERVER_LOG), "S3AccessLogStore reads an S3 server access log"),
                new AwsCall("s3:PutObject", new S3Object(ACCESS_LOG_BUCKET, AccessLogStore.PROCESSED + ACCESS_LOG),
                        "S3AccessLogStore copies a read log to processed/"),
                new AwsCall("s3:DeleteObject", new S3Object(ACCESS_LOG_BUCKET, ACCESS_LOG), "S3AccessLogStore deletes a log moved to processed/"),
                new AwsCall("s3:DeleteObject", new S3Object(ACCESS_LOG_BUCKET, SERVER_LOG), "S3AccessLogStore deletes a log moved to processed/"),
                object("s3:GetObject", ARCHIVE, "S3MaintenanceStore reads an archive part for its receipt"),
                object("s3:PutObject", PartReceipts.keyOf(ARCHIVE), "PartReceipts writes a client's receipt"),
                // Tables: archive state swept, deliveries filled in, mail sent.
                table("dynamodb:Scan", ALBUM_TABLE_NAME, "AlbumRepository sweeps every album"),
                table("dynamodb:GetItem", ALBUM_TABLE_NAME, "AlbumRepository reads an album again before deleting its archives"),
                table("dynamodb:UpdateItem", ALBUM_TABLE_NAME, "AlbumRepository records content and requests rebuilds"),
                table("dynamodb:Scan", SELECTION_TABLE_NAME, "AlbumRepository sweeps favourites archives"),
                table("dynamodb:GetItem", SELECTION_TABLE_NAME, "AlbumRepository reads a favourites archive again"),
                table("dynamodb:UpdateItem", SELECTION_TABLE_NAME, "AlbumRepository keeps a favourites archive's state"),
                table("dynamodb:DeleteItem", SELECTION_TABLE_NAME, "AlbumRepository deletes a favourites archive unused for 30 days"),
                table("dynamodb:GetItem", DELIVERY_TABLE_NAME, "DeliveryRepository reads a delivery"),
                table("dynamodb:UpdateItem", DELIVERY_TABLE_NAME, "DeliveryRepository records the bytes served"),
                table("dynamodb:Query", DELIVERY_TABLE_NAME, "DeliveryRepository reads an album's deliveries for its receipts"),
                table("dynamodb:GetItem", MAIL_TABLE_NAME, "MailOutbox reads a mail and an opt-out"),
                table("dynamodb:PutItem", MAIL_TABLE_NAME, "MailOutbox queues notices and reminders once"),
                table("dynamodb:UpdateItem", MAIL_TABLE_NAME, "MailOutbox marks a mail sent, retried or failed"),
                index("dynamodb:Query", MAIL_TABLE_NAME, MailOutbox.QUEUE_INDEX, "MailOutbox finds due mail"),
                index("dynamodb:Query", USER_ALBUM_TABLE_NAME, GrantRepository.ALBUM_INDEX, "GrantRepository finds an album's clients"),
                table("dynamodb:Query", SHARE_TABLE_NAME, "ShareRepository finds the addresses an album's links were sent to"),
                queue("sqs:SendMessage", "ZipQueue re-queues stale albums"),
                new AwsCall("ssm:GetParameter", new Parameter(GUEST_KEY_SOURCE), "SecretSource reads the key that signs opt-out links"),
                new AwsCall("ses:SendEmail", new Arn("${local.ses_identity_arn}"), "SesMailSender sends from the studio's identity"),
                new AwsCall("ses:SendEmail", new Arn("${local.ses_configuration_set_arn}"), "SesMailSender sends with the configuration set"));
    }

    /** Calls {@code function}'s role must deny. */
    public static List<AwsCall> forbidden(LambdaFunction function) {
        boolean zip = function.equals(LambdaFunction.ZIP_GENERATOR);
        boolean client = function.equals(LambdaFunction.CLIENT_API);
        boolean admin = function.equals(LambdaFunction.ADMIN_API);
        boolean maintenance = function.equals(LambdaFunction.MAINTENANCE);
        // The role's name as iam.tf gives it (aws_iam_role.name), the ARN built as IAM builds it.
        String role = "arn:aws:iam::${local.account_id}:role/${var.project_name}-" + function.module();
        List<AwsCall> calls = new ArrayList<>(List.of(
                // Nothing outside the deployment, and no way to widen a role.
                new AwsCall("s3:GetObject", new Arn(OTHER_BUCKET_OBJECT), "no function reads another bucket"),
                new AwsCall("s3:PutObject", new Arn(OTHER_BUCKET_OBJECT), "no function writes another bucket"),
                new AwsCall("iam:PassRole", new Arn(role), "no function hands its role to a service"),
                new AwsCall("iam:PutRolePolicy", new Arn(role), "no function widens its own role"),
                new AwsCall("iam:CreateRole", new Arn(NEW_ROLE), "no function makes roles"),
                new AwsCall("sts:AssumeRole", new Arn(NEW_ROLE), "no function becomes another role"),
                new AwsCall("ssm:GetParameter", new Arn(OTHER_PARAMETER), "a function reads only the keys it signs with"),
                new AwsCall("kms:Decrypt", new Arn(ANY_KEY), "the signing keys use aws/ssm: no KMS grant is needed, none is given"),
                // Proof and history are never removed by a function.
                table("dynamodb:DeleteItem", DELIVERY_TABLE_NAME, "a delivery is the proof of a download: nobody deletes one"),
                table("dynamodb:DeleteItem", FAVOURITE_TABLE_NAME, "favourites change by conditional writes only"),
                table("dynamodb:Scan", FAVOURITE_TABLE_NAME, "favourites are read by album or person, never scanned"),
                table("dynamodb:Scan", SHARE_TABLE_NAME, "share links are found by album or token hash, never scanned"),
                table("dynamodb:DeleteItem", MAIL_TABLE_NAME, "the outbox keeps what each recipient was told"),
                table("dynamodb:DeleteItem", ALBUM_TABLE_NAME, "an album's record is never deleted by a function"),
                object("s3:DeleteObject", PartReceipts.keyOf(ARCHIVE), "a receipt outlives its archive: no function deletes one"),
                new AwsCall("s3:DeleteObject", new S3Object(ACCESS_LOG_BUCKET, AccessLogStore.PROCESSED + ACCESS_LOG),
                        "processed access logs are the proof behind each delivery, kept by the bucket's lifecycle")));
        if (!admin) {
            // Users, grants and share links are the studio's to make and remove.
            calls.add(table("dynamodb:PutItem", USER_TABLE_NAME, "only the studio registers users"));
            calls.add(table("dynamodb:PutItem", USER_ALBUM_TABLE_NAME, "only the studio grants albums"));
            calls.add(table("dynamodb:UpdateItem", USER_ALBUM_TABLE_NAME, "only the studio grants albums"));
            calls.add(table("dynamodb:DeleteItem", USER_ALBUM_TABLE_NAME, "only the studio revokes grants"));
            calls.add(table("dynamodb:PutItem", SHARE_TABLE_NAME, "only the studio makes share links"));
            calls.add(new AwsCall("cognito-idp:AdminCreateUser", new UserPool(Setting.COGNITO_USER_POOL_ID), "only the studio invites clients"));
            calls.add(photo("s3:PutObject", "only the studio uploads photos"));
            calls.add(object("s3:PutObject", LOGO, "only the studio uploads watermark logos"));
        }
        if (client || admin) {
            calls.add(photo("s3:DeleteObject", "the APIs never delete an original"));
            calls.add(object("s3:DeleteObject", ARCHIVE, "the APIs never delete an archive"));
            calls.add(object("s3:PutObject", ARCHIVE, "the APIs never write an archive"));
            calls.add(object("s3:GetObject", S3Keys.quarantineKey(ALBUM, PHOTO), "quarantined active content is never served"));
            calls.add(queue("sqs:ReceiveMessage", "the APIs only request builds; the generator consumes the queue"));
            calls.add(queue("sqs:DeleteMessage", "the APIs only request builds; the generator consumes the queue"));
            calls.add(new AwsCall("ses:SendEmail", new Arn("${local.ses_identity_arn}"), "the APIs queue mail; maintenance sends it"));
            calls.add(index("dynamodb:Query", MAIL_TABLE_NAME, MailOutbox.QUEUE_INDEX, "only maintenance lists due mail"));
            calls.add(table("dynamodb:PutItem", DELIVERY_TABLE_NAME, "the bytes served are maintenance's to record"));
            calls.add(object("s3:PutObject", PartReceipts.keyOf(ARCHIVE), "only maintenance writes receipts"));
        }
        if (client) {
            calls.add(table("dynamodb:PutItem", ALBUM_TABLE_NAME, "the client API never registers or overwrites an album"));
            calls.add(table("dynamodb:DeleteItem", SHARE_TABLE_NAME, "a guest never removes a share link"));
            calls.add(table("dynamodb:Scan", USER_TABLE_NAME, "a client never lists other clients"));
            calls.add(table("dynamodb:Scan", USER_ALBUM_TABLE_NAME, "a client never lists other clients' grants"));
        }
        if (!maintenance) {
            calls.add(bucket("s3:ListBucket", ACCESS_LOG_BUCKET, "only maintenance reads the access logs"));
            calls.add(new AwsCall("s3:GetObject", new S3Object(ACCESS_LOG_BUCKET, ACCESS_LOG), "only maintenance reads the access logs"));
            calls.add(table("dynamodb:DeleteItem", SELECTION_TABLE_NAME, "only maintenance deletes favourites archive records"));
            calls.add(object("s3:DeleteObject", ARCHIVE, "only maintenance deletes archives"));
            calls.add(object("s3:DeleteObject", S3Keys.manifestKey(ARCHIVE), "only maintenance deletes manifests"));
        }
        if (maintenance) {
            calls.add(table("dynamodb:PutItem", SELECTION_TABLE_NAME, "maintenance sweeps favourites archives, never makes one"));
            calls.add(table("dynamodb:PutItem", ALBUM_TABLE_NAME, "maintenance never registers an album"));
            calls.add(new AwsCall("s3:GetObject", new S3Object(ACCESS_LOG_BUCKET, AccessLogStore.PROCESSED + ACCESS_LOG),
                    "processed access logs are only written"));
            calls.add(object("s3:PutObject", ARCHIVE, "maintenance never writes an archive"));
        }
        if (zip) {
            calls.add(table("dynamodb:Scan", ALBUM_TABLE_NAME, "the generator works on the album its message names"));
            calls.add(object("s3:GetObject", PartReceipts.keyOf(ARCHIVE), "the generator has nothing to do with receipts"));
        }
        if (zip) {
            calls.add(table("dynamodb:PutItem", ALBUM_TABLE_NAME, "the generator updates the state of an album the studio registered, never writes one"));
        }
        if (client) {
            calls.add(table("dynamodb:Query", FAVOURITE_TABLE_NAME, "a client reads their own favourites by key, never an album's"));
        }
        // Lambda's event source mapping needs no visibility changes, and no code holds a message back.
        calls.add(queue("sqs:ChangeMessageVisibility", "nobody changes a generation request's visibility"));
        calls.add(new AwsCall("cognito-idp:AdminAddUserToGroup", new UserPool(Setting.COGNITO_USER_POOL_ID),
                "no function makes anyone an admin: the photographer adds the admin group's members by hand"));
        return calls.stream().map(call -> asDeployed(function, call)).toList();
    }

    /**
     * A forbidden call on a resource the function has no setting for (the generator is never told
     * the user table's name) names it as Terraform does: the IAM check resolves a setting through
     * the function's own environment.
     */
    private static AwsCall asDeployed(LambdaFunction function, AwsCall call) {
        Target target = switch (call.target()) {
            case S3Object o when lacks(function, o.bucket()) -> new Arn(TERRAFORM_ARNS.get(o.bucket()) + "/" + o.key());
            case S3Bucket b when lacks(function, b.bucket()) -> new Arn(TERRAFORM_ARNS.get(b.bucket()));
            case Table t when lacks(function, t.table()) ->
                    new Arn(TERRAFORM_ARNS.get(t.table()) + (t.index() == null ? "" : "/index/" + t.index()));
            case Queue q when lacks(function, q.queueUrl()) -> new Arn(TERRAFORM_ARNS.get(q.queueUrl()));
            case UserPool u when lacks(function, u.poolId()) -> new Arn(TERRAFORM_ARNS.get(u.poolId()));
            default -> call.target();
        };
        return new AwsCall(call.action(), target, call.context(), call.why());
    }

    private static boolean lacks(LambdaFunction function, Setting setting) {
        return !function.deployedSettingNames().contains(setting.name());
    }

    private static AwsCall object(String action, String key, String why) {
        return new AwsCall(action, new S3Object(CLIENT_ALBUMS_BUCKET, key), why);
    }

    private static AwsCall photo(String action, String why) {
        return object(action, S3Keys.photoKey(ALBUM, PHOTO), why);
    }

    private static AwsCall bucket(String action, Setting bucket, String why) {
        return new AwsCall(action, new S3Bucket(bucket), why);
    }

    private static AwsCall table(String action, Setting table, String why) {
        return new AwsCall(action, new Table(table), why);
    }

    private static AwsCall index(String action, Setting table, String index, String why) {
        return new AwsCall(action, new Table(table, index), why);
    }

    private static AwsCall queue(String action, String why) {
        return new AwsCall(action, new Queue(Setting.ZIP_GENERATION_QUEUE_URL), why);
    }
}

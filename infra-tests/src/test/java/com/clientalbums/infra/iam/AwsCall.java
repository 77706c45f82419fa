package com.clientalbums.infra.iam;

import com.clientalbums.common.config.Setting;

import java.util.Map;

/**
 * One request a function makes to AWS, as IAM authorizes it: an action on a resource, named the
 * way the code names it (through the setting Terraform fills in, and the code's own key
 * builders), so the IAM check resolves it to the ARN the deployment would have.
 *
 * @param action  the IAM action, e.g. {@code s3:GetObject} (HeadObject is authorized as GetObject)
 * @param target  what it is made on
 * @param context condition keys the request carries (e.g. {@code aws:SourceArn}); usually none
 * @param why     the code that makes it, for failure messages (e.g. {@code S3PhotoSource reads a photo})
 */
public record AwsCall(String action, Target target, Map<String, String> context, String why) {

    public AwsCall {
        context = Map.copyOf(context);
    }

    public AwsCall(String action, Target target, String why) {
        this(action, target, Map.of(), why);
    }

    /** What a call is made on, by the setting that names it in the function's environment. */
    public sealed interface Target {}

    /** An object of the bucket a setting names: {@code arn:aws:s3:::{bucket}/{key}}. */
    public record S3Object(Setting bucket, String key) implements Target {}

    /** The bucket itself (ListBucket, ListBucketMultipartUploads): {@code arn:aws:s3:::{bucket}}. */
    public record S3Bucket(Setting bucket) implements Target {}

    /** A DynamoDB table, or one of its indexes when {@code index} is not null. */
    public record Table(Setting table, String index) implements Target {
        public Table(Setting table) {
            this(table, null);
        }
    }

    /** The SQS queue whose URL a setting holds. */
    public record Queue(Setting queueUrl) implements Target {}

    /** The SSM parameter a {@code ssm:/name} key-source setting points at. */
    public record Parameter(Setting keySource) implements Target {}

    /** The function's own CloudWatch log group (the Lambda runtime writes it, not the code). */
    public record OwnLogs() implements Target {}

    /** A Cognito user pool named by its id setting. */
    public record UserPool(Setting poolId) implements Target {}

    /**
     * A resource no setting names, as a Terraform expression the deployment resolves (e.g.
     * {@code ${local.ses_identity_arn}}), or a literal ARN for calls that must be denied
     * (another account's bucket).
     */
    public record Arn(String expression) implements Target {}
}

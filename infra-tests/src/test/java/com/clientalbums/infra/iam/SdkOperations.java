package com.clientalbums.infra.iam;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Map.entry;

/**
 * The one table from an AWS SDK v2 client method to the IAM actions AWS authorizes it as, for
 * the clients this project uses. A method missing here is unknown, not "no action": the drift
 * check fails on it, so a new kind of call is mapped deliberately (IAM names do not follow the
 * SDK's: HeadObject is authorized as s3:GetObject, a multipart upload as s3:PutObject, listing
 * a bucket as s3:ListBucket).
 *
 * <p>A paginator ({@code …Paginator}) sends the operation it pages through. A presigned link
 * carries the signing role's credentials, so S3 authorizes the role when the link is used.
 */
public final class SdkOperations {

    /** Methods of every client that send no request. */
    private static final Set<String> LOCAL = Set.of("builder", "create", "close", "serviceName", "utilities",
            "serviceClientConfiguration");

    private static final String GET = "s3:GetObject";
    private static final String PUT = "s3:PutObject";

    /** Client type (simple name) → method → IAM actions. */
    private static final Map<String, Map<String, Set<String>>> ACTIONS = Map.of(
            "S3Client", Map.ofEntries(
                    entry("getObject", Set.of(GET)),
                    entry("getObjectAsBytes", Set.of(GET)),
                    entry("headObject", Set.of(GET)),
                    entry("putObject", Set.of(PUT)),
                    entry("deleteObject", Set.of("s3:DeleteObject")),
                    entry("deleteObjects", Set.of("s3:DeleteObject")),
                    // A copy reads its source and writes its destination, both as the caller.
                    entry("copyObject", Set.of(GET, PUT)),
                    entry("uploadPartCopy", Set.of(GET, PUT)),
                    entry("createMultipartUpload", Set.of(PUT)),
                    entry("uploadPart", Set.of(PUT)),
                    entry("completeMultipartUpload", Set.of(PUT)),
                    entry("abortMultipartUpload", Set.of("s3:AbortMultipartUpload")),
                    entry("listParts", Set.of("s3:ListMultipartUploadParts")),
                    entry("listPartsPaginator", Set.of("s3:ListMultipartUploadParts")),
                    entry("listObjectsV2", Set.of("s3:ListBucket")),
                    entry("listObjectsV2Paginator", Set.of("s3:ListBucket")),
                    entry("headBucket", Set.of("s3:ListBucket")),
                    entry("listMultipartUploads", Set.of("s3:ListBucketMultipartUploads")),
                    entry("listMultipartUploadsPaginator", Set.of("s3:ListBucketMultipartUploads"))),
            "S3Presigner", Map.of(
                    "presignGetObject", Set.of(GET),
                    "presignPutObject", Set.of(PUT),
                    "presignUploadPart", Set.of(PUT)),
            "DynamoDbClient", Map.ofEntries(
                    entry("getItem", Set.of("dynamodb:GetItem")),
                    entry("putItem", Set.of("dynamodb:PutItem")),
                    entry("updateItem", Set.of("dynamodb:UpdateItem")),
                    entry("deleteItem", Set.of("dynamodb:DeleteItem")),
                    entry("query", Set.of("dynamodb:Query")),
                    entry("queryPaginator", Set.of("dynamodb:Query")),
                    entry("scan", Set.of("dynamodb:Scan")),
                    entry("scanPaginator", Set.of("dynamodb:Scan")),
                    entry("batchGetItem", Set.of("dynamodb:BatchGetItem")),
                    entry("batchWriteItem", Set.of("dynamodb:BatchWriteItem"))),
            "SqsClient", Map.ofEntries(
                    entry("sendMessage", Set.of("sqs:SendMessage")),
                    entry("sendMessageBatch", Set.of("sqs:SendMessage")),
                    entry("receiveMessage", Set.of("sqs:ReceiveMessage")),
                    entry("deleteMessage", Set.of("sqs:DeleteMessage")),
                    entry("deleteMessageBatch", Set.of("sqs:DeleteMessage")),
                    entry("changeMessageVisibility", Set.of("sqs:ChangeMessageVisibility")),
                    entry("changeMessageVisibilityBatch", Set.of("sqs:ChangeMessageVisibility")),
                    entry("getQueueAttributes", Set.of("sqs:GetQueueAttributes")),
                    entry("getQueueUrl", Set.of("sqs:GetQueueUrl"))),
            "SsmClient", Map.of(
                    "getParameter", Set.of("ssm:GetParameter"),
                    "getParameters", Set.of("ssm:GetParameters")),
            "SesV2Client", Map.of(
                    "sendEmail", Set.of("ses:SendEmail")),
            "CognitoIdentityProviderClient", Map.of(
                    "adminCreateUser", Set.of("cognito-idp:AdminCreateUser"),
                    "adminAddUserToGroup", Set.of("cognito-idp:AdminAddUserToGroup"),
                    "adminGetUser", Set.of("cognito-idp:AdminGetUser")));

    private SdkOperations() {}

    /**
     * The IAM actions {@code client.method} is authorized as; an empty set for a method that sends
     * no request ({@code builder}, {@code close}); empty when the table does not know the method.
     *
     * @param client the client's simple type name, e.g. {@code S3Client}
     */
    public static Optional<Set<String>> actions(String client, String method) {
        if (LOCAL.contains(method)) return Optional.of(Set.of());
        return Optional.ofNullable(ACTIONS.getOrDefault(client, Map.of()).get(method));
    }
}

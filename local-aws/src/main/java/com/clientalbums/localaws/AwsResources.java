package com.clientalbums.localaws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Creates the bucket, the access-log bucket, the eight tables and the two queues as Terraform declares them (keys, the
 * grants and share-token indexes, the dead-letter queue after {@code maxReceiveCount} receives). Idempotent, so the
 * local runner can start again on its data folder.
 */
public final class AwsResources {
    public static final String ALBUM_GRANTS_INDEX = "album_id-index";
    /** The share table's index by token hash: a share link is found by its token, which is stored only hashed. */
    public static final String SHARE_TOKEN_INDEX = "token_hash-index";
    public static final String MAIL_QUEUE_INDEX = "queued-index";

    private AwsResources() {}

    public static S3Client s3(AwsEndpoints e) {
        return S3Client.builder().endpointOverride(e.s3()).region(Region.of(e.region()))
                .credentialsProvider(credentials(e)).httpClientBuilder(UrlConnectionHttpClient.builder())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    public static S3Presigner presigner(AwsEndpoints e) {
        return S3Presigner.builder().endpointOverride(e.s3()).region(Region.of(e.region()))
                .credentialsProvider(credentials(e))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    public static SqsClient sqs(AwsEndpoints e) {
        return SqsClient.builder().endpointOverride(e.sqs()).region(Region.of(e.region()))
                .credentialsProvider(credentials(e)).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static DynamoDbClient dynamo(AwsEndpoints e) {
        return DynamoDbClient.builder().endpointOverride(e.dynamo()).region(Region.of(e.region()))
                .credentialsProvider(credentials(e)).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static StaticCredentialsProvider credentials(AwsEndpoints e) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(e.accessKey(), e.secretKey()));
    }

    /** The queue URLs, once created. */
    public record Queues(String queueUrl, String deadLetterQueueUrl) {}

    /** Creates everything; returns the queue URLs. */
    public static Queues create(AwsEndpoints e, ResourceNames names, Duration visibilityTimeout, int maxReceiveCount) {
        try (S3Client s3 = s3(e); SqsClient sqs = sqs(e); DynamoDbClient dynamo = dynamo(e)) {
            try {
                s3.createBucket(b -> b.bucket(names.bucket()));
            } catch (BucketAlreadyOwnedByYouException alreadyThere) {
                // a restart on the same data folder
            }
            try {
                s3.createBucket(b -> b.bucket(names.accessLogBucket()));
            } catch (BucketAlreadyOwnedByYouException alreadyThere) {
                // a restart on the same data folder
            }
            createTable(dynamo, names.albumTable(), List.of(key("album_id", KeyType.HASH)), List.of(attr("album_id")), null);
            createTable(dynamo, names.userTable(), List.of(key("email", KeyType.HASH)), List.of(attr("email")), null);
            createTable(dynamo, names.userAlbumTable(),
                    List.of(key("email", KeyType.HASH), key("album_id", KeyType.RANGE)),
                    List.of(attr("email"), attr("album_id")),
                    GlobalSecondaryIndex.builder().indexName(ALBUM_GRANTS_INDEX)
                            .keySchema(key("album_id", KeyType.HASH), key("email", KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build());
            createTable(dynamo, names.shareTable(),
                    List.of(key("album_id", KeyType.HASH), key("share_id", KeyType.RANGE)),
                    List.of(attr("album_id"), attr("share_id"), attr("token_hash")),
                    GlobalSecondaryIndex.builder().indexName(SHARE_TOKEN_INDEX)
                            .keySchema(key("token_hash", KeyType.HASH))
                            .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build());
            createTable(dynamo, names.favouriteTable(),
                    List.of(key("album_id", KeyType.HASH), key("person_id", KeyType.RANGE)),
                    List.of(attr("album_id"), attr("person_id")), null);
            // Favourites archives are archive records like albums: the album table's key and attributes.
            createTable(dynamo, names.selectionTable(), List.of(key("album_id", KeyType.HASH)), List.of(attr("album_id")), null);
            createTable(dynamo, names.deliveryTable(),
                    List.of(key("album_id", KeyType.HASH), key("delivery_id", KeyType.RANGE)),
                    List.of(attr("album_id"), attr("delivery_id")), null);
            // The outbox's index is sparse: only queued messages carry "queued"; due_at is an ISO-8601 UTC instant.
            createTable(dynamo, names.mailTable(),
                    List.of(key("recipient", KeyType.HASH), key("topic", KeyType.RANGE)),
                    List.of(attr("recipient"), attr("topic"), attr("queued"), attr("due_at")),
                    GlobalSecondaryIndex.builder().indexName(MAIL_QUEUE_INDEX)
                            .keySchema(key("queued", KeyType.HASH), key("due_at", KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build());

            String dlqUrl = sqs.createQueue(q -> q.queueName(names.deadLetterQueue())
                    .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"))).queueUrl();
            String dlqArn = sqs.getQueueAttributes(a -> a.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String queueUrl = sqs.createQueue(q -> q.queueName(names.queue()).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibilityTimeout.toSeconds()),
                    QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}"))).queueUrl();
            return new Queues(queueUrl, dlqUrl);
        }
    }

    private static void createTable(DynamoDbClient dynamo, String name, List<KeySchemaElement> keys,
                                    List<AttributeDefinition> attributes, GlobalSecondaryIndex index) {
        try {
            dynamo.createTable(t -> {
                t.tableName(name).keySchema(keys).attributeDefinitions(attributes).billingMode(BillingMode.PAY_PER_REQUEST);
                if (index != null) t.globalSecondaryIndexes(index);
            });
            dynamo.waiter().waitUntilTableExists(w -> w.tableName(name));
        } catch (ResourceInUseException alreadyThere) {
            // a restart on the same data folder
        }
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}

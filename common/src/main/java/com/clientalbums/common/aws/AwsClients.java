package com.clientalbums.common.aws;

import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The SDK clients a function uses, built once per container.
 *
 * <p>In AWS no endpoint is set and the SDK finds everything itself. Locally the standard
 * {@code AWS_ENDPOINT_URL_S3} / {@code _SQS} / {@code _DYNAMODB} (or {@code AWS_ENDPOINT_URL})
 * variables point the clients at loopback servers; S3 then needs path-style addressing,
 * because a bucket name cannot be a sub-domain of 127.0.0.1.
 */
public record AwsClients(S3Client s3, S3Presigner presigner, SqsClient sqs, DynamoDbClient dynamo) implements AutoCloseable {

    /** Enough for ZIP_FETCH_CONCURRENCY up to 32 plus the part uploads. */
    private static final int S3_CONNECTIONS = 48;

    public static AwsClients create(String region) {
        return create(region, System.getenv());
    }

    public static AwsClients create(String region, Map<String, String> env) {
        Region r = Region.of(region);
        ClientOverrideConfiguration retries = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallAttemptTimeout(Duration.ofSeconds(60))
                .build();
        Optional<URI> s3Endpoint = endpoint(env, "S3");
        // Chunked (aws-chunked) signing allocates a buffer per 128 KiB chunk of every upload; off, a
        // part is signed in one pass over the buffer the pipeline already holds.
        S3Configuration s3Config = S3Configuration.builder().pathStyleAccessEnabled(s3Endpoint.isPresent())
                .chunkedEncodingEnabled(false).build();

        // Archives carry a CRC-32 of every photo, computed from the bytes as read and checked by
        // every unzip tool, and TLS protects the transfer; the SDK's own per-request checksums
        // would hash every byte twice more for no added safety.
        // A pool as large as a build's parallel GETs and part uploads: with fewer kept-alive
        // connections every extra request pays a new connection.
        var s3 = S3Client.builder().region(r).overrideConfiguration(retries)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(S3_CONNECTIONS))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(s3Config);
        var presigner = S3Presigner.builder().region(r).serviceConfiguration(s3Config);
        var sqs = SqsClient.builder().region(r).overrideConfiguration(retries)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        var dynamo = DynamoDbClient.builder().region(r).overrideConfiguration(retries)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        s3Endpoint.ifPresent(u -> { s3.endpointOverride(u); presigner.endpointOverride(u); });
        endpoint(env, "SQS").ifPresent(sqs::endpointOverride);
        endpoint(env, "DYNAMODB").ifPresent(dynamo::endpointOverride);
        return new AwsClients(s3.build(), presigner.build(), sqs.build(), dynamo.build());
    }

    private static Optional<URI> endpoint(Map<String, String> env, String service) {
        String specific = env.get("AWS_ENDPOINT_URL_" + service);
        String general = env.get("AWS_ENDPOINT_URL");
        String value = specific != null && !specific.isBlank() ? specific : general;
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value.trim()));
    }

    @Override
    public void close() {
        s3.close();
        presigner.close();
        sqs.close();
        dynamo.close();
    }
}

package com.clientalbums.common.aws;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
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

    /** How long one attempt of a call may take before the SDK abandons it and, within its retry budget, tries again. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(60);

    public static AwsClients create(String region) {
        return create(region, System.getenv());
    }

    public static AwsClients create(String region, Map<String, String> env) {
        return create(region, env, ATTEMPT_TIMEOUT);
    }

    /**
     * The same clients with another attempt timeout (how long the SDK waits for an answer):
     * the fault suite holds requests unanswered and would otherwise wait a minute for each.
     */
    public static AwsClients create(String region, Map<String, String> env, Duration attemptTimeout) {
        Region r = Region.of(region);
        Optional<URI> s3Endpoint = endpoint(env, "S3");
        var presigner = S3Presigner.builder().region(r).serviceConfiguration(s3Configuration(s3Endpoint));
        var sqs = SqsClient.builder().region(r).overrideConfiguration(retries(attemptTimeout))
                .httpClientBuilder(HttpClients.urlConnection());
        var dynamo = DynamoDbClient.builder().region(r).overrideConfiguration(retries(attemptTimeout))
                .httpClientBuilder(HttpClients.urlConnection());
        s3Endpoint.ifPresent(presigner::endpointOverride);
        endpoint(env, "SQS").ifPresent(sqs::endpointOverride);
        endpoint(env, "DYNAMODB").ifPresent(dynamo::endpointOverride);
        return new AwsClients(s3(region, env, attemptTimeout).build(), presigner.build(), sqs.build(), dynamo.build());
    }

    /**
     * The standard retries, plus an answer cut off mid-body: the SDK retries a connection broken
     * before the answer, but one broken while its XML or JSON is parsed surfaces as a parse
     * error that it does not retry (a listing cut short failed a whole build). The root cause is
     * the socket's {@link IOException} either way; every call here may be sent again (reads, and
     * writes that are conditional or idempotent).
     */
    private static ClientOverrideConfiguration retries(Duration attemptTimeout) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().retryOnRootCauseInstanceOf(IOException.class).build())
                .apiCallAttemptTimeout(attemptTimeout).build();
    }

    /**
     * The S3 client every function uses, still open to change: the archive benchmark builds the
     * same client with other credentials.
     */
    public static S3ClientBuilder s3(String region, Map<String, String> env) {
        return s3(region, env, ATTEMPT_TIMEOUT);
    }

    private static S3ClientBuilder s3(String region, Map<String, String> env, Duration attemptTimeout) {
        Optional<URI> endpoint = endpoint(env, "S3");
        // Archives carry a CRC-32 of every photo, computed from the bytes as read and checked by
        // every unzip tool, and TLS protects the transfer; the SDK's own per-request checksums
        // would hash every byte twice more for no added safety.
        // Its connections are kept alive as many as a build's parallel GETs and part uploads (HttpClients).
        var s3 = S3Client.builder().region(Region.of(region)).overrideConfiguration(retries(attemptTimeout))
                .httpClientBuilder(HttpClients.urlConnection())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(s3Configuration(endpoint));
        endpoint.ifPresent(s3::endpointOverride);
        return s3;
    }

    private static S3Configuration s3Configuration(Optional<URI> endpoint) {
        // Chunked (aws-chunked) signing allocates a buffer per 128 KiB chunk of every upload; off, a
        // part is signed in one pass over the buffer the pipeline already holds.
        return S3Configuration.builder().pathStyleAccessEnabled(endpoint.isPresent()).chunkedEncodingEnabled(false).build();
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

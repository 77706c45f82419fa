package com.clientalbums.common.http;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Presigned S3 links handed to browsers, signed at request time.
 *
 * <p>A presigned URL stops working when the credentials that signed it expire, whatever its
 * {@code X-Amz-Expires} says. Lambda signs with temporary role credentials, so a link's life is
 * capped by theirs, less a margin: a client is never given a link that dies before the time the
 * API announced. The credentials are resolved once per link and the same ones sign it.
 */
public final class PresignedLinks {
    /** Kept between the end of a link's life and the end of its credentials'. */
    static final Duration MARGIN = Duration.ofMinutes(5);

    /** A link and how long it stays valid. */
    public record Link(String url, long expiresInSeconds) {}

    private final S3Presigner presigner;
    private final String bucket;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;

    public PresignedLinks(S3Presigner presigner, String bucket, AwsCredentialsProvider credentials, Clock clock) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * A GET link.
     *
     * @param contentDisposition sent back by S3 as {@code Content-Disposition}, or null
     * @param contentType        sent back as {@code Content-Type}, or null for the stored one
     */
    public Link get(String key, Duration wanted, String contentDisposition, String contentType) {
        return get(key, wanted, contentDisposition, contentType, null, null);
    }

    /**
     * A GET link with one more query parameter, signed with the rest ({@code queryName} null for
     * none): S3 ignores parameters starting with {@code x-} and writes them to its access logs.
     */
    public Link get(String key, Duration wanted, String contentDisposition, String contentType, String queryName, String queryValue) {
        AwsCredentials signer = credentials.resolveCredentials();
        Duration life = lifetime(wanted, signer, clock.instant());
        AwsRequestOverrideConfiguration.Builder override = AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(StaticCredentialsProvider.create(signer));
        if (queryName != null) override.putRawQueryParameter(queryName, queryValue);
        GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(bucket).key(key)
                .overrideConfiguration(override.build());
        if (contentDisposition != null) get.responseContentDisposition(contentDisposition);
        if (contentType != null) get.responseContentType(contentType);
        String url = presigner.presignGetObject(p -> p.signatureDuration(life).getObjectRequest(get.build())).url().toString();
        return new Link(url, life.toSeconds());
    }

    /**
     * A PUT link for a body of exactly {@code contentLength} bytes of {@code contentType}: both
     * headers are signed, so S3 refuses a body of another length or type.
     */
    public Link put(String key, Duration wanted, String contentType, long contentLength) {
        AwsCredentials signer = credentials.resolveCredentials();
        Duration life = lifetime(wanted, signer, clock.instant());
        PutObjectRequest put = PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType)
                .contentLength(contentLength).overrideConfiguration(signedBy(signer)).build();
        String url = presigner.presignPutObject(p -> p.signatureDuration(life).putObjectRequest(put)).url().toString();
        return new Link(url, life.toSeconds());
    }

    /**
     * The wanted lifetime, capped by the credentials' remaining life less {@link #MARGIN}. Should
     * the credentials be about to expire (their provider normally refreshes them well before),
     * the link still gets most of what is left rather than nothing.
     */
    static Duration lifetime(Duration wanted, AwsCredentials signer, Instant now) {
        Duration life = wanted;
        var expires = signer.expirationTime();
        if (expires.isPresent()) {
            Duration remaining = Duration.between(now, expires.get());
            Duration capped = remaining.minus(MARGIN);
            if (capped.compareTo(Duration.ofMinutes(1)) < 0) capped = remaining.dividedBy(2);
            if (capped.compareTo(life) < 0) life = capped;
        }
        return life.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : life.withNanos(0);
    }

    private static AwsRequestOverrideConfiguration signedBy(AwsCredentials signer) {
        return AwsRequestOverrideConfiguration.builder().credentialsProvider(StaticCredentialsProvider.create(signer)).build();
    }
}

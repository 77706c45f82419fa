package com.clientalbums.common.http;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresignedLinksTest {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private static AwsSessionCredentials expiringAt(Instant expiry) {
        return AwsSessionCredentials.builder().accessKeyId("AKIDSESSION").secretAccessKey("secret")
                .sessionToken("token").expirationTime(expiry).build();
    }

    @Test
    void credentialsThatNeverExpireLeaveTheWantedLifetime() {
        assertEquals(Duration.ofHours(6), PresignedLinks.lifetime(Duration.ofHours(6), AwsBasicCredentials.create("a", "b"), NOW));
    }

    @Test
    void aLinkNeverOutlivesItsSigningCredentialsLessTheMargin() {
        var creds = expiringAt(NOW.plus(Duration.ofMinutes(50)));
        assertEquals(Duration.ofMinutes(45), PresignedLinks.lifetime(Duration.ofHours(6), creds, NOW));
        assertEquals(Duration.ofMinutes(10), PresignedLinks.lifetime(Duration.ofMinutes(10), creds, NOW));
    }

    @Test
    void credentialsAboutToExpireStillGiveALinkOfHalfWhatIsLeft() {
        assertEquals(Duration.ofSeconds(90), PresignedLinks.lifetime(Duration.ofHours(6), expiringAt(NOW.plusSeconds(180)), NOW));
        assertEquals(Duration.ofSeconds(1), PresignedLinks.lifetime(Duration.ofHours(6), expiringAt(NOW.minusSeconds(10)), NOW));
    }

    @Test
    void theLinkIsSignedByTheCredentialsWhoseLifeCappedIt() {
        try (S3Presigner presigner = S3Presigner.builder().region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDOTHER", "x"))).build()) {
            var links = new PresignedLinks(presigner, "bucket",
                    StaticCredentialsProvider.create(expiringAt(Instant.now().plus(Duration.ofMinutes(35)))), Clock.systemUTC());
            var link = links.get("zips/demo/abc.zip", Duration.ofHours(6), "attachment; filename=\"a.zip\"", "application/zip");
            assertTrue(link.url().contains("X-Amz-Credential=AKIDSESSION"), link.url());
            assertTrue(link.url().contains("X-Amz-Security-Token=token"), link.url());
            assertTrue(link.url().contains("response-content-disposition="), link.url());
            assertTrue(link.expiresInSeconds() <= 30 * 60 && link.expiresInSeconds() > 29 * 60, "" + link.expiresInSeconds());
            assertTrue(link.url().contains("X-Amz-Expires=" + link.expiresInSeconds()), link.url());
        }
    }

    @Test
    void aPutLinkSignsTheContentLengthAndType() {
        try (S3Presigner presigner = S3Presigner.builder().region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            var links = new PresignedLinks(presigner, "bucket",
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "x")), Clock.fixed(NOW, ZoneOffset.UTC));
            var link = links.put("albums/demo/photos/a.jpg", Duration.ofHours(1), "image/jpeg", 10);
            assertTrue(link.url().contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost"), link.url());
            assertEquals(3600, link.expiresInSeconds());
        }
    }
}

package com.clientalbums.common.http;

import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownloadLinksTest {
    static final EnumSet<Setting> DECLARED = EnumSet.of(Setting.AWS_REGION, Setting.AWS_REGION_NAME, Setting.DOWNLOAD_LINKS,
            Setting.CLOUDFRONT_DOMAIN, Setting.CLOUDFRONT_KEY_PAIR_ID, Setting.CLOUDFRONT_KEY_SOURCE);
    static final Instant NOW = Instant.parse("2026-12-05T21:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final DeliveryTag TAG = new DeliveryTag("garden-party", "d0123456789abcdef01234567");

    static KeyPair keys;
    static S3Presigner presigner;
    static PresignedLinks presigned;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        presigner = S3Presigner.builder().region(Region.EU_WEST_1).credentialsProvider(credentials).build();
        presigned = new PresignedLinks(presigner, "albums-bucket", credentials, CLOCK);
    }

    @AfterAll
    static void close() {
        presigner.close();
    }

    static Settings settings(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("AWS_REGION", "eu-west-1");
        return Settings.from(DECLARED, all);
    }

    private Path pem(String type, byte[] der) throws IOException {
        Path file = dir.resolve(type.replace(' ', '-') + ".pem");
        Files.writeString(file, "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n");
        return file;
    }

    private Map<String, String> cloudFront(Path keyFile) {
        return Map.of("DOWNLOAD_LINKS", "cloudfront", "CLOUDFRONT_DOMAIN", "d111111abcdef8.cloudfront.net",
                "CLOUDFRONT_KEY_PAIR_ID", "K2JCJMDEHXQW5F", "CLOUDFRONT_KEY_SOURCE", "file:" + keyFile);
    }

    @Test
    void s3MeansPresignedS3LinksCarryingTheDelivery() {
        DownloadLinks links = DownloadLinks.from(settings(Map.of("DOWNLOAD_LINKS", "s3")), presigned, CLOCK);
        assertInstanceOf(S3DownloadLinks.class, links);
        String url = links.get("zips/garden-party/3f2a.zip", Duration.ofHours(1), ContentDisposition.attachment("a.zip"), null, TAG).url();
        assertTrue(url.startsWith("https://albums-bucket.s3.eu-west-1.amazonaws.com/zips/garden-party/3f2a.zip?"), url);
        assertTrue(url.contains("x-delivery=" + TAG.value()), url);
        assertTrue(url.contains("X-Amz-Signature="), url);
    }

    @Test
    void cloudfrontIsTheDefaultAndSignsWithThePkcs8KeyTheKeySourceNames() throws IOException {
        Map<String, String> env = new HashMap<>(cloudFront(pem("PRIVATE KEY", keys.getPrivate().getEncoded())));
        env.remove("DOWNLOAD_LINKS");
        DownloadLinks links = DownloadLinks.from(settings(env), presigned, CLOCK);
        assertInstanceOf(CloudFrontDownloadLinks.class, links);
        CloudFrontSignedUrl signed = CloudFrontSignedUrl.parse(
                links.get("zips/garden-party/3f2a.zip", Duration.ofHours(1), ContentDisposition.attachment("a.zip"), null, TAG).url());
        assertTrue(signed.resource().startsWith("https://d111111abcdef8.cloudfront.net/zips/garden-party/3f2a.zip?"), signed.resource());
        assertEquals("K2JCJMDEHXQW5F", signed.keyPairId());
        assertTrue(signed.signedBy(keys.getPublic()));
    }

    @Test
    void aPkcs1KeyAsTerraformWritesItSignsTheSameWay() throws IOException {
        DownloadLinks links = DownloadLinks.from(settings(cloudFront(pem("RSA PRIVATE KEY", pkcs1(keys.getPrivate().getEncoded())))), presigned, CLOCK);
        CloudFrontSignedUrl signed = CloudFrontSignedUrl.parse(
                links.get("zips/garden-party/3f2a.zip", Duration.ofHours(1), ContentDisposition.attachment("a.zip"), null, TAG).url());
        assertTrue(signed.signedBy(keys.getPublic()));
    }

    @Test
    void cloudfrontWithoutItsDomainKeyPairIdOrKeySourceStopsTheFunctionNamingEachMissingSetting() {
        AlbumsException e = assertThrows(AlbumsException.class,
                () -> DownloadLinks.from(settings(Map.of("DOWNLOAD_LINKS", "cloudfront")), presigned, CLOCK));
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertTrue(e.getMessage().startsWith("Invalid configuration: DOWNLOAD_LINKS is cloudfront but "), e.getMessage());
        assertTrue(e.getMessage().contains("CLOUDFRONT_DOMAIN is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("CLOUDFRONT_KEY_PAIR_ID is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("CLOUDFRONT_KEY_SOURCE is not set"), e.getMessage());

        AlbumsException oneMissing = assertThrows(AlbumsException.class, () -> DownloadLinks.from(settings(Map.of(
                "CLOUDFRONT_DOMAIN", "d111111abcdef8.cloudfront.net", "CLOUDFRONT_KEY_SOURCE", "file:/nowhere")), presigned, CLOCK));
        assertTrue(oneMissing.getMessage().contains("CLOUDFRONT_KEY_PAIR_ID is not set"), oneMissing.getMessage());
        assertFalse(oneMissing.getMessage().contains("CLOUDFRONT_DOMAIN"), oneMissing.getMessage());
    }

    @Test
    void anUnknownSignerAMalformedSourceAMissingFileOrAFileWithoutAKeyIsAConfigurationError() throws IOException {
        AlbumsException unknown = assertThrows(AlbumsException.class,
                () -> DownloadLinks.from(settings(Map.of("DOWNLOAD_LINKS", "cdn")), presigned, CLOCK));
        assertEquals(ErrorCode.CONFIGURATION, unknown.code());
        assertTrue(unknown.getMessage().contains("DOWNLOAD_LINKS must be cloudfront or s3, got 'cdn'"), unknown.getMessage());

        Map<String, String> env = new HashMap<>(cloudFront(dir.resolve("none.pem")));
        env.put("CLOUDFRONT_KEY_SOURCE", "s3://bucket/key.pem");
        AlbumsException malformed = assertThrows(AlbumsException.class, () -> DownloadLinks.from(settings(env), presigned, CLOCK));
        assertTrue(malformed.getMessage().contains("CLOUDFRONT_KEY_SOURCE must be ssm:/parameter/name or file:/path"), malformed.getMessage());

        AlbumsException missing = assertThrows(AlbumsException.class,
                () -> DownloadLinks.from(settings(cloudFront(dir.resolve("none.pem"))), presigned, CLOCK));
        assertEquals(ErrorCode.CONFIGURATION, missing.code());
        assertTrue(missing.getMessage().contains("none.pem cannot be read"), missing.getMessage());

        Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        AlbumsException wrong = assertThrows(AlbumsException.class,
                () -> DownloadLinks.from(settings(cloudFront(notAKey)), presigned, CLOCK));
        assertEquals(ErrorCode.CONFIGURATION, wrong.code());
        assertTrue(wrong.getMessage().contains("CLOUDFRONT_KEY_SOURCE does not name an RSA private key"), wrong.getMessage());
    }

    /** The PKCS#1 key inside a PKCS#8 encoding: its last element, an OCTET STRING. */
    static byte[] pkcs1(byte[] pkcs8) {
        int[] at = {0};
        der(pkcs8, at, 0x30);                 // PrivateKeyInfo: into the SEQUENCE
        skip(pkcs8, at, 0x02);                // version
        skip(pkcs8, at, 0x30);                // algorithm
        int length = der(pkcs8, at, 0x04);    // privateKey
        return Arrays.copyOfRange(pkcs8, at[0], at[0] + length);
    }

    /** Reads a tag and length at {@code at}, leaves {@code at} at the content and returns the length. */
    private static int der(byte[] b, int[] at, int tag) {
        assertEquals(tag, b[at[0]++] & 0xff);
        int first = b[at[0]++] & 0xff;
        if (first < 0x80) return first;
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) length = (length << 8) | (b[at[0]++] & 0xff);
        return length;
    }

    private static void skip(byte[] b, int[] at, int tag) {
        int length = der(b, at, tag);
        at[0] += length;
    }
}

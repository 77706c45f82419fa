package com.clientalbums.common.config;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SSM's reading is not tested here: no SSM-compatible server runs on loopback (the file form is the local one). */
class SecretSourceTest {
    @TempDir
    Path dir;

    @Test
    void ssmAndFileSourcesAreTheirTwoForms() {
        assertEquals(new SecretSource.Ssm("/albums/cloudfront-download-key"),
                SecretSource.parse(Setting.CLOUDFRONT_KEY_SOURCE, "ssm:/albums/cloudfront-download-key"));
        assertEquals(new SecretSource.KeyFile(Path.of("/tmp/key.pem")), SecretSource.parse(Setting.GUEST_KEY_SOURCE, "file:/tmp/key.pem"));
    }

    @Test
    void anythingElseIsAConfigurationErrorNamingTheSetting() {
        for (String value : new String[] {"ssm:", "file:", "/tmp/key.pem", "secretsmanager:key"}) {
            AlbumsException e = assertThrows(AlbumsException.class, () -> SecretSource.parse(Setting.CLOUDFRONT_KEY_SOURCE, value));
            assertEquals(ErrorCode.CONFIGURATION, e.code());
            assertEquals("CLOUDFRONT_KEY_SOURCE must be ssm:/parameter/name or file:/path", e.getMessage(), value);
        }
    }

    @Test
    void aFileIsReadAsItsTextAndAMissingOneIsAConfigurationErrorNamingTheSecretAndThePath() throws IOException {
        Path file = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertEquals(Files.readString(file), new SecretSource.KeyFile(file).read("eu-west-1", "the CloudFront signing key"));

        AlbumsException e = assertThrows(AlbumsException.class,
                () -> new SecretSource.KeyFile(dir.resolve("gone.pem")).read("eu-west-1", "the CloudFront signing key"));
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertTrue(e.getMessage().startsWith("the CloudFront signing key file " + dir.resolve("gone.pem")), e.getMessage());
    }
}

package com.clientalbums.admin.uploads;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.http.PresignedLinks;
import com.clientalbums.testing.SharedRules;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The upload request rules of {@code rules/shared-rules.json}, which the studio keeps to. */
class UploadLinksFollowSharedRulesTest {
    @Test
    void filesPerRequestAndBytesPerFileAreTheSharedLimits() {
        assertEquals(SharedRules.number("upload_request", "max_files"), UploadLinks.MAX_FILES);
        assertEquals(SharedRules.number("upload_request", "max_file_bytes"), UploadLinks.MAX_BYTES);
    }

    @Test
    void onlyTheSharedUploadTypesGetALinkSignedForTheirExtensionsType() {
        Map<String, String> types = SharedRules.uploadTypes();
        for (String path : SharedRules.strings("upload_types", "accepted")) {
            String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            assertEquals(types.get(extension), sign(path, "").headers().get("Content-Type"), path);
        }
        for (String path : SharedRules.strings("upload_types", "refused")) {
            assertEquals(ErrorCode.FILE_TYPE_NOT_ALLOWED, assertThrows(AlbumsException.class, () -> sign(path, "")).code(), path);
        }
    }

    @Test
    void aDeclaredTypeIsTheExtensionsOctetStreamOrNone() {
        for (var declared : SharedRules.pairs("upload_types", "declared", "accepted")) {
            assertNotNull(sign(declared.get(0), declared.get(1)).url(), declared.toString());
        }
        for (var declared : SharedRules.pairs("upload_types", "declared", "refused")) {
            AlbumsException refused = assertThrows(AlbumsException.class, () -> sign(declared.get(0), declared.get(1)), declared.toString());
            assertEquals(ErrorCode.FILE_TYPE_NOT_ALLOWED, refused.code(), declared.toString());
        }
    }

    /** Signing needs no server: the presigner only computes the URL. */
    private static UploadLinks.Upload sign(String path, String declaredType) {
        try (S3Presigner presigner = S3Presigner.builder().region(Region.EU_WEST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "x"))).build()) {
            PresignedLinks links = new PresignedLinks(presigner, "bucket",
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "x")), Clock.systemUTC());
            return new UploadLinks(links, Duration.ofMinutes(5)).sign("rules",
                    new UploadLinks.Request(List.of(new UploadLinks.File(path, 1L, declaredType)))).uploads().getFirst();
        }
    }
}

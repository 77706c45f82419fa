package com.clientalbums.zip.handler;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.SharedRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code scripts/upload-album.sh} gives each photo S3's full-object CRC-32 where the aws CLI can:
 * every photo it sends in one PUT (below the CLI's {@code multipart_threshold}, 8 MB unless the
 * profile raises it). A photo the CLI sends in parts gets a COMPOSITE CRC-32 (of the parts' CRCs),
 * which is not the photo's. Against S3Proxy, which keeps and returns both ({@link LocalS3ChecksumsTest}).
 * The CLI runs with a profile of the test's own and computes no checksum unless asked
 * ({@code AWS_REQUEST_CHECKSUM_CALCULATION=when_required}, as CLIs before 2025 do), so a
 * CRC-32 found is one the script asked for.
 */
class UploadAlbumChecksumsTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static final Path SCRIPT = SharedRules.repositoryRoot().resolve("scripts/upload-album.sh");
    private static final byte[] PHOTO = randomBytes(200_000, 1);
    /** Above the CLI's default multipart threshold of 8 MB. */
    private static final byte[] LARGE = randomBytes(9 << 20, 2);

    static Path work;
    static Path realAws;

    @BeforeAll
    static void photos() throws Exception {
        realAws = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .map(dir -> Path.of(dir, "aws")).filter(Files::isExecutable).findFirst().orElse(null);
        if (realAws == null && System.getenv("CI") != null) fail("the aws CLI is not installed (Debian package awscli); CI must install it");
        assumeTrue(realAws != null, "the aws CLI is not installed (Debian package awscli)");
        work = Files.createTempDirectory("upload-checksums");
        Path source = Files.createDirectories(work.resolve("shoot/Ceremony"));
        Files.write(source.resolve("small.jpg"), PHOTO);
        Files.write(source.resolve("large.jpg"), LARGE);
    }

    @Test
    void aPhotoTheCliSendsInOnePutCarriesItsFullObjectCrc32() throws Exception {
        upload("one-put", "");

        HeadObjectResponse small = head("one-put", "Ceremony/small.jpg");
        assertEquals(LocalS3ChecksumsTest.crc32(PHOTO), small.checksumCRC32());
        assertEquals(ChecksumType.FULL_OBJECT, small.checksumType());
        HeadObjectResponse large = head("one-put", "Ceremony/large.jpg");
        assertEquals(ChecksumType.COMPOSITE, large.checksumType(), "sent in parts: " + large.checksumCRC32());
        assertTrue(large.checksumCRC32().endsWith("-2"), large.checksumCRC32());
    }

    @Test
    void withTheProfilesMultipartThresholdRaisedALargePhotoCarriesItsFullObjectCrc32Too() throws Exception {
        upload("raised", """
                s3 =
                  multipart_threshold = 64MB
                """);

        HeadObjectResponse large = head("raised", "Ceremony/large.jpg");
        assertEquals(LocalS3ChecksumsTest.crc32(LARGE), large.checksumCRC32());
        assertEquals(ChecksumType.FULL_OBJECT, large.checksumType());
    }

    @Test
    void anAwsCliThatDoesNotKnowTheOptionUploadsWithoutItAndSaysSo() throws Exception {
        Path bin = Files.createDirectories(work.resolve("old-cli"));
        Path aws29 = bin.resolve("aws");
        // As aws-cli 2.9 answers: the option refused before anything is sent.
        Files.writeString(aws29, """
                #!/usr/bin/env bash
                for arg in "$@"; do
                  if [ "$arg" = --checksum-algorithm ]; then printf '\\nUnknown options: --checksum-algorithm, CRC32\\n' >&2; exit 252; fi
                done
                exec '%s' "$@"
                """.formatted(realAws));
        assertTrue(aws29.toFile().setExecutable(true));

        String log = upload("old-cli", "", bin);

        assertTrue(log.contains("upload-album.sh: this aws CLI cannot send CRC-32 checksums"), log);
        HeadObjectResponse small = head("old-cli", "Ceremony/small.jpg");
        assertEquals(PHOTO.length, small.contentLength());
        assertNull(small.checksumCRC32());
    }

    private static HeadObjectResponse head(String albumId, String path) {
        return aws.clients().s3().headObject(r -> r.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, path))
                .checksumMode(ChecksumMode.ENABLED));
    }

    private static String upload(String albumId, String profileSettings) throws Exception {
        return upload(albumId, profileSettings, null);
    }

    /**
     * Runs the script with a profile holding only {@code profileSettings} and the local credentials,
     * with {@code bin} (when given) first on the PATH; returns what it printed.
     */
    private static String upload(String albumId, String profileSettings, Path bin) throws Exception {
        Path config = Files.writeString(work.resolve(albumId + ".config"), "[default]\n" + profileSettings);
        Path credentials = Files.writeString(work.resolve(albumId + ".credentials"), "[default]\naws_access_key_id = "
                + aws.endpoints().accessKey() + "\naws_secret_access_key = " + aws.endpoints().secretKey() + "\n");
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), work.resolve("shoot").toString(), albumId);
        Map<String, String> env = new HashMap<>(Map.of(
                "CLIENT_ALBUMS_BUCKET", aws.names().bucket(),
                "AWS_ENDPOINT_URL_S3", aws.endpoints().s3().toString(),
                "AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", credentials.toString(),
                "AWS_DEFAULT_REGION", aws.endpoints().region(),
                "AWS_REQUEST_CHECKSUM_CALCULATION", "when_required"));
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("LOCAL_ENV"));
        builder.environment().putAll(env);
        if (bin != null) builder.environment().merge("PATH", bin.toString(), (path, first) -> first + File.pathSeparator + path);
        Path log = work.resolve(albumId + ".log");
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("upload-album.sh did not finish: " + Files.readString(log));
        }
        assertEquals(0, process.exitValue(), Files.readString(log));
        return Files.readString(log);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}

package com.clientalbums.zip.handler;

import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.localaws.LoopbackServers;
import com.clientalbums.testing.LocalAws;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the local S3s do with S3's full-object CRC-32 ({@code x-amz-checksum-crc32}), the value a
 * ZIP entry's header needs before the photo's bytes: when S3 keeps it, a photo too large to buffer
 * need not be read once for its CRC and again to copy it. docs/uploads.md builds on these answers:
 * S3Proxy 4.1.0 (the tests' in-memory store and the local runner's filesystem one) keeps it for a
 * single PUT and for a multipart upload created FULL_OBJECT, refuses a body that does not match
 * it, and gives it back from HEAD and GET only with checksum mode enabled; a COMPOSITE multipart
 * upload's CRC-32 is a CRC of the parts' CRCs, not the photo's; its listing names no algorithm.
 * S3Mock 5.2.0 keeps none for a single PUT.
 */
class LocalS3ChecksumsTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    private static final byte[] PHOTO = randomBytes(300_000, 1);
    /** Two 6 MiB parts: S3's smallest part is 5 MiB. */
    private static final byte[] LARGE = randomBytes(12 << 20, 2);

    static Path filesystem;
    static S3Proxy filesystemProxy;
    static AwsClients filesystemClients;
    static VersionedS3 s3Mock;
    static AwsClients s3MockClients;

    @BeforeAll
    static void start() throws Exception {
        // The local runner's store: objects and their metadata in a folder (LoopbackServers with a data folder).
        filesystem = Files.createTempDirectory("checksums-s3");
        int port = LoopbackServers.freePort();
        filesystemProxy = S3Proxy.builder().blobStore(new FilesystemNio2BlobStore(filesystem.toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, LoopbackServers.ACCESS_KEY, LoopbackServers.SECRET_KEY).build();
        filesystemProxy.start();
        while (!"STARTED".equals(filesystemProxy.getState())) Thread.sleep(10);
        filesystemClients = clientsAt("http://127.0.0.1:" + port);
        filesystemClients.s3().createBucket(b -> b.bucket(aws.names().bucket()));
        s3Mock = VersionedS3.start();
        s3MockClients = clientsAt(s3Mock.endpoint().toString());
        s3MockClients.s3().createBucket(b -> b.bucket(aws.names().bucket()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (filesystemClients != null) filesystemClients.close();
        if (filesystemProxy != null) filesystemProxy.stop();
        if (s3MockClients != null) s3MockClients.close();
        if (s3Mock != null) s3Mock.close();
        if (filesystem != null) {
            try (Stream<Path> files = Files.walk(filesystem)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void s3ProxyGivesBackTheCrc32OfAPhotoPutWithOneFromHeadAndGetWithChecksumModeEnabled() {
        S3Client s3 = aws.clients().s3();
        putWithCrc32(s3, "photos/a.jpg", PHOTO);

        HeadObjectResponse head = head(s3, "photos/a.jpg");
        assertEquals(crc32(PHOTO), head.checksumCRC32());
        assertEquals(ChecksumType.FULL_OBJECT, head.checksumType());
        var get = s3.getObject(r -> r.bucket(bucket()).key("photos/a.jpg").checksumMode(ChecksumMode.ENABLED), ResponseTransformer.toBytes());
        assertEquals(crc32(PHOTO), get.response().checksumCRC32(), "a GET's headers carry it before the body");
        assertArrayEquals(PHOTO, get.asByteArray());
    }

    @Test
    void s3ProxyGivesNoCrc32WithoutChecksumModeAndNamesNoAlgorithmInItsListing() {
        S3Client s3 = aws.clients().s3();
        putWithCrc32(s3, "listed/a.jpg", PHOTO);

        assertNull(s3.headObject(r -> r.bucket(bucket()).key("listed/a.jpg")).checksumCRC32());
        var listed = s3.listObjectsV2(r -> r.bucket(bucket()).prefix("listed/")).contents();
        assertEquals(1, listed.size());
        // S3 lists the algorithm; S3Proxy does not, so the photos that carry one are known only per photo.
        assertEquals(List.of(), listed.getFirst().checksumAlgorithm());
    }

    @Test
    void s3ProxyRefusesABodyWhoseCrc32IsNotTheOneSent() {
        S3Client s3 = aws.clients().s3();
        int wrong = (int) crc32Value(PHOTO) + 1;
        String sent = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt(wrong).array());

        S3Exception refused = assertThrows(S3Exception.class, () -> s3.putObject(
                r -> r.bucket(bucket()).key("photos/wrong.jpg").checksumCRC32(sent), RequestBody.fromBytes(PHOTO)));
        assertEquals(400, refused.statusCode());
        assertEquals(404, assertThrows(S3Exception.class, () -> head(s3, "photos/wrong.jpg")).statusCode());
    }

    @Test
    void s3ProxyGivesAMultipartUploadCreatedFullObjectTheCrc32OfTheWholePhoto() {
        S3Client s3 = aws.clients().s3();
        uploadInTwoParts(s3, "photos/video.mov", ChecksumType.FULL_OBJECT);

        HeadObjectResponse head = head(s3, "photos/video.mov");
        assertEquals(crc32(LARGE), head.checksumCRC32());
        assertEquals(ChecksumType.FULL_OBJECT, head.checksumType());
    }

    @Test
    void s3ProxyGivesACompositeMultipartUploadACrc32OfItsPartsThatIsNotThePhotos() {
        S3Client s3 = aws.clients().s3();
        uploadInTwoParts(s3, "photos/composite.mov", ChecksumType.COMPOSITE);

        HeadObjectResponse head = head(s3, "photos/composite.mov");
        assertEquals(ChecksumType.COMPOSITE, head.checksumType());
        assertTrue(head.checksumCRC32().endsWith("-2"), head.checksumCRC32());
        assertNotEquals(crc32(LARGE), head.checksumCRC32().substring(0, head.checksumCRC32().length() - 2));
    }

    @Test
    void theLocalRunnersFilesystemStoreKeepsBothKindsOfFullObjectCrc32() {
        S3Client s3 = filesystemClients.s3();
        putWithCrc32(s3, "photos/a.jpg", PHOTO);
        uploadInTwoParts(s3, "photos/video.mov", ChecksumType.FULL_OBJECT);

        assertEquals(crc32(PHOTO), head(s3, "photos/a.jpg").checksumCRC32());
        assertEquals(ChecksumType.FULL_OBJECT, head(s3, "photos/a.jpg").checksumType());
        assertEquals(crc32(LARGE), head(s3, "photos/video.mov").checksumCRC32());
        assertEquals(ChecksumType.FULL_OBJECT, head(s3, "photos/video.mov").checksumType());
    }

    @Test
    void s3MockKeepsNoCrc32OfASinglePutButGivesBackAFullObjectMultipartOneWithoutItsType() {
        S3Client s3 = s3MockClients.s3();
        putWithCrc32(s3, "photos/a.jpg", PHOTO);
        uploadInTwoParts(s3, "photos/video.mov", ChecksumType.FULL_OBJECT);

        assertNull(head(s3, "photos/a.jpg").checksumCRC32());
        HeadObjectResponse video = head(s3, "photos/video.mov");
        assertEquals(crc32(LARGE), video.checksumCRC32());
        assertNull(video.checksumType());
    }

    private static void putWithCrc32(S3Client s3, String key, byte[] bytes) {
        var put = s3.putObject(r -> r.bucket(bucket()).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(bytes));
        assertEquals(200, put.sdkHttpResponse().statusCode());
    }

    /** {@link #LARGE} in two parts, each sent with its CRC-32; a FULL_OBJECT upload completes with the whole photo's. */
    private static void uploadInTwoParts(S3Client s3, String key, ChecksumType type) {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket()).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32)
                .checksumType(type)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        int half = LARGE.length / 2;
        for (int n = 1; n <= 2; n++) {
            int number = n;
            byte[] part = Arrays.copyOfRange(LARGE, (n - 1) * half, n * half);
            String etag = s3.uploadPart(r -> r.bucket(bucket()).key(key).uploadId(uploadId).partNumber(number)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).checksumCRC32(crc32(part)).build());
        }
        s3.completeMultipartUpload(r -> {
            r.bucket(bucket()).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts));
            if (type == ChecksumType.FULL_OBJECT) r.checksumType(type).checksumCRC32(crc32(LARGE));
        });
    }

    private static HeadObjectResponse head(S3Client s3, String key) {
        return s3.headObject(r -> r.bucket(bucket()).key(key).checksumMode(ChecksumMode.ENABLED));
    }

    private static AwsClients clientsAt(String s3Endpoint) {
        Map<String, String> env = new HashMap<>(aws.env());
        env.put("AWS_ENDPOINT_URL_S3", s3Endpoint);
        return AwsClients.create(aws.endpoints().region(), env);
    }

    private static String bucket() { return aws.names().bucket(); }

    /** As S3 writes it: the CRC-32's four bytes, big-endian, in Base64. */
    static String crc32(byte[] bytes) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc32Value(bytes)).array());
    }

    private static long crc32Value(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}

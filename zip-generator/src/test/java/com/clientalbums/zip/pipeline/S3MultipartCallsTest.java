package com.clientalbums.zip.pipeline;

import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Part;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The S3 calls continuation and incremental rebuilds stand on, against the loopback S3 the tests
 * run: UploadPartCopy of a byte range of another object into a multipart upload, and ListParts
 * giving each part's number, size and ETag, enough to complete an upload another client began.
 */
class S3MultipartCallsTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    private static final int MIB = 1024 * 1024;

    @Test
    void s3CopiesAByteRangeOfAnotherObjectIntoAnUploadAndListsItsPartsForAnotherClientToComplete() {
        S3Client s3 = aws.clients().s3();
        String bucket = aws.names().bucket();
        byte[] old = randomBytes(12 * MIB, 1);
        s3.putObject(r -> r.bucket(bucket).key("zips/probe/old.zip"), RequestBody.fromBytes(old));
        byte[] written = randomBytes(5 * MIB + 17, 2);

        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key("zips/probe/new.zip")).uploadId();
        s3.uploadPart(r -> r.bucket(bucket).key("zips/probe/new.zip").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(written));
        long from = 3 * MIB + 5;
        long length = 6 * MIB + 3;
        s3.uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey("zips/probe/old.zip")
                .destinationBucket(bucket).destinationKey("zips/probe/new.zip").uploadId(uploadId).partNumber(2)
                .copySourceRange("bytes=" + from + "-" + (from + length - 1)));

        List<Part> listed = s3.listPartsPaginator(r -> r.bucket(bucket).key("zips/probe/new.zip").uploadId(uploadId))
                .parts().stream().toList();
        assertEquals(List.of(1, 2), listed.stream().map(Part::partNumber).toList());
        assertEquals(List.of((long) written.length, length), listed.stream().map(Part::size).toList());

        s3.completeMultipartUpload(r -> r.bucket(bucket).key("zips/probe/new.zip").uploadId(uploadId)
                .multipartUpload(m -> m.parts(listed.stream()
                        .map(p -> CompletedPart.builder().partNumber(p.partNumber()).eTag(p.eTag()).build()).toList())));
        byte[] archive = s3.getObjectAsBytes(r -> r.bucket(bucket).key("zips/probe/new.zip")).asByteArray();
        assertArrayEquals(written, Arrays.copyOfRange(archive, 0, written.length));
        assertArrayEquals(Arrays.copyOfRange(old, (int) from, (int) (from + length)),
                Arrays.copyOfRange(archive, written.length, archive.length));
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}

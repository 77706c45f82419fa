package com.clientalbums.zip.build;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;

/**
 * The CRC-32 S3 keeps of a photo uploaded with one ({@code x-amz-checksum-crc32}, sent by
 * {@code scripts/upload-album.sh}; {@code docs/uploads.md}), so a photo too large to hold in
 * memory is read once instead of twice. Only a full-object CRC-32 is the photo's own: a
 * {@code COMPOSITE} one (a multipart upload's CRC of its parts' CRCs) is not, and is ignored.
 */
@FunctionalInterface
public interface StoredChecksums {
    /** The CRC-32 S3 holds for this version of the photo, if it holds one of the whole object. */
    Optional<Integer> crc32(String key, String etag);

    /** From S3: a HEAD with checksum mode on, of the listed version ({@code If-Match}). */
    static StoredChecksums of(S3Client s3, String bucket) {
        return (key, etag) -> {
            try {
                HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key).ifMatch(etag).checksumMode(ChecksumMode.ENABLED));
                return fullObjectCrc32(head);
            } catch (S3Exception e) {
                // Gone or replaced: the build's own read notices and says so; here it only means no checksum.
                return Optional.empty();
            }
        };
    }

    static Optional<Integer> fullObjectCrc32(HeadObjectResponse head) {
        String crc = head.checksumCRC32();
        if (crc == null || head.checksumType() != ChecksumType.FULL_OBJECT) return Optional.empty();
        byte[] bytes = Base64.getDecoder().decode(crc);
        return bytes.length == 4 ? Optional.of(ByteBuffer.wrap(bytes).getInt()) : Optional.empty();
    }
}

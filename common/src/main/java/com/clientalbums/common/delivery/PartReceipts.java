package com.clientalbums.common.delivery;

import software.amazon.awssdk.services.s3.S3Client;

import java.util.Optional;

/** The receipts' store: {@code zips/{album_id}/{content hash}.receipt.json} beside each part (slice R). */
public final class PartReceipts {
    private final S3Client s3;
    private final String bucket;

    public PartReceipts(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The key of a part's receipt: the part's key with {@code .receipt.json} for {@code .zip}. */
    public static String keyOf(String partKey) {
        if (!partKey.endsWith(".zip")) throw new IllegalArgumentException("not an archive part: " + partKey);
        return partKey.substring(0, partKey.length() - ".zip".length()) + ".receipt.json";
    }

    public Optional<PartReceipt> find(String partKey) {
        throw new UnsupportedOperationException("slice R");
    }

    public void put(PartReceipt receipt) {
        throw new UnsupportedOperationException("slice R");
    }
}

package com.clientalbums.common.delivery;

import com.clientalbums.common.store.S3Keys;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The receipts' store: {@code receipts/{album_id}/{content hash}.json} for each part
 * ({@link S3Keys#receiptKey}), JSON in snake_case like the archives' sidecars, e.g.
 * <pre>
 * {"version":1,"key":"zips/smith-wedding/3f9a….zip","size":52431400,"sha256":"9f86d0…",
 *  "entries":[{"name":"Ceremony/IMG_0001.jpg","size":4194304,"crc32":2882339106}, …]}
 * </pre>
 * A receipt is written once, after the part was read whole ({@link PartDigest}), and kept when
 * the archive expires or is superseded: it is the client's proof, and a few KB. One of another
 * version, or that is no receipt, is refused rather than shown to a client.
 */
public final class PartReceipts {
    /** Bump when a receipt's fields or their meaning change: older receipts are then made again. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The stored form: the receipt and the version it was written by. */
    private record Stored(int version, String key, long size, String sha256, java.util.List<PartReceipt.Entry> entries) {
        static Stored of(PartReceipt receipt) {
            return new Stored(VERSION, receipt.key(), receipt.size(), receipt.sha256(), receipt.entries());
        }
    }

    private final S3Client s3;
    private final String bucket;

    public PartReceipts(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The key of a part's receipt ({@link S3Keys#receiptKey}). */
    public static String keyOf(String partKey) {
        if (!partKey.endsWith(".zip")) throw new IllegalArgumentException("not an archive part: " + partKey);
        return S3Keys.receiptKey(partKey);
    }

    /** The part's receipt; empty until maintenance has made it. */
    public Optional<PartReceipt> find(String partKey) {
        byte[] json;
        try {
            json = s3.getObjectAsBytes(r -> r.bucket(bucket).key(keyOf(partKey))).asByteArray();
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
        try {
            PartReceipt receipt = decode(json);
            if (!receipt.key().equals(partKey)) throw new IOException("the receipt of " + receipt.key() + " beside " + partKey);
            return Optional.of(receipt);
        } catch (IOException e) {
            throw new UncheckedIOException("the receipt of " + partKey + " is unreadable", e);
        }
    }

    /** Whether the part has its receipt (a HEAD: the receipt itself may be large). */
    public boolean exists(String partKey) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(keyOf(partKey)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    public void put(PartReceipt receipt) {
        s3.putObject(r -> r.bucket(bucket).key(keyOf(receipt.key())).contentType("application/json"),
                RequestBody.fromBytes(encode(receipt)));
    }

    public static byte[] encode(PartReceipt receipt) {
        try {
            return JSON.writeValueAsBytes(Stored.of(receipt));
        } catch (JacksonException e) {
            throw new IllegalStateException("a receipt is always serializable", e);
        }
    }

    /** @throws IOException when {@code json} is not a receipt of {@link #VERSION} */
    public static PartReceipt decode(byte[] json) throws IOException {
        Stored stored;
        try {
            stored = JSON.readValue(json, Stored.class);
        } catch (JacksonException e) {
            throw new IOException("not a part receipt: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            // a record's own checks (a missing name or digest)
            throw new IOException("not a part receipt: " + e.getMessage(), e);
        }
        if (stored == null) throw new IOException("not a part receipt: null");
        if (stored.version() != VERSION) throw new IOException("receipt version " + stored.version() + ", this build reads " + VERSION);
        return new PartReceipt(stored.key(), stored.size(), stored.sha256(), stored.entries());
    }
}

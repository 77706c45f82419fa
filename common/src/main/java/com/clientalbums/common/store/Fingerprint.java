package com.clientalbums.common.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * An album's content fingerprint: a hash of its sorted (key, size, ETag). An archive is current
 * when it was built from the album's current fingerprint. Unlike the plan's photo count, it
 * notices a replaced or renamed photo.
 */
public final class Fingerprint {
    private Fingerprint() {}

    /** 32 hex characters (128 bits); the listing must be sorted by key, as {@link PhotoListing} returns it. */
    public static String of(List<PhotoObject> photos) {
        MessageDigest sha = sha256();
        for (PhotoObject p : photos) {
            sha.update(p.key().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Long.toString(p.size()).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(String.valueOf(p.etag()).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

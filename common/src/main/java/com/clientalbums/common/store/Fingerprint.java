package com.clientalbums.common.store;

import com.clientalbums.common.album.WebSize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * An album's content fingerprint: a hash of its sorted (key, size, ETag) and of how its web-size
 * photos are made ({@link WebSize#tag()}). An archive is current when it was built from the
 * album's current fingerprint. Unlike the plan's photo count, it notices a replaced or renamed
 * photo; and a new watermark makes the archives stale exactly as a changed photo does.
 */
public final class Fingerprint {
    private Fingerprint() {}

    /**
     * 32 hex characters (128 bits); the listing must be sorted by key, as {@link PhotoListing} returns it.
     * Every place that records or compares an album's fingerprint passes the album's own recipe
     * ({@link WebSize#of}), so the fingerprints agree wherever they are computed.
     */
    public static String of(List<PhotoObject> photos, WebSize webSize) {
        MessageDigest sha = sha256();
        for (PhotoObject p : photos) {
            sha.update(p.key().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Long.toString(p.size()).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(String.valueOf(p.etag()).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        sha.update(("web-size:" + webSize.tag()).getBytes(StandardCharsets.US_ASCII));
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

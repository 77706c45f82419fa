package com.clientalbums.common.share;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A share link's secret and its names ({@code docs/security.md}). The token is 32 random bytes
 * (256 bits) written base64url without padding: 43 characters, shown to the photographer once.
 * The table keeps only its SHA-256: a slow hash would add nothing to 256 random bits, and a plain
 * one lets the index find the link by it. The share id names the link in the studio's addresses;
 * it is no secret.
 */
public final class ShareTokens {
    public static final int TOKEN_CHARS = 43;
    public static final int SHARE_ID_CHARS = 12;
    private static final int TOKEN_BYTES = 32;
    private static final String SHARE_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShareTokens() {}

    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** 12 base32 characters (60 bits): unique within an album by far, and checked on creation anyway. */
    public static String newShareId() {
        StringBuilder id = new StringBuilder(SHARE_ID_CHARS);
        for (int i = 0; i < SHARE_ID_CHARS; i++) id.append(SHARE_ID_ALPHABET.charAt(RANDOM.nextInt(SHARE_ID_ALPHABET.length())));
        return id.toString();
    }

    /** The hex SHA-256 of the token: what the table stores and its index is keyed by. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Exactly 43 base64url characters whose last one carries no stray bits: the only tokens ever made. */
    public static boolean isWellFormed(String token) {
        if (token == null || token.length() != TOKEN_CHARS) return false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) return false;
        }
        return true;
    }

    /** A share id as {@link #newShareId} makes them; anything else in a path names no link. */
    public static boolean isShareId(String id) {
        if (id == null || id.length() != SHARE_ID_CHARS) return false;
        for (int i = 0; i < id.length(); i++) if (SHARE_ID_ALPHABET.indexOf(id.charAt(i)) < 0) return false;
        return true;
    }
}

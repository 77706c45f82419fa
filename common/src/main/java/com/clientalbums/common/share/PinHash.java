package com.clientalbums.common.share;

import com.clientalbums.common.error.AlbumsException;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A share link's PIN as the table keeps it ({@code pin_hash}, {@code pin_salt}, hex): salted
 * PBKDF2-HMAC-SHA256. A PIN has at most 10^8 values, so no hash keeps it from someone holding the
 * table for long; what protects it is the lockout ({@link ShareRepository#reserveAttempt}: five
 * guesses per quarter hour). The slow, salted hash keeps a copy of the table from showing PINs at a
 * glance, and makes trying every 8-digit one cost 10^8 derivations of 100,000 iterations per link
 * (each salt is the link's own).
 */
public record PinHash(String hash, String salt) {
    /**
     * A fraction of a second of one core per check (0.38 s measured on a busy two-core build machine),
     * paid only by the at most five checks a quarter hour allows and when the photographer sets a PIN.
     */
    static final int ITERATIONS = 100_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Hashes a PIN the caller has validated ({@link #requireValid}) with a fresh salt. */
    public static PinHash of(String pin) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PinHash(HexFormat.of().formatHex(derive(pin, salt)), HexFormat.of().formatHex(salt));
    }

    /** Compares in constant time. */
    public boolean matches(String pin) {
        byte[] expected = HexFormat.of().parseHex(hash);
        return MessageDigest.isEqual(expected, derive(pin, HexFormat.of().parseHex(salt)));
    }

    /** 4 to 8 digits (0–9 only, leading zeros kept: it is a string); 400 otherwise. */
    public static String requireValid(String pin) {
        if (pin == null || pin.length() < 4 || pin.length() > 8 || !pin.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw AlbumsException.badRequest("pin must be 4 to 8 digits, as a string");
        }
        return pin;
    }

    private static byte[] derive(String pin, byte[] salt) {
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, ITERATIONS, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}

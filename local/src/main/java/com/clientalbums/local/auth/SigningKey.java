package com.clientalbums.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

/**
 * The stand-in's RSA key pair, kept as a JWK in the data folder so tokens issued before a
 * restart still verify after it (a browser's session survives restarting the runner). Owner-only
 * ({@link OwnerOnlyFiles}): whoever reads it can sign tokens for any account.
 */
public final class SigningKey {
    private SigningKey() {}

    public static RSAKey loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            OwnerOnlyFiles.restrict(file);
            try {
                return RSAKey.parse(Files.readString(file));
            } catch (ParseException e) {
                throw new IOException("unreadable signing key " + file + " (delete it to make a new one): " + e.getMessage(), e);
            }
        }
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
                    .keyID("local-" + UUID.randomUUID().toString().substring(0, 8)).generate();
            OwnerOnlyFiles.write(file, key.toJSONString().getBytes(StandardCharsets.UTF_8));
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** The public half, as a JWKS document. */
    public static String publicJwks(RSAKey key) {
        return new JWKSet(key.toPublicJWK()).toString();
    }
}

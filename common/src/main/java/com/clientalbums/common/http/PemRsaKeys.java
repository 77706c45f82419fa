package com.clientalbums.common.http;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RSA private key from its PEM text, in either of the two forms keys come in: PKCS#8
 * ({@code BEGIN PRIVATE KEY}, what {@code openssl genpkey} writes) or PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}, what Terraform's {@code tls_private_key} and CloudFront's
 * console-made key pairs give). The JDK reads only PKCS#8, so a PKCS#1 key is wrapped in the
 * PKCS#8 envelope that names it RSA.
 */
final class PemRsaKeys {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN (RSA )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1?PRIVATE KEY-----");
    /** DER of PKCS#8's {@code version 0} and {@code AlgorithmIdentifier {rsaEncryption, NULL}}. */
    private static final byte[] RSA_VERSION_AND_ALGORITHM = {
            0x02, 0x01, 0x00,
            0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemRsaKeys() {}

    /** @throws IllegalArgumentException when the text holds no RSA private key */
    static PrivateKey parse(String pem) {
        Matcher m = BLOCK.matcher(pem);
        if (!m.find()) throw new IllegalArgumentException("no PEM private key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)");
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        byte[] pkcs8 = m.group(1) == null ? der : wrapPkcs1(der);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key: " + e.getMessage(), e);
        }
    }

    /** {@code SEQUENCE { version, algorithm, OCTET STRING { the PKCS#1 key } }}. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(RSA_VERSION_AND_ALGORITHM);
        body.writeBytes(tagged(0x04, pkcs1));
        return tagged(0x30, body.toByteArray());
    }

    /** A DER element: tag, definite length (short or long form), content. */
    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) out.write(n >>> (8 * i));
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}

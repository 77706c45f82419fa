package com.clientalbums.common.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A signed URL checked the way CloudFront checks one with a canned policy: the resource is the
 * URL without its {@code Expires}, {@code Signature} and {@code Key-Pair-Id} parameters, the
 * policy is rebuilt from it and the expiry, and the signature (CloudFront's URL-safe base64:
 * {@code -} for {@code +}, {@code _} for {@code =}, {@code ~} for {@code /}) must be the policy's
 * SHA1withRSA signature by the key pair's private key.
 */
record CloudFrontSignedUrl(String resource, long expires, String signature, String keyPairId) {

    static CloudFrontSignedUrl parse(String url) {
        int q = url.indexOf('?');
        List<String> kept = new ArrayList<>();
        Long expires = null;
        String signature = null;
        String keyPairId = null;
        for (String pair : url.substring(q + 1).split("&")) {
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            switch (name) {
                case "Expires" -> expires = Long.parseLong(value);
                case "Signature" -> signature = value;
                case "Key-Pair-Id" -> keyPairId = value;
                default -> kept.add(pair);
            }
        }
        if (expires == null || signature == null || keyPairId == null) throw new IllegalArgumentException("not a signed URL: " + url);
        String resource = url.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new CloudFrontSignedUrl(resource, expires, signature, keyPairId);
    }

    String cannedPolicy() {
        return "{\"Statement\":[{\"Resource\":\"" + resource + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expires + "}}}]}";
    }

    boolean signedBy(PublicKey key) {
        byte[] bytes = Base64.getDecoder().decode(signature.replace('-', '+').replace('_', '=').replace('~', '/'));
        try {
            Signature verifier = Signature.getInstance("SHA1withRSA");
            verifier.initVerify(key);
            verifier.update(cannedPolicy().getBytes(StandardCharsets.UTF_8));
            return verifier.verify(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The URL with one parameter's value replaced, as someone editing it would. */
    static String withParameter(String url, String name, String value) {
        return url.replaceFirst("([?&]" + java.util.regex.Pattern.quote(name) + "=)[^&]*", "$1" + java.util.regex.Matcher.quoteReplacement(value));
    }
}

package com.clientalbums.common.mail;

import com.clientalbums.common.access.Emails;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;

/**
 * The token in every e-mail's opt-out link: an HS256 JWT signed with the guest-session key
 * ({@code GUEST_KEY_SOURCE}, which maintenance and the client API both read), subject the
 * address, claim {@code purpose} = {@value #PURPOSE} so that no guest session is ever taken for
 * one (nor one for a session: it has no issuer or audience). It never expires: an old mail's link
 * must still work, and all it can do is stop or restart mail to the address it names.
 */
public final class OptOutTokens {
    static final String PURPOSE = "mail-opt-out";
    static final String PURPOSE_CLAIM = "purpose";
    private static final int MIN_KEY_BYTES = 32;
    private static final String INVALID = "This unsubscribe link is not valid. Please use the link in a recent e-mail.";

    private final MACSigner signer;
    private final MACVerifier verifier;

    public OptOutTokens(byte[] key) {
        if (key.length < MIN_KEY_BYTES) throw new IllegalArgumentException("the opt-out signing key must be at least 32 bytes");
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable opt-out signing key: " + e.getMessage(), e);
        }
    }

    /** The token for this address (lower-cased: the outbox's key). */
    public String sign(String email) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(Emails.normalize(email)).claim(PURPOSE_CLAIM, PURPOSE).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an opt-out token", e);
        }
        return jwt.serialize();
    }

    /** The address the token was signed for; 400 OPT_OUT_LINK_INVALID for anything else. */
    public String verify(String token) {
        if (token == null || token.isBlank()) throw invalid();
        try {
            SignedJWT jwt = SignedJWT.parse(token.trim());
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) throw invalid();
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            String email = claims.getSubject();
            if (!PURPOSE.equals(claims.getStringClaim(PURPOSE_CLAIM)) || email == null || email.isBlank()) throw invalid();
            return email;
        } catch (ParseException | JOSEException e) {
            throw invalid();
        }
    }

    private static AlbumsException invalid() {
        return new AlbumsException(ErrorCode.OPT_OUT_LINK_INVALID, INVALID);
    }
}

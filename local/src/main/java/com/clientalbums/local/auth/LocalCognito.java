package com.clientalbums.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * A stand-in for the Cognito user pool: checks a local account's password and issues an ID
 * token with the claims Cognito puts in one ({@code token_use=id}, {@code cognito:groups},
 * {@code email}, audience = the app client id), RS256-signed with a key published as JWKS.
 * The handlers verify these tokens with the same code that verifies Cognito's in AWS. Like
 * Cognito, it stops checking an account's password after repeated failures ({@link SignInLockout}).
 */
public final class LocalCognito {
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    /** How a sign-in went. */
    public sealed interface SignIn {
        record Token(String idToken) implements SignIn {}

        /** Wrong email or password: the same answer for both. */
        record Refused() implements SignIn {}

        /** Too many failures for this email lately; no password was checked. */
        record LockedOut(Duration retryAfter) implements SignIn {}
    }

    private final LocalAccounts accounts;
    private final SignInLockout lockout;
    private final RSAKey key;
    private final String issuer;
    private final String clientId;

    private LocalCognito(LocalAccounts accounts, SignInLockout lockout, RSAKey key, String issuer, String clientId) {
        this.accounts = accounts;
        this.lockout = lockout;
        this.key = key;
        this.issuer = issuer;
        this.clientId = clientId;
    }

    /** Opens (or starts) the pool kept in {@code dir}: accounts.json and signing-key.jwk.json. */
    public static LocalCognito open(Path dir, String issuer, String clientId) throws IOException {
        return new LocalCognito(LocalAccounts.open(dir.resolve("accounts.json")),
                new SignInLockout(SignInLockout.Policy.DEFAULT, Clock.systemUTC()),
                SigningKey.loadOrCreate(dir.resolve("signing-key.jwk.json")), issuer, clientId);
    }

    public LocalAccounts accounts() { return accounts; }

    public String issuer() { return issuer; }

    public String clientId() { return clientId; }

    public String jwks() { return SigningKey.publicJwks(key); }

    /** A token for the account; refused when the email or password is wrong; locked out after repeated failures. */
    public SignIn signIn(String email, String password) {
        return switch (lockout.begin(email)) {
            case SignInLockout.Locked locked -> new SignIn.LockedOut(locked.retryAfter());
            case SignInLockout.Permit permit -> {
                Optional<LocalAccounts.Account> account = Optional.empty();
                try {
                    account = accounts.authenticate(email, password);
                } finally {
                    if (account.isPresent()) permit.succeeded();
                    else permit.failed();
                }
                yield account.<SignIn>map(a -> new SignIn.Token(idToken(a))).orElseGet(SignIn.Refused::new);
            }
        };
    }

    /** An ID token for an account, as Cognito issues after a successful sign-in. */
    public String idToken(LocalAccounts.Account account) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(clientId)
                .subject(account.sub())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "id")
                .claim("auth_time", now.getEpochSecond())
                .claim("cognito:username", account.sub())
                .claim("email", account.email())
                .claim("email_verified", true)
                .claim("name", account.name())
                .claim("origin_jti", UUID.randomUUID().toString())
                .claim("event_id", UUID.randomUUID().toString());
        // Cognito leaves the claim out for a user in no group.
        if (!account.groups().isEmpty()) claims.claim("cognito:groups", new ArrayList<>(account.groups()));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}

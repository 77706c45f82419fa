package com.clientalbums.common.auth;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies Cognito-style RS256 JWTs: the signature against the issuer's JWKS, then issuer,
 * expiry, {@code token_use} and the app client ({@code aud} of an ID token, {@code client_id} of
 * an access token). In AWS API Gateway's JWT authorizer has checked the token already; this runs
 * anyway, so a misrouted or directly invoked function trusts nothing it did not verify, and so the
 * local runner (which has no authorizer) gets the same checks.
 *
 * <p>The key set is fetched once and cached; a token signed with a key id not in the cache makes
 * one refetch (rate-limited), which is how a rotated Cognito key is picked up. Built once per
 * container; thread-safe.
 */
public final class JwtAuthenticator implements Authenticator {
    public static final String ADMIN_GROUP = "admin";
    private static final System.Logger LOG = System.getLogger(JwtAuthenticator.class.getName());
    static final String SIGN_IN_AGAIN = "Your sign-in is not valid or has expired. Please sign in again.";

    private final AuthConfig config;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public JwtAuthenticator(AuthConfig config) {
        this(config, remoteKeys(config));
    }

    public JwtAuthenticator(AuthConfig config, JWKSource<SecurityContext> keys) {
        this.config = config;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new CognitoClaimsVerifier(config));
    }

    /** The issuer's JWKS over HTTPS (HTTP for the local stand-in), cached for an hour, refetched on an unknown key id. */
    static JWKSource<SecurityContext> remoteKeys(AuthConfig config) {
        try {
            long hour = Duration.ofHours(1).toMillis();
            return JWKSourceBuilder.<SecurityContext>create(config.jwksUri().toURL(), new DefaultResourceRetriever(3_000, 3_000, 256 * 1024))
                    .cache(hour, Duration.ofSeconds(15).toMillis())
                    .refreshAheadCache(false)
                    .rateLimited(Duration.ofSeconds(30).toMillis())
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("token issuer is not a URL: " + config.issuer(), e);
        }
    }

    @Override
    public Caller.SignedIn authenticate(Optional<String> authorization) {
        String token = BearerTokens.require(authorization);
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (RateLimitReachedException e) {
            // An unknown key id right after a refetch: a forged or foreign token, not an outage.
            throw unauthorized(SIGN_IN_AGAIN);
        } catch (KeySourceException e) {
            LOG.log(System.Logger.Level.ERROR, "token keys could not be fetched from " + config.jwksUri() + ": " + e.getMessage());
            throw new AlbumsException(ErrorCode.UNAVAILABLE, "Sign-in cannot be checked right now. Please try again in a moment.", e);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw unauthorized(SIGN_IN_AGAIN);
        }
        return caller(claims);
    }

    private Caller.SignedIn caller(JWTClaimsSet claims) {
        try {
            String email = claims.getStringClaim("email");
            if (email == null || email.isBlank() || email.indexOf('@') < 1) {
                throw unauthorized("Your sign-in does not carry an e-mail address. Please sign in again.");
            }
            Object verified = claims.getClaim("email_verified");
            if (verified != null && "false".equalsIgnoreCase(verified.toString())) {
                throw unauthorized("Your e-mail address is not verified yet.");
            }
            String name = claims.getStringClaim("name");
            return new Caller.SignedIn(email, name, isAdmin(email.trim(), groups(claims)));
        } catch (ParseException e) {
            throw unauthorized(SIGN_IN_AGAIN);
        }
    }

    private boolean isAdmin(String email, List<String> groups) {
        return groups.contains(ADMIN_GROUP)
                || (!config.adminEmail().isBlank() && config.adminEmail().trim().equalsIgnoreCase(email));
    }

    private static List<String> groups(JWTClaimsSet claims) {
        try {
            List<String> groups = claims.getStringListClaim("cognito:groups");
            return groups == null ? List.of() : groups;
        } catch (ParseException notAList) {
            return List.of();
        }
    }

    private static AlbumsException unauthorized(String message) {
        return new AlbumsException(ErrorCode.UNAUTHORIZED, message);
    }

    /**
     * Issuer, expiry (with a minute of clock skew) and subject as usual; an issue time in the
     * future beyond that same skew, which the library does not check, is a clock or a forgery we
     * do not trust; then the token's use decides where the app client is named, because
     * Cognito's access tokens carry no {@code aud}.
     */
    private static final class CognitoClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
        private final String clientId;

        CognitoClaimsVerifier(AuthConfig config) {
            super(null, new JWTClaimsSet.Builder().issuer(config.issuer().toString()).build(),
                    Set.of("sub", "exp", "token_use"), null);
            this.clientId = config.clientId();
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            super.verify(claims, context);
            Date issued = claims.getIssueTime();
            if (issued != null && issued.getTime() > System.currentTimeMillis() + getMaxClockSkew() * 1000L) {
                throw new BadJWTException("token was issued in the future");
            }
            String use;
            try {
                use = claims.getStringClaim("token_use");
            } catch (ParseException e) {
                throw new BadJWTException("token_use is not a string");
            }
            boolean forUs = switch (use == null ? "" : use.toLowerCase(Locale.ROOT)) {
                case "id" -> claims.getAudience() != null && claims.getAudience().contains(clientId);
                case "access" -> clientId.equals(claims.getClaim("client_id"));
                default -> false;
            };
            if (!forUs) throw new BadJWTException("token was not issued to this app client");
        }
    }
}

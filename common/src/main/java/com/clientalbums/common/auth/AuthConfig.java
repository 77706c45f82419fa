package com.clientalbums.common.auth;

import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;

import java.net.URI;

/**
 * Whose tokens an API accepts.
 *
 * @param issuer     the {@code iss} every token must carry; its keys are at {@code {issuer}/.well-known/jwks.json}
 * @param clientId   the app client the token was issued to ({@code aud} of ID tokens, {@code client_id} of access tokens)
 * @param adminEmail the photographer's address (empty: only the {@code admin} group makes an admin)
 */
public record AuthConfig(URI issuer, String clientId, String adminEmail) {

    /**
     * Cognito's issuer for the user pool in the region, unless {@code AUTH_ISSUER_URL} names
     * another (the local runner's Cognito stand-in).
     */
    public static AuthConfig from(Settings settings) {
        String override = settings.get(Setting.AUTH_ISSUER_URL);
        String issuer = override.isEmpty()
                ? "https://cognito-idp." + settings.region() + ".amazonaws.com/" + settings.get(Setting.COGNITO_USER_POOL_ID)
                : trimSlash(override);
        return new AuthConfig(URI.create(issuer), settings.get(Setting.COGNITO_CLIENT_ID), settings.get(Setting.ADMIN_EMAIL));
    }

    /** True when tokens come from the local runner's stand-in rather than Cognito. */
    public static boolean isLocal(Settings settings) {
        return !settings.get(Setting.AUTH_ISSUER_URL).isEmpty();
    }

    public URI jwksUri() {
        return URI.create(issuer + "/.well-known/jwks.json");
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}

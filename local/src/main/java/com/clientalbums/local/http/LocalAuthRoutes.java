package com.clientalbums.local.http;

import com.clientalbums.local.auth.LocalCognito;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;

/**
 * The Cognito stand-in over HTTP, under {@code /local-auth}:
 * <pre>
 *   POST /local-auth/token {"email","password"}        → {"id_token","expires_in","token_type"}
 *                                                        (401 wrong email or password; 429 + Retry-After locked out)
 *   GET  /local-auth/.well-known/jwks.json               → the public keys (what Cognito publishes)
 *   GET  /local-auth/.well-known/openid-configuration    → issuer and jwks_uri, for discovery
 * </pre>
 * The issuer is {@code http://127.0.0.1:PORT/local-auth}, so "{issuer}/.well-known/jwks.json" is
 * the JWKS just as for a Cognito pool's issuer URL.
 */
public final class LocalAuthRoutes implements Route {
    public static final String PREFIX = "/local-auth";

    private final LocalCognito cognito;

    public LocalAuthRoutes(LocalCognito cognito) { this.cognito = cognito; }

    @Override
    public void handle(Exchange ex) throws IOException {
        String path = ex.path().substring(PREFIX.length());
        String method = ex.method();
        ex.setHeader("Cache-Control", "no-store");
        switch (path) {
            case "/token" -> {
                if (!method.equals("POST")) { notAllowed(ex, "POST"); return; }
                token(ex);
            }
            case "/.well-known/jwks.json" -> {
                if (!isRead(method)) { notAllowed(ex, "GET"); return; }
                ex.setHeader("Cache-Control", "public, max-age=300");
                Exchanges.sendJson(ex, 200, cognito.jwks());
            }
            case "/.well-known/openid-configuration" -> {
                if (!isRead(method)) { notAllowed(ex, "GET"); return; }
                ObjectNode doc = Exchanges.JSON.createObjectNode()
                        .put("issuer", cognito.issuer())
                        .put("jwks_uri", cognito.issuer() + "/.well-known/jwks.json")
                        .put("token_endpoint", cognito.issuer() + "/token");
                doc.putArray("id_token_signing_alg_values_supported").add("RS256");
                doc.putArray("subject_types_supported").add("public");
                doc.putArray("response_types_supported").add("token");
                Exchanges.sendJson(ex, 200, doc);
            }
            default -> Exchanges.sendError(ex, 404, "NOT_FOUND", "No such local-auth endpoint: " + path);
        }
    }

    private void token(Exchange ex) throws IOException {
        byte[] body = ex.body(64 * 1024);
        JsonNode json;
        try {
            json = body == null ? null : Exchanges.JSON.readTree(body);
        } catch (IOException malformed) {
            json = null;
        }
        String email = text(json, "email");
        String password = text(json, "password");
        if (email == null || password == null) {
            Exchanges.sendError(ex, 400, "BAD_REQUEST", "Send JSON {\"email\": ..., \"password\": ...}");
            return;
        }
        switch (cognito.signIn(email, password)) {
            case LocalCognito.SignIn.Token token -> {
                ObjectNode answer = Exchanges.JSON.createObjectNode()
                        .put("id_token", token.idToken())
                        .put("expires_in", LocalCognito.TOKEN_LIFETIME.toSeconds())
                        .put("token_type", "Bearer");
                Exchanges.sendJson(ex, 200, answer);
            }
            case LocalCognito.SignIn.Refused refused -> Exchanges.sendError(ex, 401, "UNAUTHORIZED", "Wrong email or password");
            case LocalCognito.SignIn.LockedOut locked -> {
                long seconds = locked.retryAfter().toSeconds();
                ex.setHeader("Retry-After", Long.toString(seconds));
                Exchanges.sendError(ex, 429, "TOO_MANY_ATTEMPTS", "Too many failed sign-ins for this account: try again in "
                        + minutes(seconds));
            }
        }
    }

    private static String minutes(long seconds) {
        long minutes = Math.max(1, (seconds + 59) / 60);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }

    private static String text(JsonNode json, String field) {
        if (json == null || !json.path(field).isTextual() || json.path(field).asText().isEmpty()) return null;
        return json.path(field).asText();
    }

    private static boolean isRead(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    private static void notAllowed(Exchange ex, String allowed) throws IOException {
        ex.setHeader("Allow", allowed);
        Exchanges.sendError(ex, 405, "METHOD_NOT_ALLOWED", "Use " + allowed);
    }
}

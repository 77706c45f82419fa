package com.clientalbums.admin.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.admin.users.AccountDirectory;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.auth.TestIssuer;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.testing.LocalAws;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The studio (admin) API as deployed, for a test class: a {@link TestIssuer} whose tokens it
 * trusts, the handler made from {@link AdminApiHandler#SETTINGS} on the class's {@link LocalAws},
 * the album table, the photographer's token, and the calls and checks the tests share.
 *
 * <pre>
 *   &#64;RegisterExtension &#64;Order(1) static final LocalAws aws = LocalAws.create();
 *   &#64;RegisterExtension &#64;Order(2) static final StudioApiFixture api = StudioApiFixture.on(aws);
 * </pre>
 *
 * Registered after {@code aws} (hence the {@code @Order}): it needs the class's tables and bucket.
 * Accounts are not made anywhere unless a test passes its own {@link AccountDirectory}.
 */
final class StudioApiFixture implements BeforeAllCallback, AfterAllCallback {
    static final String STUDIO = "studio@example.com";
    static final AccountDirectory NO_ACCOUNTS = (email, name) -> AccountDirectory.Outcome.CREATED;

    private final LocalAws aws;
    private final Map<String, String> env;
    private final AccountDirectory accounts;
    private TestIssuer issuer;
    private Settings settings;
    private AdminApiHandler handler;
    private AlbumRepository albums;
    private String admin;

    private StudioApiFixture(LocalAws aws, Map<String, String> env, AccountDirectory accounts) {
        this.aws = aws;
        this.env = env;
        this.accounts = accounts;
    }

    /** The handler with the settings a deployed studio API has, {@link #STUDIO} as the photographer. */
    static StudioApiFixture on(LocalAws aws) {
        return new StudioApiFixture(aws, Map.of(), NO_ACCOUNTS);
    }

    /** As {@link #on(LocalAws)}, with {@code env} on top of the issuer's settings (e.g. a portal address). */
    static StudioApiFixture on(LocalAws aws, Map<String, String> env) {
        return new StudioApiFixture(aws, Map.copyOf(env), NO_ACCOUNTS);
    }

    /** As {@link #on(LocalAws)}, the handler inviting clients through {@code accounts}. */
    static StudioApiFixture on(LocalAws aws, AccountDirectory accounts) {
        return new StudioApiFixture(aws, Map.of(), accounts);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        issuer = TestIssuer.start();
        settings = aws.settings(AdminApiHandler.SETTINGS, env(Map.of()));
        handler = new AdminApiHandler(settings, aws.clients(), accounts);
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        admin = issuer.idToken(STUDIO);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (issuer != null) issuer.close();
    }

    private Map<String, String> env(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(issuer.env(STUDIO));
        env.putAll(this.env);
        env.putAll(overrides);
        return env;
    }

    /** Another handler on the same servers and issuer, with {@code overrides} on top of this one's settings. */
    AdminApiHandler handler(Map<String, String> overrides) {
        return new AdminApiHandler(aws.settings(AdminApiHandler.SETTINGS, env(overrides)), aws.clients(), accounts);
    }

    TestIssuer issuer() { return issuer; }

    Settings settings() { return settings; }

    AdminApiHandler handler() { return handler; }

    AlbumRepository albums() { return albums; }

    /** The photographer's ID token. */
    String admin() { return admin; }

    // ---- calls and checks ---------------------------------------------------------------------

    APIGatewayV2HTTPResponse call(ApiEvents.Request request) {
        return handler.handleRequest(request.event(), null);
    }

    /** The body of the answer, which must have {@code status}. */
    JsonNode answer(int status, ApiEvents.Request request) {
        var response = call(request);
        assertEquals(status, response.getStatusCode(), response.getBody());
        return ApiEvents.body(response);
    }

    static void assertError(APIGatewayV2HTTPResponse response, int status, String code) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals(code, ApiEvents.body(response).path("error").path("code").asText(), response.getBody());
    }
}

package com.clientalbums.client.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.common.access.GrantRepository;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.auth.TestIssuer;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.favourite.FavouriteRepository;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.share.ShareRepository;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.sync.RequestBody;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The client API as deployed, for a test class: a {@link TestIssuer} whose tokens it trusts, the
 * handler made from {@link ClientApiHandler#SETTINGS} on the class's {@link LocalAws}, the
 * repositories the tests read and write, and the calls and checks they share.
 *
 * <pre>
 *   &#64;RegisterExtension &#64;Order(1) static final LocalAws aws = LocalAws.create();
 *   &#64;RegisterExtension &#64;Order(2) static final ClientApiFixture api = ClientApiFixture.on(aws);
 * </pre>
 *
 * Registered after {@code aws} (hence the {@code @Order}): it needs the class's tables and bucket.
 */
final class ClientApiFixture implements BeforeAllCallback, AfterAllCallback {
    static final String STUDIO = "studio@example.com";

    private final LocalAws aws;
    private final Map<String, String> env;
    private TestIssuer issuer;
    private Settings settings;
    private ClientApiHandler handler;
    private AlbumRepository albums;
    private GrantRepository grants;
    private ShareRepository shares;
    private FavouriteRepository favourites;

    private ClientApiFixture(LocalAws aws, Map<String, String> env) {
        this.aws = aws;
        this.env = env;
    }

    /** The handler with the settings a deployed client API has, {@link #STUDIO} as the photographer. */
    static ClientApiFixture on(LocalAws aws) {
        return new ClientApiFixture(aws, Map.of());
    }

    /** As {@link #on(LocalAws)}, with {@code env} on top of the issuer's settings (e.g. a mail transport). */
    static ClientApiFixture on(LocalAws aws, Map<String, String> env) {
        return new ClientApiFixture(aws, Map.copyOf(env));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        issuer = TestIssuer.start();
        settings = aws.settings(ClientApiHandler.SETTINGS, env(Map.of()));
        handler = new ClientApiHandler(settings, aws.clients());
        albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        grants = new GrantRepository(aws.clients().dynamo(), aws.names().userAlbumTable());
        shares = new ShareRepository(aws.clients().dynamo(), aws.names().shareTable());
        favourites = new FavouriteRepository(aws.clients().dynamo(), aws.names().favouriteTable());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (issuer != null) issuer.close();
    }

    /** The issuer's settings for {@link #STUDIO}, this fixture's environment, then {@code overrides}. */
    Map<String, String> env(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(issuer.env(STUDIO));
        env.putAll(this.env);
        env.putAll(overrides);
        return env;
    }

    /** Another handler on the same servers and issuer, with {@code overrides} on top of this one's settings. */
    ClientApiHandler handler(Map<String, String> overrides) {
        return new ClientApiHandler(aws.settings(ClientApiHandler.SETTINGS, env(overrides)), aws.clients());
    }

    TestIssuer issuer() { return issuer; }

    Settings settings() { return settings; }

    ClientApiHandler handler() { return handler; }

    AlbumRepository albums() { return albums; }

    GrantRepository grants() { return grants; }

    ShareRepository shares() { return shares; }

    FavouriteRepository favourites() { return favourites; }

    // ---- calls and checks ---------------------------------------------------------------------

    APIGatewayV2HTTPResponse call(ClientApiHandler h, ApiEvents.Request request) {
        return h.handleRequest(request.event(), null);
    }

    APIGatewayV2HTTPResponse call(ApiEvents.Request request) {
        return call(handler, request);
    }

    JsonNode ok(ClientApiHandler h, ApiEvents.Request request) {
        var response = call(h, request);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return ApiEvents.body(response);
    }

    JsonNode ok(ApiEvents.Request request) {
        return ok(handler, request);
    }

    static void assertError(APIGatewayV2HTTPResponse response, int status, String code) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals(code, ApiEvents.body(response).path("error").path("code").asText(), response.getBody());
    }

    /** A photo in the album's folder of the bucket, as the studio uploads it. */
    void putPhoto(String albumId, String path, byte[] bytes) {
        aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(S3Keys.photoKey(albumId, path)).contentType("image/jpeg"),
                RequestBody.fromBytes(bytes));
    }
}

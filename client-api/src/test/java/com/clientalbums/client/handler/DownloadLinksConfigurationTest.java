package com.clientalbums.client.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.common.auth.TestIssuer;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client API's download links are chosen when it starts: a CloudFront deployment without its key does not start. */
class DownloadLinksConfigurationTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    static final String STUDIO = "studio@example.com";

    static TestIssuer issuer;
    static LocalAws.CloudFrontKey key;

    @BeforeAll
    static void setUp() {
        issuer = TestIssuer.start();
        key = LocalAws.CloudFrontKey.create();
    }

    @AfterAll
    static void tearDown() throws Exception {
        issuer.close();
        key.close();
    }

    private static ClientApiHandler handler(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(issuer.env(STUDIO));
        env.putAll(overrides);
        return new ClientApiHandler(aws.settings(ClientApiHandler.SETTINGS, env), aws.clients());
    }

    @Test
    void withItsDomainKeyPairIdAndKeyTheClientApiStartsAndAnswers() {
        ClientApiHandler handler = handler(key.env());
        APIGatewayV2HTTPResponse me = handler.handleRequest(ApiEvents.get("/me").bearer(issuer.idToken(STUDIO)).event(), null);
        assertEquals(200, me.getStatusCode(), me.getBody());
    }

    @Test
    void cloudfrontWithoutItsKeySourceStopsTheClientApiAtStartNamingTheSetting() {
        Map<String, String> env = new HashMap<>(key.env());
        env.put(Setting.CLOUDFRONT_KEY_SOURCE.name(), "");
        AlbumsException e = assertThrows(AlbumsException.class, () -> handler(env));
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertTrue(e.getMessage().contains("CLOUDFRONT_KEY_SOURCE is not set"), e.getMessage());
        assertFalse(e.getMessage().contains("CLOUDFRONT_DOMAIN"), e.getMessage());
    }

    @Test
    void cloudfrontWithAKeySourceThatHoldsNoKeyStopsTheClientApiAtStart() {
        Map<String, String> env = new HashMap<>(key.env());
        env.put(Setting.CLOUDFRONT_KEY_SOURCE.name(), "file:/nonexistent/cloudfront-key.pem");
        AlbumsException e = assertThrows(AlbumsException.class, () -> handler(env));
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertTrue(e.getMessage().contains("/nonexistent/cloudfront-key.pem cannot be read"), e.getMessage());
    }
}

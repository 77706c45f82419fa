package com.clientalbums.client.handler;

import com.clientalbums.common.auth.GuestSessions;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.mail.MailKind;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.mail.MailRequest;
import com.clientalbums.common.mail.OptOutTokens;
import com.clientalbums.testing.LocalAws;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.clientalbums.client.handler.ClientApiFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The opt-out routes through the client API's entry point, without sign-in: the portal page's
 * {@code {token}}, a mail reader's one-click {@code ?token=} with its form body, opting in again,
 * and links that are not ours. The opt-outs land in the local DynamoDB's mail table.
 */
class MailOptOutRoutesTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    @Order(2)
    static final ClientApiFixture api = ClientApiFixture.on(aws);

    static MailOutbox outbox;
    static OptOutTokens tokens;
    static byte[] guestKey;

    @BeforeAll
    static void setUp() throws Exception {
        outbox = new MailOutbox(aws.clients().dynamo(), aws.names().mailTable());
        String source = aws.env().get(Setting.GUEST_KEY_SOURCE.name());
        guestKey = Files.readString(Path.of(source.substring("file:".length()))).strip().getBytes(StandardCharsets.UTF_8);
        tokens = new OptOutTokens(guestKey);
    }

    static boolean queues(String email, String albumId) {
        return outbox.enqueue(new MailRequest(email, MailKind.ALBUM_READY, albumId, "fp", Map.of(), Instant.now()));
    }

    @Test
    void thePortalPagesTokenStopsMailToItsAddressAndOptingInStartsItAgain() {
        String token = tokens.sign("Ann@Example.com");
        JsonNode out = api.ok(ApiEvents.post("/mail/opt-out").body("{\"token\":\"" + token + "\"}"));
        assertEquals("ann@example.com", out.path("email").asText());
        assertTrue(out.path("opted_out").asBoolean());
        assertTrue(outbox.optedOut("ann@example.com"));
        assertFalse(queues("ann@example.com", "after-opt-out"), "nothing is queued for an opted-out address");

        JsonNode in = api.ok(ApiEvents.post("/mail/opt-in").body("{\"token\":\"" + token + "\"}"));
        assertEquals("ann@example.com", in.path("email").asText());
        assertFalse(in.path("opted_out").asBoolean());
        assertFalse(outbox.optedOut("ann@example.com"));
        assertTrue(queues("ann@example.com", "after-opt-in"));
    }

    @Test
    void aMailReadersOneClickPostWithTheTokenInTheAddressAndAFormBodyOptsOut() {
        String token = tokens.sign("bob@example.com");
        api.ok(ApiEvents.post("/mail/opt-out").query("token", token)
                .body("List-Unsubscribe=One-Click").header("content-type", "application/x-www-form-urlencoded"));
        assertTrue(outbox.optedOut("bob@example.com"));

        api.ok(ApiEvents.post("/mail/opt-out").query("token", token));
        assertTrue(outbox.optedOut("bob@example.com"), "an empty body too, and twice is still opted out");
    }

    @Test
    void aLinkThatIsNotOursIsRefusedAndChangesNothing() {
        String forged = new OptOutTokens("someone else's key, thirty-two bytes+".getBytes(StandardCharsets.UTF_8)).sign("cleo@example.com");
        assertError(api.call(ApiEvents.post("/mail/opt-out").body("{\"token\":\"" + forged + "\"}")), 400, "OPT_OUT_LINK_INVALID");
        assertError(api.call(ApiEvents.post("/mail/opt-out").query("token", "nonsense")), 400, "OPT_OUT_LINK_INVALID");
        assertError(api.call(ApiEvents.post("/mail/opt-in").body("{\"token\":\"" + forged + "\"}")), 400, "OPT_OUT_LINK_INVALID");
        String session = new GuestSessions(guestKey, Duration.ofHours(1), Clock.systemUTC()).sign("album", "share").token();
        assertError(api.call(ApiEvents.post("/mail/opt-out").body("{\"token\":\"" + session + "\"}")), 400, "OPT_OUT_LINK_INVALID");
        assertError(api.call(ApiEvents.post("/mail/opt-out").body("{}")), 400, "OPT_OUT_LINK_INVALID");
        assertError(api.call(ApiEvents.post("/mail/opt-out")), 400, "BAD_REQUEST");
        assertFalse(outbox.optedOut("cleo@example.com"));
    }

    @Test
    void followingTheLinkWithAGetUnsubscribesNoOne() {
        String token = tokens.sign("dan@example.com");
        var response = api.call(ApiEvents.get("/mail/opt-out").query("token", token));
        // No public GET there: the router asks an anonymous caller to sign in.
        assertError(response, 401, "UNAUTHORIZED");
        assertFalse(outbox.optedOut("dan@example.com"));
    }
}

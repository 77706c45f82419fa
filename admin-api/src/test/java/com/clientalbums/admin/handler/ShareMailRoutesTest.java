package com.clientalbums.admin.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.mail.MailFields;
import com.clientalbums.common.mail.MailKind;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.mail.QueuedMail;
import com.clientalbums.common.share.ShareRepository;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.WebSizes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.clientalbums.admin.handler.StudioApiFixture.STUDIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A share link e-mailed from the studio: {@code send_to} and {@code message} of {@code POST /admin/albums/{album_id}/shares}. */
class ShareMailRoutesTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    static final String PORTAL = "https://photos.example.com";

    @RegisterExtension
    @Order(2)
    static final StudioApiFixture api = StudioApiFixture.on(aws, Map.of(Setting.PORTAL_URL.name(), PORTAL,
            // Queuing needs no server: the mails wait in the outbox for maintenance's sender.
            Setting.MAIL_TRANSPORT.name(), "smtp://127.0.0.1:2525"));

    static AdminApiHandler mailing;
    static AdminApiHandler silent;
    static ShareRepository shares;
    static MailOutbox outbox;

    @BeforeAll
    static void setUp() {
        mailing = api.handler();
        silent = api.handler(Map.of(Setting.MAIL_TRANSPORT.name(), "none"));
        shares = new ShareRepository(aws.clients().dynamo(), aws.names().shareTable());
        outbox = new MailOutbox(aws.clients().dynamo(), aws.names().mailTable());
    }

    static String album(String albumId, String name) {
        var listing = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(api.albums().register(albumId, name, STUDIO, 0, Fingerprint.of(listing, WebSizes.DEFAULT), Instant.now()));
        return albumId;
    }

    static APIGatewayV2HTTPResponse create(AdminApiHandler handler, String albumId, String body) {
        return handler.handleRequest(ApiEvents.post("/admin/albums/" + albumId + "/shares").bearer(api.admin()).body(body).event(), null);
    }

    static JsonNode created(String albumId, String body) {
        var response = create(mailing, albumId, body);
        assertEquals(201, response.getStatusCode(), response.getBody());
        return ApiEvents.body(response);
    }

    static void assertRefused(AdminApiHandler handler, String albumId, String body, int status, String code) {
        var response = create(handler, albumId, body);
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals(code, ApiEvents.body(response).path("error").path("code").asText(), response.getBody());
        assertEquals(List.of(), shares.ofAlbum(albumId), "a refused request makes no link");
    }

    /** The album's queued mails by recipient. */
    static Map<String, QueuedMail> queued(String albumId) {
        return outbox.due(Instant.now().plusSeconds(60), 1_000).stream().filter(m -> m.albumId().equals(albumId))
                .collect(Collectors.toMap(QueuedMail::recipient, m -> m));
    }

    @Test
    void aLinkSentFromTheStudioQueuesOneMailPerAddressWithThePortalLinkAndNeverThePin() {
        String album = album("mail-share-sent", "Smith Wedding");
        JsonNode made = created(album, "{\"label\":\"Family\",\"pin\":\"4321\",\"downloads\":\"web\",\"expires_at\":\"2099-06-30T18:00:00Z\","
                + "\"send_to\":[\"Ann@Example.com\",\"bob@example.com\",\"ann@example.com\"],\"message\":\"Here they are!\\nLove, K.\"}");
        assertEquals(2, made.path("mail").path("queued").asInt(), made.toString());
        assertEquals(0, made.path("mail").path("opted_out").size(), made.toString());
        String url = made.get("url").asText();
        assertEquals(PORTAL + "/s/" + made.get("token").asText(), url);

        Map<String, QueuedMail> mails = queued(album);
        assertEquals(Set.of("ann@example.com", "bob@example.com"), mails.keySet(), "one per address, however it was written");
        for (QueuedMail mail : mails.values()) {
            assertEquals(MailKind.SHARE_LINK, mail.kind());
            assertEquals(url, mail.fields().get(MailFields.LINK), "the portal link, the only way in");
            assertEquals("Smith Wedding", mail.fields().get(MailFields.ALBUM_NAME));
            assertEquals("Family", mail.fields().get(MailFields.LABEL));
            assertEquals("true", mail.fields().get(MailFields.PIN_REQUIRED), "the mail says a PIN comes separately");
            assertEquals("Here they are!\nLove, K.", mail.fields().get(MailFields.MESSAGE));
            assertEquals("2099-06-30", mail.fields().get(MailFields.EXPIRES_ON));
            assertTrue(mail.topic().endsWith("#" + made.get("share_id").asText()), mail.topic());
            assertFalse(mail.fields().values().stream().anyMatch(v -> v.contains("4321")), "never the PIN: " + mail.fields());
        }
        var sent = shares.sentLinks(album);
        assertEquals(1, sent.size());
        assertEquals(Set.of("ann@example.com", "bob@example.com"), sent.getFirst().sentTo(), "kept for the album's notices");
    }

    @Test
    void anAddressThatOptedOutIsNamedInTheAnswerAndGetsNothing() {
        String album = album("mail-share-opted-out", "Garden party");
        outbox.optOut("carol@example.com", Instant.now());
        JsonNode made = created(album, "{\"label\":\"Guests\",\"downloads\":\"none\",\"send_to\":[\"carol@example.com\",\"dave@example.com\"]}");
        assertEquals(1, made.path("mail").path("queued").asInt(), made.toString());
        assertEquals("carol@example.com", made.path("mail").path("opted_out").path(0).asText(), made.toString());
        assertEquals(1, made.path("mail").path("opted_out").size(), made.toString());
        assertEquals(Set.of("dave@example.com"), queued(album).keySet());
        assertEquals("false", queued(album).get("dave@example.com").fields().get(MailFields.PIN_REQUIRED));
    }

    @Test
    void aLinkNotSentQueuesNothingAndKeepsNoAddresses() {
        String album = album("mail-share-not-sent", "Portraits");
        JsonNode made = created(album, "{\"label\":\"Copy and paste\",\"downloads\":\"both\",\"send_to\":[]}");
        assertEquals(0, made.path("mail").path("queued").asInt(), made.toString());
        assertEquals(0, made.path("mail").path("opted_out").size(), made.toString());
        assertEquals(Map.of(), queued(album));
        assertEquals(List.of(), shares.sentLinks(album));
        assertEquals(1, shares.ofAlbum(album).size());
    }

    @Test
    void askingForMailWhereNoneIsSentIsAConflictAndMakesNoLink() {
        String album = album("mail-share-unconfigured", "Christening");
        assertRefused(silent, album, "{\"label\":\"Family\",\"downloads\":\"web\",\"send_to\":[\"ann@example.com\"]}", 409, "MAIL_NOT_CONFIGURED");
        assertEquals(201, create(silent, album, "{\"label\":\"Family\",\"downloads\":\"web\"}").getStatusCode(),
                "without send_to a link is made as before");
    }

    @Test
    void addressesAndMessagesAreCheckedBeforeTheLinkIsMade() {
        String album = album("mail-share-invalid", "Birthday");
        String many = IntStream.rangeClosed(1, 21).mapToObj(i -> "\"guest" + i + "@example.com\"").collect(Collectors.joining(","));
        assertRefused(mailing, album, "{\"label\":\"L\",\"downloads\":\"web\",\"send_to\":[" + many + "]}", 400, "BAD_REQUEST");
        assertRefused(mailing, album, "{\"label\":\"L\",\"downloads\":\"web\",\"send_to\":[\"not an address\"]}", 400, "BAD_REQUEST");
        assertRefused(mailing, album, "{\"label\":\"L\",\"downloads\":\"web\",\"send_to\":[\"ann@example.com\"],\"message\":\""
                + "x".repeat(1_001) + "\"}", 400, "BAD_REQUEST");
        assertRefused(mailing, album, "{\"label\":\"L\",\"downloads\":\"web\",\"send_to\":[\"ann@example.com\"],\"message\":\"ring \\u0007\"}",
                400, "BAD_REQUEST");
        assertRefused(mailing, album, "{\"label\":\"L\",\"downloads\":\"web\",\"message\":\"to whom?\"}", 400, "BAD_REQUEST");
        String twenty = IntStream.rangeClosed(1, 20).mapToObj(i -> "\"guest" + i + "@example.com\"").collect(Collectors.joining(","));
        JsonNode made = created(album, "{\"label\":\"L\",\"downloads\":\"web\",\"send_to\":[" + twenty + "],\"message\":\""
                + "x".repeat(1_000) + "\"}");
        assertEquals(20, made.path("mail").path("queued").asInt(), "twenty addresses and 1,000 characters are allowed");
    }
}

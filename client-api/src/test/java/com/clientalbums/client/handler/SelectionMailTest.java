package com.clientalbums.client.handler;

import com.clientalbums.client.favourites.SelectionMail;
import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.http.ApiEvents;
import com.clientalbums.common.http.Json;
import com.clientalbums.common.mail.MailFields;
import com.clientalbums.common.mail.MailKind;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.mail.QueuedMail;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.WebSizes;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static com.clientalbums.client.handler.ClientApiFixture.STUDIO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client sends their selection: the photographer is told by one e-mail, and a mail that cannot be queued never undoes the sending. */
class SelectionMailTest {
    @RegisterExtension
    @Order(1)
    static final LocalAws aws = LocalAws.create();

    @RegisterExtension
    @Order(2)
    static final ClientApiFixture api = ClientApiFixture.on(aws, Map.of(Setting.MAIL_TRANSPORT.name(), "smtp://127.0.0.1:2525"));

    static final String ANN = "ann@example.com";

    static MailOutbox outbox;

    @BeforeAll
    static void setUp() {
        outbox = new MailOutbox(aws.clients().dynamo(), aws.names().mailTable());
    }

    static String album(String albumId, String name, int photos) {
        for (int i = 1; i <= photos; i++) {
            String key = S3Keys.photoKey(albumId, "IMG_" + i + ".jpg");
            aws.clients().s3().putObject(p -> p.bucket(aws.names().bucket()).key(key), RequestBody.fromString("photo " + key));
        }
        var listing = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(albumId);
        assertTrue(api.albums().register(albumId, name, STUDIO, listing.size(), Fingerprint.of(listing, WebSizes.DEFAULT), Instant.now()));
        api.grants().grant(ANN, albumId, Instant.now(), Downloads.BOTH);
        return albumId;
    }

    static void heart(ClientApiHandler handler, String albumId, String... paths) {
        api.ok(handler, ApiEvents.post("/albums/" + albumId + "/favourites").bearer(api.issuer().idToken(ANN))
                .body(Json.write(Map.of("paths", List.of(paths), "favourite", true))));
    }

    static JsonNode submit(ClientApiHandler handler, String albumId) {
        return api.ok(handler, ApiEvents.post("/albums/" + albumId + "/favourites/submit").bearer(api.issuer().idToken(ANN)));
    }

    static List<QueuedMail> mailsAbout(String albumId) {
        return outbox.due(Instant.now().plusSeconds(60), 1_000).stream().filter(m -> m.albumId().equals(albumId)).toList();
    }

    @Test
    void aSentSelectionQueuesOneMailToTheStudioAndASelectionSentAgainAfterReopeningAnother() {
        ClientApiHandler handler = api.handler(Map.of());
        String albumId = album("selection-mail", "Smith Wedding", 3);
        heart(handler, albumId, "IMG_1.jpg", "IMG_3.jpg");
        JsonNode sent = submit(handler, albumId);
        submit(handler, albumId); // sent twice: answered as it is, and told once

        List<QueuedMail> mails = mailsAbout(albumId);
        assertEquals(1, mails.size(), mails.toString());
        QueuedMail mail = mails.getFirst();
        assertEquals(STUDIO, mail.recipient());
        assertEquals(MailKind.SELECTION_SUBMITTED, mail.kind());
        assertEquals("Smith Wedding", mail.fields().get(MailFields.ALBUM_NAME));
        assertEquals("Name of " + ANN, mail.fields().get(MailFields.PERSON));
        assertEquals(ANN, mail.fields().get(MailFields.EMAIL));
        assertEquals("2", mail.fields().get(MailFields.COUNT));
        assertEquals("/studio/", mail.fields().get(MailFields.PATH));
        assertTrue(mail.topic().endsWith("client:" + ANN + "#" + sent.get("submitted_at").asText()), mail.topic());

        api.favourites().reopen(albumId, "client:" + ANN, Instant.now()).orElseThrow();
        heart(handler, albumId, "IMG_2.jpg");
        submit(handler, albumId);
        List<QueuedMail> after = mailsAbout(albumId);
        assertEquals(2, after.size(), "sent again is news again: " + after);
        assertTrue(after.stream().anyMatch(m -> "3".equals(m.fields().get(MailFields.COUNT))), after.toString());
    }

    @Test
    void aSelectionIsSentEvenWhenItsMailCannotBeQueuedAndTheFailureIsLogged() {
        ClientApiHandler broken = api.handler(Map.of(Setting.MAIL_TABLE_NAME.name(), "no-such-mail-table"));
        String albumId = album("selection-mail-broken", "Garden party", 2);
        heart(broken, albumId, "IMG_1.jpg");
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(SelectionMail.class.getName());
        Handler capture = new Handler() {
            @Override public void publish(LogRecord record) { logged.add(record); }
            @Override public void flush() {}
            @Override public void close() {}
        };
        log.addHandler(capture);
        JsonNode sent;
        try {
            sent = submit(broken, albumId);
        } finally {
            log.removeHandler(capture);
        }
        assertFalse(sent.get("submitted_at").isNull(), "the selection is sent: " + sent);
        assertEquals(1, logged.size(), "one warning says the mail was not queued");
        assertEquals(Level.WARNING, logged.getFirst().getLevel());
        assertTrue(logged.getFirst().getMessage().contains(albumId), logged.getFirst().getMessage());
        assertEquals(List.of(), mailsAbout(albumId));
    }

    @Test
    void whereNoMailIsSentASelectionQueuesNothing() {
        ClientApiHandler silent = api.handler(Map.of(Setting.MAIL_TRANSPORT.name(), "none"));
        String albumId = album("selection-mail-off", "Christening", 1);
        heart(silent, albumId, "IMG_1.jpg");
        assertFalse(submit(silent, albumId).get("submitted_at").isNull());
        assertEquals(List.of(), mailsAbout(albumId));
    }
}

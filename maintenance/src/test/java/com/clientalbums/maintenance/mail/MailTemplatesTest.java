package com.clientalbums.maintenance.mail;

import com.clientalbums.common.mail.MailFields;
import com.clientalbums.common.mail.MailKind;
import com.clientalbums.common.mail.QueuedMail;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of mail, written from its fields: the studio's name, portal links only, escaped values, the opt-out link. */
class MailTemplatesTest {
    static final MailTemplates TEMPLATES = new MailTemplates("Katelynn Photography", "https://albums.example.com/");
    static final String OPT_OUT = "https://albums.example.com/mail/opt-out/?t=abc.def.ghi";

    static RenderedMail render(MailKind kind, Map<String, String> fields) {
        return TEMPLATES.render(new QueuedMail("ann@example.com", "msg#x", kind, "garden-party", fields,
                Instant.parse("2026-12-05T10:00:00Z"), 0), OPT_OUT);
    }

    static Map<String, String> fieldsOf(MailKind kind, String albumName) {
        Map<String, String> fields = new HashMap<>(Map.of(MailFields.ALBUM_NAME, albumName,
                MailFields.PATH, "/albums/garden-party/", MailFields.COUNT, "42", MailFields.EXPIRES_ON, "2026-12-24",
                MailFields.PERSON, "Ann Smith", MailFields.EMAIL, "ann@example.com", MailFields.ERROR, "a photo could not be read"));
        if (kind == MailKind.SHARE_LINK) {
            fields.remove(MailFields.PATH);
            fields.put(MailFields.LINK, "https://albums.example.com/s/tok3n");
            fields.put(MailFields.LABEL, "Family");
            fields.put(MailFields.MESSAGE, "Here are the photos!\nLove, K.");
            fields.put(MailFields.PIN_REQUIRED, "true");
        }
        return fields;
    }

    @Test
    void everyKindHasASubjectBothBodiesThePortalLinkTheStudioAndTheOptOutLink() {
        for (MailKind kind : MailKind.values()) {
            RenderedMail mail = render(kind, fieldsOf(kind, "Garden party"));
            String link = kind == MailKind.SHARE_LINK ? "https://albums.example.com/s/tok3n" : "https://albums.example.com/albums/garden-party/";
            assertTrue(mail.subject().contains("Garden party"), kind + ": " + mail.subject());
            assertTrue(mail.text().contains(link), kind + " text links to the portal");
            assertTrue(mail.html().contains("href=\"" + link + "\""), kind + " HTML links to the portal");
            assertTrue(mail.text().contains("Katelynn Photography"), kind + " names the studio");
            assertTrue(mail.html().contains("Katelynn Photography"), kind + " names the studio");
            assertTrue(mail.text().contains(OPT_OUT), kind + " text has the opt-out link");
            assertTrue(mail.html().contains("href=\"" + OPT_OUT + "\""), kind + " HTML has the opt-out link");
            assertFalse(mail.html().contains("<img"), kind + ": no images");
            assertFalse(mail.html().contains("<style") || mail.html().contains("<link"), kind + ": inline styles only");
        }
    }

    @Test
    void eachKindSaysWhatHappened() {
        assertEquals("Your photos are ready: Garden party", render(MailKind.ALBUM_READY, fieldsOf(MailKind.ALBUM_READY, "Garden party")).subject());
        assertTrue(render(MailKind.ALBUM_CHANGED, fieldsOf(MailKind.ALBUM_CHANGED, "Garden party")).text().contains("added or changed 42 photos"));
        assertTrue(render(MailKind.EXPIRY_REMINDER, fieldsOf(MailKind.EXPIRY_REMINDER, "Garden party")).subject().contains("2026-12-24"));
        RenderedMail share = render(MailKind.SHARE_LINK, fieldsOf(MailKind.SHARE_LINK, "Garden party"));
        assertTrue(share.text().contains("> Here are the photos!\n> Love, K."), share.text());
        assertTrue(share.html().contains("Here are the photos!<br>Love, K."));
        assertTrue(share.text().contains("asks for a PIN, which Katelynn Photography gives you separately"));
        assertTrue(share.text().contains("The link works until 2026-12-24."));
        assertTrue(render(MailKind.SELECTION_SUBMITTED, fieldsOf(MailKind.SELECTION_SUBMITTED, "Garden party")).text()
                .contains("Ann Smith (ann@example.com) sent their selection of 42 photos"));
        assertTrue(render(MailKind.BUILD_FAILED, fieldsOf(MailKind.BUILD_FAILED, "Garden party")).text()
                .contains("What went wrong: a photo could not be read"));
    }

    @Test
    void valuesAreEscapedInHtmlAndASubjectStaysOneLine() {
        String name = "<script>alert('x')</script> & \"friends\"";
        for (MailKind kind : MailKind.values()) {
            Map<String, String> fields = fieldsOf(kind, name);
            fields.put(MailFields.MESSAGE, "<b>bold</b>");
            RenderedMail mail = render(kind, fields);
            assertFalse(mail.html().contains("<script>"), kind + " HTML");
            assertFalse(mail.html().contains("<b>bold"), kind + " HTML");
            assertTrue(mail.html().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;"), kind + " HTML");
            assertTrue(mail.text().contains(name), kind + " text keeps the name as written");
        }
        RenderedMail injected = render(MailKind.ALBUM_READY, fieldsOf(MailKind.ALBUM_READY, "Party\r\nBcc: eve@example.com"));
        assertEquals("Your photos are ready: Party Bcc: eve@example.com", injected.subject());
    }

    @Test
    void aLinkThatIsNotThePortalsIsNeverMailed() {
        Map<String, String> fields = fieldsOf(MailKind.SHARE_LINK, "Garden party");
        fields.put(MailFields.LINK, "https://client-albums.s3.amazonaws.com/zips/garden-party.zip?X-Amz-Signature=abc");
        RenderedMail mail = render(MailKind.SHARE_LINK, fields);
        assertFalse(mail.text().contains("amazonaws"));
        assertFalse(mail.html().contains("amazonaws"));
        assertTrue(mail.text().contains("Open the album: https://albums.example.com/\n"), mail.text());

        assertEquals("https://albums.example.com/", TEMPLATES.portalLink("//evil.example.com/x"));
        assertEquals("https://albums.example.com/s/t", TEMPLATES.portalLink("/s/t"));
        assertEquals("https://albums.example.com/s/t", TEMPLATES.portalLink("https://albums.example.com/s/t"));
        assertEquals("https://albums.example.com/", TEMPLATES.portalLink("https://albums.example.com.evil.example/s/t"));
    }

    @Test
    void aReaderWhoCameByAShareLinkIsToldToOpenThatLinkAgain() {
        for (MailKind kind : List.of(MailKind.ALBUM_READY, MailKind.ALBUM_CHANGED, MailKind.EXPIRY_REMINDER)) {
            Map<String, String> fields = fieldsOf(kind, "Garden party");
            fields.remove(MailFields.PATH);
            fields.put(MailFields.LABEL, "Family");
            RenderedMail byLink = render(kind, fields);
            assertTrue(byLink.text().contains("open the link Katelynn Photography sent you (\u201cFamily\u201d) again"), kind + ": " + byLink.text());
            assertTrue(byLink.html().contains("open the link Katelynn Photography sent you"), kind.toString());
            RenderedMail client = render(kind, fieldsOf(kind, "Garden party"));
            assertFalse(client.text().contains("open the link"), kind + ": a client has the album's own address");
        }
    }
}

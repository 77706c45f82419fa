package com.clientalbums.maintenance.mail;

import com.clientalbums.common.mail.MailFields;
import com.clientalbums.common.mail.MailKind;
import com.clientalbums.common.mail.QueuedMail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The words of every {@link MailKind}, written as text and as HTML from the request's fields
 * ({@link MailKind} lists which). The HTML has inline styles only and no images (mail readers
 * drop style sheets and block remote images), every value escaped. Links are portal links:
 * {@code PORTAL_URL} and the request's path, never anything else (a field holding another address
 * links to the portal's front page instead). Every mail ends with its opt-out link.
 */
public final class MailTemplates {
    private final String studio;
    private final String portal;

    /** @param portalUrl {@code PORTAL_URL}, e.g. {@code https://albums.example.com} */
    public MailTemplates(String studioName, String portalUrl) {
        this.studio = studioName;
        this.portal = portalUrl.endsWith("/") ? portalUrl.substring(0, portalUrl.length() - 1) : portalUrl;
    }

    /** @param optOutUrl the page that stops mail to this recipient ({@code {PORTAL_URL}/mail/opt-out/?t=…}) */
    public RenderedMail render(QueuedMail mail, String optOutUrl) {
        Letter letter = letter(mail.kind(), mail.fields());
        return new RenderedMail(oneLine(letter.subject()), text(letter, optOutUrl), html(letter, optOutUrl));
    }

    /** A portal address for a path ({@code /albums/…}) or one of the portal's own addresses; the front page otherwise. */
    public String portalLink(String pathOrUrl) {
        String p = pathOrUrl == null ? "" : pathOrUrl.strip();
        if (p.startsWith("/") && !p.startsWith("//")) return portal + p;
        if (!portal.isEmpty() && p.startsWith(portal + "/")) return p;
        return portal + "/";
    }

    /**
     * For a reader who came by a share link: the album has no address of theirs in the portal
     * (the link's token is kept only hashed), so the mail says to open the link they were sent.
     */
    private List<String> viaLink(String path, Map<String, String> fields) {
        if (!path.isEmpty()) return List.of();
        String label = field(fields, MailFields.LABEL);
        return List.of("To see the album, open the link " + studio + " sent you"
                + (label.isEmpty() ? "" : " (\u201c" + label + "\u201d)") + " again.");
    }

    private Letter letter(MailKind kind, Map<String, String> fields) {
        String album = field(fields, MailFields.ALBUM_NAME);
        String path = field(fields, MailFields.PATH);
        String count = field(fields, MailFields.COUNT);
        String expiresOn = field(fields, MailFields.EXPIRES_ON);
        return switch (kind) {
            case ALBUM_READY -> new Letter(
                    "Your photos are ready: " + album, album + " is ready",
                    List.of(studio + " has shared the album \u201c" + album + "\u201d with you"
                            + (count.isEmpty() ? "." : ": " + count + " photos.")
                            + " You can view it and download the photos now."),
                    "", "Open the album", portalLink(path), viaLink(path, fields));
            case ALBUM_CHANGED -> new Letter(
                    "New photos in " + album, "New photos in " + album,
                    List.of(studio + " has " + (count.isEmpty() ? "added or changed photos" : "added or changed " + count + " photos")
                            + " in \u201c" + album + "\u201d. A download you made before does not have them."),
                    "", "See the album", portalLink(path), viaLink(path, fields));
            case SHARE_LINK -> {
                List<String> after = new ArrayList<>();
                if (!expiresOn.isEmpty()) after.add("The link works until " + expiresOn + ".");
                if ("true".equals(field(fields, MailFields.PIN_REQUIRED))) {
                    after.add("The link asks for a PIN, which " + studio + " gives you separately.");
                }
                String label = field(fields, MailFields.LABEL);
                yield new Letter(
                        studio + " shared \u201c" + album + "\u201d with you", album,
                        List.of(studio + " sent you a link to the album \u201c" + album + "\u201d"
                                + (label.isEmpty() ? "." : " (" + label + ").")),
                        field(fields, MailFields.MESSAGE), "Open the album", portalLink(field(fields, MailFields.LINK)), after);
            }
            case EXPIRY_REMINDER -> new Letter(
                    album + " will be taken down on " + expiresOn, album + " closes on " + expiresOn,
                    List.of("The album \u201c" + album + "\u201d from " + studio + " will no longer be online after "
                            + expiresOn + ". Download the photos you want to keep before then."),
                    "", "Download your photos", portalLink(path), viaLink(path, fields));
            case SELECTION_SUBMITTED -> {
                String person = field(fields, MailFields.PERSON);
                String email = field(fields, MailFields.EMAIL);
                String who = person.isEmpty() ? (email.isEmpty() ? "A client" : email)
                        : person + (email.isEmpty() ? "" : " (" + email + ")");
                yield new Letter(
                        (person.isEmpty() ? "A client" : person) + " sent a selection from " + album, "A selection from " + album,
                        List.of(who + " sent their selection" + (count.isEmpty() ? "" : " of " + count + " photos")
                                + " from \u201c" + album + "\u201d."),
                        "", "See the selection", portalLink(path), List.of());
            }
            case BUILD_FAILED -> {
                String error = field(fields, MailFields.ERROR);
                List<String> body = new ArrayList<>();
                body.add("The downloads of \u201c" + album + "\u201d could not be prepared, after every retry.");
                if (!error.isEmpty()) body.add("What went wrong: " + error);
                body.add("Clients cannot download the album until it is built again. Open it in the studio to try again.");
                yield new Letter("Album could not be prepared: " + album, album + " could not be prepared",
                        body, "", "Open the studio", portalLink(path), List.of());
            }
        };
    }

    private String text(Letter letter, String optOutUrl) {
        StringBuilder text = new StringBuilder();
        text.append(letter.heading()).append("\n\n");
        for (String paragraph : letter.paragraphs()) text.append(paragraph).append("\n\n");
        if (!letter.quote().isEmpty()) {
            for (String line : letter.quote().split("\\R", -1)) text.append("> ").append(line).append('\n');
            text.append('\n');
        }
        text.append(letter.button()).append(": ").append(letter.link()).append("\n\n");
        for (String paragraph : letter.afterButton()) text.append(paragraph).append("\n\n");
        text.append("-- \n").append(studio).append('\n')
                .append("You get this e-mail about albums from ").append(studio).append(". To stop these e-mails: ")
                .append(optOutUrl).append('\n');
        return text.toString();
    }

    private String html(Letter letter, String optOutUrl) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(oneLine(letter.subject()))).append("</title></head>")
                .append("<body style=\"margin:0;padding:0;background-color:#f4f4f5;\">")
                .append("<div style=\"max-width:560px;margin:0 auto;padding:32px 24px;font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#18181b;\">")
                .append("<p style=\"margin:0 0 16px;font-size:14px;color:#52525b;\">").append(escape(studio)).append("</p>")
                .append("<h1 style=\"margin:0 0 16px;font-size:22px;line-height:1.3;\">").append(escape(letter.heading())).append("</h1>");
        for (String paragraph : letter.paragraphs()) html.append(paragraph(paragraph));
        if (!letter.quote().isEmpty()) {
            html.append("<blockquote style=\"margin:0 0 16px;padding:8px 16px;border-left:3px solid #a1a1aa;color:#3f3f46;\">")
                    .append(escape(letter.quote()).replaceAll("\\R", "<br>")).append("</blockquote>");
        }
        html.append("<p style=\"margin:24px 0;\"><a href=\"").append(escape(letter.link()))
                .append("\" style=\"display:inline-block;padding:12px 20px;border-radius:6px;background-color:#18181b;color:#ffffff;text-decoration:none;font-weight:600;\">")
                .append(escape(letter.button())).append("</a></p>")
                .append("<p style=\"margin:0 0 16px;font-size:13px;color:#52525b;\">Or open this address: <a href=\"")
                .append(escape(letter.link())).append("\" style=\"color:#52525b;\">").append(escape(letter.link())).append("</a></p>");
        for (String paragraph : letter.afterButton()) html.append(paragraph(paragraph));
        html.append("<hr style=\"border:none;border-top:1px solid #e4e4e7;margin:32px 0 16px;\">")
                .append("<p style=\"margin:0;font-size:12px;color:#71717a;\">You get this e-mail about albums from ")
                .append(escape(studio)).append(". <a href=\"").append(escape(optOutUrl))
                .append("\" style=\"color:#71717a;\">Stop these e-mails</a></p>")
                .append("</div></body></html>");
        return html.toString();
    }

    private static String paragraph(String text) {
        return "<p style=\"margin:0 0 16px;\">" + escape(text) + "</p>";
    }

    private static String field(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null ? "" : value.strip();
    }

    /** A subject is one header line: no line break from a name can start another header. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

package com.clientalbums.local.mail;

import com.clientalbums.local.http.Exchange;
import com.clientalbums.local.http.Exchanges;
import com.clientalbums.local.http.Route;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What the runner's SMTP server received, for people and tests (no such routes in AWS; loopback
 * callers only): {@code GET /local-mail/messages} as JSON, oldest first; {@code DELETE
 * /local-mail/messages} forgets them; {@code GET /local-mail/} a page listing them, newest
 * first, each mail's HTML shown in a sandboxed frame (no scripts, an origin of its own).
 */
public final class LocalMailRoutes implements Route {
    public static final String PREFIX = "/local-mail/";
    public static final String MESSAGES = PREFIX + "messages";
    /**
     * The page runs no script at all; the frames' {@code srcdoc} documents inherit this policy,
     * so a mail's inline styles apply and nothing it holds can run or load from elsewhere but images.
     */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data: http: https:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final LocalMailServer mail;

    public LocalMailRoutes(LocalMailServer mail) {
        this.mail = mail;
    }

    @Override
    public void handle(Exchange ex) throws IOException {
        if (!Exchanges.isLoopback(ex)) {
            Exchanges.sendError(ex, 403, "FORBIDDEN", "Only from this machine");
            return;
        }
        ex.setHeader("Cache-Control", "no-store");
        switch (ex.path()) {
            case MESSAGES -> {
                switch (ex.method()) {
                    case "GET", "HEAD" -> Exchanges.sendJson(ex, 200, json(mail.messages()));
                    case "DELETE" -> {
                        mail.clear();
                        ex.send(204, null);
                    }
                    default -> notAllowed(ex, "GET, HEAD, DELETE");
                }
            }
            case PREFIX -> {
                if (ex.method().equals("GET") || ex.method().equals("HEAD")) {
                    ex.setHeader("Content-Security-Policy", PAGE_POLICY);
                    ex.setHeader("X-Content-Type-Options", "nosniff");
                    ex.setHeader("Referrer-Policy", "no-referrer");
                    Exchanges.send(ex, 200, "text/html; charset=utf-8", page(mail.messages()).getBytes(StandardCharsets.UTF_8));
                } else {
                    notAllowed(ex, "GET, HEAD");
                }
            }
            default -> Exchanges.sendError(ex, 404, "NOT_FOUND", "Try GET " + PREFIX + " or " + MESSAGES);
        }
    }

    private static void notAllowed(Exchange ex, String allow) throws IOException {
        ex.setHeader("Allow", allow);
        Exchanges.sendError(ex, 405, "METHOD_NOT_ALLOWED", "Use " + allow);
    }

    static ObjectNode json(List<ReceivedMail> mails) {
        ObjectNode root = Exchanges.JSON.createObjectNode();
        ArrayNode messages = root.putArray("messages");
        for (ReceivedMail m : mails) {
            ObjectNode node = messages.addObject();
            node.put("id", m.id());
            node.put("from", m.from());
            ArrayNode to = node.putArray("to");
            m.to().forEach(to::add);
            node.put("subject", m.subject());
            node.put("text", m.text());
            node.put("html", m.html());
            ObjectNode headers = node.putObject("headers");
            m.headers().forEach(headers::put);
            node.put("received_at", m.receivedAt() == null ? null : m.receivedAt().toString());
        }
        return root;
    }

    static String page(List<ReceivedMail> mails) {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mail - Client albums local runner</title>
                <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
                article{border:1px solid #ccc;border-radius:6px;margin:1.5rem 0;padding:1rem}h2{margin:0 0 .5rem;font-size:1.15rem}
                dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 .75rem}dt{color:#555}dd{margin:0}
                pre{white-space:pre-wrap;background:#f6f6f6;padding:.75rem;border-radius:4px}
                iframe{width:100%;height:28rem;border:1px solid #ddd;border-radius:4px;background:#fff}</style></head><body>
                <h1>Mail received by the local runner</h1>
                """);
        html.append("<p>").append(mails.size()).append(mails.size() == 1 ? " mail" : " mails")
                .append(", newest first. As JSON: <a href=\"messages\">messages</a>.</p>\n");
        for (int i = mails.size() - 1; i >= 0; i--) {
            ReceivedMail m = mails.get(i);
            html.append("<article>\n<h2>").append(escape(m.subject() == null ? "(no subject)" : m.subject())).append("</h2>\n<dl>")
                    .append("<dt>From</dt><dd>").append(escape(m.from())).append("</dd>")
                    .append("<dt>To</dt><dd>").append(escape(String.join(", ", m.to()))).append("</dd>")
                    .append("<dt>Date</dt><dd>").append(m.receivedAt() == null ? "" : SHOWN.format(m.receivedAt())).append("</dd>");
            String unsubscribe = m.headers().get("List-Unsubscribe");
            if (unsubscribe != null) html.append("<dt>List-Unsubscribe</dt><dd>").append(escape(unsubscribe)).append("</dd>");
            html.append("</dl>\n");
            if (m.text() != null) html.append("<h3>Text</h3>\n<pre>").append(escape(m.text())).append("</pre>\n");
            if (m.html() != null) {
                html.append("<h3>HTML</h3>\n<iframe sandbox title=\"HTML of ").append(escape(m.subject())).append("\" srcdoc=\"")
                        .append(escape(m.html())).append("\"></iframe>\n");
            }
            html.append("</article>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** Text made safe in an element or a double-quoted attribute. */
    static String escape(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length());
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

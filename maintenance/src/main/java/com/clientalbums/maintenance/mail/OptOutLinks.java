package com.clientalbums.maintenance.mail;

import com.clientalbums.common.mail.OptOutTokens;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a recipient stops e-mail: the portal's page {@code {PORTAL_URL}/mail/opt-out/?t={token}}
 * (a button, never an unsubscribe on a GET: link scanners follow links), and the headers mail
 * readers show as "Unsubscribe". With the client API's address ({@code API_URL}) that is RFC 8058's
 * one-click form: {@code List-Unsubscribe: <{API_URL}/mail/opt-out?token=…>} and
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}, which the mail reader POSTs itself
 * (Gmail and Yahoo ask bulk senders for it). Without it, the header names the page.
 */
public final class OptOutLinks {
    private final String portal;
    private final String api;
    private final OptOutTokens tokens;

    public OptOutLinks(String portalUrl, String apiUrl, OptOutTokens tokens) {
        this.portal = withoutSlash(portalUrl);
        this.api = withoutSlash(apiUrl);
        this.tokens = tokens;
    }

    public String page(String email) {
        return portal + "/mail/opt-out/?t=" + encoded(email);
    }

    /** {@code List-Unsubscribe} (and {@code List-Unsubscribe-Post} when one click works), in order. */
    public Map<String, String> headers(String email) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (api.isEmpty()) {
            headers.put("List-Unsubscribe", "<" + page(email) + ">");
        } else {
            headers.put("List-Unsubscribe", "<" + api + "/mail/opt-out?token=" + encoded(email) + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return headers;
    }

    private String encoded(String email) {
        return URLEncoder.encode(tokens.sign(email), StandardCharsets.UTF_8);
    }

    private static String withoutSlash(String url) {
        String u = url == null ? "" : url.strip();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}

package com.clientalbums.client.mail;

import com.clientalbums.common.http.ApiRequest;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.mail.OptOutTokens;

import java.time.Clock;

/**
 * {@code POST /mail/opt-out} and {@code POST /mail/opt-in}: public routes, since the link in an
 * e-mail is all the recipient has. The token ({@link OptOutTokens}) names the address and proves
 * the mail was ours; nothing else is needed or told. The portal's page posts {@code {token}}; a
 * mail reader's one-click unsubscribe (RFC 8058) posts to the address in {@code List-Unsubscribe},
 * {@code ?token=…}, with the body {@code List-Unsubscribe=One-Click}, which is not JSON: the query's
 * token is taken first and the body then not read. Neither route answers a GET: link scanners
 * follow links, and must not unsubscribe anyone.
 */
public final class MailOptOuts {
    private final OptOutTokens tokens;
    private final MailOutbox outbox;
    private final Clock clock;

    public MailOptOuts(OptOutTokens tokens, MailOutbox outbox, Clock clock) {
        this.tokens = tokens;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The page's body. */
    public record Request(String token) {}

    /** What the page shows: the address, and whether it now gets no mail. */
    public record Answer(String email, boolean optedOut) {}

    public Answer optOut(ApiRequest request) {
        String email = tokens.verify(tokenOf(request));
        outbox.optOut(email, clock.instant());
        return new Answer(email, true);
    }

    public Answer optIn(ApiRequest request) {
        String email = tokens.verify(tokenOf(request));
        outbox.optIn(email, clock.instant());
        return new Answer(email, false);
    }

    private static String tokenOf(ApiRequest request) {
        return request.queryParam("token").orElseGet(() -> request.body(Request.class).token());
    }
}

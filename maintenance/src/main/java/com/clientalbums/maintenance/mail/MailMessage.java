package com.clientalbums.maintenance.mail;

import java.util.Map;
import java.util.Objects;

/**
 * One e-mail as it leaves: both senders send exactly this.
 *
 * @param from    the From address, possibly with a display name ({@code Studio <albums@example.com>})
 * @param to      one recipient's address
 * @param headers extra headers ({@code List-Unsubscribe}, {@code List-Unsubscribe-Post}), in order
 */
public record MailMessage(String from, String to, String subject, String text, String html, Map<String, String> headers) {
    public MailMessage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }
}

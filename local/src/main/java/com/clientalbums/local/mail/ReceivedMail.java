package com.clientalbums.local.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A mail the runner's SMTP server received, decoded: addresses as people read them ({@code Name <a@b>}), the text
 * and HTML parts with their transfer encoding and charset undone (null when the mail has none),
 * and its headers (names as sent; a repeated header's values joined with ", ").
 */
public record ReceivedMail(String id, String from, List<String> to, String subject, String text, String html,
                           Map<String, String> headers, Instant receivedAt) {
}

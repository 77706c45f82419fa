package com.clientalbums.common.mail;

import java.time.Instant;
import java.util.Map;

/**
 * A message as the outbox holds it while it waits to be sent: what was asked, and how many times
 * sending it was tried. {@code attempts} is what every change of state is conditional on, so two
 * senders that read the same message never both send it.
 *
 * @param recipient the address (lower-cased), the item's partition key
 * @param topic     the item's sort key ({@link MailRequest#topic()})
 */
public record QueuedMail(String recipient, String topic, MailKind kind, String albumId,
                         Map<String, String> fields, Instant dueAt, int attempts) {
    public QueuedMail {
        fields = Map.copyOf(fields);
    }
}

package com.clientalbums.common.mail;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One e-mail to send: what the outbox stores. The text is written only when it is sent
 * (maintenance's templates), from {@code fields}, so the writers (the APIs, maintenance's
 * triggers) only say what happened.
 *
 * @param recipient     the address, lower-cased
 * @param kind          what happened
 * @param albumId       the album it is about
 * @param discriminator what makes it one mail: {@code (recipient, kind, album, discriminator)} is
 *                      enqueued at most once (a share id, an expiry date, a fingerprint…)
 * @param fields        what the template needs (album name, portal path, person's name…); portal
 *                      links only, never a raw download URL
 * @param dueAt         not sent before
 */
public record MailRequest(String recipient, MailKind kind, String albumId, String discriminator,
                          Map<String, String> fields, Instant dueAt) {
    public MailRequest {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(albumId, "albumId");
        Objects.requireNonNull(discriminator, "discriminator");
        Objects.requireNonNull(dueAt, "dueAt");
        fields = Map.copyOf(fields);
    }

    /** The outbox item's sort key: {@code msg#{kind}#{album_id}#{discriminator}}. */
    public String topic() {
        return "msg#" + kind.value() + "#" + albumId + "#" + discriminator;
    }
}

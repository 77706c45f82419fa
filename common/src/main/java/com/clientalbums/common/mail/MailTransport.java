package com.clientalbums.common.mail;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;

import java.net.URI;

/**
 * How e-mail leaves ({@code MAIL_TRANSPORT}): {@code none}, {@code ses} or {@code smtp://host:port}.
 * With {@code none} nothing is sent, and so writers queue nothing either: a deployment that later
 * turns e-mail on does not flood its clients with what happened before.
 */
public sealed interface MailTransport {
    record None() implements MailTransport {}

    record Ses() implements MailTransport {}

    record Smtp(String host, int port) implements MailTransport {}

    /** True unless e-mail is off. */
    default boolean sends() { return !(this instanceof None); }

    /** 500 CONFIGURATION for anything but the three forms. */
    static MailTransport parse(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty() || v.equals("none")) return new None();
        if (v.equals("ses")) return new Ses();
        if (v.startsWith("smtp://")) {
            try {
                URI uri = URI.create(v);
                if (uri.getHost() != null && uri.getPort() > 0) return new Smtp(uri.getHost(), uri.getPort());
            } catch (IllegalArgumentException malformed) {
                // reported below
            }
        }
        throw new AlbumsException(ErrorCode.CONFIGURATION, "MAIL_TRANSPORT must be none, ses or smtp://host:port, got '" + v + "'");
    }
}

package com.clientalbums.common.delivery;

import java.util.Locale;
import java.util.Objects;

/**
 * Whom a delivery is for: a signed-in client ({@code client:{email}}) or a share link
 * ({@code link:{share_id}}): a guest's download is attributed to the link they came by, whoever
 * of its guests clicked (their name, when they gave one, is kept beside it as {@code visitor}).
 *
 * @param label what the studio shows: the client's e-mail, or the link's label
 */
public record Recipient(Kind kind, String key, String label) {
    public enum Kind {
        CLIENT, LINK;

        public String value() { return name().toLowerCase(Locale.ROOT); }
    }

    public Recipient {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        label = label == null ? "" : label;
    }

    public static Recipient client(String email) {
        return new Recipient(Kind.CLIENT, email, email);
    }

    public static Recipient link(String shareId, String label) {
        return new Recipient(Kind.LINK, shareId, label);
    }

    /** {@code client:{email}} or {@code link:{share_id}}. */
    public String id() {
        return kind.value() + ":" + key;
    }
}

package com.clientalbums.admin.shares;

import com.clientalbums.common.access.Emails;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.mail.MailFields;
import com.clientalbums.common.mail.MailKind;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.mail.MailRequest;
import com.clientalbums.common.share.Share;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A new share link e-mailed from the studio ({@code send_to} and {@code message} of
 * {@code POST /admin/albums/{album_id}/shares}): one {@link MailKind#SHARE_LINK} per address, queued
 * when the link is made, since its token exists only then. The mail carries the portal link
 * ({@code …/s/{token}}) and never the PIN: a link and its PIN in one mail would be one secret, so the
 * studio gives the PIN another way and the mail says so.
 */
public final class ShareMail {
    static final int MAX_RECIPIENTS = 20;
    static final int MAX_MESSAGE_CHARS = 1_000;

    private final MailOutbox outbox;
    private final boolean sends;

    /** @param sends false when {@code MAIL_TRANSPORT} is none: asking for a mail is then a 409 */
    public ShareMail(MailOutbox outbox, boolean sends) {
        this.outbox = outbox;
        this.sends = sends;
    }

    /** Who to send the link to and the studio's words, validated; {@link #NONE} when nothing is to be sent. */
    public record Request(Set<String> sendTo, String message) {
        public boolean any() { return !sendTo.isEmpty(); }
    }

    static final Request NONE = new Request(Set.of(), null);

    /** The answer's {@code mail}: mails queued, and the addresses that opted out of mail (nothing queued for them). */
    public record Outcome(int queued, List<String> optedOut) {
        static final Outcome NOTHING = new Outcome(0, List.of());
    }

    /**
     * 400 for more than {@value #MAX_RECIPIENTS} addresses, an invalid one, a message over
     * {@value #MAX_MESSAGE_CHARS} characters or with control characters (line breaks are the
     * studio's paragraphs: kept), or a message with nobody to send it to; 409 MAIL_NOT_CONFIGURED
     * when addresses are given and this deployment sends no e-mail. All before the link is made.
     */
    Request validate(List<String> sendTo, String message) {
        String words = message == null ? null : message.strip().replace("\r\n", "\n");
        if (sendTo == null || sendTo.isEmpty()) {
            if (words != null && !words.isEmpty()) throw AlbumsException.badRequest("message is sent with the link: name who to send it to (send_to)");
            return NONE;
        }
        if (!sends) {
            throw new AlbumsException(ErrorCode.MAIL_NOT_CONFIGURED,
                    "This studio sends no e-mail (MAIL_TRANSPORT is none): copy the link and send it yourself.");
        }
        if (sendTo.size() > MAX_RECIPIENTS) throw AlbumsException.badRequest("send_to takes at most " + MAX_RECIPIENTS + " addresses");
        Set<String> addresses = new LinkedHashSet<>();
        for (String address : sendTo) addresses.add(Emails.require(address));
        if (words != null) {
            if (words.codePointCount(0, words.length()) > MAX_MESSAGE_CHARS) {
                throw AlbumsException.badRequest("message must be at most " + MAX_MESSAGE_CHARS + " characters");
            }
            if (words.codePoints().anyMatch(c -> c != '\n' && Character.isISOControl(c))) {
                throw AlbumsException.badRequest("message must not contain control characters");
            }
            if (words.isEmpty()) words = null;
        }
        return new Request(Set.copyOf(addresses), words);
    }

    /** Queues the link's mail to each address of {@code request}; {@code link} is the portal address with the token. */
    Outcome send(Album album, Share share, String link, Request request, Instant now) {
        if (!request.any()) return Outcome.NOTHING;
        Map<String, String> fields = new HashMap<>();
        fields.put(MailFields.ALBUM_NAME, album.name() == null || album.name().isBlank() ? album.albumId() : album.name());
        fields.put(MailFields.LINK, link);
        fields.put(MailFields.LABEL, share.label());
        fields.put(MailFields.PIN_REQUIRED, Boolean.toString(share.hasPin()));
        if (request.message() != null) fields.put(MailFields.MESSAGE, request.message());
        if (share.expiresAt() != null) {
            fields.put(MailFields.EXPIRES_ON, LocalDate.ofInstant(share.expiresAt(), ZoneOffset.UTC).toString());
        }
        int queued = 0;
        List<String> optedOut = new ArrayList<>();
        for (String address : request.sendTo().stream().sorted().toList()) {
            // A new share id was never queued before: refused means the address opted out.
            if (outbox.enqueue(new MailRequest(address, MailKind.SHARE_LINK, album.albumId(), share.shareId(), fields, now))) queued++;
            else optedOut.add(address);
        }
        return new Outcome(queued, List.copyOf(optedOut));
    }
}

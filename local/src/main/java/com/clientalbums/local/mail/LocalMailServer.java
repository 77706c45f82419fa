package com.clientalbums.local.mail;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's SMTP server: GreenMail on 127.0.0.1 at a free port, taking mail for any address
 * without authentication, as the functions' {@code MAIL_TRANSPORT=smtp://127.0.0.1:{port}}
 * sends it. What it received is read back decoded, oldest first ({@link #messages()}), for the
 * {@code /local-mail/} routes. Kept in memory: a restart starts with no mail.
 */
public final class LocalMailServer implements AutoCloseable {
    private final GreenMail greenMail;

    private LocalMailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    public static LocalMailServer start() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return new LocalMailServer(mail);
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** The functions' {@code MAIL_TRANSPORT}. */
    public String transport() {
        return "smtp://127.0.0.1:" + port();
    }

    /** Every mail received, oldest first. */
    public List<ReceivedMail> messages() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        List<ReceivedMail> mails = new ArrayList<>(received.length);
        for (int i = 0; i < received.length; i++) {
            try {
                mails.add(read(i + 1, received[i]));
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("a received mail could not be read: " + e.getMessage(), e);
            }
        }
        return mails;
    }

    /** Forgets every mail received. */
    public void clear() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("the received mail could not be cleared", e);
        }
    }

    private static ReceivedMail read(int position, MimeMessage message) throws MessagingException, IOException {
        Parts parts = new Parts();
        parts.collect(message);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Enumeration<Header> all = message.getAllHeaders(); all.hasMoreElements(); ) {
            Header header = all.nextElement();
            String value = MimeUtility.unfold(header.getValue());
            headers.merge(header.getName(), value, (a, b) -> a + ", " + b);
        }
        Instant received = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                : message.getSentDate() != null ? message.getSentDate().toInstant() : null;
        String messageId = message.getMessageID();
        return new ReceivedMail(messageId != null ? messageId : "mail-" + position, addresses(message.getFrom()).stream().findFirst().orElse(null),
                addresses(message.getRecipients(MimeMessage.RecipientType.TO)), message.getSubject(), parts.text, parts.html,
                Collections.unmodifiableMap(headers), received);
    }

    private static List<String> addresses(Address[] addresses) {
        if (addresses == null) return List.of();
        return Arrays.stream(addresses)
                .map(a -> a instanceof InternetAddress internet && internet.getPersonal() != null
                        ? internet.getPersonal() + " <" + internet.getAddress() + ">"
                        : a instanceof InternetAddress internet ? internet.getAddress() : a.toString())
                .toList();
    }

    /** The first text/plain and the first text/html part, whatever the multipart nesting. */
    private static final class Parts {
        String text;
        String html;

        void collect(Part part) throws MessagingException, IOException {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) return;
            if (part.isMimeType("text/plain") && text == null) text = (String) part.getContent();
            else if (part.isMimeType("text/html") && html == null) html = (String) part.getContent();
            else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) collect(multipart.getBodyPart(i));
            }
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}

package com.clientalbums.maintenance.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

/**
 * SMTP through Jakarta Mail (Eclipse Angus): a multipart/alternative message, the text part
 * first and the HTML part last (the one a mail reader prefers), both UTF-8. Used locally, where
 * the runner's SMTP server listens on loopback ({@code MAIL_TRANSPORT=smtp://127.0.0.1:port}),
 * and by any deployment with a relay that needs no login.
 *
 * <p>What is retried is the server's own word: a 5xx to the recipient (no such mailbox) or to the
 * message is final for this message; a 4xx (greylisting, a full queue) is tried later; no
 * connection, a refused login or a 5xx to our sender address is the relay's problem, not the
 * message's, so it is tried later and the run stops sending.
 */
public final class SmtpMailSender implements MailSender {
    /** A relay that does not answer within this is down for this run; the mail is tried later. */
    static final int TIMEOUT_MILLIS = 10_000;

    private final Session session;
    private final Clock clock;

    public SmtpMailSender(String host, int port, Clock clock) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        properties.put("mail.smtp.timeout", Integer.toString(TIMEOUT_MILLIS));
        properties.put("mail.smtp.writetimeout", Integer.toString(TIMEOUT_MILLIS));
        this.session = Session.getInstance(properties);
        this.clock = clock;
    }

    @Override
    public SendOutcome send(MailMessage message) {
        try {
            Transport.send(mime(message));
            return new SendOutcome.Sent();
        } catch (MessagingException e) {
            return classify(e);
        }
    }

    private MimeMessage mime(MailMessage message) throws MessagingException {
        MimeMessage mime = new MimeMessage(session);
        mime.setFrom(new InternetAddress(message.from(), true));
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to(), true));
        mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
        mime.setSentDate(Date.from(clock.instant()));
        for (Map.Entry<String, String> header : message.headers().entrySet()) mime.addHeader(header.getKey(), header.getValue());

        MimeBodyPart text = new MimeBodyPart();
        text.setText(message.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        mime.setContent(alternative);
        mime.saveChanges();
        return mime;
    }

    /** The SMTP reply in the exception chain decides; with none, the relay was not reached. */
    static SendOutcome classify(MessagingException e) {
        String reason = "SMTP: " + describe(e);
        for (Exception cause = e; cause != null; cause = next(cause)) {
            switch (cause) {
                case SMTPAddressFailedException recipient -> {
                    return recipient.getReturnCode() >= 500 ? new SendOutcome.Refused(reason) : new SendOutcome.Deferred(reason, false);
                }
                case SMTPSenderFailedException sender -> {
                    return new SendOutcome.Deferred(reason, true);
                }
                case SMTPSendFailedException refused -> {
                    return refused.getReturnCode() >= 500 ? new SendOutcome.Refused(reason) : new SendOutcome.Deferred(reason, false);
                }
                case AuthenticationFailedException login -> {
                    return new SendOutcome.Deferred(reason, true);
                }
                default -> { }
            }
        }
        return new SendOutcome.Deferred(reason, true);
    }

    private static Exception next(Exception e) {
        return e instanceof MessagingException m ? m.getNextException() : null;
    }

    private static String describe(MessagingException e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()).strip());
        for (Exception cause = next(e); cause != null; cause = next(cause)) {
            text.append("; ").append(String.valueOf(cause.getMessage()).strip());
        }
        return text.toString().replaceAll("\\s+", " ");
    }
}

package com.clientalbums.maintenance.mail;

import com.clientalbums.common.auth.GuestKeySource;
import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.aws.HttpClients;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.mail.MailTransport;
import com.clientalbums.common.mail.OptOutTokens;
import com.clientalbums.common.mail.QueuedMail;
import com.clientalbums.maintenance.deliveries.FrequentStep;
import com.clientalbums.maintenance.deliveries.RunInput;
import com.clientalbums.maintenance.sweep.MaintenanceReport;
import com.clientalbums.maintenance.sweep.MaintenanceReport.Count;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The deliveries run's last step: sends what the outbox holds that is due, at most
 * {@value #BATCH} a run. Each message is checked against opt-outs again (one that came after it
 * was queued wins: skipped), claimed (so no other run sends it too), written, sent and marked.
 * A failure is tried again after 1, 5, 30, 120 and 720 minutes, and the message fails after
 * {@value #MAX_ATTEMPTS} attempts (about 15 hours); a refusal for good (no such address) fails it
 * at once. When the transport itself is down the run stops sending, and what is left waits
 * untouched. One message's trouble never stops the run.
 */
public final class OutboxSender implements FrequentStep {
    private static final Logger LOG = System.getLogger(OutboxSender.class.getName());
    static final int BATCH = 100;
    static final int MAX_ATTEMPTS = 6;
    /** The wait after the n-th failed attempt (n = 1…5); the 6th fails the message. */
    static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofMinutes(120), Duration.ofMinutes(720));

    private final MailOutbox outbox;
    private final MailSender sender;
    private final MailTemplates templates;
    private final OptOutLinks optOut;
    private final String from;

    /** @param from the From address, with the studio's name ({@link SenderAddress}) */
    public OutboxSender(MailOutbox outbox, MailSender sender, MailTemplates templates, OptOutLinks optOut, String from) {
        this.outbox = outbox;
        this.sender = sender;
        this.templates = templates;
        this.optOut = optOut;
        this.from = from;
    }

    /**
     * The step as {@code MAIL_TRANSPORT} configures it: SES v2 or SMTP; empty for {@code none}. A
     * transport that sends without MAIL_FROM is a configuration error at start-up.
     */
    public static Optional<OutboxSender> from(Settings settings, AwsClients clients, Clock clock) {
        MailSender sender = switch (MailTransport.parse(settings.get(Setting.MAIL_TRANSPORT))) {
            case MailTransport.None none -> null;
            case MailTransport.Ses ses -> new SesMailSender(SesV2Client.builder().region(Region.of(settings.region()))
                    .httpClientBuilder(HttpClients.urlConnection()).build(), settings.get(Setting.SES_CONFIGURATION_SET));
            case MailTransport.Smtp(String host, int port) -> new SmtpMailSender(host, port, clock);
        };
        if (sender == null) return Optional.empty();
        String studio = settings.get(Setting.STUDIO_NAME);
        String portal = settings.get(Setting.PORTAL_URL);
        OptOutTokens tokens = new OptOutTokens(
                GuestKeySource.read(settings.get(Setting.GUEST_KEY_SOURCE), settings.region()));
        return Optional.of(new OutboxSender(new MailOutbox(clients.dynamo(), settings.get(Setting.MAIL_TABLE_NAME)), sender,
                new MailTemplates(studio, portal), new OptOutLinks(portal, settings.get(Setting.API_URL), tokens),
                SenderAddress.of(settings.get(Setting.MAIL_FROM), studio)));
    }

    @Override
    public void run(RunInput in, BooleanSupplier timeLeft, MaintenanceReport report) {
        Instant now = in.now();
        for (QueuedMail mail : outbox.due(now, BATCH)) {
            if (!timeLeft.getAsBoolean()) return;
            try {
                if (!sendOne(mail, now, report)) return;
            } catch (RuntimeException e) {
                // DynamoDB or a template failing for one message: the others still go.
                LOG.log(Level.WARNING, "mail " + mail.topic() + " could not be handled; it stays queued", e);
                report.error("mail:" + mail.topic(), e);
            }
        }
    }

    /** @return false when the transport is down and the run should stop sending */
    private boolean sendOne(QueuedMail mail, Instant now, MaintenanceReport report) {
        if (mail.attempts() >= MAX_ATTEMPTS) {
            // Claimed for its last attempt by a run that never finished it.
            if (outbox.markFailed(mail, "no answer after " + MAX_ATTEMPTS + " attempts", now)) report.add(Count.MAILS_FAILED);
            return true;
        }
        if (outbox.optedOut(mail.recipient())) {
            if (outbox.markSkipped(mail, now)) report.add(Count.MAILS_OPTED_OUT);
            return true;
        }
        Optional<QueuedMail> claimed = outbox.claim(mail, now.plus(backoffAfter(mail.attempts() + 1)));
        if (claimed.isEmpty()) return true;
        QueuedMail taken = claimed.get();
        RenderedMail rendered = templates.render(taken, optOut.page(taken.recipient()));
        MailMessage message = new MailMessage(from, taken.recipient(), rendered.subject(), rendered.text(), rendered.html(),
                optOut.headers(taken.recipient()));
        return switch (sender.send(message)) {
            case SendOutcome.Sent sent -> {
                outbox.markSent(taken, now);
                report.add(Count.MAILS_SENT);
                yield true;
            }
            case SendOutcome.Refused(String reason) -> {
                LOG.log(Level.WARNING, "mail {0} refused for good: {1}", taken.topic(), reason);
                if (outbox.markFailed(taken, reason, now)) report.add(Count.MAILS_FAILED);
                yield true;
            }
            case SendOutcome.Deferred(String reason, boolean transportDown) -> {
                if (taken.attempts() >= MAX_ATTEMPTS) {
                    LOG.log(Level.WARNING, "mail {0} failed after {1} attempts: {2}", taken.topic(), MAX_ATTEMPTS, reason);
                    if (outbox.markFailed(taken, reason, now)) report.add(Count.MAILS_FAILED);
                } else if (outbox.retryLater(taken, now.plus(backoffAfter(taken.attempts())), reason)) {
                    report.add(Count.MAILS_RETRIED);
                }
                yield !transportDown;
            }
        };
    }

    /** The wait after {@code attempts} failed attempts (the last wait again beyond the list). */
    static Duration backoffAfter(int attempts) {
        return BACKOFF.get(Math.min(Math.max(attempts, 1), BACKOFF.size()) - 1);
    }
}

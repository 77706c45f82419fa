package com.clientalbums.maintenance.mail;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

import java.nio.charset.StandardCharsets;

/**
 * SES v2's SendEmail with Simple content (text and HTML, UTF-8, the headers), in the
 * configuration set {@code SES_CONFIGURATION_SET} when there is one (its event destinations
 * record bounces and complaints).
 *
 * <p>What is retried: SES answers {@code MessageRejected} for this message (e.g. an unverified
 * address while the account is in the sandbox, or content it refuses) — tried again it is refused
 * again, so it fails at once. Throttling ({@code TooManyRequests}, {@code LimitExceeded}), a
 * 5xx or no connection is worth a later try. The account's own problems (suspended, sending
 * paused, the MAIL FROM domain or the configuration set not verified or gone) are not this
 * message's fault: they are deferred with the transport down, so the run stops and the queue
 * waits for the operator for the whole backoff (about 15 hours) rather than failing every mail.
 */
public final class SesMailSender implements MailSender {
    private final SesV2Client ses;
    private final String configurationSet;

    /** @param configurationSet empty for none */
    public SesMailSender(SesV2Client ses, String configurationSet) {
        this.ses = ses;
        this.configurationSet = configurationSet;
    }

    @Override
    public SendOutcome send(MailMessage message) {
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .fromEmailAddress(message.from())
                .destination(d -> d.toAddresses(message.to()))
                .content(c -> c.simple(m -> m
                        .subject(utf8(message.subject()))
                        .body(Body.builder().text(utf8(message.text())).html(utf8(message.html())).build())
                        .headers(message.headers().entrySet().stream()
                                .map(h -> MessageHeader.builder().name(h.getKey()).value(h.getValue()).build()).toList())));
        if (!configurationSet.isEmpty()) request.configurationSetName(configurationSet);
        try {
            ses.sendEmail(request.build());
            return new SendOutcome.Sent();
        } catch (SdkException e) {
            return classify(e);
        }
    }

    static SendOutcome classify(SdkException e) {
        String reason = reason(e);
        return switch (e) {
            case MessageRejectedException rejected -> new SendOutcome.Refused(reason);
            case TooManyRequestsException throttled -> new SendOutcome.Deferred(reason, false);
            case LimitExceededException throttled -> new SendOutcome.Deferred(reason, false);
            case AccountSuspendedException account -> new SendOutcome.Deferred(reason, true);
            case SendingPausedException account -> new SendOutcome.Deferred(reason, true);
            case MailFromDomainNotVerifiedException account -> new SendOutcome.Deferred(reason, true);
            case NotFoundException account -> new SendOutcome.Deferred(reason, true);
            case SesV2Exception service when service.statusCode() >= 500 -> new SendOutcome.Deferred(reason, false);
            // BadRequest and the rest of 4xx: this request as built will not be taken.
            case SesV2Exception service -> new SendOutcome.Refused(reason);
            case SdkClientException noAnswer -> new SendOutcome.Deferred(reason, true);
            default -> new SendOutcome.Deferred(reason, false);
        };
    }

    private static String reason(SdkException e) {
        String type = e.getClass().getSimpleName();
        return e instanceof SesV2Exception service && service.awsErrorDetails() != null
                ? "SES " + type + ": " + service.awsErrorDetails().errorMessage()
                : "SES " + type + ": " + e.getMessage();
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset(StandardCharsets.UTF_8.name()).build();
    }
}

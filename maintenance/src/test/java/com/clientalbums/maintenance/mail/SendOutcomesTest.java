package com.clientalbums.maintenance.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures are final for a message, which are tried later, and which stop the run: SES's and SMTP's. */
class SendOutcomesTest {
    static final InternetAddress ANN = address("ann@example.com");

    static InternetAddress address(String a) {
        try {
            return new InternetAddress(a);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static SendFailedException recipientRefused(int code, String text) {
        SMTPAddressFailedException refused = new SMTPAddressFailedException(ANN, "RCPT TO:<ann@example.com>", code, text);
        return new SendFailedException("Invalid Addresses", refused, new jakarta.mail.Address[0], new jakarta.mail.Address[0],
                new jakarta.mail.Address[]{ANN});
    }

    @Test
    void anSmtpRecipientRefusedWith5xxFailsAndWith4xxIsTriedLater() {
        SendOutcome unknown = SmtpMailSender.classify(recipientRefused(550, "550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown"));
        assertInstanceOf(SendOutcome.Refused.class, unknown);
        assertTrue(((SendOutcome.Refused) unknown).reason().contains("User unknown"));

        SendOutcome greylisted = SmtpMailSender.classify(recipientRefused(451, "451 4.7.1 Greylisted, try again later"));
        assertEquals(new SendOutcome.Deferred(((SendOutcome.Deferred) greylisted).reason(), false), greylisted);
    }

    @Test
    void anSmtpServerUnreachableOrRefusingOurSenderStopsTheRun() {
        MessagingException noConnection = new MailConnectException(new SocketConnectException("Connection refused",
                new ConnectException("Connection refused"), "127.0.0.1", 2525, 10_000));
        assertEquals(true, ((SendOutcome.Deferred) SmtpMailSender.classify(noConnection)).transportDown());

        MessagingException sender = new SendFailedException("sender refused",
                new SMTPSenderFailedException(address("albums@example.com"), "MAIL FROM", 553, "553 5.7.1 Sender address rejected"));
        assertEquals(true, ((SendOutcome.Deferred) SmtpMailSender.classify(sender)).transportDown());

        SendOutcome content = SmtpMailSender.classify(new SMTPSendFailedException("DATA", 554, "554 5.7.1 Message rejected as spam",
                null, null, null, null));
        assertInstanceOf(SendOutcome.Refused.class, content);
    }

    static <T extends SesV2Exception.Builder> SesV2Exception ses(T builder, int status, String code) {
        return (SesV2Exception) builder.statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " message").build()).build();
    }

    @Test
    void sesRejectingTheMessageFailsItThrottlingIsTriedLaterAndTheAccountsTroubleStopsTheRun() {
        assertInstanceOf(SendOutcome.Refused.class, SesMailSender.classify(ses(MessageRejectedException.builder(), 400, "MessageRejected")));
        assertInstanceOf(SendOutcome.Refused.class, SesMailSender.classify(ses(BadRequestException.builder(), 400, "BadRequestException")));
        assertEquals(false, ((SendOutcome.Deferred) SesMailSender.classify(ses(TooManyRequestsException.builder(), 429, "TooManyRequestsException"))).transportDown());
        assertEquals(false, ((SendOutcome.Deferred) SesMailSender.classify(ses(SesV2Exception.builder(), 503, "ServiceUnavailable"))).transportDown());
        assertEquals(true, ((SendOutcome.Deferred) SesMailSender.classify(ses(AccountSuspendedException.builder(), 400, "AccountSuspendedException"))).transportDown());
        assertEquals(true, ((SendOutcome.Deferred) SesMailSender.classify(SdkClientException.create("Unable to execute HTTP request"))).transportDown());
        assertTrue(((SendOutcome.Refused) SesMailSender.classify(ses(MessageRejectedException.builder(), 400, "MessageRejected")))
                .reason().contains("MessageRejected message"));
    }
}

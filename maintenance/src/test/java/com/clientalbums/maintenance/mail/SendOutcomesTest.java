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

    /** An SMTP server on loopback that knows no one: 550 to every RCPT TO. */
    static SendOutcome sentToAServerThatKnowsNoOne() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread script = Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = server.accept();
                     var out = new java.io.PrintWriter(new java.io.OutputStreamWriter(s.getOutputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                     var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))) {
                    out.print("220 mx.example.com ESMTP\r\n");
                    out.flush();
                    for (String line; (line = in.readLine()) != null; out.flush()) {
                        if (line.startsWith("RCPT")) out.print("550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown\r\n");
                        else if (line.startsWith("QUIT")) { out.print("221 2.0.0 Bye\r\n"); out.flush(); return; }
                        else out.print("250 ok\r\n");
                    }
                } catch (java.io.IOException closed) {
                    // the client hung up
                }
            });
            SendOutcome outcome = new SmtpMailSender("127.0.0.1", server.getLocalPort(), java.time.Clock.systemUTC())
                    .send(new MailMessage("Studio <albums@example.com>", "nobody@example.com", "s", "t", "<p>h</p>", java.util.Map.of()));
            script.join(10_000);
            return outcome;
        }
    }

    @Test
    void aRecipientTheServerDoesNotKnowIsRefusedForGoodOverARealSmtpConversation() throws Exception {
        SendOutcome outcome = sentToAServerThatKnowsNoOne();
        assertInstanceOf(SendOutcome.Refused.class, outcome);
        assertTrue(((SendOutcome.Refused) outcome).reason().contains("550 5.1.1"), outcome.toString());
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

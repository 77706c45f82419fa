package com.clientalbums.maintenance.mail;

/**
 * What became of one message handed to a {@link MailSender}: the outbox acts on the type.
 */
public sealed interface SendOutcome {
    /** Accepted by the server (SES or the SMTP relay), which delivers it from there. */
    record Sent() implements SendOutcome {}

    /** Refused for good, for this message (an address that does not exist, content rejected): never retried. */
    record Refused(String reason) implements SendOutcome {}

    /**
     * Not sent now, worth trying later (throttling, a 4xx, a connection that failed).
     *
     * @param transportDown the failure is the transport's, not this message's (no connection, the account
     *                      paused): the other messages would fail alike, so the run stops sending
     */
    record Deferred(String reason, boolean transportDown) implements SendOutcome {}
}

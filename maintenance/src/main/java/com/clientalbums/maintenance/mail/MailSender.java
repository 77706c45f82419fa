package com.clientalbums.maintenance.mail;

/** Sends one e-mail (SES v2 in AWS, SMTP locally). Never throws for a refused or failed send: it says which. */
public interface MailSender {
    SendOutcome send(MailMessage message);
}

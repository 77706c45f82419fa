package com.clientalbums.maintenance.mail;

/** An e-mail's subject and its two bodies, as {@link MailTemplates} writes them. */
public record RenderedMail(String subject, String text, String html) {}

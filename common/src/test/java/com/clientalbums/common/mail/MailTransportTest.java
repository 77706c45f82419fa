package com.clientalbums.common.mail;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MAIL_TRANSPORT's three forms, and a clear refusal of anything else. */
class MailTransportTest {
    @Test
    void noneSesAndAnSmtpAddressAreTheThreeForms() {
        assertEquals(new MailTransport.None(), MailTransport.parse("none"));
        assertEquals(new MailTransport.None(), MailTransport.parse(""));
        assertFalse(MailTransport.parse("none").sends());
        assertEquals(new MailTransport.Ses(), MailTransport.parse("ses"));
        assertEquals(new MailTransport.Smtp("127.0.0.1", 2525), MailTransport.parse("smtp://127.0.0.1:2525"));
        assertTrue(MailTransport.parse("smtp://127.0.0.1:2525").sends());
    }

    @Test
    void anythingElseIsAConfigurationErrorNamingTheSetting() {
        for (String wrong : new String[] {"SES", "smtp://127.0.0.1", "smtp://:25", "sendmail", "smtp://a b:25"}) {
            AlbumsException e = assertThrows(AlbumsException.class, () -> MailTransport.parse(wrong), wrong);
            assertEquals(ErrorCode.CONFIGURATION, e.code());
            assertTrue(e.getMessage().contains("MAIL_TRANSPORT"), e.getMessage());
        }
    }
}

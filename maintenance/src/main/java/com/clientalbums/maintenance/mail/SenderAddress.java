package com.clientalbums.maintenance.mail;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

/**
 * The From of every mail: {@code MAIL_FROM}, and when it names no one, the studio's name
 * ({@code STUDIO_NAME}) as its display name, so mail readers show the studio. A display name
 * outside ASCII is RFC 2047-encoded, which SES and SMTP both take.
 */
public final class SenderAddress {
    private SenderAddress() {}

    /** 500 CONFIGURATION when {@code mailFrom} is empty or not one address. */
    public static String of(String mailFrom, String studioName) {
        if (mailFrom == null || mailFrom.isBlank()) {
            throw new AlbumsException(ErrorCode.CONFIGURATION, "MAIL_FROM must be set when MAIL_TRANSPORT sends e-mail");
        }
        try {
            InternetAddress address = new InternetAddress(mailFrom.strip(), true);
            if (address.getPersonal() == null || address.getPersonal().isBlank()) {
                address.setPersonal(studioName, StandardCharsets.UTF_8.name());
            }
            return address.toString();
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new AlbumsException(ErrorCode.CONFIGURATION, "MAIL_FROM is not an e-mail address: '" + mailFrom + "'", e);
        }
    }
}

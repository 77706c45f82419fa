package com.clientalbums.client.deliveries;

import com.clientalbums.common.access.Viewing;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.delivery.DeviceType;
import com.clientalbums.common.delivery.Recipient;

import java.util.Optional;

/**
 * Who a download is handed to, as a delivery records it: a signed-in person by their e-mail; a
 * guest as the link they came by (every guest of one link shares its deliveries, the name a
 * guest gave is kept beside it), from the device their request's {@code User-Agent} names.
 *
 * @param visitor the guest's name when they gave one, else empty
 */
public record Requester(Recipient recipient, DeviceType device, String visitor) {

    /** @param userAgent the request's {@code User-Agent} header */
    public static Requester of(Caller caller, Viewing viewing, Optional<String> userAgent) {
        DeviceType device = DeviceType.of(userAgent.orElse(""));
        return switch (caller) {
            case Caller.SignedIn person -> new Requester(Recipient.client(person.email()), device, "");
            case Caller.Guest guest -> new Requester(Recipient.link(guest.shareId(), viewing.linkLabel()), device,
                    guest.visitor() == null ? "" : guest.visitor().name());
        };
    }
}

package com.clientalbums.common.delivery;

import java.util.Locale;

/**
 * The kind of device a link was handed to or fetched by, from its User-Agent: what the studio
 * shows beside a delivery ("downloaded on a phone" is often the answer to "I never got them":
 * a phone keeps a 5 GB archive in a place its owner never looks).
 *
 * <p>A guess from what browsers say of themselves, and said so: iPadOS Safari (since iPadOS 13)
 * asks for desktop sites and sends the User-Agent of a Mac, so an iPad shows as {@link #DESKTOP}.
 */
public enum DeviceType {
    PHONE, TABLET, DESKTOP, UNKNOWN;

    public String value() { return name().toLowerCase(Locale.ROOT); }

    /** The device a User-Agent names; {@link #UNKNOWN} for none. */
    public static DeviceType of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) return UNKNOWN;
        String ua = userAgent.toLowerCase(Locale.ROOT);
        // Before "mobile": iPad Safari says "Mobile/15E148" too, and Windows Phone's Edge says "Android".
        if (ua.contains("ipad")) return TABLET;
        if (ua.contains("windows phone") || ua.contains("iphone") || ua.contains("ipod")) return PHONE;
        // Google's rule for Android: phones' browsers say "Mobile", tablets' do not.
        if (ua.contains("android")) return ua.contains("mobile") ? PHONE : TABLET;
        // Windows' "Tablet PC 2.0" token is a desktop's handwriting support, not a tablet.
        if (ua.contains("tablet") && !ua.contains("tablet pc")) return TABLET;
        // "Mobi", as MDN recommends: BlackBerry, Firefox OS and other phones' browsers.
        if (ua.contains("mobi")) return PHONE;
        // Desktop browsers, and curl, wget and download managers (run on computers).
        return DESKTOP;
    }
}

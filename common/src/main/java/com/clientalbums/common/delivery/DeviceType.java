package com.clientalbums.common.delivery;

import java.util.Locale;

/** The kind of device a link was handed to or fetched by, from its User-Agent. */
public enum DeviceType {
    PHONE, TABLET, DESKTOP, UNKNOWN;

    public String value() { return name().toLowerCase(Locale.ROOT); }

    /** The device a User-Agent names (slice D: rules and tests on real User-Agent strings). */
    public static DeviceType of(String userAgent) {
        throw new UnsupportedOperationException("slice D");
    }
}

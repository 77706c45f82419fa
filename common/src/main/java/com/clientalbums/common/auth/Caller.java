package com.clientalbums.common.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/**
 * The person calling the API, as their verified token says.
 *
 * @param email   lower case: grants and the user table are keyed by it
 * @param name    the {@code name} claim, or empty
 * @param isAdmin the photographer: in the {@code admin} group, or the {@code ADMIN_EMAIL} address
 */
public record Caller(@JsonProperty("email") String email,
                     @JsonProperty("name") String name,
                     @JsonProperty("is_admin") boolean isAdmin) {

    public Caller {
        email = email.trim().toLowerCase(Locale.ROOT);
        name = name == null ? "" : name.trim();
    }
}

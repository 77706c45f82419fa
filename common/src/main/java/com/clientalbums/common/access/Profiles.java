package com.clientalbums.common.access;

import com.clientalbums.common.auth.Caller;

/**
 * {@code GET /me}: the caller as their token says, with the name from the user table when the
 * token carries none (a Cognito account created before its name was set, say).
 */
public final class Profiles {
    private final UserRepository users;

    public Profiles(UserRepository users) {
        this.users = users;
    }

    public Caller.SignedIn me(Caller.SignedIn caller) {
        if (!caller.name().isEmpty()) return caller;
        String name = users.find(caller.email()).map(User::name).orElse("");
        return new Caller.SignedIn(caller.email(), name, caller.isAdmin());
    }
}

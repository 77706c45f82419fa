package com.clientalbums.common.auth;

import java.util.Optional;

/**
 * The client API's authenticator: a token that says it is a guest session (HS256, issuer
 * {@value GuestSessions#ISSUER}) is verified as one, anything else by the sign-in verifier
 * (Cognito's). Which one is chosen only decides who checks it; each checks everything itself, so a
 * token claiming to be one kind cannot pass as the other.
 */
public final class GuestOrSignedIn implements Authenticator {
    private final GuestSessions guests;
    private final Authenticator signedIn;

    public GuestOrSignedIn(GuestSessions guests, Authenticator signedIn) {
        this.guests = guests;
        this.signedIn = signedIn;
    }

    @Override
    public Caller authenticate(Optional<String> authorization) {
        Optional<String> token = authorization.flatMap(BearerTokens::of);
        if (token.isPresent() && GuestSessions.claimsToBeGuest(token.get())) return guests.verify(token.get());
        return signedIn.authenticate(authorization);
    }
}

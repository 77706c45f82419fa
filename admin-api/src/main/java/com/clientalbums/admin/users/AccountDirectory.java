package com.clientalbums.admin.users;

/**
 * Where clients' sign-in accounts live: Cognito in AWS ({@link CognitoAccountDirectory}), the
 * local runner's Cognito stand-in on one machine (it passes its own implementation to
 * {@code AdminApiHandler(Settings, AwsClients, AccountDirectory)}).
 */
public interface AccountDirectory {

    enum Outcome {
        /** A new account; the person is invited (Cognito e-mails a temporary password). */
        CREATED,
        /** An account with this address already exists; nothing was sent. */
        ALREADY_EXISTS
    }

    /**
     * Creates a sign-in account for a verified address.
     *
     * @param email lower-cased, already validated
     * @param name  the person's name, possibly empty
     */
    Outcome create(String email, String name);
}

package com.clientalbums.admin.users;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

import java.util.ArrayList;
import java.util.List;

/**
 * Cognito's {@code AdminCreateUser}: the address (marked verified, since the photographer typed it
 * for a client they know) is the user name, and Cognito e-mails the invitation with a temporary
 * password.
 */
public final class CognitoAccountDirectory implements AccountDirectory {
    private final CognitoIdentityProviderClient cognito;
    private final String userPoolId;

    public CognitoAccountDirectory(CognitoIdentityProviderClient cognito, String userPoolId) {
        this.cognito = cognito;
        this.userPoolId = userPoolId;
    }

    @Override
    public Outcome create(String email, String name) {
        List<AttributeType> attributes = new ArrayList<>(List.of(
                AttributeType.builder().name("email").value(email).build(),
                AttributeType.builder().name("email_verified").value("true").build()));
        if (!name.isBlank()) attributes.add(AttributeType.builder().name("name").value(name).build());
        try {
            cognito.adminCreateUser(r -> r.userPoolId(userPoolId).username(email).userAttributes(attributes)
                    .desiredDeliveryMediums(DeliveryMediumType.EMAIL));
            return Outcome.CREATED;
        } catch (UsernameExistsException e) {
            return Outcome.ALREADY_EXISTS;
        } catch (InvalidParameterException e) {
            throw AlbumsException.badRequest("The sign-in service refused this account: " + e.awsErrorDetails().errorMessage());
        } catch (CognitoIdentityProviderException e) {
            throw new AlbumsException(ErrorCode.UNAVAILABLE, "The client's sign-in account could not be created right now. Please try again.", e);
        }
    }
}

package com.clientalbums.infra;

import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Terraform;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cognito (terraform/cognito.tf): who can sign in, and how. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IdentityTest {

    private static final Terraform TF = Terraform.load();
    private static final Block POOL = TF.resource("aws_cognito_user_pool", "clients");

    @Test
    void only_the_studio_creates_accounts() {
        assertEquals("true", POOL.block("admin_create_user_config").string("allow_admin_create_user_only"));
    }

    @Test
    void clients_sign_in_with_their_email_address() {
        assertEquals(List.of("email"), POOL.strings("username_attributes"));
        assertEquals("false", POOL.block("username_configuration").string("case_sensitive"));
    }

    @Test
    void invitations_carry_the_username_the_temporary_password_and_the_portal_address() {
        Block invite = POOL.block("admin_create_user_config").block("invite_message_template");
        for (String field : List.of("email_message", "sms_message")) {
            String message = invite.string(field);
            assertTrue(message.contains("{username}") && message.contains("{####}"), field + ": Cognito requires both");
            assertTrue(message.contains("${local.portal_url}"), field);
        }
    }

    @Test
    void the_portal_client_is_public_and_signs_in_with_srp() {
        Block client = TF.resource("aws_cognito_user_pool_client", "web");
        assertEquals("${aws_cognito_user_pool.clients.id}", client.string("user_pool_id"));
        assertEquals("false", client.string("generate_secret"), "a static site cannot keep a secret");
        // No USER_PASSWORD_AUTH (the password would leave the browser); the admin flow needs AWS credentials.
        assertEquals(Set.of("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"),
                Set.copyOf(client.strings("explicit_auth_flows")));
        assertEquals("ENABLED", client.string("prevent_user_existence_errors"));
    }

    @Test
    void there_is_an_admin_group_in_the_pool() {
        Block group = TF.resource("aws_cognito_user_group", "admin");
        assertEquals("admin", group.string("name"));
        assertEquals("${aws_cognito_user_pool.clients.id}", group.string("user_pool_id"));
    }

    @Test
    void the_user_pool_is_protected_from_deletion_in_production() {
        assertEquals("${local.is_production ? \"ACTIVE\" : \"INACTIVE\"}", POOL.string("deletion_protection"));
    }

    @Test
    void passwords_are_at_least_twelve_characters() {
        assertTrue(TF.expressions().number(POOL.block("password_policy").get("minimum_length")) >= 12);
    }
}

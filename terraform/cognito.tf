# Sign-in for clients and the photographer. Accounts are created by the studio only
# (POST /admin/users, or the CLI for the first admin): nobody can sign themselves up.

resource "aws_cognito_user_pool" "clients" {
  name                     = "${var.project_name}-clients"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = local.is_production ? "ACTIVE" : "INACTIVE"

  username_configuration {
    case_sensitive = false
  }

  admin_create_user_config {
    allow_admin_create_user_only = true

    invite_message_template {
      email_subject = "Your photos are ready"
      email_message = "Your album is waiting at ${local.portal_url} . Sign in with {username} and the temporary password {####} (you will choose your own)."
      sms_message   = "Sign in at ${local.portal_url} with {username} and temporary password {####}."
    }
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 7
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  # Cognito's own sender: free, about 50 e-mails a day. Enough for invitations and resets
  # of a studio; switch to SES (email_configuration) for more.
  email_configuration {
    email_sending_account = "COGNITO_DEFAULT"
  }
}

# The portal is a static site: a public client (no secret) signing in with SRP.
# ADMIN_USER_PASSWORD_AUTH lets the operator get a token for scripts/ with the AWS CLI; it
# needs AWS credentials (cognito-idp:AdminInitiateAuth), so browsers cannot use it.
resource "aws_cognito_user_pool_client" "web" {
  name         = "${var.project_name}-web"
  user_pool_id = aws_cognito_user_pool.clients.id

  generate_secret               = false
  explicit_auth_flows           = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"]
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true

  access_token_validity  = 60
  id_token_validity      = 60
  refresh_token_validity = 30

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}

# Members may use the studio routes (/admin/...). The admin API checks this group.
resource "aws_cognito_user_group" "admin" {
  name         = "admin"
  user_pool_id = aws_cognito_user_pool.clients.id
  description  = "The photographer and studio staff: may use the /admin routes."
}

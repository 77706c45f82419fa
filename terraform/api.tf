# One HTTP API for the portal: client routes go to the client API function, /admin routes
# to the studio function. Every route requires a Cognito token (JWT authorizer) except the
# guest routes below; the admin function also checks the "admin" group (or ADMIN_EMAIL)
# itself, since a JWT authorizer can only check scopes, not groups.
#
# Guest routes: a share link's guest has no Cognito account. POST /share/session trades the
# link's token (and PIN) for a guest session token, which is an HS256 JWT signed by this
# system (sharing.tf), not by Cognito, so API Gateway's JWT authorizer would refuse it on the
# viewer routes a guest uses (the album, its downloads, its favourites) and on POST
# /share/visitor, where a guest gives a name before their first favourite. Those paths
# therefore have no authorizer, and the client function verifies every token on them itself,
# Cognito's and a guest's alike (a guest token reaches only its own album; the Cognito
# authorizer on every other route refuses it anyway); they are throttled on their own (the
# stage below).
#
# Routes are listed one by one rather than as "ANY /{proxy+}": API Gateway then answers CORS
# preflight (OPTIONS) itself, without the authorizer, and unknown paths get 404 without
# invoking (and paying for) a function. Each known path is routed for every method in
# api_methods, not only those its handler answers: API Gateway would answer an unrouted method
# with its own 404, where the function's router answers 405 with Allow naming the right ones.
# (Not "ANY", which would route OPTIONS too and send the preflight to the authorizer.)

locals {
  client_api_routes = [
    "GET /me", # who is signed in, and whether they may use the studio
    "GET /albums",
    "GET /albums/{album_id}",
    "GET /albums/{album_id}/download", # Download All, or with ?selection=favourites the caller's favourites
    "GET /albums/{album_id}/favourites",
    "POST /albums/{album_id}/favourites",
    "POST /albums/{album_id}/favourites/submit", # the selection sent to the photographer, then locked
    "GET /albums/{album_id}/receipts",           # the caller's complete downloads (docs/delivery.md)
    "GET /albums/{album_id}/receipts/{delivery_id}",
    "GET /albums/{album_id}/receipts/{delivery_id}/manifest", # the SFV file a folder is checked against
    "POST /share/session",                                    # a share link's token (and PIN) for a guest session
    "POST /share/visitor",                                    # a guest's name (and e-mail), before their first favourite
    "POST /mail/opt-out",                                     # an e-mail's opt-out link (the portal page, or one-click from the mail reader)
    "POST /mail/opt-in",                                      # the same link's token, to get e-mail again
  ]

  # The client routes a guest reaches, with a guest session token or (POST /share/session) none.
  client_api_guest_routes = [
    "POST /share/session",
    "GET /albums/{album_id}",
    "GET /albums/{album_id}/download",
    "GET /albums/{album_id}/favourites",
    "POST /albums/{album_id}/favourites",
    "POST /albums/{album_id}/favourites/submit",
    "GET /albums/{album_id}/receipts",
    "GET /albums/{album_id}/receipts/{delivery_id}",
    "GET /albums/{album_id}/receipts/{delivery_id}/manifest",
    "POST /share/visitor",
    "POST /mail/opt-out", # no token: the signed link in an e-mail is the proof
    "POST /mail/opt-in",
  ]

  admin_api_routes = [
    "POST /admin/albums",
    "GET /admin/albums",
    "GET /admin/albums/{album_id}/zip",
    "POST /admin/albums/{album_id}/zip",
    "GET /admin/users",
    "POST /admin/users",
    "PUT /admin/albums/{album_id}/users/{email}",
    "DELETE /admin/albums/{album_id}/users/{email}",
    "POST /admin/albums/{album_id}/uploads",
    "PATCH /admin/albums/{album_id}", # expiry, watermark, web-size options
    "POST /admin/albums/{album_id}/watermark-logo",
    "POST /admin/albums/{album_id}/shares",
    "GET /admin/albums/{album_id}/shares",
    "PATCH /admin/albums/{album_id}/shares/{share_id}",
    "DELETE /admin/albums/{album_id}/shares/{share_id}",
    "GET /admin/albums/{album_id}/favourites", # each person's favourites and selection state
    "POST /admin/albums/{album_id}/favourites/reopen",
  ]

  api_methods            = ["GET", "POST", "PUT", "PATCH", "DELETE"]
  client_api_paths       = distinct([for route in local.client_api_routes : split(" ", route)[1]])
  client_api_guest_paths = distinct([for route in local.client_api_guest_routes : split(" ", route)[1]])
  admin_api_paths        = distinct([for route in local.admin_api_routes : split(" ", route)[1]])

  # A path is open to guests for every method (a wrong one still reaches the function's 405).
  client_api_signed_in_paths = setsubtract(local.client_api_paths, local.client_api_guest_paths)
}

resource "aws_apigatewayv2_api" "portal" {
  name          = "${var.project_name}-api"
  description   = "Client albums portal API (client and studio routes)."
  protocol_type = "HTTP"

  # Bearer tokens, no cookies: credentials stay off and origins are listed exactly.
  cors_configuration {
    allow_origins = local.cors_allowed_origins
    allow_methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    allow_headers = ["authorization", "content-type"]
    max_age       = 3600
  }
}

resource "aws_apigatewayv2_authorizer" "cognito" {
  api_id           = aws_apigatewayv2_api.portal.id
  name             = "cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  # Accepts the pool's ID and access tokens issued to the portal's app client.
  jwt_configuration {
    audience = [aws_cognito_user_pool_client.web.id]
    issuer   = "https://${aws_cognito_user_pool.clients.endpoint}"
  }
}

# --- Client routes ------------------------------------------------------------------------

resource "aws_apigatewayv2_integration" "client_api" {
  api_id                 = aws_apigatewayv2_api.portal.id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = aws_lambda_alias.client_api_live.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 29000
}

resource "aws_apigatewayv2_route" "client_api" {
  for_each = toset([for pair in setproduct(local.api_methods, local.client_api_signed_in_paths) : join(" ", pair)])

  api_id             = aws_apigatewayv2_api.portal.id
  route_key          = each.value
  target             = "integrations/${aws_apigatewayv2_integration.client_api.id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.cognito.id
}

# No authorizer here: the function verifies every token itself (see the top of this file).
resource "aws_apigatewayv2_route" "client_api_guest" {
  for_each = toset([for pair in setproduct(local.api_methods, local.client_api_guest_paths) : join(" ", pair)])

  api_id             = aws_apigatewayv2_api.portal.id
  route_key          = each.value
  target             = "integrations/${aws_apigatewayv2_integration.client_api.id}"
  authorization_type = "NONE"
}

resource "aws_lambda_permission" "client_api" {
  statement_id  = "AllowPortalApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.client_api.function_name
  qualifier     = aws_lambda_alias.client_api_live.name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.portal.execution_arn}/*/*"
}

# --- Studio (admin) routes ----------------------------------------------------------------

resource "aws_apigatewayv2_integration" "admin_api" {
  api_id                 = aws_apigatewayv2_api.portal.id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = aws_lambda_alias.admin_api_live.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 29000
}

resource "aws_apigatewayv2_route" "admin_api" {
  for_each = toset([for pair in setproduct(local.api_methods, local.admin_api_paths) : join(" ", pair)])

  api_id             = aws_apigatewayv2_api.portal.id
  route_key          = each.value
  target             = "integrations/${aws_apigatewayv2_integration.admin_api.id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.cognito.id
}

resource "aws_lambda_permission" "admin_api" {
  statement_id  = "AllowPortalApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.admin_api.function_name
  qualifier     = aws_lambda_alias.admin_api_live.name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.portal.execution_arn}/*/*"
}

# --- Stage: throttling and access logs ----------------------------------------------------

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${var.project_name}-api"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.portal.id
  name        = "$default"
  auto_deploy = true

  # A ceiling against runaway scripts and abuse; far above what a studio's clients need.
  default_route_settings {
    throttling_burst_limit = var.api_throttling_burst_limit
    throttling_rate_limit  = var.api_throttling_rate_limit
  }

  # The routes without an authorizer: every request that reaches them invokes (and bills) the
  # client function, whoever sends it. Trading a token for a session is rare (once per guest
  # per session), so it gets a tight limit; wrong PINs are capped per link by the share table
  # itself (5 per 15 minutes, docs/sharing.md). The viewer routes serve signed-in clients too.
  route_settings {
    route_key              = "POST /share/session"
    throttling_burst_limit = var.guest_session_throttling_burst_limit
    throttling_rate_limit  = var.guest_session_throttling_rate_limit
  }

  # Naming a visitor happens once per guest and link, like trading the token for a session.
  route_settings {
    route_key              = "POST /share/visitor"
    throttling_burst_limit = var.guest_session_throttling_burst_limit
    throttling_rate_limit  = var.guest_session_throttling_rate_limit
  }

  # Opting out or in happens once per recipient, like trading a link for a session.
  route_settings {
    route_key              = "POST /mail/opt-out"
    throttling_burst_limit = var.guest_session_throttling_burst_limit
    throttling_rate_limit  = var.guest_session_throttling_rate_limit
  }

  route_settings {
    route_key              = "POST /mail/opt-in"
    throttling_burst_limit = var.guest_session_throttling_burst_limit
    throttling_rate_limit  = var.guest_session_throttling_rate_limit
  }

  route_settings {
    route_key              = "GET /albums/{album_id}"
    throttling_burst_limit = var.guest_view_throttling_burst_limit
    throttling_rate_limit  = var.guest_view_throttling_rate_limit
  }

  route_settings {
    route_key              = "GET /albums/{album_id}/download"
    throttling_burst_limit = var.guest_view_throttling_burst_limit
    throttling_rate_limit  = var.guest_view_throttling_rate_limit
  }

  route_settings {
    route_key              = "GET /albums/{album_id}/favourites"
    throttling_burst_limit = var.guest_view_throttling_burst_limit
    throttling_rate_limit  = var.guest_view_throttling_rate_limit
  }

  route_settings {
    route_key              = "POST /albums/{album_id}/favourites"
    throttling_burst_limit = var.guest_view_throttling_burst_limit
    throttling_rate_limit  = var.guest_view_throttling_rate_limit
  }

  route_settings {
    route_key              = "POST /albums/{album_id}/favourites/submit"
    throttling_burst_limit = var.guest_view_throttling_burst_limit
    throttling_rate_limit  = var.guest_view_throttling_rate_limit
  }

  route_settings {
    route_key              = "GET /albums/{album_id}/receipts"
    throttling_burst_limit = var.guest_view_throttling_burst_limit
    throttling_rate_limit  = var.guest_view_throttling_rate_limit
  }

  route_settings {
    route_key              = "GET /albums/{album_id}/receipts/{delivery_id}"
    throttling_burst_limit = var.guest_view_throttling_burst_limit
    throttling_rate_limit  = var.guest_view_throttling_rate_limit
  }

  route_settings {
    route_key              = "GET /albums/{album_id}/receipts/{delivery_id}/manifest"
    throttling_burst_limit = var.guest_view_throttling_burst_limit
    throttling_rate_limit  = var.guest_view_throttling_rate_limit
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId        = "$context.requestId"
      time             = "$context.requestTime"
      routeKey         = "$context.routeKey"
      status           = "$context.status"
      latencyMs        = "$context.responseLatency"
      integrationError = "$context.integrationErrorMessage"
      authorizerError  = "$context.authorizer.error"
      sourceIp         = "$context.identity.sourceIp"
    })
  }

  # Route settings name routes that must exist first.
  depends_on = [aws_apigatewayv2_route.client_api_guest]
}

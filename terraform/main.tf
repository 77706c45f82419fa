# Names and values shared by several files.
locals {
  is_production = var.stage == "prod"

  account_id = data.aws_caller_identity.current.account_id

  # The Maven build writes one shaded JAR per function here: {module}/target/{module}-lambda.jar.
  artifact_dir = "${path.module}/.."

  # Browser origins allowed to call the API and to PUT/GET the bucket with presigned links.
  frontend_origins = concat(
    ["https://${aws_cloudfront_distribution.frontend.domain_name}"],
    [for alias in var.frontend_aliases : "https://${alias}"],
  )
  cors_allowed_origins = distinct(concat(local.frontend_origins, var.cors_allowed_origins))

  # The address clients are sent to (invitation e-mail): the custom domain when there is one.
  portal_url = length(var.frontend_aliases) > 0 ? "https://${var.frontend_aliases[0]}" : "https://${aws_cloudfront_distribution.frontend.domain_name}"

  # What the front end reads from /config.json (see outputs.tf and docs/deploy.md).
  frontend_config = {
    api_base_url         = aws_apigatewayv2_api.portal.api_endpoint
    auth_mode            = "cognito"
    cognito_region       = var.aws_region
    cognito_user_pool_id = aws_cognito_user_pool.clients.id
    cognito_client_id    = aws_cognito_user_pool_client.web.id
  }
}

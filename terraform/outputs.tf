# What an operator (and docs/deploy.md) needs after `terraform apply`.

output "api_base_url" {
  description = "Base URL of the portal API (no trailing slash)."
  value       = aws_apigatewayv2_api.portal.api_endpoint
}

output "portal_url" {
  description = "Address of the portal (CloudFront, or the first custom domain)."
  value       = local.portal_url
}

output "client_albums_bucket" {
  description = "Bucket of albums/, previews/, zips/ and watermarks/ (for scripts/upload-album.sh)."
  value       = aws_s3_bucket.client_albums.id
}

output "frontend_bucket" {
  description = "Bucket the built front end (frontend/dist) is synced to."
  value       = aws_s3_bucket.frontend.id
}

output "cloudfront_distribution_id" {
  description = "Distribution to invalidate after a front-end upload."
  value       = aws_cloudfront_distribution.frontend.id
}

output "zip_generation_queue_url" {
  value = aws_sqs_queue.zip_generation.url
}

output "zip_generation_queue_arn" {
  value = aws_sqs_queue.zip_generation.arn
}

output "zip_generation_dlq_url" {
  value = aws_sqs_queue.zip_generation_dlq.url
}

output "album_table_name" {
  value = aws_dynamodb_table.album.name
}

output "user_table_name" {
  value = aws_dynamodb_table.user.name
}

output "user_album_table_name" {
  value = aws_dynamodb_table.user_album.name
}

output "cognito_user_pool_id" {
  value = aws_cognito_user_pool.clients.id
}

output "cognito_client_id" {
  value = aws_cognito_user_pool_client.web.id
}

output "region" {
  value = var.aws_region
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify; subscribe more addresses or a chat hook here."
  value       = aws_sns_topic.alarms.arn
}

# The front end's /config.json, ready to write:
#   terraform -chdir=terraform output -raw frontend_config_json > frontend/dist/config.json
output "frontend_config" {
  value = local.frontend_config
}

output "frontend_config_json" {
  value = jsonencode(local.frontend_config)
}

output "share_table_name" {
  value = aws_dynamodb_table.share.name
}

output "guest_session_key_parameter" {
  description = "SSM parameter (SecureString) holding the key that signs guest sessions."
  value       = aws_ssm_parameter.guest_session_key.name
}

output "favourite_table_name" {
  description = "Each person's favourites (and selection) per album."
  value       = aws_dynamodb_table.favourite.name
}

output "selection_table_name" {
  description = "Favourites archives: one record per distinct selection, built like an album."
  value       = aws_dynamodb_table.selection_archive.name
}

output "downloads_domain" {
  description = "Domain of the downloads distribution that signed download links point at; empty when download_links is s3."
  value       = local.download_domain
}

output "access_log_bucket" {
  description = "Bucket of the access logs maintenance reads for proof of delivery (cloudfront/, s3/, processed/)."
  value       = aws_s3_bucket.access_logs.id
}

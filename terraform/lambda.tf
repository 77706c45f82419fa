# The four functions, each from the shaded JAR Maven builds ({module}/target/{module}-lambda.jar;
# run `./mvnw -B -DskipTests package` first). Each function's environment is exactly the
# DEPLOYED settings its handler declares in SETTINGS (checked by infra-tests); AWS_REGION
# comes from Lambda itself.
#
# Log groups are created here, before the functions, so Lambda never creates one without
# a retention period.

# --- ZIP generator ------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "zip_generator" {
  name              = "/aws/lambda/${var.project_name}-zip-generator"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "zip_generator" {
  function_name = "${var.project_name}-zip-generator"
  description   = "Builds album ZIP archives ahead of time; woken by the generation queue."
  role          = aws_iam_role.zip_generator.arn
  runtime       = "java21"
  architectures = [var.lambda_architecture]
  handler       = "com.clientalbums.zip.handler.ZipGeneratorHandler::handleRequest"

  filename         = "${local.artifact_dir}/zip-generator/target/zip-generator-lambda.jar"
  source_code_hash = filebase64sha256("${local.artifact_dir}/zip-generator/target/zip-generator-lambda.jar")

  # Sized by the archive-engine benchmark (docs/cost.md): a full vCPU streams photos at
  # network speed; the heap holds at most zip_memory_budget_mb of archive bytes.
  memory_size = var.generator_memory_mb
  timeout     = var.generator_timeout_seconds

  # A cap, not a reservation for speed: at most this many invocations run at once, each
  # building one archive part (an album uses up to zip_parallel_parts of them) or handling
  # photo events. Parallel parts spend the same GB-seconds in total, only sooner.
  reserved_concurrent_executions = var.generator_reserved_concurrency

  lifecycle {
    precondition {
      condition     = var.generator_reserved_concurrency > var.zip_parallel_parts
      error_message = "generator_reserved_concurrency must exceed zip_parallel_parts: one album's parts would otherwise take every generator, and photo events and other albums would wait for its whole build."
    }
  }

  environment {
    variables = {
      CLIENT_ALBUMS_BUCKET     = aws_s3_bucket.client_albums.id
      ALBUM_TABLE_NAME         = aws_dynamodb_table.album.name
      SELECTION_TABLE_NAME     = aws_dynamodb_table.selection_archive.name
      ZIP_GENERATION_QUEUE_URL = aws_sqs_queue.zip_generation.url
      ZIP_FETCH_CONCURRENCY    = tostring(var.zip_fetch_concurrency)
      ZIP_PART_SIZE_MB         = tostring(var.zip_part_size_mb)
      ZIP_MEMORY_BUDGET_MB     = tostring(var.zip_memory_budget_mb)
      ZIP_LEASE_SECONDS        = tostring(var.zip_lease_seconds)
      ZIP_MAX_ATTEMPTS         = tostring(var.zip_max_attempts)
      ZIP_QUIET_SECONDS        = tostring(var.zip_quiet_seconds)
      ZIP_SPLIT_SIZE_MB        = tostring(var.zip_split_size_mb)
      ZIP_PARALLEL_PARTS       = tostring(var.zip_parallel_parts)
      WEB_SIZE_PX              = tostring(var.web_size_px)
    }
  }

  tags = {
    Name = "${var.project_name}-zip-generator"
  }

  depends_on = [aws_cloudwatch_log_group.zip_generator, aws_iam_role_policy.zip_generator]
}

# Up to 10 messages per invocation; the handler reports the ones it could not finish
# (partial batch response) so only those come back, instead of the whole batch.
resource "aws_lambda_event_source_mapping" "zip_generator" {
  event_source_arn                   = aws_sqs_queue.zip_generation.arn
  function_name                      = aws_lambda_function.zip_generator.arn
  batch_size                         = 10
  maximum_batching_window_in_seconds = 5 # short: a client's click should start a build at once
  function_response_types            = ["ReportBatchItemFailures"]

  # Never poll more messages than the reserved concurrency can take: throttled messages
  # would count as receives and reach the dead-letter queue for nothing. The wake-ups of one
  # album's parts beyond it wait in the queue; the parts are then built by fewer workers.
  scaling_config {
    maximum_concurrency = var.generator_reserved_concurrency
  }
}

# --- Client API ---------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "client_api" {
  name              = "/aws/lambda/${var.project_name}-client-api"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "client_api" {
  function_name = "${var.project_name}-client-api"
  description   = "Client portal API: albums, photos, favourites, Download All and favourites archives, guest sessions from share links (API Gateway HTTP API, payload 2.0)."
  role          = aws_iam_role.client_api.arn
  runtime       = "java21"
  architectures = [var.lambda_architecture]
  handler       = "com.clientalbums.client.handler.ClientApiHandler::handleRequest"

  filename         = "${local.artifact_dir}/client-api/target/client-api-lambda.jar"
  source_code_hash = filebase64sha256("${local.artifact_dir}/client-api/target/client-api-lambda.jar")

  memory_size = var.api_memory_mb
  timeout     = 20 # the HTTP API gives up after 30 s anyway

  # SnapStart restores an initialised JVM instead of starting one: no multi-second cold
  # start on a client's first click. It applies to published versions, hence publish + alias.
  publish = true
  snap_start {
    apply_on = "PublishedVersions"
  }

  environment {
    variables = {
      CLIENT_ALBUMS_BUCKET     = aws_s3_bucket.client_albums.id
      ALBUM_TABLE_NAME         = aws_dynamodb_table.album.name
      USER_TABLE_NAME          = aws_dynamodb_table.user.name
      USER_ALBUM_TABLE_NAME    = aws_dynamodb_table.user_album.name
      ZIP_GENERATION_QUEUE_URL = aws_sqs_queue.zip_generation.url
      PRESIGNED_URL_EXPIRY     = tostring(var.presigned_url_expiry_seconds)
      ZIP_URL_EXPIRY           = tostring(var.zip_url_expiry_seconds)
      COGNITO_USER_POOL_ID     = aws_cognito_user_pool.clients.id
      COGNITO_CLIENT_ID        = aws_cognito_user_pool_client.web.id
      ADMIN_EMAIL              = var.admin_email
      WEB_SIZE_PX              = tostring(var.web_size_px)
      SHARE_TABLE_NAME         = aws_dynamodb_table.share.name
      GUEST_KEY_SOURCE         = "ssm:${aws_ssm_parameter.guest_session_key.name}"
      GUEST_SESSION_SECONDS    = tostring(var.guest_session_seconds)
      FAVOURITE_TABLE_NAME     = aws_dynamodb_table.favourite.name
      SELECTION_TABLE_NAME     = aws_dynamodb_table.selection_archive.name
      DOWNLOAD_LINKS           = var.download_links
      CLOUDFRONT_DOMAIN        = local.download_domain
      CLOUDFRONT_KEY_PAIR_ID   = local.download_key_pair_id
      CLOUDFRONT_KEY_SOURCE    = local.download_key_source
      DELIVERY_TABLE_NAME      = aws_dynamodb_table.delivery.name
      MAIL_TABLE_NAME          = aws_dynamodb_table.mail.name
      MAIL_TRANSPORT           = var.mail_transport # none: a sent selection queues no mail to the studio
    }
  }

  tags = {
    Name = "${var.project_name}-client-api"
  }

  depends_on = [aws_cloudwatch_log_group.client_api]
}

resource "aws_lambda_alias" "client_api_live" {
  name             = "live"
  description      = "The published (SnapStart) version the API calls."
  function_name    = aws_lambda_function.client_api.function_name
  function_version = aws_lambda_function.client_api.version
}

# --- Admin (studio) API -------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "admin_api" {
  name              = "/aws/lambda/${var.project_name}-admin-api"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "admin_api" {
  function_name = "${var.project_name}-admin-api"
  description   = "Studio API: register albums, grant clients, share links, album settings, archive state, upload links, clients' favourites (API Gateway HTTP API, payload 2.0)."
  role          = aws_iam_role.admin_api.arn
  runtime       = "java21"
  architectures = [var.lambda_architecture]
  handler       = "com.clientalbums.admin.handler.AdminApiHandler::handleRequest"

  filename         = "${local.artifact_dir}/admin-api/target/admin-api-lambda.jar"
  source_code_hash = filebase64sha256("${local.artifact_dir}/admin-api/target/admin-api-lambda.jar")

  memory_size = var.api_memory_mb
  timeout     = 20

  publish = true
  snap_start {
    apply_on = "PublishedVersions"
  }

  environment {
    variables = {
      CLIENT_ALBUMS_BUCKET     = aws_s3_bucket.client_albums.id
      ALBUM_TABLE_NAME         = aws_dynamodb_table.album.name
      USER_TABLE_NAME          = aws_dynamodb_table.user.name
      USER_ALBUM_TABLE_NAME    = aws_dynamodb_table.user_album.name
      ZIP_GENERATION_QUEUE_URL = aws_sqs_queue.zip_generation.url
      UPLOAD_URL_EXPIRY        = tostring(var.upload_url_expiry_seconds)
      COGNITO_USER_POOL_ID     = aws_cognito_user_pool.clients.id
      COGNITO_CLIENT_ID        = aws_cognito_user_pool_client.web.id
      ADMIN_EMAIL              = var.admin_email
      WEB_SIZE_PX              = tostring(var.web_size_px)
      SHARE_TABLE_NAME         = aws_dynamodb_table.share.name
      PORTAL_URL               = local.portal_url # share links are PORTAL_URL/s/{token}
      FAVOURITE_TABLE_NAME     = aws_dynamodb_table.favourite.name
      DELIVERY_TABLE_NAME      = aws_dynamodb_table.delivery.name
      MAIL_TABLE_NAME          = aws_dynamodb_table.mail.name
      MAIL_TRANSPORT           = var.mail_transport
    }
  }

  tags = {
    Name = "${var.project_name}-admin-api"
  }

  depends_on = [aws_cloudwatch_log_group.admin_api]
}

resource "aws_lambda_alias" "admin_api_live" {
  name             = "live"
  description      = "The published (SnapStart) version the API calls."
  function_name    = aws_lambda_function.admin_api.function_name
  function_version = aws_lambda_function.admin_api.version
}

# --- Maintenance --------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "maintenance" {
  name              = "/aws/lambda/${var.project_name}-maintenance"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "maintenance" {
  function_name = "${var.project_name}-maintenance"
  description   = "Daily: re-queue stale or stuck albums, delete superseded archives and month-old favourites archives, render previews."
  role          = aws_iam_role.maintenance.arn
  runtime       = "java21"
  architectures = [var.lambda_architecture]
  handler       = "com.clientalbums.maintenance.handler.MaintenanceHandler::handleRequest"

  filename         = "${local.artifact_dir}/maintenance/target/maintenance-lambda.jar"
  source_code_hash = filebase64sha256("${local.artifact_dir}/maintenance/target/maintenance-lambda.jar")

  memory_size = var.maintenance_memory_mb
  timeout     = 900 # rendering a new album's previews can take minutes

  environment {
    variables = {
      CLIENT_ALBUMS_BUCKET     = aws_s3_bucket.client_albums.id
      ALBUM_TABLE_NAME         = aws_dynamodb_table.album.name
      ZIP_GENERATION_QUEUE_URL = aws_sqs_queue.zip_generation.url
      ZIP_URL_EXPIRY           = tostring(var.zip_url_expiry_seconds)
      ZIP_LEASE_SECONDS        = tostring(var.zip_lease_seconds)
      ZIP_QUIET_SECONDS        = tostring(var.zip_quiet_seconds)
      WEB_SIZE_PX              = tostring(var.web_size_px)
      SELECTION_TABLE_NAME     = aws_dynamodb_table.selection_archive.name
      DELIVERY_TABLE_NAME      = aws_dynamodb_table.delivery.name
      ACCESS_LOG_BUCKET        = local.access_log_bucket
      MAIL_TABLE_NAME          = aws_dynamodb_table.mail.name
      MAIL_TRANSPORT           = var.mail_transport
      MAIL_FROM                = var.mail_from
      SES_CONFIGURATION_SET    = var.ses_configuration_set
      STUDIO_NAME              = var.studio_name
      PORTAL_URL               = local.portal_url
      GUEST_KEY_SOURCE         = "ssm:${aws_ssm_parameter.guest_session_key.name}"
      SHARE_TABLE_NAME         = aws_dynamodb_table.share.name
      USER_TABLE_NAME          = aws_dynamodb_table.user.name
      USER_ALBUM_TABLE_NAME    = aws_dynamodb_table.user_album.name
      ADMIN_EMAIL              = var.admin_email
      MAIL_SETTLE_SECONDS      = tostring(var.mail_settle_seconds)
      EXPIRY_REMINDER_DAYS     = tostring(var.expiry_reminder_days)
      API_URL                  = aws_apigatewayv2_api.portal.api_endpoint # one-click unsubscribe posts here
    }
  }

  tags = {
    Name = "${var.project_name}-maintenance"
  }

  depends_on = [aws_cloudwatch_log_group.maintenance]
}

# One role per function, each allowed only the actions it performs, on the resources (and
# S3 prefixes) it touches. No "*" actions; no "*" resources. infra-tests pins these lists.
#
# s3:ListBucket is granted on the bucket without an s3:prefix condition on purpose: S3
# answers 404 for a missing key only to a caller allowed to list the bucket, and a prefix
# condition never matches a GET or HEAD (they carry no prefix), so every "not found" (a
# deleted photo, an archive not built yet) would come back as 403 Access Denied. The bucket
# holds nothing but albums/, previews/, zips/, quarantine/ and watermarks/; object access stays
# limited by prefix.
#
# Grants that exist only with a feature (the CloudFront signing key with download_links =
# cloudfront, SES with mail_transport = ses) are dynamic statements on the same flag.

data "aws_iam_policy_document" "lambda_assume_role" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# --- ZIP generator: read photos, write archives, own the album's archive state ------------

resource "aws_iam_role" "zip_generator" {
  name               = "${var.project_name}-zip-generator"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

data "aws_iam_policy_document" "zip_generator" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.zip_generator.arn}:*"]
  }

  statement {
    sid       = "ListAlbumPhotos"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.client_albums.arn]
  }

  statement {
    sid       = "ReadAlbumPhotos"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/albums/*"]
  }

  # PutObject covers CreateMultipartUpload, UploadPart, UploadPartCopy's destination and
  # CompleteMultipartUpload, and the manifest and checkpoint beside each archive.
  # ListMultipartUploadParts: a continuation checks its checkpoint against the parts S3 holds.
  statement {
    sid       = "WriteArchives"
    actions   = ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"]
    resources = ["${aws_s3_bucket.client_albums.arn}/zips/*"]
  }

  # An incremental rebuild reads the published archives' manifests and central directories
  # and copies their unchanged bytes (UploadPartCopy reads its source with GetObject); HEAD
  # finds the parts that exist already; a continuation reads its checkpoint.
  statement {
    sid       = "ReadArchives"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/zips/*"]
  }

  # A finished (or superseded) part's checkpoint, and nothing else under zips/: archives and
  # manifests are deleted only by maintenance, once no link or build can reach them.
  statement {
    sid       = "DeleteCheckpoints"
    actions   = ["s3:DeleteObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/zips/*.checkpoint.json"]
  }

  # Previews and web-size renditions (previews/{album_id}/web/) of each photo as its S3 event
  # arrives, and the renditions a build finds missing or stale: HEAD (GetObject) to skip
  # current ones, PutObject to write them, DeleteObject when their photo is deleted or
  # unreadable. A web-size archive part reads its renditions with the same GetObject.
  statement {
    sid       = "MakePreviews"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/previews/*"]
  }

  # An album's logo watermark, drawn on its web-size renditions.
  statement {
    sid       = "ReadWatermarkLogos"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/watermarks/*"]
  }

  # The arrival check (previews/…/job/Quarantine.java): a file whose bytes are active content
  # (SVG, HTML, a script) is copied to quarantine/ and only then deleted from its album.
  statement {
    sid       = "QuarantineActiveContent"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/quarantine/*"]
  }

  statement {
    sid       = "MoveActiveContentOutOfAlbums"
    actions   = ["s3:DeleteObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/albums/*"]
  }

  # Every change of an album's archive state is a conditional UpdateItem (the record exists: the
  # studio registered the album); never PutItem.
  statement {
    sid       = "ClaimAndPublishArchiveState"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.album.arn]
  }

  # A favourites archive is a record of its own (docs/favourites.md), claimed, built and
  # published as an album's is.
  statement {
    sid       = "ClaimAndPublishSelectionArchiveState"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.selection_archive.arn]
  }

  # ReceiveMessage, DeleteMessage and GetQueueAttributes: Lambda's event source mapping polls
  # with this role (the three actions AWS's AWSLambdaSQSQueueExecutionRole grants). SendMessage:
  # the debounce puts a request back, delayed, for later.
  statement {
    sid = "ConsumeGenerationQueue"
    actions = [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:SendMessage",
    ]
    resources = [aws_sqs_queue.zip_generation.arn]
  }
}

resource "aws_iam_role_policy" "zip_generator" {
  name   = "zip-generator"
  role   = aws_iam_role.zip_generator.id
  policy = data.aws_iam_policy_document.zip_generator.json
}

# --- Client API: read what a client may see, request builds --------------------------------

resource "aws_iam_role" "client_api" {
  name               = "${var.project_name}-client-api"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

data "aws_iam_policy_document" "client_api" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.client_api.arn}:*"]
  }

  statement {
    sid       = "ListAlbumContent"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.client_albums.arn]
  }

  # Presigned links carry this role's signature, so the role must be able to read.
  statement {
    sid     = "ReadPhotosPreviewsArchives"
    actions = ["s3:GetObject"]
    resources = [
      "${aws_s3_bucket.client_albums.arn}/albums/*",
      "${aws_s3_bucket.client_albums.arn}/previews/*",
      "${aws_s3_bucket.client_albums.arn}/zips/*",
      "${aws_s3_bucket.client_albums.arn}/receipts/*", # a client's receipts (client/…/deliveries/Receipts.java)
    ]
  }

  # Scan: the photographer's own GET /albums shows every album.
  statement {
    sid       = "ReadAlbumsRequestBuilds"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Scan"]
    resources = [aws_dynamodb_table.album.arn]
  }

  statement {
    sid       = "ReadOwnGrants"
    actions   = ["dynamodb:Query", "dynamodb:GetItem"]
    resources = [aws_dynamodb_table.user_album.arn]
  }

  statement {
    sid       = "ReadUsers"
    actions   = ["dynamodb:GetItem"]
    resources = [aws_dynamodb_table.user.arn]
  }

  statement {
    sid       = "RequestBuilds"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.zip_generation.arn]
  }

  # A guest's link is found by its token's hash (the index), then read by its key on every
  # guest request, so a revoke counts at once; UpdateItem reserves PIN attempts, counts
  # sessions and archive downloads, each one conditional write. Never PutItem or DeleteItem:
  # only the studio makes and changes links.
  statement {
    sid       = "UseShareLinks"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.share.arn]
  }

  statement {
    sid       = "FindShareLinksByToken"
    actions   = ["dynamodb:Query"]
    resources = ["${aws_dynamodb_table.share.arn}/index/token_hash-index"]
  }

  # Favourites (common/…/favourite/FavouriteRepository.java): a person's list read by its key
  # (GetItem; a returning guest's visitor is found the same way), every heart and a guest's
  # name one conditional UpdateItem on the person's item (the limit and the submit lock are its
  # conditions). Never PutItem, Query, DeleteItem or Scan: a client reaches their own item only.
  statement {
    sid       = "KeepFavourites"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.favourite.arn]
  }

  # "Download favourites": the selection's archive record is read, made once (conditional
  # PutItem) and its build requested (UpdateItem), as Download All does on the album's.
  statement {
    sid       = "RequestSelectionArchives"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.selection_archive.arn]
  }

  # The key that signs guest sessions (sharing.tf). SecureString under the AWS-managed aws/ssm
  # key: GetParameter WithDecryption needs no kms:Decrypt grant of its own.
  statement {
    sid       = "ReadGuestSessionKey"
    actions   = ["ssm:GetParameter"]
    resources = [aws_ssm_parameter.guest_session_key.arn]
  }

  # Every download link handed out is one UpdateItem on its delivery (made on the first, counted
  # after: common/…/delivery/DeliveryRepository.java); receipts read a delivery (GetItem) and
  # the caller's deliveries of an album (Query on the table's key). Never PutItem or DeleteItem:
  # the bytes served are maintenance's to record.
  statement {
    sid       = "RecordDeliveries"
    actions   = ["dynamodb:UpdateItem", "dynamodb:GetItem", "dynamodb:Query"]
    resources = [aws_dynamodb_table.delivery.arn]
  }

  # The mail outbox (common/…/mail/MailOutbox.java): a submitted selection's mail to the studio
  # is queued (conditional PutItem), an opt-out read (GetItem) and set or cleared (UpdateItem).
  # Never Query or DeleteItem: sending, and the sent state, are maintenance's.
  statement {
    sid       = "QueueMailKeepOptOuts"
    actions   = ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.mail.arn]
  }

  # The key that signs CloudFront download links (delivery.tf), read once per container; the
  # same AWS-managed aws/ssm key as the guest key's, so no KMS grant.
  dynamic "statement" {
    for_each = local.cloudfront_downloads ? [1] : []

    content {
      sid       = "ReadCloudFrontSigningKey"
      actions   = ["ssm:GetParameter"]
      resources = [aws_ssm_parameter.cloudfront_download_key[0].arn]
    }
  }
}

resource "aws_iam_role_policy" "client_api" {
  name   = "client-api"
  role   = aws_iam_role.client_api.id
  policy = data.aws_iam_policy_document.client_api.json
}

# --- Admin API: the client API's reads plus registering albums, uploads, users, grants -----

resource "aws_iam_role" "admin_api" {
  name               = "${var.project_name}-admin-api"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

data "aws_iam_policy_document" "admin_api" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.admin_api.arn}:*"]
  }

  statement {
    sid       = "ListAlbumContent"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.client_albums.arn]
  }

  # No GetObject on photos, previews or archives: the studio views an album through the client
  # API, as its clients do; its own links are uploads.

  # Presigned upload links for the browser (POST /admin/albums/{album_id}/uploads).
  statement {
    sid       = "UploadPhotos"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/albums/*"]
  }

  # Presigned upload links for an album's logo watermark (POST .../watermark-logo), and the
  # HEAD (allowed by GetObject) that checks an uploaded logo exists before an album uses it.
  statement {
    sid       = "UploadWatermarkLogos"
    actions   = ["s3:PutObject", "s3:GetObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/watermarks/*"]
  }

  # PutItem registers an album, Scan lists them for the studio.
  statement {
    sid       = "ManageAlbums"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:Scan"]
    resources = [aws_dynamodb_table.album.arn]
  }

  # Scan (here and on users): GET /admin/users lists every client with their albums.
  # UpdateItem: granting sets the permission and keeps the first granted_at (GrantRepository.grant);
  # DeleteItem revokes.
  statement {
    sid       = "ManageGrants"
    actions   = ["dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Scan"]
    resources = [aws_dynamodb_table.user_album.arn]
  }

  statement {
    sid       = "ManageUsers"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan"]
    resources = [aws_dynamodb_table.user.arn]
  }

  statement {
    sid       = "RequestBuilds"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.zip_generation.arn]
  }

  # Share links: made (PutItem), listed per album (Query on the table's key), changed and
  # revoked (UpdateItem; a revoked link stays, so its guests get "revoked", not "not found").
  statement {
    sid       = "ManageShareLinks"
    actions   = ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.share.arn]
  }

  # Each person's favourites of an album (Query on the table's key) and reopening a submitted
  # selection (UpdateItem). A guest's link label comes from the share table's reads above.
  statement {
    sid       = "ReadFavouritesReopenSelections"
    actions   = ["dynamodb:Query", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.favourite.arn]
  }

  # The studio's deliveries view: an album's deliveries, Query on the table's key.
  statement {
    sid       = "ReadDeliveries"
    actions   = ["dynamodb:Query"]
    resources = [aws_dynamodb_table.delivery.arn]
  }

  # A share link sent from the studio queues its mail (conditional PutItem) after reading the
  # recipient's opt-out (GetItem).
  statement {
    sid       = "QueueShareMail"
    actions   = ["dynamodb:PutItem", "dynamodb:GetItem"]
    resources = [aws_dynamodb_table.mail.arn]
  }

  # Clients only: the admin group's members are added by hand (docs/deploy.md, step 5).
  statement {
    sid       = "InviteClients"
    actions   = ["cognito-idp:AdminCreateUser"]
    resources = [aws_cognito_user_pool.clients.arn]
  }
}

resource "aws_iam_role_policy" "admin_api" {
  name   = "admin-api"
  role   = aws_iam_role.admin_api.id
  policy = data.aws_iam_policy_document.admin_api.json
}

# --- Maintenance: clean archives, render previews, re-queue stale albums -------------------

resource "aws_iam_role" "maintenance" {
  name               = "${var.project_name}-maintenance"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

data "aws_iam_policy_document" "maintenance" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.maintenance.arn}:*"]
  }

  statement {
    sid       = "ListAlbumContent"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.client_albums.arn]
  }

  # Finds archive uploads a dead generator left behind.
  statement {
    sid       = "FindAbandonedUploads"
    actions   = ["s3:ListBucketMultipartUploads"]
    resources = [aws_s3_bucket.client_albums.arn]
  }

  # Superseded archives with their manifests and checkpoints, sidecars left without their
  # archive, and archive uploads no build will continue.
  statement {
    sid       = "DeleteSupersededArchives"
    actions   = ["s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = ["${aws_s3_bucket.client_albums.arn}/zips/*"]
  }

  statement {
    sid       = "ReadAlbumPhotos"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/albums/*"]
  }

  # Missing previews and web-size renditions made (HEAD to skip current ones), those of
  # deleted photos removed.
  statement {
    sid       = "WritePreviews"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/previews/*"]
  }

  # The arrival check (previews/…/job/Quarantine.java): a file whose bytes are active content
  # (SVG, HTML, a script) is copied to quarantine/ and only then deleted from its album.
  statement {
    sid       = "QuarantineActiveContent"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/quarantine/*"]
  }

  statement {
    sid       = "MoveActiveContentOutOfAlbums"
    actions   = ["s3:DeleteObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/albums/*"]
  }

  # An album's logo watermark, drawn on the web-size renditions maintenance makes.
  statement {
    sid       = "ReadWatermarkLogos"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/watermarks/*"]
  }

  # GetItem: an album is read again just before its superseded archives are deleted, so a
  # part a new build has just planned to keep is not taken for superseded.
  statement {
    sid       = "SweepAlbumState"
    actions   = ["dynamodb:Scan", "dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.album.arn]
  }

  # Favourites archives are never rebuilt by maintenance: their records are swept (Scan), and
  # one whose last build is 30 days old is read again (GetItem) and deleted (DeleteItem); its
  # archives are then unowned and deleted as such. UpdateItem: the record's archive state, which
  # maintenance keeps as it keeps an album's.
  statement {
    sid       = "SweepSelectionArchives"
    actions   = ["dynamodb:Scan", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.selection_archive.arn]
  }

  statement {
    sid       = "RequeueAlbums"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.zip_generation.arn]
  }

  # --- The deliveries run: access logs, receipts, e-mail ---

  # The bytes served recorded on each delivery (GetItem, then an UpdateItem conditioned on its
  # version); an album's deliveries (Query) for its receipts. The client API makes every
  # delivery record when it hands out a link, so never PutItem.
  statement {
    sid       = "RecordBytesServed"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query"]
    resources = [aws_dynamodb_table.delivery.arn]
  }

  statement {
    sid       = "ListAccessLogs"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.access_logs.arn]
  }

  # A log file is read, then moved to processed/ (CopyObject reads with GetObject and writes
  # with PutObject) and deleted from where it was delivered. Processed logs are only written:
  # they are the proof, kept for access_log_retention_days by the bucket's lifecycle.
  statement {
    sid     = "ReadNewAccessLogs"
    actions = ["s3:GetObject", "s3:DeleteObject"]
    resources = [
      "${aws_s3_bucket.access_logs.arn}/cloudfront/*",
      "${aws_s3_bucket.access_logs.arn}/s3/*",
    ]
  }

  statement {
    sid       = "KeepProcessedAccessLogs"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.access_logs.arn}/processed/*"]
  }

  # A complete delivery's receipts: each archive part read once (SHA-256, entries' CRC-32), its
  # receipt written under receipts/, where it outlives the archive (the client's proof).
  statement {
    sid       = "ReadArchivesForReceipts"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/zips/*"]
  }

  statement {
    sid       = "WriteReceipts"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.client_albums.arn}/receipts/*"]
  }

  # The outbox: due mail found on the sparse queued-index (below), each mail read, marked sent,
  # retried or failed (UpdateItem), notices and reminders queued once (conditional PutItem),
  # opt-outs read (GetItem).
  statement {
    sid       = "SendQueuedMail"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.mail.arn]
  }

  statement {
    sid       = "FindDueMail"
    actions   = ["dynamodb:Query"]
    resources = ["${aws_dynamodb_table.mail.arn}/index/queued-index"]
  }

  # Who is told an album is ready: its granted clients (the grants' album index, whose items
  # carry each client's address), and the addresses its share links were sent to (an album's
  # links, Query on the share table's key).
  statement {
    sid       = "FindAlbumRecipients"
    actions   = ["dynamodb:Query"]
    resources = ["${aws_dynamodb_table.user_album.arn}/index/album_id-index", aws_dynamodb_table.share.arn]
  }

  # Opt-out links in each mail are tokens signed with the guest-session key (sharing.tf).
  statement {
    sid       = "ReadGuestSessionKey"
    actions   = ["ssm:GetParameter"]
    resources = [aws_ssm_parameter.guest_session_key.arn]
  }

  # SES v2 SendEmail, authorized on the identity mail is sent from and, when one is used, on
  # the configuration set; only when mail is sent through SES.
  dynamic "statement" {
    for_each = local.sends_mail ? [1] : []

    content {
      sid       = "SendMailFromIdentity"
      actions   = ["ses:SendEmail"]
      resources = [local.ses_identity_arn]
    }
  }

  dynamic "statement" {
    for_each = local.sends_mail && var.ses_configuration_set != "" ? [1] : []

    content {
      sid       = "SendMailWithConfigurationSet"
      actions   = ["ses:SendEmail"]
      resources = [local.ses_configuration_set_arn]
    }
  }

  # Mail through SES needs an identity to send from and a From address of it: refuse the plan
  # rather than deploy a maintenance function whose every send fails.
  lifecycle {
    precondition {
      condition     = var.mail_transport != "ses" || (var.ses_identity != "" && var.mail_from != "")
      error_message = "mail_transport = \"ses\" needs ses_identity (a verified domain or address) and mail_from (an address of it)."
    }
  }
}

resource "aws_iam_role_policy" "maintenance" {
  name   = "maintenance"
  role   = aws_iam_role.maintenance.id
  policy = data.aws_iam_policy_document.maintenance.json
}

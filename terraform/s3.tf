# The client-albums bucket, laid out as in the plan:
#   albums/{album_id}/photos/...       originals (uploaded by scripts/upload-album.sh or the browser)
#   previews/{album_id}/...            thumbnails and previews: the generator on photo events, maintenance fills gaps
#   previews/{album_id}/web/...        web-size renditions, made with the previews (and by a build that finds one stale)
#   zips/{album_id}/{fingerprint}.zip  archives (originals and web size): a disposable cache, rebuilt on demand
#   watermarks/{album_id}/{sha256}.png logos the studio uploads for an album's watermark
#   receipts/{album_id}/{fingerprint}.json  a client's receipt of an archive part (docs/delivery.md): kept

resource "aws_s3_bucket" "client_albums" {
  bucket = "${var.project_name}-client-albums"

  # Never delete clients' photos as a side effect of `terraform destroy`: empty the bucket first.
  force_destroy = false

  tags = {
    Name = "${var.project_name}-client-albums"
  }
}

# Versioning makes a mistaken delete or overwrite of an original recoverable: a DELETE leaves a
# delete marker over the photo, a PUT over it keeps the old version, and scripts/restore-album.sh
# brings either back. The lifecycle below bounds what that keeps (docs/storage.md, "Versions").
resource "aws_s3_bucket_versioning" "client_albums" {
  bucket = aws_s3_bucket.client_albums.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "client_albums" {
  bucket = aws_s3_bucket.client_albums.id

  # Everything is served through presigned links; nothing in this bucket is ever public.
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "client_albums" {
  bucket = aws_s3_bucket.client_albums.id

  # ACLs disabled: the bucket owner owns every object, whoever uploaded it.
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "client_albums" {
  bucket = aws_s3_bucket.client_albums.id

  # SSE-S3: encrypted at rest at no cost, and presigned GETs keep working without KMS grants.
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

data "aws_iam_policy_document" "client_albums_bucket" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.client_albums.arn,
      "${aws_s3_bucket.client_albums.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  statement {
    sid     = "DenyOutdatedTls"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.client_albums.arn,
      "${aws_s3_bucket.client_albums.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "NumericLessThan"
      variable = "s3:TlsVersion"
      values   = ["1.2"]
    }
  }

  # The downloads distribution (delivery.tf) reads, through its origin access control, what
  # download links point at and nothing else: archives, photos, and web-size renditions (one
  # photo's web-size download). Not thumbnails or previews, which stay presigned S3 links.
  dynamic "statement" {
    for_each = local.cloudfront_downloads ? [1] : []

    content {
      sid     = "AllowDownloadsDistributionRead"
      effect  = "Allow"
      actions = ["s3:GetObject"]
      resources = [
        "${aws_s3_bucket.client_albums.arn}/zips/*",
        "${aws_s3_bucket.client_albums.arn}/albums/*/photos/*",
        "${aws_s3_bucket.client_albums.arn}/previews/*/web/*",
      ]

      principals {
        type        = "Service"
        identifiers = ["cloudfront.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "AWS:SourceArn"
        values   = [aws_cloudfront_distribution.downloads[0].arn]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "client_albums" {
  bucket = aws_s3_bucket.client_albums.id
  policy = data.aws_iam_policy_document.client_albums_bucket.json

  # S3 rejects a policy while the public access block is still being applied.
  depends_on = [aws_s3_bucket_public_access_block.client_albums]
}

resource "aws_s3_bucket_cors_configuration" "client_albums" {
  bucket = aws_s3_bucket.client_albums.id

  # The portal uploads photos (presigned PUT) and fetches previews, photos and archives
  # (presigned GET) straight from S3; ETag is exposed so multipart uploads can complete.
  cors_rule {
    allowed_methods = ["GET", "HEAD", "PUT"]
    allowed_origins = local.cors_allowed_origins
    allowed_headers = ["*"]
    expose_headers  = ["ETag", "Content-Length", "Content-Type", "Content-Disposition"]
    max_age_seconds = 3600
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "client_albums" {
  bucket = aws_s3_bucket.client_albums.id

  # Interrupted uploads (photos or archives) would otherwise be stored, and billed, forever.
  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {
      prefix = ""
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  # Archives are a cache: rebuilding one costs far less than storing it for months.
  rule {
    id     = "expire-archives"
    status = "Enabled"

    filter {
      prefix = "zips/"
    }

    expiration {
      days = var.archive_expiry_days
    }

    # With versioning an expiry or maintenance's delete only hides an archive behind a delete
    # marker; its bytes go a day later (S3's minimum). An archive is rebuilt, never restored.
    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }

  # Previews are remade from the photo on its next event or by maintenance: nothing to recover.
  rule {
    id     = "expire-noncurrent-previews"
    status = "Enabled"

    filter {
      prefix = "previews/"
    }

    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }

  # A logo is named for its bytes, so a new logo is a new key and an old one is never
  # overwritten; a deleted one is re-uploaded from the studio, not restored.
  rule {
    id     = "expire-noncurrent-watermarks"
    status = "Enabled"

    filter {
      prefix = "watermarks/"
    }

    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }

  # A receipt is written once per part; one written again (a new receipt format) leaves nothing
  # worth keeping behind. Receipts themselves never expire: they are the clients' proof.
  rule {
    id     = "expire-noncurrent-receipts"
    status = "Enabled"

    filter {
      prefix = "receipts/"
    }

    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }

  # A replaced or deleted original stays recoverable for photo_version_retention_days: long
  # enough to notice a mistaken `aws s3 sync --delete` after a wedding season's delivery, short
  # enough that the old bytes cost at most a month of storage (docs/cost.md).
  rule {
    id     = "expire-noncurrent-photos"
    status = "Enabled"

    filter {
      prefix = "albums/"
    }

    noncurrent_version_expiration {
      noncurrent_days = var.photo_version_retention_days
    }
  }

  # A delete marker left alone once the versions under it expired hides nothing and would stay
  # (and be listed by every ListObjectVersions) forever.
  rule {
    id     = "remove-expired-delete-markers"
    status = "Enabled"

    filter {
      prefix = ""
    }

    expiration {
      expired_object_delete_marker = true
    }
  }

  # scripts/upload-album.sh uploads straight into INTELLIGENT_TIERING; this catches photos
  # uploaded any other way (the browser, the console). Previews are small and kept as they are.
  rule {
    id     = "photos-to-intelligent-tiering"
    status = "Enabled"

    filter {
      prefix = "albums/"
    }

    transition {
      days          = 0
      storage_class = "INTELLIGENT_TIERING"
    }
  }

  # The noncurrent-version rules mean nothing until versioning is on.
  depends_on = [aws_s3_bucket_versioning.client_albums]
}

# The plan's Intelligent-Tiering configuration for albums/, corrected: ARCHIVE_INSTANT_ACCESS
# is automatic and cannot be configured; only the asynchronous archive tiers can. They are off
# by default because an archived photo must be restored (hours) before anyone can download it.
resource "aws_s3_bucket_intelligent_tiering_configuration" "client_albums_photos" {
  bucket = aws_s3_bucket.client_albums.id
  name   = "photos-tiering"
  status = var.photo_archive_tiers_enabled ? "Enabled" : "Disabled"

  filter {
    prefix = "albums/"
  }

  tiering {
    access_tier = "ARCHIVE_ACCESS"
    days        = var.photo_archive_access_days
  }

  tiering {
    access_tier = "DEEP_ARCHIVE_ACCESS"
    days        = var.photo_deep_archive_access_days
  }
}

# Photo changes wake the ZIP generator. Only albums/ is watched: events from zips/ or
# previews/ would make the generator react to its own (or maintenance's) writes.
# s3:ObjectRemoved:* covers s3:ObjectRemoved:DeleteMarkerCreated, what a DELETE makes in this
# versioned bucket, besides s3:ObjectRemoved:Delete (a version removed for good).
resource "aws_s3_bucket_notification" "client_albums" {
  bucket = aws_s3_bucket.client_albums.id

  queue {
    id            = "album-photo-changes"
    queue_arn     = aws_sqs_queue.zip_generation.arn
    events        = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]
    filter_prefix = "albums/"
  }

  # S3 sends a test message on creation and fails if the queue policy does not allow it yet.
  depends_on = [aws_sqs_queue_policy.zip_generation]
}

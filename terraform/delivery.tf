# Downloads, proof of delivery and e-mail (docs/delivery.md).

variable "download_links" {
  description = "DOWNLOAD_LINKS: cloudfront (signed URLs of the downloads distribution) or s3 (presigned S3 links, no distribution)."
  type        = string
  default     = "cloudfront"

  validation {
    condition     = contains(["cloudfront", "s3"], var.download_links)
    error_message = "download_links must be cloudfront or s3."
  }
}

variable "mail_transport" {
  description = "MAIL_TRANSPORT: ses to send e-mail through SES v2 from ses_identity, or none."
  type        = string
  default     = "none"

  validation {
    condition     = contains(["none", "ses"], var.mail_transport)
    error_message = "mail_transport must be none or ses."
  }
}

variable "ses_identity" {
  description = "The SES identity (a verified domain or address) e-mail is sent from; empty: no e-mail is sent (MAIL_TRANSPORT none)."
  type        = string
  default     = ""
}

variable "mail_from" {
  description = "MAIL_FROM: the From of e-mail, an address of ses_identity, e.g. 'Katelynn Photography <albums@example.com>'."
  type        = string
  default     = ""
}

variable "ses_configuration_set" {
  description = "SES_CONFIGURATION_SET: an existing configuration set to send with; empty: none."
  type        = string
  default     = ""
}

variable "studio_name" {
  description = "STUDIO_NAME: the studio's name in e-mail."
  type        = string
  default     = "Client albums"
}

variable "mail_settle_seconds" {
  description = "MAIL_SETTLE_SECONDS: how long an album stays ready and unchanged before its clients are e-mailed."
  type        = number
  default     = 600
}

variable "expiry_reminder_days" {
  description = "EXPIRY_REMINDER_DAYS: days before a gallery expires that its clients are reminded; 0 for none."
  type        = number
  default     = 7
}

variable "download_price_class" {
  description = "Price class of the downloads distribution: PriceClass_100 (North America and Europe edges, the cheapest), PriceClass_200 or PriceClass_All."
  type        = string
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.download_price_class)
    error_message = "download_price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "deliveries_schedule" {
  description = "How often maintenance's deliveries run reads new access logs, writes receipts and sends queued e-mail."
  type        = string
  default     = "rate(5 minutes)"
}

variable "access_log_retention_days" {
  description = "Days processed access logs are kept: the raw proof behind each delivery. 400, a year and a month, so the proof outlives a dispute about last season's wedding."
  type        = number
  default     = 400

  validation {
    condition     = var.access_log_retention_days >= 31
    error_message = "access_log_retention_days must be at least 31: the proof must outlive a download link by far."
  }
}

locals {
  cloudfront_downloads = var.download_links == "cloudfront"
  sends_mail           = var.mail_transport == "ses"

  # What the client API signs links with (lambda.tf): the distribution's domain, the public
  # key's id and where the private key is; empty when links are S3's.
  download_domain      = local.cloudfront_downloads ? aws_cloudfront_distribution.downloads[0].domain_name : ""
  download_key_pair_id = local.cloudfront_downloads ? aws_cloudfront_public_key.downloads[0].id : ""
  download_key_source  = local.cloudfront_downloads ? "ssm:${aws_ssm_parameter.cloudfront_download_key[0].name}" : ""

  access_log_bucket = aws_s3_bucket.access_logs.bucket

  # SES authorizes SendEmail on the identity and, when one is used, the configuration set.
  ses_identity_arn          = "arn:aws:ses:${var.aws_region}:${local.account_id}:identity/${var.ses_identity}"
  ses_configuration_set_arn = "arn:aws:ses:${var.aws_region}:${local.account_id}:configuration-set/${var.ses_configuration_set}"
}

# --- The downloads distribution ------------------------------------------------------------
# Archive parts and photos are downloaded through CloudFront rather than straight from S3:
# its first terabyte a month is free (S3's egress is not), and its standard logs record the
# byte range and bytes of every answer, the proof of delivery (docs/delivery.md). Links are
# signed URLs (common/…/http/CloudFrontDownloadLinks.java) made with the private key below.

# The signing key, made here, never typed in or committed. Like the guest-session key it is
# in the Terraform state, which must stay private (docs/deploy.md). Replacing it
# (terraform apply -replace='tls_private_key.downloads[0]') ends every link handed out.
resource "tls_private_key" "downloads" {
  count     = local.cloudfront_downloads ? 1 : 0
  algorithm = "RSA"
  rsa_bits  = 2048 # CloudFront takes RSA 2048 (or ECDSA 256) public keys
}

resource "aws_cloudfront_public_key" "downloads" {
  count       = local.cloudfront_downloads ? 1 : 0
  name        = "${var.project_name}-downloads"
  comment     = "Verifies the client API's signed download links."
  encoded_key = tls_private_key.downloads[0].public_key_pem
}

resource "aws_cloudfront_key_group" "downloads" {
  count   = local.cloudfront_downloads ? 1 : 0
  name    = "${var.project_name}-downloads"
  comment = "The keys whose signed URLs the downloads distribution accepts."
  items   = [aws_cloudfront_public_key.downloads[0].id]
}

# The private key as a standard-tier SecureString under the AWS-managed aws/ssm key, as the
# guest-session key (sharing.tf): the client API reads it once per container
# (CLOUDFRONT_KEY_SOURCE) with ssm:GetParameter and no KMS grant of its own (iam.tf).
resource "aws_ssm_parameter" "cloudfront_download_key" {
  count       = local.cloudfront_downloads ? 1 : 0
  name        = "/${var.project_name}/cloudfront-download-key"
  description = "PEM private key signing download links of the downloads distribution (client API, CLOUDFRONT_KEY_SOURCE)."
  type        = "SecureString"
  tier        = "Standard"
  value       = tls_private_key.downloads[0].private_key_pem

  tags = {
    Name = "${var.project_name}-cloudfront-download-key"
  }
}

resource "aws_cloudfront_origin_access_control" "downloads" {
  count                             = local.cloudfront_downloads ? 1 : 0
  name                              = "${var.project_name}-downloads"
  description                       = "CloudFront reads archives and photos from the albums bucket."
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# S3 names the file and its type from these two query strings (a download keeps its name);
# S3 honours them only on signed requests, which OAC's are. Nothing else reaches S3: not
# x-delivery (CloudFront logs it), no cookie, no header. Range is forwarded for S3 origins
# whatever the policy says, so resumed downloads work.
resource "aws_cloudfront_origin_request_policy" "downloads" {
  count   = local.cloudfront_downloads ? 1 : 0
  name    = "${var.project_name}-downloads"
  comment = "Forward S3's response-content-disposition and response-content-type, nothing else."

  cookies_config {
    cookie_behavior = "none"
  }

  headers_config {
    header_behavior = "none"
  }

  query_strings_config {
    query_string_behavior = "whitelist"

    query_strings {
      items = ["response-content-disposition", "response-content-type"]
    }
  }
}

resource "aws_cloudfront_distribution" "downloads" {
  count           = local.cloudfront_downloads ? 1 : 0
  enabled         = true
  comment         = "${var.project_name} downloads: archives and photos, signed URLs only"
  price_class     = var.download_price_class
  http_version    = "http2and3"
  is_ipv6_enabled = true

  origin {
    origin_id                = "albums-bucket"
    domain_name              = aws_s3_bucket.client_albums.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.downloads[0].id
  }

  default_cache_behavior {
    target_origin_id       = "albums-bucket"
    viewer_protocol_policy = "https-only"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    # Archives and photos do not compress, and a compressed answer's bytes would not be the
    # object's: the logs' ranges must count the object's bytes.
    compress = false

    # Only URLs signed with the key group's keys are answered; anything else is 403.
    trusted_key_groups = [aws_cloudfront_key_group.downloads[0].id]

    # AWS managed "CachingDisabled": every link is one person's, for a few hours; caching
    # would serve nobody and would keep bytes the logs must see go to the viewer.
    cache_policy_id          = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
    origin_request_policy_id = aws_cloudfront_origin_request_policy.downloads[0].id
  }

  # Standard (legacy) logs: gzipped W3C lines with sc-range-start/end and sc-bytes per
  # answer, delivered to the access-log bucket within the hour (maintenance reads them).
  logging_config {
    bucket          = aws_s3_bucket.access_logs.bucket_domain_name
    prefix          = "cloudfront/"
    include_cookies = false
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }

  tags = {
    Name = "${var.project_name}-downloads"
  }

  # CloudFront checks, when logging is turned on, that it may write to the bucket.
  depends_on = [aws_s3_bucket_acl.access_logs]
}

# --- Access logs -----------------------------------------------------------------------------
# cloudfront/ the distribution's standard logs, s3/ the albums bucket's server access logs
# (when links are S3's); maintenance moves each file it has read to processed/{its key}.

resource "aws_s3_bucket" "access_logs" {
  bucket = "${var.project_name}-access-logs"

  # Logs are proof, not a cache: `terraform destroy` must not take them silently.
  force_destroy = false

  tags = {
    Name = "${var.project_name}-access-logs"
  }
}

resource "aws_s3_bucket_public_access_block" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# The one bucket with ACLs: CloudFront's standard logs are written by its log-delivery
# account under an ACL grant (FULL_CONTROL for awslogsdelivery), which a bucket with ACLs
# disabled (BucketOwnerEnforced) cannot give. BucketOwnerPreferred still makes the bucket
# owner own the log files written with bucket-owner-full-control.
resource "aws_s3_bucket_ownership_controls" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

data "aws_canonical_user_id" "current" {}

resource "aws_s3_bucket_acl" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  access_control_policy {
    owner {
      id = data.aws_canonical_user_id.current.id
    }

    grant {
      permission = "FULL_CONTROL"

      grantee {
        type = "CanonicalUser"
        id   = data.aws_canonical_user_id.current.id
      }
    }

    # awslogsdelivery: the account CloudFront delivers standard logs from (all partitions but China).
    grant {
      permission = "FULL_CONTROL"

      grantee {
        type = "CanonicalUser"
        id   = "c4c1ede66af53448b93c283ce9448c4ba468c9432aa01d700d3878632f77d2d0"
      }
    }
  }

  depends_on = [aws_s3_bucket_ownership_controls.access_logs]
}

# SSE-S3: CloudFront's log delivery cannot write to a bucket encrypted with SSE-KMS.
resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  # Files maintenance has not read within a month are a backlog nobody will read: a
  # deliveries run every few minutes moves what it reads to processed/.
  rule {
    id     = "expire-unprocessed-cloudfront-logs"
    status = "Enabled"

    filter {
      prefix = "cloudfront/"
    }

    expiration {
      days = 30
    }
  }

  rule {
    id     = "expire-unprocessed-s3-logs"
    status = "Enabled"

    filter {
      prefix = "s3/"
    }

    expiration {
      days = 30
    }
  }

  # The proof behind each delivery, kept long enough to outlive a dispute.
  rule {
    id     = "expire-processed-logs"
    status = "Enabled"

    filter {
      prefix = "processed/"
    }

    expiration {
      days = var.access_log_retention_days
    }
  }
}

data "aws_iam_policy_document" "access_logs_bucket" {
  # S3 server access logs of the albums bucket (only written when links are S3's): the logging
  # service may write under s3/, for that bucket of this account only.
  statement {
    sid       = "AllowAlbumsBucketServerAccessLogs"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.access_logs.arn}/s3/*"]

    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [aws_s3_bucket.client_albums.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.access_logs.arn,
      "${aws_s3_bucket.access_logs.arn}/*",
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
}

resource "aws_s3_bucket_policy" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  policy = data.aws_iam_policy_document.access_logs_bucket.json

  depends_on = [aws_s3_bucket_public_access_block.access_logs]
}

# S3's own access logs of the albums bucket, the proof of delivery when links are presigned
# S3 links (no distribution): one line per request, with its x-delivery and bytes sent.
resource "aws_s3_bucket_logging" "client_albums" {
  count         = local.cloudfront_downloads ? 0 : 1
  bucket        = aws_s3_bucket.client_albums.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "s3/"

  depends_on = [aws_s3_bucket_policy.access_logs]
}

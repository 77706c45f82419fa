# Hosting of the static front end (frontend/dist): a private S3 bucket read only by a
# CloudFront distribution through origin access control (OAC). HTTPS only.
# docs/deploy.md shows the upload (aws s3 sync) and the config.json it needs.

resource "aws_s3_bucket" "frontend" {
  bucket = "${var.project_name}-portal-site"

  # Only build output lives here; `terraform destroy` may empty it.
  force_destroy = true

  tags = {
    Name = "${var.project_name}-portal-site"
  }
}

resource "aws_s3_bucket_public_access_block" "frontend" {
  bucket = aws_s3_bucket.frontend.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "frontend" {
  bucket = aws_s3_bucket.frontend.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "frontend" {
  bucket = aws_s3_bucket.frontend.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_cloudfront_origin_access_control" "frontend" {
  name                              = "${var.project_name}-portal-site"
  description                       = "CloudFront reads the portal's static files from S3."
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# Astro builds one folder per page (/albums/index.html); S3 behind OAC has no index
# documents, so the edge adds "index.html" to folder-style paths. A share link,
# /s/{token}, is one page for every token: the page reads the token from the address.
resource "aws_cloudfront_function" "frontend_index" {
  name    = "${var.project_name}-portal-index"
  runtime = "cloudfront-js-2.0"
  comment = "Serve /path/index.html for /path and /path/, and /s/index.html for every share link /s/{token}."
  publish = true
  code    = <<-EOT
    function handler(event) {
      var request = event.request;
      var uri = request.uri;
      if (uri.startsWith('/s/')) {
        request.uri = '/s/index.html';
      } else if (uri.endsWith('/')) {
        request.uri = uri + 'index.html';
      } else if (uri.split('/').pop().indexOf('.') === -1) {
        request.uri = uri + '/index.html';
      }
      return request;
    }
  EOT
}

resource "aws_cloudfront_distribution" "frontend" {
  enabled             = true
  comment             = "${var.project_name} client portal"
  default_root_object = "index.html"
  aliases             = var.frontend_aliases
  price_class         = "PriceClass_100" # North America and Europe edges: the cheapest class
  http_version        = "http2and3"
  is_ipv6_enabled     = true

  origin {
    origin_id                = "portal-site"
    domain_name              = aws_s3_bucket.frontend.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.frontend.id
  }

  default_cache_behavior {
    target_origin_id       = "portal-site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    compress               = true

    # AWS managed policies: "CachingOptimized" and "SecurityHeadersPolicy" (HSTS, nosniff,
    # frame options, referrer policy). The CSP itself is in each page.
    cache_policy_id            = "658327ea-f89d-4fab-a63d-7e88639e58f6"
    response_headers_policy_id = "67f7725c-6f97-4210-82d7-5512b31e9d03"

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.frontend_index.arn
    }
  }

  # Without s3:ListBucket, S3 answers 403 for a missing file: show the home page with a 404.
  custom_error_response {
    error_code            = 403
    response_code         = 404
    response_page_path    = "/index.html"
    error_caching_min_ttl = 60
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = var.frontend_certificate_arn == ""
    acm_certificate_arn            = var.frontend_certificate_arn == "" ? null : var.frontend_certificate_arn
    ssl_support_method             = var.frontend_certificate_arn == "" ? null : "sni-only"
    minimum_protocol_version       = var.frontend_certificate_arn == "" ? "TLSv1" : "TLSv1.2_2021"
  }

  tags = {
    Name = "${var.project_name}-portal"
  }
}

data "aws_iam_policy_document" "frontend_bucket" {
  # Only this distribution may read, and only objects (no listing).
  statement {
    sid       = "AllowPortalDistributionRead"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.frontend.arn}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.frontend.arn]
    }
  }

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.frontend.arn,
      "${aws_s3_bucket.frontend.arn}/*",
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

resource "aws_s3_bucket_policy" "frontend" {
  bucket = aws_s3_bucket.frontend.id
  policy = data.aws_iam_policy_document.frontend_bucket.json

  depends_on = [aws_s3_bucket_public_access_block.frontend]
}

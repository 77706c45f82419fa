# Inputs. Every default is the safe, low-cost choice; terraform.tfvars.example shows a typical file.

# --- Naming and placement ---------------------------------------------------------------

variable "project_name" {
  description = "Prefix of every resource name. Keep the plan's value to adopt an existing deployment (same bucket and table names)."
  type        = string
  default     = "katelynns-photography"

  validation {
    # Bucket names allow 63 characters; the longest suffix used is "-client-albums" (14).
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,40}[a-z0-9]$", var.project_name))
    error_message = "project_name: 3-42 lowercase letters, digits and hyphens (it becomes part of S3 bucket names)."
  }
}

variable "stage" {
  description = "Deployment stage. \"prod\" turns on deletion protection for the tables and the user pool."
  type        = string
  default     = "prod"

  validation {
    condition     = contains(["dev", "test", "staging", "prod"], var.stage)
    error_message = "stage must be one of dev, test, staging, prod."
  }
}

variable "aws_region" {
  description = "AWS region of the whole deployment (the plan's region is us-east-2, Ohio)."
  type        = string
  default     = "us-east-2"
}

variable "admin_email" {
  description = "The photographer's e-mail address: the first admin, also passed to the APIs as ADMIN_EMAIL."
  type        = string

  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.admin_email))
    error_message = "admin_email must be an e-mail address."
  }
}

variable "alarm_email" {
  description = "Where CloudWatch alarms are e-mailed (an SNS subscription that must be confirmed). Empty: alarms only show in the console."
  type        = string
  default     = ""
}

# --- Front end origins --------------------------------------------------------------------

variable "frontend_aliases" {
  description = "Custom domain names of the portal (e.g. [\"portal.example.com\"]). Needs frontend_certificate_arn. Empty: the CloudFront domain only."
  type        = list(string)
  default     = []
}

variable "frontend_certificate_arn" {
  description = "ACM certificate in us-east-1 covering frontend_aliases (CloudFront only reads certificates from us-east-1)."
  type        = string
  default     = ""
}

variable "cors_allowed_origins" {
  description = "Extra browser origins allowed to call the API and to upload/download from the bucket, e.g. http://localhost:4321 for front-end development. The CloudFront origin and frontend_aliases are always allowed."
  type        = list(string)
  default     = []
}

# --- Storage ----------------------------------------------------------------------------

variable "archive_expiry_days" {
  description = "Days after which a ZIP archive under zips/ is deleted. Archives are a cache: a later click rebuilds one in about a minute."
  type        = number
  default     = 30

  validation {
    condition     = var.archive_expiry_days >= 1
    error_message = "archive_expiry_days must be at least 1."
  }
}

variable "photo_version_retention_days" {
  description = "Days a replaced or deleted photo under albums/ stays recoverable (scripts/restore-album.sh) before S3 removes its old version for good. Archives and previews keep no old versions."
  type        = number
  default     = 30

  validation {
    condition     = var.photo_version_retention_days >= 1
    error_message = "photo_version_retention_days must be at least 1 (S3's smallest noncurrent-version expiry)."
  }
}

variable "photo_archive_tiers_enabled" {
  description = "Turn on Intelligent-Tiering's asynchronous Archive Access / Deep Archive Access tiers for albums/. Off by default: archived photos must be restored (hours) before a client can download them or an archive can be built."
  type        = bool
  default     = false
}

variable "photo_archive_access_days" {
  description = "Days without access before a photo moves to Archive Access (90-730), when photo_archive_tiers_enabled."
  type        = number
  default     = 180

  validation {
    condition     = var.photo_archive_access_days >= 90 && var.photo_archive_access_days <= 730
    error_message = "photo_archive_access_days must be between 90 and 730."
  }
}

variable "photo_deep_archive_access_days" {
  description = "Days without access before a photo moves to Deep Archive Access (180-730), when photo_archive_tiers_enabled."
  type        = number
  default     = 365

  validation {
    condition     = var.photo_deep_archive_access_days >= 180 && var.photo_deep_archive_access_days <= 730
    error_message = "photo_deep_archive_access_days must be between 180 and 730."
  }
}

# --- Functions --------------------------------------------------------------------------

variable "lambda_architecture" {
  description = "CPU architecture of all four functions. arm64 (Graviton) is about 20% cheaper per GB-second; the JARs are pure Java."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.lambda_architecture)
    error_message = "lambda_architecture must be arm64 or x86_64."
  }
}

variable "generator_memory_mb" {
  description = "Memory of the ZIP generator. 1769 MB is one full vCPU, which the archive-engine benchmark needs to stream at network speed; memory use itself is bounded by zip_memory_budget_mb."
  type        = number
  default     = 1769

  validation {
    condition     = var.generator_memory_mb >= 1024 && var.generator_memory_mb <= 10240
    error_message = "generator_memory_mb must be between 1024 and 10240."
  }
}

variable "generator_timeout_seconds" {
  description = "Timeout of the ZIP generator (Lambda's maximum, 900 s, by default). The queue's visibility timeout is six times this."
  type        = number
  default     = 900

  validation {
    condition     = var.generator_timeout_seconds >= 60 && var.generator_timeout_seconds <= 900
    error_message = "generator_timeout_seconds must be between 60 and 900."
  }
}

variable "generator_reserved_concurrency" {
  description = "Most generator invocations at once, each building one archive part or handling photo events: room for two albums at zip_parallel_parts each and a little more. Caps the load on S3 (not the cost: parallel parts spend the same GB-seconds); also the SQS event source's maximum concurrency. Must exceed zip_parallel_parts."
  type        = number
  default     = 10

  validation {
    condition     = var.generator_reserved_concurrency >= 2 && var.generator_reserved_concurrency <= 100
    error_message = "generator_reserved_concurrency must be between 2 and 100."
  }
}

variable "api_memory_mb" {
  description = "Memory of the client and admin API functions (more memory also means more CPU for the first request after a SnapStart restore)."
  type        = number
  default     = 1024
}

variable "maintenance_memory_mb" {
  description = "Memory of the daily maintenance function (it also renders previews)."
  type        = number
  default     = 1024
}

variable "maintenance_schedule" {
  description = "EventBridge schedule expression of the maintenance run."
  type        = string
  default     = "rate(1 day)"
}

variable "log_retention_days" {
  description = "Retention of every log group (functions and API access logs)."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

# --- Settings passed to the code (defaults equal the code's own defaults; a test checks) ---

# Links handed to clients live minutes: the portal asks for a new one whenever it needs one,
# S3 checks a link only when a download starts (a long download runs on), and a revoked client
# keeps nothing that works for longer than this (docs/security.md).
variable "presigned_url_expiry_seconds" {
  description = "PRESIGNED_URL_EXPIRY: lifetime of one-photo, view and preview links."
  type        = number
  default     = 600
}

variable "zip_url_expiry_seconds" {
  description = "ZIP_URL_EXPIRY: lifetime of archive links (capped by the signing credentials' life)."
  type        = number
  default     = 600
}

variable "upload_url_expiry_seconds" {
  description = "UPLOAD_URL_EXPIRY: lifetime of the studio's upload links (asked for 50 files at a time)."
  type        = number
  default     = 3600
}

variable "zip_fetch_concurrency" {
  description = "ZIP_FETCH_CONCURRENCY: photos fetched from S3 at once while building an archive."
  type        = number
  default     = 8
}

variable "zip_part_size_mb" {
  description = "ZIP_PART_SIZE_MB: multipart upload part size of archives, in MiB (5-512)."
  type        = number
  default     = 16

  validation {
    condition     = var.zip_part_size_mb >= 5 && var.zip_part_size_mb <= 512
    error_message = "zip_part_size_mb must be between 5 and 512."
  }
}

variable "zip_split_size_mb" {
  description = "ZIP_SPLIT_SIZE_MB: largest archive part a client downloads, in MiB; 0 means one archive per album."
  type        = number
  default     = 4096

  validation {
    condition     = var.zip_split_size_mb == 0 || var.zip_split_size_mb >= 5
    error_message = "zip_split_size_mb must be 0 (one archive) or at least 5."
  }
}

variable "zip_parallel_parts" {
  description = "ZIP_PARALLEL_PARTS: archive parts of one album built at once, each by its own generator invocation."
  type        = number
  default     = 4

  validation {
    condition     = var.zip_parallel_parts >= 1 && var.zip_parallel_parts <= 32
    error_message = "zip_parallel_parts must be between 1 and 32."
  }
}

variable "zip_memory_budget_mb" {
  description = "ZIP_MEMORY_BUDGET_MB: upper bound on archive bytes one build holds in memory, in MiB."
  type        = number
  default     = 192
}

variable "zip_lease_seconds" {
  description = "ZIP_LEASE_SECONDS: a generator's lease on an album, renewed while it works."
  type        = number
  default     = 120
}

variable "zip_max_attempts" {
  description = "ZIP_MAX_ATTEMPTS: builds tried for one request before the album shows an error."
  type        = number
  default     = 3
}

variable "zip_quiet_seconds" {
  description = "ZIP_QUIET_SECONDS: quiet period after a photo change before a rebuild starts (debounce)."
  type        = number
  default     = 60
}

# Web-size photos (and the web-size archive) are made at this long edge; changing it makes
# every album's archive stale once, like a changed watermark (docs/sharing.md).
variable "web_size_px" {
  description = "WEB_SIZE_PX: long edge in pixels of web-size photos and their archive (640-4096)."
  type        = number
  default     = 2048

  validation {
    condition     = var.web_size_px >= 640 && var.web_size_px <= 4096
    error_message = "web_size_px must be between 640 and 4096."
  }
}

# How long a guest may browse after entering a share link's PIN before the link (and its
# PIN) is asked again; revoking a link ends its sessions at once whatever this is.
variable "guest_session_seconds" {
  description = "GUEST_SESSION_SECONDS: lifetime of a guest session made from a share link."
  type        = number
  default     = 3600

  validation {
    condition     = var.guest_session_seconds >= 300 && var.guest_session_seconds <= 86400
    error_message = "guest_session_seconds must be between 300 (5 minutes) and 86400 (a day)."
  }
}

# --- API and alarms -----------------------------------------------------------------------

variable "api_throttling_burst_limit" {
  description = "HTTP API burst limit (requests) for the whole stage."
  type        = number
  default     = 100
}

variable "api_throttling_rate_limit" {
  description = "HTTP API steady rate limit (requests per second) for the whole stage."
  type        = number
  default     = 50
}

variable "guest_session_throttling_burst_limit" {
  description = "Burst limit (requests) of POST /share/session, the route that trades a share link for a guest session, and of POST /share/visitor."
  type        = number
  default     = 20

  validation {
    condition     = var.guest_session_throttling_burst_limit >= 1
    error_message = "guest_session_throttling_burst_limit must be at least 1."
  }
}

variable "guest_session_throttling_rate_limit" {
  description = "Steady rate limit (requests per second) of POST /share/session and POST /share/visitor."
  type        = number
  default     = 10

  validation {
    condition     = var.guest_session_throttling_rate_limit > 0
    error_message = "guest_session_throttling_rate_limit must be above 0."
  }
}

variable "guest_view_throttling_burst_limit" {
  description = "Burst limit (requests) of each route a guest views, downloads and chooses favourites through (GET /albums/{album_id}, its /download and /favourites)."
  type        = number
  default     = 100

  validation {
    condition     = var.guest_view_throttling_burst_limit >= 1
    error_message = "guest_view_throttling_burst_limit must be at least 1."
  }
}

variable "guest_view_throttling_rate_limit" {
  description = "Steady rate limit (requests per second) of each route a guest views, downloads and chooses favourites through."
  type        = number
  default     = 50

  validation {
    condition     = var.guest_view_throttling_rate_limit > 0
    error_message = "guest_view_throttling_rate_limit must be above 0."
  }
}

variable "oldest_message_alarm_seconds" {
  description = "Alarm when the oldest message in the generation queue is older than this."
  type        = number
  default     = 3600
}

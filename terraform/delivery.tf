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

locals {
  cloudfront_downloads = var.download_links == "cloudfront"
  download_domain      = ""
  download_key_pair_id = ""
  download_key_source  = ""
  access_log_bucket    = "${var.project_name}-access-logs"
}

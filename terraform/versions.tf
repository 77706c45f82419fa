# Terraform and provider versions. Every resource, argument and attribute used here is checked
# against the AWS provider 6.25.0's own schema by the build (infra-tests/…/schema/SchemaCheck.java),
# so the constraint must admit 6.25.0; the upper bound keeps a future major release from
# surprising a deploy.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.31, < 7.0"
    }
    # The guest-session signing key (guests.tf) is made here, never typed in or committed.
    random = {
      source  = "hashicorp/random"
      version = ">= 3.5, < 4.0"
    }
    # The key pair that signs download links (delivery.tf), made here like the guest key.
    tls = {
      source  = "hashicorp/tls"
      version = ">= 4.0, < 5.0"
    }
  }

  # State is kept locally (terraform/terraform.tfstate) by default. To share it, add an
  # S3 backend here; docs/deploy.md shows how.
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Project     = var.project_name
      Environment = var.stage
      ManagedBy   = "terraform"
    }
  }
}

data "aws_caller_identity" "current" {}

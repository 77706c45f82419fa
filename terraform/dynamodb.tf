# Three tables with the plan's names and keys. On demand: a photographer's traffic is
# small and bursty, and on-demand costs nothing while idle. Point-in-time recovery on
# (35 days of restores); deletion protection on in production.

resource "aws_dynamodb_table" "album" {
  name                        = "${var.project_name}-album"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "album_id"
  deletion_protection_enabled = local.is_production

  attribute {
    name = "album_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = {
    Name = "${var.project_name}-album"
  }
}

resource "aws_dynamodb_table" "user" {
  name                        = "${var.project_name}-user"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "email"
  deletion_protection_enabled = local.is_production

  attribute {
    name = "email"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = {
    Name = "${var.project_name}-user"
  }
}

# Grants: which client sees which album. The index answers "who can see this album?"
# for the studio's album page without a scan.
resource "aws_dynamodb_table" "user_album" {
  name                        = "${var.project_name}-user-album"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "email"
  range_key                   = "album_id"
  deletion_protection_enabled = local.is_production

  attribute {
    name = "email"
    type = "S"
  }

  attribute {
    name = "album_id"
    type = "S"
  }

  global_secondary_index {
    name            = "album_id-index"
    hash_key        = "album_id"
    range_key       = "email"
    projection_type = "ALL"
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = {
    Name = "${var.project_name}-user-album"
  }
}

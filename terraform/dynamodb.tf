# The plan's three tables, the share links' table, and the favourites' two (docs/favourites.md). On demand: a photographer's traffic is
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

# Share links: an album's links under its id (the studio lists them with one Query). The
# token itself is never stored, only its SHA-256 (token_hash); the index finds the link a
# guest's token names. KEYS_ONLY: the lookup then reads the item by its key, so a revoke or a
# counted download is seen at once, never through the index's eventually consistent copy.
resource "aws_dynamodb_table" "share" {
  name                        = "${var.project_name}-share"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "album_id"
  range_key                   = "share_id"
  deletion_protection_enabled = local.is_production

  attribute {
    name = "album_id"
    type = "S"
  }

  attribute {
    name = "share_id"
    type = "S"
  }

  attribute {
    name = "token_hash"
    type = "S"
  }

  global_secondary_index {
    name            = "token_hash-index"
    hash_key        = "token_hash"
    projection_type = "KEYS_ONLY"
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = {
    Name = "${var.project_name}-share"
  }
}

# Favourites (and proofing selections): one item per album and person ("client:{email}" or
# "guest:{share_id}:{visitor_id}"), its photos a string set. Every change is one conditional
# UpdateItem on that item (ADD/DELETE on the set, conditions for the limit and the lock), so two
# tabs or two people never lose each other's changes; the studio reads an album's people with one
# Query on the table's key.
resource "aws_dynamodb_table" "favourite" {
  name                        = "${var.project_name}-favourite"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "album_id"
  range_key                   = "person_id"
  deletion_protection_enabled = local.is_production

  attribute {
    name = "album_id"
    type = "S"
  }

  attribute {
    name = "person_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = {
    Name = "${var.project_name}-favourite"
  }
}

# Favourites archives: one record per distinct selection of an album's photos, keyed by its
# content ("{album_id}.{hash of the sorted paths}"), with the album record's shape, so the
# generator claims, builds and publishes it as it does an album. Maintenance deletes a record
# (then its archives) 30 days after its last build.
resource "aws_dynamodb_table" "selection_archive" {
  name                        = "${var.project_name}-selection-archive"
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
    Name = "${var.project_name}-selection-archive"
  }
}

# Deliveries (docs/delivery.md): every download link handed out, and the bytes and ranges the
# access logs show were served on it. Key: the album, then the delivery (one per recipient,
# archive and content, so a resumed download adds to the same record).
resource "aws_dynamodb_table" "delivery" {
  name                        = "${var.project_name}-delivery"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "album_id"
  range_key                   = "delivery_id"
  deletion_protection_enabled = local.is_production

  attribute {
    name = "album_id"
    type = "S"
  }

  attribute {
    name = "delivery_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = {
    Name = "${var.project_name}-delivery"
  }
}

# E-mail (docs/delivery.md): the outbox, what each recipient was last told about each album,
# and opt-outs, keyed by recipient. The index is sparse: only queued messages carry "queued".
resource "aws_dynamodb_table" "mail" {
  name                        = "${var.project_name}-mail"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "recipient"
  range_key                   = "topic"
  deletion_protection_enabled = local.is_production

  attribute {
    name = "recipient"
    type = "S"
  }

  attribute {
    name = "topic"
    type = "S"
  }

  attribute {
    name = "queued"
    type = "S"
  }

  attribute {
    name = "due_at"
    type = "S"
  }

  global_secondary_index {
    name            = "queued-index"
    hash_key        = "queued"
    range_key       = "due_at"
    projection_type = "ALL"
  }

  ttl {
    attribute_name = "expires_at_epoch"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = {
    Name = "${var.project_name}-mail"
  }
}

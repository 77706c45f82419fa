# The queue that wakes the ZIP generator. DynamoDB holds the archive state of record; a
# message only says "look at this album", so a lost or duplicated one never loses or
# duplicates a build (maintenance re-queues anything pending too long).
#
# Senders: the APIs (registration, a client's click), maintenance, the generator itself
# (debounced retries), and S3 event notifications for albums/.

resource "aws_sqs_queue" "zip_generation" {
  name = "${var.project_name}-zip-generation"

  # Lambda's rule for SQS sources: at least six times the function timeout, so a message
  # in flight is not handed to a second generator while the first is still working.
  visibility_timeout_seconds = 6 * var.generator_timeout_seconds
  message_retention_seconds  = 345600 # 4 days: outlives a long weekend of a broken deploy
  receive_wait_time_seconds  = 20     # long polling: fewer empty receives, lower cost
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.zip_generation_dlq.arn
    maxReceiveCount     = 3
  })

  tags = {
    Name = "${var.project_name}-zip-generation"
  }
}

# Messages that failed three times land here; the "not empty" alarm tells the operator.
resource "aws_sqs_queue" "zip_generation_dlq" {
  name                      = "${var.project_name}-zip-generation-dlq"
  message_retention_seconds = 1209600 # 14 days, the SQS maximum: time to look and redrive
  sqs_managed_sse_enabled   = true

  tags = {
    Name = "${var.project_name}-zip-generation-dlq"
  }
}

# Only the generation queue may use the DLQ (and "Start DLQ redrive" in the console works).
resource "aws_sqs_queue_redrive_allow_policy" "zip_generation_dlq" {
  queue_url = aws_sqs_queue.zip_generation_dlq.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.zip_generation.arn]
  })
}

# S3 may send to the queue only on behalf of this bucket in this account.
data "aws_iam_policy_document" "zip_generation_queue" {
  statement {
    sid       = "AllowClientAlbumsBucketEvents"
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.zip_generation.arn]

    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_s3_bucket.client_albums.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_sqs_queue_policy" "zip_generation" {
  queue_url = aws_sqs_queue.zip_generation.id
  policy    = data.aws_iam_policy_document.zip_generation_queue.json
}

# The daily maintenance run: re-queue stale or stuck albums, delete superseded archives,
# abort abandoned uploads, render missing previews.

resource "aws_cloudwatch_event_rule" "daily_maintenance" {
  name                = "${var.project_name}-daily-maintenance"
  description         = "Run the client albums maintenance function."
  schedule_expression = var.maintenance_schedule

  tags = {
    Name = "${var.project_name}-daily-maintenance"
  }
}

resource "aws_cloudwatch_event_target" "maintenance" {
  rule      = aws_cloudwatch_event_rule.daily_maintenance.name
  target_id = "MaintenanceLambda"
  arn       = aws_lambda_function.maintenance.arn
}

resource "aws_lambda_permission" "maintenance_schedule" {
  statement_id  = "AllowDailyMaintenanceRule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.maintenance.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.daily_maintenance.arn
}

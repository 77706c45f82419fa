# Maintenance runs on two schedules, told apart by the rule's name (maintenance's
# MaintenanceJob): the daily run (re-queue stale or stuck albums, delete superseded archives,
# abort abandoned uploads, render missing previews) and the deliveries run every few minutes
# (read new access logs, write receipts, send queued e-mail).

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

resource "aws_cloudwatch_event_rule" "deliveries" {
  # The "-deliveries" suffix is what MaintenanceJob recognises.
  name                = "${var.project_name}-deliveries"
  description         = "Read new access logs, write receipts and send queued e-mail (maintenance's deliveries run)."
  schedule_expression = var.deliveries_schedule

  tags = {
    Name = "${var.project_name}-deliveries"
  }
}

resource "aws_cloudwatch_event_target" "deliveries" {
  rule      = aws_cloudwatch_event_rule.deliveries.name
  target_id = "MaintenanceLambdaDeliveries"
  arn       = aws_lambda_function.maintenance.arn
}

resource "aws_lambda_permission" "deliveries_schedule" {
  statement_id  = "AllowDeliveriesRule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.maintenance.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.deliveries.arn
}

package com.clientalbums.infra;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Terraform;
import com.clientalbums.maintenance.handler.MaintenanceJob;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Maintenance's daily and deliveries schedules (terraform/eventbridge.tf) and the alarms (terraform/alarms.tf). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScheduleAndAlarmsTest {

    private static final Terraform TF = Terraform.load();
    private static final String TOPIC = "${aws_sns_topic.alarms.arn}";

    @Test
    void maintenance_runs_once_a_day() {
        Block rule = TF.resource("aws_cloudwatch_event_rule", "daily_maintenance");
        assertEquals("${var.maintenance_schedule}", rule.string("schedule_expression"));
        assertEquals("rate(1 day)", TF.variableDefault("maintenance_schedule").asText());
        Block target = TF.resource("aws_cloudwatch_event_target", "maintenance");
        assertEquals("${aws_cloudwatch_event_rule.daily_maintenance.name}", target.string("rule"));
        assertEquals("${aws_lambda_function.maintenance.arn}", target.string("arn"));
    }

    @Test
    void only_the_daily_and_deliveries_rules_may_invoke_maintenance() {
        Map<String, String> sources = new TreeMap<>();
        TF.resources("aws_lambda_permission").forEach((name, permission) -> {
            if (!permission.string("function_name").equals("${aws_lambda_function.maintenance.function_name}")) return;
            assertEquals("events.amazonaws.com", permission.string("principal"), name);
            assertEquals("lambda:InvokeFunction", permission.string("action"), name);
            sources.put(name, permission.string("source_arn"));
        });
        assertEquals(Map.of("maintenance_schedule", "${aws_cloudwatch_event_rule.daily_maintenance.arn}",
                "deliveries_schedule", "${aws_cloudwatch_event_rule.deliveries.arn}"), sources);
    }

    @Test
    void the_deliveries_run_comes_every_five_minutes_to_maintenance() {
        Block rule = TF.resource("aws_cloudwatch_event_rule", "deliveries");
        assertEquals("${var.deliveries_schedule}", rule.string("schedule_expression"));
        assertEquals("rate(5 minutes)", TF.variableDefault("deliveries_schedule").asText());
        Block target = TF.resource("aws_cloudwatch_event_target", "deliveries");
        assertEquals("${aws_cloudwatch_event_rule.deliveries.name}", target.string("rule"));
        assertEquals("${aws_lambda_function.maintenance.arn}", target.string("arn"));
    }

    @Test
    void maintenance_tells_its_two_runs_apart_by_the_rule_names_terraform_gives() {
        // The events EventBridge sends name their rule's ARN; the handler chooses the run by it.
        String project = TF.variableDefault("project_name").asText();
        assertEquals(MaintenanceJob.DELIVERIES, MaintenanceJob.of(eventOf(ruleName("deliveries", project))));
        assertEquals(MaintenanceJob.DAILY, MaintenanceJob.of(eventOf(ruleName("daily_maintenance", project))));
    }

    private static String ruleName(String rule, String project) {
        return TF.resource("aws_cloudwatch_event_rule", rule).string("name").replace("${var.project_name}", project);
    }

    private static ScheduledEvent eventOf(String ruleName) {
        ScheduledEvent event = new ScheduledEvent();
        event.setResources(List.of("arn:aws:events:eu-west-1:123456789012:rule/" + ruleName));
        return event;
    }

    @Test
    void alarms_watch_the_dead_letter_queue_generator_errors_and_the_oldest_message() {
        Map<String, String> watched = new TreeMap<>();
        TF.resources("aws_cloudwatch_metric_alarm").forEach((name, alarm) ->
                watched.put(alarm.string("namespace") + "/" + alarm.string("metric_name"), String.valueOf(alarm.map("dimensions").values())));
        assertEquals("[${aws_sqs_queue.zip_generation_dlq.name}]", watched.get("AWS/SQS/ApproximateNumberOfMessagesVisible"));
        assertEquals("[${aws_lambda_function.zip_generator.function_name}]", watched.get("AWS/Lambda/Errors"));
        assertEquals("[${aws_sqs_queue.zip_generation.name}]", watched.get("AWS/SQS/ApproximateAgeOfOldestMessage"));
    }

    @Test
    void a_single_message_in_the_dead_letter_queue_raises_the_alarm() {
        Block alarm = TF.resource("aws_cloudwatch_metric_alarm", "dlq_not_empty");
        assertEquals("GreaterThanThreshold", alarm.string("comparison_operator"));
        assertEquals(0, TF.expressions().number(alarm.get("threshold")));
    }

    @Test
    void every_alarm_notifies_the_topic_and_stays_quiet_without_data() {
        TF.resources("aws_cloudwatch_metric_alarm").forEach((name, alarm) -> {
            assertEquals(List.of(TOPIC), alarm.strings("alarm_actions"), name);
            assertEquals("notBreaching", alarm.string("treat_missing_data"), name);
            assertTrue(alarm.string("alarm_name").startsWith("${var.project_name}-"), name);
        });
    }

    @Test
    void alarms_are_emailed_only_when_an_address_is_given() {
        Block subscription = TF.resource("aws_sns_topic_subscription", "alarm_email");
        assertEquals("${var.alarm_email == \"\" ? 0 : 1}", subscription.string("count"));
        assertEquals("email", subscription.string("protocol"));
        assertEquals("${var.alarm_email}", subscription.string("endpoint"));
        assertEquals("", TF.variableDefault("alarm_email").asText());
    }
}

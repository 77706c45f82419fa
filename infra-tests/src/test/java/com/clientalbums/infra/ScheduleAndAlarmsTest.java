package com.clientalbums.infra;

import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Terraform;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daily maintenance schedule (terraform/eventbridge.tf) and the alarms (terraform/alarms.tf). */
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
    void only_the_daily_rule_may_invoke_maintenance() {
        Block permission = TF.resource("aws_lambda_permission", "maintenance_schedule");
        assertEquals("events.amazonaws.com", permission.string("principal"));
        assertEquals("${aws_lambda_function.maintenance.function_name}", permission.string("function_name"));
        assertEquals("${aws_cloudwatch_event_rule.daily_maintenance.arn}", permission.string("source_arn"));
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

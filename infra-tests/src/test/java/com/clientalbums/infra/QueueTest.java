package com.clientalbums.infra;

import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Expressions;
import com.clientalbums.infra.terraform.Terraform;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generation queue and its dead-letter queue (terraform/sqs.tf). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class QueueTest {

    private static final Terraform TF = Terraform.load();
    private static final Block QUEUE = TF.resource("aws_sqs_queue", "zip_generation");
    private static final Block DLQ = TF.resource("aws_sqs_queue", "zip_generation_dlq");

    @Test
    void the_queues_keep_the_plans_names() {
        assertEquals("${var.project_name}-zip-generation", QUEUE.string("name"));
        assertEquals("${var.project_name}-zip-generation-dlq", DLQ.string("name"));
    }

    @Test
    void the_visibility_timeout_is_at_least_six_times_the_generators_timeout() {
        Expressions x = TF.expressions();
        double visibility = x.number(QUEUE.get("visibility_timeout_seconds"));
        double timeout = x.number(TF.resource("aws_lambda_function", "zip_generator").get("timeout"));
        assertTrue(visibility >= 6 * timeout, "visibility " + visibility + " s < 6 x " + timeout + " s");
        assertTrue(visibility <= 43200, "SQS allows at most 12 hours");
        // Also with a shorter timeout: the rule must follow the variable, not a copied number.
        assertTrue(QUEUE.string("visibility_timeout_seconds").contains("var.generator_timeout_seconds"));
    }

    @Test
    void a_message_moves_to_the_dead_letter_queue_after_three_receives() {
        String redrive = QUEUE.string("redrive_policy");
        assertTrue(redrive.matches("(?s).*deadLetterTargetArn\\s*=\\s*aws_sqs_queue\\.zip_generation_dlq\\.arn.*"), redrive);
        assertTrue(redrive.matches("(?s).*maxReceiveCount\\s*=\\s*3\\b.*"), redrive);
    }

    @Test
    void receives_long_poll_for_twenty_seconds() {
        assertEquals(20, TF.expressions().number(QUEUE.get("receive_wait_time_seconds")));
    }

    @Test
    void the_dead_letter_queue_keeps_messages_for_fourteen_days() {
        assertEquals(14 * 24 * 3600, TF.expressions().number(DLQ.get("message_retention_seconds")));
        double retention = TF.expressions().number(QUEUE.get("message_retention_seconds"));
        assertTrue(retention >= 86400, "the queue should keep messages at least a day, not " + retention);
    }

    @Test
    void only_the_generation_queue_may_redrive_into_the_dead_letter_queue() {
        Block allow = TF.resource("aws_sqs_queue_redrive_allow_policy", "zip_generation_dlq");
        assertEquals("${aws_sqs_queue.zip_generation_dlq.id}", allow.string("queue_url"));
        assertTrue(allow.string("redrive_allow_policy").contains("aws_sqs_queue.zip_generation.arn"));
    }

    @Test
    void both_queues_are_encrypted() {
        assertEquals("true", QUEUE.string("sqs_managed_sse_enabled"));
        assertEquals("true", DLQ.string("sqs_managed_sse_enabled"));
    }
}

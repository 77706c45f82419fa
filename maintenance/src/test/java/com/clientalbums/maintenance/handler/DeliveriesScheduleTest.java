package com.clientalbums.maintenance.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.clientalbums.maintenance.deliveries.logs.LogExamples;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The deliveries schedule, as deployed: its rule's event runs the access-log step on ACCESS_LOG_BUCKET first. */
class DeliveriesScheduleTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    @Test
    void theDeliveriesRulesEventProcessesTheLogFilesWaitingInTheAccessLogBucket() {
        String bucket = aws.names().accessLogBucket();
        aws.clients().s3().putObject(r -> r.bucket(bucket).key("s3/2026-12-05-10-30-00-0123456789ABCDEF"),
                RequestBody.fromString(String.join("\n", LogExamples.s3File()) + "\n"));
        ScheduledEvent event = new ScheduledEvent().withResources(List.of("arn:aws:events:eu-west-2:123456789012:rule/client-albums"
                + MaintenanceJob.DELIVERIES_RULE_SUFFIX));

        Map<String, Object> result = new MaintenanceHandler(aws.settings(MaintenanceHandler.SETTINGS, Map.of()), aws.clients())
                .handleRequest(event, TestContext.withMinutes(5));

        assertEquals(List.of(), result.get("errors"));
        assertEquals(1, result.get("log_files_processed"));
        assertEquals(5, result.get("log_lines_read"));
        assertEquals(0, result.get("albums_checked"), "the daily repairs did not run");
        assertEquals(List.of("processed/s3/2026-12-05-10-30-00-0123456789ABCDEF"), aws.clients().s3()
                .listObjectsV2(r -> r.bucket(bucket)).contents().stream().map(o -> o.key()).toList());
    }
}

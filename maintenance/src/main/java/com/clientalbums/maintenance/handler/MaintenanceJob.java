package com.clientalbums.maintenance.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import java.util.List;

/**
 * Which of the function's two schedules fired, from the rule named in the event: the daily
 * repair run, or the deliveries run every few minutes (access logs, receipts, e-mail). The
 * rules are {@code {project}-daily-maintenance} and {@code {project}-deliveries}
 * (terraform/eventbridge.tf); an event naming neither is the daily run, as before there were two.
 */
public enum MaintenanceJob {
    DAILY, DELIVERIES;

    /** The rule-name suffix of the deliveries schedule. */
    static final String DELIVERIES_RULE_SUFFIX = "-deliveries";

    public static MaintenanceJob of(ScheduledEvent event) {
        List<String> resources = event == null || event.getResources() == null ? List.of() : event.getResources();
        for (String arn : resources) {
            if (arn != null && arn.endsWith(DELIVERIES_RULE_SUFFIX)) return DELIVERIES;
        }
        return DAILY;
    }
}

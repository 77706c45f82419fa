package com.clientalbums.local.http;

import com.clientalbums.local.lambda.MaintenanceSchedule;

import java.io.IOException;

/**
 * {@code POST /local-admin/maintenance}: runs the maintenance function now, the daily run and
 * then the deliveries run (after the S3 front's access logs so far are delivered, so every
 * download that has ended is counted), and answers both results as JSON,
 * {@code {"daily": {…}, "deliveries": {…}}}: stale-album recovery and proof of delivery can be
 * tried without waiting for the schedules. Loopback callers only; there is no such route in AWS.
 */
public final class MaintenanceRoute implements Route {
    public static final String PATH = "/local-admin/maintenance";

    private final MaintenanceSchedule schedule;

    public MaintenanceRoute(MaintenanceSchedule schedule) { this.schedule = schedule; }

    @Override
    public void handle(Exchange ex) throws IOException {
        if (!Exchanges.isLoopback(ex)) {
            Exchanges.sendError(ex, 403, "FORBIDDEN", "Only from this machine");
            return;
        }
        if (!ex.path().equals(PATH)) {
            Exchanges.sendError(ex, 404, "NOT_FOUND", "Try POST " + PATH);
            return;
        }
        if (!ex.method().equals("POST")) {
            ex.setHeader("Allow", "POST");
            Exchanges.sendError(ex, 405, "METHOD_NOT_ALLOWED", "Use POST");
            return;
        }
        try {
            Exchanges.sendJson(ex, 200, schedule.runNow());
        } catch (Exception e) {
            Exchanges.sendError(ex, 500, "INTERNAL", "Maintenance failed: " + e);
        }
    }
}

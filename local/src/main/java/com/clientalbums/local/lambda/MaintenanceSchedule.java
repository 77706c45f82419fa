package com.clientalbums.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * EventBridge's two schedules for the maintenance function (terraform/eventbridge.tf): the daily
 * run, at start-up and then every {@code dailyEvery} (AWS: once a day; locally minutes, so stale
 * albums recover while you watch), and the deliveries run every {@code deliveriesEvery}, each with
 * the scheduled event of its rule; plus both on demand. Runs never overlap. Before each deliveries
 * run the access logs written so far are delivered ({@code beforeDeliveries}), so the run reads
 * every download that has ended. A failing run is logged and the schedule goes on, as EventBridge
 * would invoke again at the next tick.
 */
public final class MaintenanceSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceSchedule.class);

    /** Which rule fires, by the names Terraform gives them. */
    public enum Rule {
        DAILY("-daily-maintenance"), DELIVERIES("-deliveries");

        private final String suffix;

        Rule(String suffix) { this.suffix = suffix; }

        String arn(String region, String project) {
            return "arn:aws:events:" + region + ":" + LocalContext.ACCOUNT + ":rule/" + project + suffix;
        }
    }

    private final RequestHandler<ScheduledEvent, Map<String, Object>> handler;
    private final LocalFunction function;
    private final String region;
    private final String project;
    private final Duration dailyEvery;
    private final Duration deliveriesEvery;
    private final Runnable beforeDeliveries;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "maintenance-schedule");
        t.setDaemon(true);
        return t;
    });

    public MaintenanceSchedule(RequestHandler<ScheduledEvent, Map<String, Object>> handler, LocalFunction function,
                               String region, String project, Duration dailyEvery, Duration deliveriesEvery,
                               Runnable beforeDeliveries) {
        this.handler = handler;
        this.function = function;
        this.region = region;
        this.project = project;
        this.dailyEvery = dailyEvery;
        this.deliveriesEvery = deliveriesEvery;
        this.beforeDeliveries = beforeDeliveries;
    }

    public void start() {
        timer.scheduleWithFixedDelay(() -> scheduledRun(Rule.DAILY), 0, dailyEvery.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> scheduledRun(Rule.DELIVERIES), deliveriesEvery.toMillis(),
                deliveriesEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scheduledRun(Rule rule) {
        try {
            Map<String, Object> result = run(rule);
            LOG.info("maintenance ({}): {}", rule.name().toLowerCase(java.util.Locale.ROOT), result);
        } catch (Exception e) {
            LOG.error("maintenance run ({}) failed", rule, e);
        }
    }

    /**
     * Both runs now, the daily one first, as {@code POST /local-admin/maintenance} asks:
     * {@code {"daily": {…}, "deliveries": {…}}}, each the handler's result. A failing run throws.
     */
    public synchronized Map<String, Object> runNow() throws Exception {
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("daily", run(Rule.DAILY));
        both.put("deliveries", run(Rule.DELIVERIES));
        return both;
    }

    /** One run now, as the rule's scheduled event would trigger it; the handler's result or its exception. */
    public synchronized Map<String, Object> run(Rule rule) throws Exception {
        if (rule == Rule.DELIVERIES) beforeDeliveries.run();
        ScheduledEvent event = new ScheduledEvent()
                .withVersion("0")
                .withId(UUID.randomUUID().toString())
                .withDetailType("Scheduled Event")
                .withSource("aws.events")
                .withAccount(LocalContext.ACCOUNT)
                .withTime(DateTime.now(DateTimeZone.UTC).withMillisOfSecond(0))
                .withRegion(region)
                .withResources(List.of(rule.arn(region, project)))
                .withDetail(Map.of());
        return handler.handleRequest(event, LocalContext.startNow(function, region));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

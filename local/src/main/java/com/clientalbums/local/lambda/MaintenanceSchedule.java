package com.clientalbums.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * EventBridge's schedule for the maintenance function: the scheduled event at start-up and then
 * every {@code every} (AWS: once a day; locally minutes, so stale albums recover while you
 * watch), plus runs on demand. Runs never overlap. A failing run is logged and the schedule
 * goes on, as EventBridge would invoke again at the next tick.
 */
public final class MaintenanceSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceSchedule.class);

    private final RequestHandler<ScheduledEvent, Map<String, Object>> handler;
    private final LocalFunction function;
    private final String region;
    private final String ruleArn;
    private final Duration every;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "maintenance-schedule");
        t.setDaemon(true);
        return t;
    });

    public MaintenanceSchedule(RequestHandler<ScheduledEvent, Map<String, Object>> handler, LocalFunction function,
                               String region, String ruleArn, Duration every) {
        this.handler = handler;
        this.function = function;
        this.region = region;
        this.ruleArn = ruleArn;
        this.every = every;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::scheduledRun, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scheduledRun() {
        try {
            Map<String, Object> result = runNow();
            LOG.info("maintenance: {}", result);
        } catch (Exception e) {
            LOG.error("maintenance run failed", e);
        }
    }

    /** One run now, as the scheduled event would trigger it; the handler's result or its exception. */
    public synchronized Map<String, Object> runNow() throws Exception {
        ScheduledEvent event = new ScheduledEvent()
                .withVersion("0")
                .withId(UUID.randomUUID().toString())
                .withDetailType("Scheduled Event")
                .withSource("aws.events")
                .withAccount(LocalContext.ACCOUNT)
                .withTime(DateTime.now(DateTimeZone.UTC).withMillisOfSecond(0))
                .withRegion(region)
                .withResources(List.of(ruleArn))
                .withDetail(Map.of());
        return handler.handleRequest(event, LocalContext.startNow(function, region));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package com.clientalbums.maintenance.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.clientalbums.common.access.GrantRepository;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.delivery.DeliveryRepository;
import com.clientalbums.common.logging.LogLines;
import com.clientalbums.common.mail.MailOutbox;
import com.clientalbums.common.mail.MailTransport;
import com.clientalbums.common.queue.ZipQueue;
import com.clientalbums.common.share.ShareRepository;
import com.clientalbums.maintenance.deliveries.AccessLogs;
import com.clientalbums.maintenance.deliveries.DeliveriesRun;
import com.clientalbums.maintenance.deliveries.PartReceiptsStep;
import com.clientalbums.maintenance.mail.AlbumAudience;
import com.clientalbums.maintenance.mail.AlbumNotices;
import com.clientalbums.maintenance.mail.ExpiryReminders;
import com.clientalbums.maintenance.mail.FailedBuilds;
import com.clientalbums.maintenance.mail.OutboxSender;
import com.clientalbums.maintenance.store.S3AccessLogStore;
import com.clientalbums.maintenance.store.S3MaintenanceStore;
import com.clientalbums.maintenance.sweep.MaintenancePolicy;
import com.clientalbums.maintenance.sweep.MaintenanceRun;
import com.clientalbums.previews.job.PhotoPreviews;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lambda entry point of maintenance's two schedules ({@link MaintenanceJob}): the daily repair
 * run, and the deliveries run every few minutes (access logs, receipts, e-mail; docs/delivery.md).
 * The local runner calls both on its own schedule and on demand. Returns, and logs as one JSON
 * line, what it did: {@code {"stale_zips_queued": 1, "stuck_jobs_reset": 0, …, "errors": []}}.
 */
public class MaintenanceHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    static {
        // Before anything logs: no S3 key or exception message may start a log line of its own.
        LogLines.install();
    }

    /** The environment this function reads; Terraform sets exactly these. */
    public static final Set<Setting> SETTINGS = EnumSet.of(
            Setting.CLIENT_ALBUMS_BUCKET, Setting.ALBUM_TABLE_NAME, Setting.ZIP_GENERATION_QUEUE_URL,
            Setting.AWS_REGION, Setting.AWS_REGION_NAME, Setting.ZIP_URL_EXPIRY, Setting.ZIP_LEASE_SECONDS,
            Setting.ZIP_QUIET_SECONDS, Setting.WEB_SIZE_PX, Setting.SELECTION_TABLE_NAME,
            Setting.DELIVERY_TABLE_NAME, Setting.ACCESS_LOG_BUCKET, Setting.MAIL_TABLE_NAME, Setting.MAIL_TRANSPORT,
            Setting.MAIL_FROM, Setting.SES_CONFIGURATION_SET, Setting.STUDIO_NAME, Setting.PORTAL_URL,
            Setting.GUEST_KEY_SOURCE, Setting.SHARE_TABLE_NAME, Setting.USER_TABLE_NAME, Setting.USER_ALBUM_TABLE_NAME,
            Setting.ADMIN_EMAIL, Setting.MAIL_SETTLE_SECONDS, Setting.EXPIRY_REMINDER_DAYS, Setting.API_URL);

    private static final System.Logger LOG = System.getLogger(MaintenanceHandler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The deliveries run starts no new work with less than this left. */
    private static final long DELIVERIES_RESERVE_MILLIS = 30_000;

    private final MaintenanceRun run;
    private final DeliveriesRun deliveries;

    public MaintenanceHandler() {
        this(Settings.fromEnvironment(SETTINGS));
    }

    private MaintenanceHandler(Settings settings) {
        this(settings, AwsClients.create(settings.region()));
    }

    /** As deployed, with given settings and clients: the local runner's constructor. */
    public MaintenanceHandler(Settings settings, AwsClients clients) {
        this(settings, clients, MaintenancePolicy.of(settings.seconds(Setting.ZIP_URL_EXPIRY),
                settings.seconds(Setting.ZIP_LEASE_SECONDS)));
    }

    /** For tests: grace periods of seconds instead of hours and days. */
    public MaintenanceHandler(Settings settings, AwsClients clients, MaintenancePolicy policy) {
        this(settings, clients, policy, Clock.systemUTC());
    }

    /** For tests: and a clock of their own, to step over the e-mail's settle time and reminder window. */
    public MaintenanceHandler(Settings settings, AwsClients clients, MaintenancePolicy policy, Clock clock) {
        AlbumRepository albums = new AlbumRepository(clients.dynamo(), settings.albumTable());
        S3MaintenanceStore store = new S3MaintenanceStore(clients.s3(), settings.bucket());
        this.run = new MaintenanceRun(albums,
                new AlbumRepository(clients.dynamo(), settings.get(Setting.SELECTION_TABLE_NAME)),
                store, ZipQueue.of(settings, clients.sqs()),
                new PhotoPreviews(clients.s3(), settings.bucket()), policy, clock,
                settings.integer(Setting.WEB_SIZE_PX));
        MailOutbox outbox = new MailOutbox(clients.dynamo(), settings.get(Setting.MAIL_TABLE_NAME));
        // With MAIL_TRANSPORT none nothing is queued, so turning e-mail on later tells of nothing old.
        boolean mail = MailTransport.parse(settings.get(Setting.MAIL_TRANSPORT)).sends();
        AlbumAudience audience = new AlbumAudience(new GrantRepository(clients.dynamo(), settings.get(Setting.USER_ALBUM_TABLE_NAME)),
                new ShareRepository(clients.dynamo(), settings.get(Setting.SHARE_TABLE_NAME)));
        // The deliveries run's steps, in order; each slice adds its own.
        List<DeliveriesRun.Named> steps = new ArrayList<>();
        DeliveryRepository deliveryRecords = new DeliveryRepository(clients.dynamo(), settings.get(Setting.DELIVERY_TABLE_NAME));
        steps.add(new DeliveriesRun.Named(AccessLogs.NAME, new AccessLogs(
                new S3AccessLogStore(clients.s3(), settings.get(Setting.ACCESS_LOG_BUCKET)), deliveryRecords)));
        steps.add(new DeliveriesRun.Named("receipts", new PartReceiptsStep(deliveryRecords, store)));
        if (mail) {
            steps.add(new DeliveriesRun.Named("album_notices",
                    new AlbumNotices(audience, outbox, settings.seconds(Setting.MAIL_SETTLE_SECONDS))));
            steps.add(new DeliveriesRun.Named("expiry_reminders",
                    new ExpiryReminders(audience, outbox, Duration.ofDays(settings.integer(Setting.EXPIRY_REMINDER_DAYS)))));
            steps.add(new DeliveriesRun.Named("failed_builds", new FailedBuilds(outbox, settings.get(Setting.ADMIN_EMAIL))));
        }
        // Last: what the steps before queued is sent in the same run. No step with MAIL_TRANSPORT=none (nothing is queued).
        OutboxSender.from(settings, clients, clock).ifPresent(sender -> steps.add(new DeliveriesRun.Named("outbox", sender)));
        // The album steps share one read of the table a run (RunInput), not a Scan each.
        this.deliveries = new DeliveriesRun(steps, albums::findAll, clock);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        MaintenanceJob job = MaintenanceJob.of(event);
        Map<String, Object> result = switch (job) {
            case DAILY -> run.run(context::getRemainingTimeInMillis).toMap();
            case DELIVERIES -> deliveries.run(() -> context.getRemainingTimeInMillis() > DELIVERIES_RESERVE_MILLIS).toMap();
        };
        LOG.log(Level.INFO, "maintenance ({0}) complete: {1}", job.name().toLowerCase(java.util.Locale.ROOT), json(result));
        return result;
    }

    private static String json(Map<String, Object> result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            return result.toString();
        }
    }
}

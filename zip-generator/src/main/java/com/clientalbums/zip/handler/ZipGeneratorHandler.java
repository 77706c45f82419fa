package com.clientalbums.zip.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.aws.AwsClients;
import com.clientalbums.common.config.Setting;
import com.clientalbums.common.config.Settings;
import com.clientalbums.common.logging.LogLines;
import com.clientalbums.common.queue.QueueMessage;
import com.clientalbums.common.queue.QueueMessages;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.previews.job.AlbumWebSizes;
import com.clientalbums.previews.job.PhotoPreviews;
import com.clientalbums.zip.build.ArchiveBuildService;
import com.clientalbums.zip.build.PhotoChanges;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lambda entry point of the ZIP generator: an SQS batch in, the messages to retry out
 * (partial batch responses, so one bad message never makes SQS redeliver the good ones).
 *
 * <p>Messages only wake the generator; the album record decides what to build. A batch is
 * reduced to its distinct albums, each handled once: direct messages (registration, a click, a
 * wake-up after a quiet period) build; S3 photo events record the album's new content, schedule
 * a debounced rebuild ({@link PhotoChanges}) and make the new photos' previews — never a build
 * of their own, so a burst of uploads cannot start a build per photo. A message that can never
 * succeed (malformed) is reported failed and reaches the dead-letter queue after three
 * receives; a message for an unregistered album is dropped with a log line. A message naming a
 * favourites archive ({@link com.clientalbums.common.album.SelectionIds}) builds it from the
 * selection table; photo events name albums only, so they never touch a favourites archive.
 */
public class ZipGeneratorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    static {
        // Before anything logs: no S3 key or exception message may start a log line of its own.
        LogLines.install();
    }

    /** The environment this function reads; Terraform sets exactly these. */
    public static final Set<Setting> SETTINGS = EnumSet.of(
            Setting.CLIENT_ALBUMS_BUCKET, Setting.ALBUM_TABLE_NAME, Setting.ZIP_GENERATION_QUEUE_URL,
            Setting.AWS_REGION, Setting.AWS_REGION_NAME, Setting.ZIP_FETCH_CONCURRENCY,
            Setting.ZIP_PART_SIZE_MB, Setting.ZIP_MEMORY_BUDGET_MB, Setting.ZIP_LEASE_SECONDS,
            Setting.ZIP_MAX_ATTEMPTS, Setting.ZIP_RETRY_SECONDS, Setting.ZIP_QUIET_SECONDS, Setting.ZIP_SPLIT_SIZE_MB, Setting.ZIP_PARALLEL_PARTS,
            Setting.WEB_SIZE_PX, Setting.SELECTION_TABLE_NAME);

    private static final System.Logger LOG = System.getLogger(ZipGeneratorHandler.class.getName());

    private final GeneratorServices services;
    private final PhotoChanges changes;
    private final PhotoPreviews previews;
    private final AlbumWebSizes webSizes;
    /** Left unused at the end of an invocation so a part stopped for time can record its state. */
    private final Duration safetyMargin;

    /** Lambda's constructor: configuration from the environment. */
    public ZipGeneratorHandler() {
        this(Settings.fromEnvironment(SETTINGS));
    }

    private ZipGeneratorHandler(Settings settings) {
        this(settings, AwsClients.create(settings.region()));
    }

    /** As deployed, with given settings and clients: the local runner's constructor. */
    public ZipGeneratorHandler(Settings settings, AwsClients clients) {
        this(GeneratorServices.from(settings, clients));
    }

    /** Tests' constructor: shorter timings, or a photo source that holds or fails reads. */
    public ZipGeneratorHandler(GeneratorServices services) {
        this.services = services;
        this.changes = services.changes();
        this.previews = services.previews();
        this.webSizes = services.webSizes();
        this.safetyMargin = services.timing().safetyMargin();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Map<String, AlbumWork> work = new LinkedHashMap<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                QueueMessage parsed = QueueMessages.parse(message.getBody());
                parsed.requests().forEach(r -> work.computeIfAbsent(r.albumId(), AlbumWork::new).requested(message.getMessageId()));
                parsed.changes().forEach(c -> work.computeIfAbsent(c.albumId(), AlbumWork::new).changed(message.getMessageId(), c));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "message {0} is not a ZIP request ({1}); it will go to the dead-letter queue",
                        message.getMessageId(), e.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        for (AlbumWork w : work.values()) {
            if (context.getRemainingTimeInMillis() < safetyMargin.toMillis() * 2) {
                w.messageIds().forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
                continue; // not enough time left to start: SQS redelivers these
            }
            try {
                handle(w, context);
            } catch (RuntimeException e) {
                // The state store or queue is unreachable: let SQS deliver the messages again later.
                LOG.log(Level.WARNING, "album " + w.albumId() + ": could not be handled, will be retried", e);
                w.messageIds().forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(dedupe(failures)).build();
    }

    /**
     * A requested build first: a photo event in the same batch then finds the archive it built (and
     * usually nothing left to do), rather than pushing the build a quiet period further away.
     */
    private void handle(AlbumWork w, Context context) {
        if (w.buildRequested()) {
            String owner = context.getAwsRequestId() + "/" + w.albumId();
            ArchiveBuildService builds = services.buildsFor(w.albumId());
            LOG.log(Level.INFO, "album {0}: {1}", w.albumId(), builds.build(w.albumId(), owner, context::getRemainingTimeInMillis));
        }
        if (w.photosChanged()) {
            try {
                LOG.log(Level.INFO, "album {0}: photos changed, {1}", w.albumId(), changes.photosChanged(w.albumId()));
            } finally {
                updatePreviews(w, context);
            }
        }
    }

    /**
     * Previews of created photos are made, those of deleted ones removed. Never a reason to retry
     * the message: a failure is logged and the daily maintenance makes whatever is missing. Made
     * for unregistered albums too: photos are usually uploaded before the album is registered.
     */
    private void updatePreviews(AlbumWork w, Context context) {
        WebSize webSize;
        try {
            webSize = webSizes.of(w.albumId()); // the album's watermark and web size; the defaults before it is registered
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "album " + w.albumId() + ": previews not updated, the album could not be read ("
                    + e.getMessage() + "); maintenance will make them");
            return;
        }
        for (var change : w.changes().entrySet()) {
            String path = S3Keys.relativePath(w.albumId(), change.getKey());
            if (context.getRemainingTimeInMillis() < safetyMargin.toMillis() * 2) {
                LOG.log(Level.INFO, "album {0}: out of time for previews; maintenance makes the rest", w.albumId());
                return;
            }
            try {
                if (change.getValue()) {
                    previews.removeIfPhotoGone(w.albumId(), path);
                } else {
                    previews.make(w.albumId(), path, webSize);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "album " + w.albumId() + ": previews of " + path + " not updated ("
                        + e.getMessage() + "); maintenance will make them");
            }
        }
    }

    private static List<SQSBatchResponse.BatchItemFailure> dedupe(List<SQSBatchResponse.BatchItemFailure> failures) {
        Map<String, SQSBatchResponse.BatchItemFailure> byId = new LinkedHashMap<>();
        failures.forEach(f -> byId.putIfAbsent(f.getItemIdentifier(), f));
        return List.copyOf(byId.values());
    }
}

package com.clientalbums.maintenance.deliveries;

import com.clientalbums.common.delivery.Delivery;
import com.clientalbums.common.delivery.DeliveryRepository;
import com.clientalbums.common.delivery.DeliveryTag;
import com.clientalbums.common.delivery.ServedRange;
import com.clientalbums.maintenance.deliveries.logs.AccessLogFile;
import com.clientalbums.maintenance.deliveries.logs.LogFormat;
import com.clientalbums.maintenance.store.AccessLogStore;
import com.clientalbums.maintenance.store.StoredObject;
import com.clientalbums.maintenance.sweep.MaintenanceReport;
import com.clientalbums.maintenance.sweep.MaintenanceReport.Count;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The deliveries run's first step: every access log file waiting in the bucket (CloudFront's and
 * S3's, oldest first, while time is left) is read, its served ranges recorded on their deliveries
 * (one write per delivery per file), and the file moved to {@code processed/}. A file that fails
 * is reported and stays for the next run; one processed twice changes nothing, since served ranges
 * merge as sets (docs/delivery.md, "Processing").
 */
public final class AccessLogs implements FrequentStep {
    private static final Logger LOG = System.getLogger(AccessLogs.class.getName());
    /** The name its errors are reported under. */
    public static final String NAME = "access-logs";

    private final AccessLogStore store;
    private final DeliveryRepository deliveries;

    public AccessLogs(AccessLogStore store, DeliveryRepository deliveries) {
        this.store = store;
        this.deliveries = deliveries;
    }

    @Override
    public void run(RunInput in, BooleanSupplier timeLeft, MaintenanceReport report) {
        Set<DeliveryTag> completed = new HashSet<>();
        for (WaitingFile file : waiting()) {
            if (!timeLeft.getAsBoolean()) return;
            try {
                process(file, in.now(), report, completed);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "access log file " + file.key() + " failed; it stays for the next run", e);
                report.error("step:" + NAME, new IllegalStateException(file.key() + ": " + message(e), e));
            }
        }
    }

    private record WaitingFile(String key, Instant lastModified, LogFormat format) {}

    /** Both folders' files, oldest first (the key breaks ties: both formats name files by time). */
    private List<WaitingFile> waiting() {
        List<WaitingFile> files = new ArrayList<>();
        for (LogFormat format : LogFormat.values()) {
            for (StoredObject o : store.logFiles(format.prefix())) files.add(new WaitingFile(o.key(), o.lastModified(), format));
        }
        files.sort(Comparator.comparing(WaitingFile::lastModified, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(WaitingFile::key));
        return files;
    }

    private void process(WaitingFile file, Instant now, MaintenanceReport report, Set<DeliveryTag> completed) throws IOException {
        AccessLogFile contents;
        try (InputStream in = store.open(file.key())) {
            contents = AccessLogFile.read(file.format(), in, file.key().endsWith(".gz"));
        }
        if (contents.malformed() > 0) {
            LOG.log(Level.WARNING, "access log file {0}: {1} malformed of {2} lines ({3})", file.key(), contents.malformed(),
                    contents.lines(), contents.firstMalformed());
        }
        int attributed = 0, updated = 0;
        Instant stamped = now.truncatedTo(ChronoUnit.MILLIS);
        for (Map.Entry<DeliveryTag, List<ServedRange>> tagged : contents.served().entrySet()) {
            Optional<Delivery> written = deliveries.record(tagged.getKey(), tagged.getValue(), now);
            if (written.isEmpty()) continue; // a pruned delivery, or a tag no link of ours carried
            attributed += contents.taggedLines().get(tagged.getKey());
            updated++;
            Delivery delivery = written.get();
            // completed_at is set once, by the write that completed it, to this run's `now` (stored to the millisecond).
            if (stamped.equals(delivery.completedAt()) && completed.add(delivery.tag())) report.add(Count.DELIVERIES_COMPLETED);
        }
        store.markProcessed(file.key());
        report.add(Count.LOG_FILES_PROCESSED);
        report.add(Count.LOG_LINES_READ, contents.lines());
        report.add(Count.LOG_LINES_MALFORMED, contents.malformed());
        report.add(Count.LOG_LINES_ATTRIBUTED, attributed);
        report.add(Count.DELIVERIES_UPDATED, updated);
    }

    private static String message(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}

package com.clientalbums.maintenance.deliveries;

import com.clientalbums.common.album.Album;
import com.clientalbums.maintenance.sweep.MaintenanceReport;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The deliveries run: its steps in order (logs before receipts, triggers before sending), each
 * given the run's clock, the albums ({@link RunInput}: the table read once, on the first step's
 * asking) and what time is left. A step that throws is recorded and the run goes on. When the
 * albums cannot be read, that is recorded once, under {@value #ALBUMS}, and the steps that need
 * them are passed over while the others still run.
 */
public final class DeliveriesRun {
    private static final Logger LOG = System.getLogger(DeliveriesRun.class.getName());
    /** The name a failed read of the album table is reported under. */
    public static final String ALBUMS = "albums";

    /** A step and the name its errors are reported under ({@code step:{name}}). */
    public record Named(String name, FrequentStep step) {}

    private final List<Named> steps;
    private final Supplier<List<Album>> readAlbums;
    private final Clock clock;

    /** @param readAlbums reads every album record: one Scan, called at most once a run */
    public DeliveriesRun(List<Named> steps, Supplier<List<Album>> readAlbums, Clock clock) {
        this.steps = List.copyOf(steps);
        this.readAlbums = readAlbums;
        this.clock = clock;
    }

    public MaintenanceReport run(BooleanSupplier timeLeft) {
        MaintenanceReport report = new MaintenanceReport();
        AlbumsReadOnce albums = new AlbumsReadOnce(readAlbums);
        boolean albumsFailureReported = false;
        for (Named named : steps) {
            if (!timeLeft.getAsBoolean()) break;
            try {
                named.step().run(new RunInput(clock.instant(), albums), timeLeft, report);
            } catch (RuntimeException e) {
                if (!albums.failedWith(e)) {
                    LOG.log(Level.WARNING, "deliveries step " + named.name() + " failed; the run goes on", e);
                    report.error("step:" + named.name(), e);
                } else if (!albumsFailureReported) {
                    // Every step that asks after gets the same failure: one error, not one per step.
                    LOG.log(Level.WARNING, "the album table could not be read; the steps that need it wait for the next run", e);
                    report.error("step:" + ALBUMS, e);
                    albumsFailureReported = true;
                }
            }
        }
        return report;
    }
}

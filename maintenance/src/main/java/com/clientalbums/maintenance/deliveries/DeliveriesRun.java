package com.clientalbums.maintenance.deliveries;

import com.clientalbums.maintenance.sweep.MaintenanceReport;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The deliveries run: its steps in order (logs before receipts, triggers before sending), each
 * given the run's clock and what time is left. A step that throws is recorded and the run goes on.
 */
public final class DeliveriesRun {
    private static final Logger LOG = System.getLogger(DeliveriesRun.class.getName());

    /** A step and the name its errors are reported under ({@code step:{name}}). */
    public record Named(String name, FrequentStep step) {}

    private final List<Named> steps;
    private final Clock clock;

    public DeliveriesRun(List<Named> steps, Clock clock) {
        this.steps = List.copyOf(steps);
        this.clock = clock;
    }

    public MaintenanceReport run(BooleanSupplier timeLeft) {
        MaintenanceReport report = new MaintenanceReport();
        for (Named named : steps) {
            if (!timeLeft.getAsBoolean()) break;
            try {
                named.step().run(clock.instant(), timeLeft, report);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "deliveries step " + named.name() + " failed; the run goes on", e);
                report.error("step:" + named.name(), e);
            }
        }
        return report;
    }
}

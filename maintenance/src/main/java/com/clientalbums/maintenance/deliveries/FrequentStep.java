package com.clientalbums.maintenance.deliveries;

import com.clientalbums.maintenance.sweep.MaintenanceReport;

import java.util.function.BooleanSupplier;

/**
 * One step of the deliveries run (every few minutes): processing access logs, making receipts,
 * e-mail triggers, sending the outbox. Each is idempotent, counts what it did in the report,
 * and records its own errors there; {@code timeLeft} turns false when the invocation must stop
 * starting new work. What it reads of the album table it takes from {@link RunInput#albums()},
 * the run's one read, never from the table itself.
 */
public interface FrequentStep {
    void run(RunInput in, BooleanSupplier timeLeft, MaintenanceReport report);
}

package com.clientalbums.maintenance.sweep;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MaintenancePolicyTest {

    @Test
    void aSupersededArchiveOutlivesItsLastLinkByTheLongestDownload() {
        // Links live ten minutes, but one started at its last second may stream for hours.
        var policy = MaintenancePolicy.of(Duration.ofMinutes(10), Duration.ofMinutes(2));
        assertEquals(Duration.ofMinutes(10).plusHours(6), policy.supersededKept());
    }
}

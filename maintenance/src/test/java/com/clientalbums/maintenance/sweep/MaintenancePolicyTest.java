package com.clientalbums.maintenance.sweep;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaintenancePolicyTest {

    @Test
    void aSupersededArchiveOutlivesItsLastLinkByTheLongestDownload() {
        // Links live ten minutes, but one started at its last second may stream for hours.
        var policy = MaintenancePolicy.of(Duration.ofMinutes(10), Duration.ofMinutes(2));
        assertEquals(Duration.ofMinutes(10).plusHours(6), policy.supersededKept());
    }

    @Test
    void anArchiveUploadNoBuildContinuesIsAbandonedAfterSixHoursBeforeTheBucketsDayLongRule() {
        var policy = MaintenancePolicy.of(Duration.ofMinutes(10), Duration.ofMinutes(2));
        assertEquals(Duration.ofHours(6), policy.multipartGrace());
        // Its checkpoint goes with the upload, before it could be swept on its own as a sidecar.
        assertTrue(policy.multipartGrace().compareTo(policy.supersededKept()) < 0);
    }
}

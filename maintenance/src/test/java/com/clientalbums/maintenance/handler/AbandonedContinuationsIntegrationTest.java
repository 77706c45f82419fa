package com.clientalbums.maintenance.handler;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.handler.PartsSeeds.Task;
import com.clientalbums.maintenance.sweep.MaintenancePolicy;
import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.clientalbums.maintenance.handler.PartsSeeds.part;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A part out of time leaves its multipart upload open for the next invocation to continue; one no
 * build will come back to is aborted with its checkpoint, against the real S3Proxy and dynalite.
 */
class AbandonedContinuationsIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    @Test
    void anUploadNoBuildWillContinueIsAbortedWithItsCheckpointAndALiveBuildsIsLeft() throws Exception {
        PartsSeeds seeds = new PartsSeeds(aws);
        // A part out of time, waiting (todo) for the next invocation to continue it from its checkpoint.
        String album = "continuing";
        String continued = part(album, 1);
        seeds.putArchive(continued, false, true);
        String liveUpload = seeds.openUpload(continued);
        seeds.building(album, List.of(), Instant.now().minus(Duration.ofMinutes(10)), List.of(new Task(continued, "todo", null)));
        // A part whose album was planned again without it: nobody will come back to its upload.
        String abandoned = part(album, 2);
        seeds.putArchive(abandoned, false, true);
        seeds.openUpload(abandoned);
        Thread.sleep(3_000);
        // Uploads count as abandoned after 2 s; sidecars on their own are kept an hour.
        MaintenancePolicy policy = new MaintenancePolicy(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(20),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        MaintenanceHandler maintenance = new MaintenanceHandler(aws.settings(MaintenanceHandler.SETTINGS, Map.of()), aws.clients(), policy);

        Map<String, Object> result = PartsMaintenanceIntegrationTest.run(maintenance);

        assertEquals(List.of(), result.get("errors"));
        assertEquals(1, result.get("multipart_uploads_aborted"), result.toString());
        assertEquals(0, result.get("sidecars_deleted"), "the checkpoint went with its upload, not by age: " + result);
        assertEquals(List.of(liveUpload), seeds.openUploadIds());
        assertFalse(seeds.exists(S3Keys.checkpointKey(abandoned)), "it names an upload that no longer exists");
        assertTrue(seeds.exists(S3Keys.manifestKey(abandoned)), "the manifest is swept by age, with its archive key");
        assertTrue(seeds.exists(S3Keys.checkpointKey(continued)), "the live part continues from it");
        assertEquals(0, PartsMaintenanceIntegrationTest.run(maintenance).get("multipart_uploads_aborted"));
    }
}

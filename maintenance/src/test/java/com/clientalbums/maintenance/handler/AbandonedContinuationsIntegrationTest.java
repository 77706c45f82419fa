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
import java.util.Set;

import static com.clientalbums.maintenance.handler.PartsSeeds.part;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A part out of time leaves its multipart upload open for the next invocation to continue; one no
 * build will come back to is aborted with its checkpoint, against the real S3Proxy and dynalite:
 * kept for a build under way that has the key in its plan and for an album waiting for a build,
 * aborted for a key outside the plan, an album that is ready without it, an album that is gone.
 */
class AbandonedContinuationsIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    @Test
    void anUploadNoBuildWillContinueIsAbortedWithItsCheckpointAndOnesABuildWillContinueAreLeft() throws Exception {
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
        // A failed build waiting for its retry (pending, no plan): the retry plans the same key and continues it.
        String retried = part("retrying", 1);
        seeds.putArchive(retried, false, true);
        String retryUpload = seeds.openUpload(retried);
        seeds.pending("retrying");
        // An upload of an album that is ready without it (a superseded build), and one of a deleted album.
        String superseded = part("published", 2);
        seeds.putArchive(superseded, false, true);
        seeds.openUpload(superseded);
        seeds.putArchive(part("published", 1), true, false);
        seeds.ready("published", List.of(part("published", 1)), Instant.now().minus(Duration.ofMinutes(10)));
        String orphan = part("deleted-album", 1);
        seeds.putArchive(orphan, false, true);
        seeds.openUpload(orphan);
        Thread.sleep(3_000);
        // Uploads count as abandoned after 2 s; sidecars on their own are kept an hour.
        MaintenancePolicy policy = new MaintenancePolicy(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(20),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        MaintenanceHandler maintenance = new MaintenanceHandler(aws.settings(MaintenanceHandler.SETTINGS, Map.of()), aws.clients(), policy);

        Map<String, Object> result = PartsMaintenanceIntegrationTest.run(maintenance);

        assertEquals(List.of(), result.get("errors"));
        assertEquals(3, result.get("multipart_uploads_aborted"), "not in the plan, superseded, deleted album: " + result);
        assertEquals(0, result.get("sidecars_deleted"), "the checkpoints went with their uploads, not by age: " + result);
        assertEquals(Set.of(liveUpload, retryUpload), Set.copyOf(seeds.openUploadIds()));
        for (String key : List.of(abandoned, superseded, orphan)) {
            assertFalse(seeds.exists(S3Keys.checkpointKey(key)), "it names an upload that no longer exists: " + key);
            assertTrue(seeds.exists(S3Keys.manifestKey(key)), "a manifest is swept by age, with its archive key: " + key);
        }
        assertTrue(seeds.exists(S3Keys.checkpointKey(continued)), "the live part continues from it");
        assertTrue(seeds.exists(S3Keys.checkpointKey(retried)), "the retry continues from it");
        assertEquals(0, PartsMaintenanceIntegrationTest.run(maintenance).get("multipart_uploads_aborted"));
    }
}

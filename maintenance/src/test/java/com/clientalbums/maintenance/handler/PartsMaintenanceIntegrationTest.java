package com.clientalbums.maintenance.handler;

import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.handler.PartsSeeds.Task;
import com.clientalbums.maintenance.sweep.MaintenancePolicy;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.clientalbums.maintenance.handler.PartsSeeds.part;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Maintenance of albums cut into parts, against real S3 and DynamoDB on loopback: archives with
 * their manifests and checkpoints are kept while the album's record points at them (published, or
 * a part of the build under way) and deleted together once superseded; sidecars left without their
 * archive go; a published part gone missing gets the album rebuilt; a live build's open upload is
 * left alone.
 */
class PartsMaintenanceIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    @Test
    void archivesARecordPointsAtAreKeptAndSupersededOnesGoWithTheirSidecars() throws Exception {
        PartsSeeds seeds = new PartsSeeds(aws);
        AlbumRepository albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        // A ready album in three parts, each with its manifest, beside an archive it superseded
        // (with the checkpoint its build left) and the manifest and checkpoint of an archive never finished.
        String ready = "in-parts";
        List<String> published = List.of(part(ready, 1), part(ready, 2), part(ready, 3));
        published.forEach(k -> seeds.putArchive(k, true, false));
        seeds.ready(ready, published, longAgo);
        String superseded = part(ready, 4);
        seeds.putArchive(superseded, true, true);
        String neverFinished = part(ready, 5);
        seeds.putArchive(neverFinished, false, true);
        // A build under way: part 0 is done (its archive exists), part 1 is being built (manifest,
        // checkpoint and an open upload, no archive yet), part 2 waits. The archive published
        // before the change is still what links point at; an older one is superseded.
        String building = "building";
        String previous = part(building, 1);
        seeds.putArchive(previous, true, false);
        String done = part(building, 2);
        seeds.putArchive(done, true, false);
        String underWay = part(building, 3);
        seeds.putArchive(underWay, false, true);
        String uploadId = seeds.openUpload(underWay);
        String older = part(building, 5);
        seeds.putArchive(older, true, false);
        seeds.building(building, List.of(previous), longAgo, List.of(
                new Task(done, "done", null), new Task(underWay, "building", "worker-2"), new Task(part(building, 4), "todo", null)));
        // A ready album whose second part expired (the lifecycle rule) while the first is still there.
        String missing = "part-missing";
        String kept = part(missing, 1);
        seeds.putArchive(kept, true, false);
        seeds.ready(missing, List.of(kept, part(missing, 2)), longAgo);
        // A failed build waiting for its retry, with no plan: the checkpoint and manifest of its
        // unfinished part stay for the retry to continue from.
        String retried = part("waiting", 1);
        seeds.putArchive(retried, false, true);
        seeds.pending("waiting");
        // Let the grace periods (2 s) pass.
        Thread.sleep(3_000);
        MaintenancePolicy policy = new MaintenancePolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(20),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        MaintenanceHandler maintenance = new MaintenanceHandler(aws.settings(MaintenanceHandler.SETTINGS, Map.of()), aws.clients(), policy);

        Map<String, Object> first = run(maintenance);

        assertEquals(List.of(), first.get("errors"));
        assertEquals(2, first.get("superseded_zips_deleted"), "the superseded archive of each album: " + first);
        assertEquals(5, first.get("sidecars_deleted"),
                "the superseded archives' manifests and checkpoint, the unfinished archive's two: " + first);
        assertEquals(0, first.get("multipart_uploads_aborted"), "the live build's upload stays: " + first);
        assertEquals(1, first.get("stale_zips_queued"), "only the album missing a part: " + first);
        assertEquals(0, first.get("stuck_jobs_reset"), "the build's lease is live: " + first);
        assertEquals(1, first.get("pending_requeued"), "the retry's lost wake-up, sent again: " + first);
        for (String key : List.of(superseded, neverFinished, older)) {
            assertFalse(seeds.exists(key), key);
            assertFalse(seeds.exists(S3Keys.manifestKey(key)), key);
            assertFalse(seeds.exists(S3Keys.checkpointKey(key)), key);
        }
        for (String key : List.of(published.get(0), published.get(1), published.get(2), previous, done, kept)) {
            assertTrue(seeds.exists(key), key);
            assertTrue(seeds.exists(S3Keys.manifestKey(key)), "a kept archive keeps its manifest: " + key);
        }
        assertTrue(seeds.exists(S3Keys.manifestKey(underWay)) && seeds.exists(S3Keys.checkpointKey(underWay)),
                "the part being built keeps its manifest and checkpoint before its archive exists");
        assertTrue(seeds.exists(S3Keys.manifestKey(retried)) && seeds.exists(S3Keys.checkpointKey(retried)),
                "the retry continues from them");
        assertEquals(List.of(uploadId), seeds.openUploadIds());
        assertEquals(ZipStatus.PENDING, albums.find(missing).orElseThrow().zipStatus());
        assertEquals(RequestSource.MAINTENANCE.value(), albums.find(missing).orElseThrow().requestSource());
        assertEquals(ZipStatus.READY, albums.find(ready).orElseThrow().zipStatus(), "every part of it is there");
        assertEquals(ZipStatus.GENERATING, albums.find(building).orElseThrow().zipStatus());

        Map<String, Object> second = run(maintenance);
        second.remove("albums_checked");
        second.values().removeIf(v -> v instanceof Integer i && i == 0);
        assertEquals(Map.of("errors", List.of()), second, "a second run has nothing to do");
    }

    static Map<String, Object> run(MaintenanceHandler handler) throws Exception {
        return new HashMap<>(handler.handleRequest(MaintenanceIntegrationTest.scheduledEvent(), TestContext.withMinutes(15)));
    }
}

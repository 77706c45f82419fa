package com.clientalbums.maintenance.handler;

import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.ZipStatus;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.sweep.MaintenancePolicy;
import com.clientalbums.testing.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.clientalbums.maintenance.handler.PartsMaintenanceIntegrationTest.run;
import static com.clientalbums.maintenance.handler.PartsSeeds.part;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Maintenance of albums with a web-size archive, against real S3 and DynamoDB on loopback (an
 * environment of its own, so its report counts only these albums).
 */
class WebPartsMaintenanceIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    /**
     * Web-size parts are published archives like the originals: kept with their manifests while the
     * record lists them, deleted once superseded, and one gone gets the album rebuilt.
     */
    @Test
    void webSizePartsAreKeptLikeTheOriginalsAndOneMissingGetsTheAlbumRebuilt() throws Exception {
        PartsSeeds seeds = new PartsSeeds(aws);
        AlbumRepository albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        String ready = "web-kept";
        List<String> originals = List.of(part(ready, 1), part(ready, 2));
        List<String> web = List.of(part(ready, 3), part(ready, 4));
        Stream.concat(originals.stream(), web.stream()).forEach(k -> seeds.putArchive(k, true, false));
        String supersededWeb = part(ready, 5);
        seeds.putArchive(supersededWeb, true, false);
        seeds.ready(ready, originals, web, longAgo);
        String missing = "web-missing";
        String original = part(missing, 1);
        seeds.putArchive(original, true, false);
        seeds.ready(missing, List.of(original), List.of(part(missing, 2)), longAgo);
        Thread.sleep(3_000);
        MaintenancePolicy policy = new MaintenancePolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(20),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        MaintenanceHandler maintenance = new MaintenanceHandler(aws.settings(MaintenanceHandler.SETTINGS, Map.of()), aws.clients(), policy);

        Map<String, Object> report = run(maintenance);

        assertEquals(List.of(), report.get("errors"));
        assertEquals(1, report.get("superseded_zips_deleted"), "only the archive no record lists: " + report);
        assertEquals(1, report.get("stale_zips_queued"), "the album missing its web-size part: " + report);
        assertFalse(seeds.exists(supersededWeb));
        for (String key : web) {
            assertTrue(seeds.exists(key) && seeds.exists(S3Keys.manifestKey(key)), "a published web-size part and its manifest: " + key);
        }
        assertEquals(ZipStatus.READY, albums.find(ready).orElseThrow().zipStatus(), "every part of both sizes is there");
        assertEquals(ZipStatus.PENDING, albums.find(missing).orElseThrow().zipStatus());
        assertEquals(RequestSource.MAINTENANCE.value(), albums.find(missing).orElseThrow().requestSource());
    }

}

package com.clientalbums.maintenance.handler;

import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.SettingsUpdate;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.sweep.MaintenancePolicy;
import com.clientalbums.maintenance.sweep.MaintenanceRun;
import com.clientalbums.testing.LocalAws;
import com.clientalbums.testing.TestContext;
import com.clientalbums.testing.WebSizes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.awt.Color;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Maintenance tells the photographer which galleries have expired, and changes nothing about them. */
class ExpiredAlbumsTest {
    @RegisterExtension
    static final LocalAws aws = LocalAws.create();

    @Test
    void maintenanceCountsAndNamesTheExpiredAlbumsAndLeavesThemAsTheyAre() throws Exception {
        AlbumRepository albums = new AlbumRepository(aws.clients().dynamo(), aws.names().albumTable());
        Instant now = Instant.now();
        Map<String, Instant> expiries = Map.of("expired-yesterday", now.minus(Duration.ofDays(1)),
                "expired-last-year", now.minus(Duration.ofDays(365)), "expires-next-week", now.plus(Duration.ofDays(7)));
        for (String id : List.of("expired-yesterday", "expired-last-year", "expires-next-week", "never-expires")) {
            aws.clients().s3().putObject(r -> r.bucket(aws.names().bucket()).key(S3Keys.photoKey(id, "IMG_1.jpg")),
                    RequestBody.fromBytes(MaintenanceIntegrationTest.jpeg(Color.GREEN)));
            var listed = new PhotoListing(aws.clients().s3(), aws.names().bucket()).list(id);
            assertTrue(albums.register(id, id, "studio@example.com", listed.size(), Fingerprint.of(listed, WebSizes.DEFAULT), now));
            if (expiries.containsKey(id)) {
                assertTrue(albums.updateSettings(id, new SettingsUpdate(Optional.of(new SettingsUpdate.Expiry(expiries.get(id))),
                        Optional.empty())).isPresent());
            }
        }
        var policy = new MaintenancePolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(20),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger runLog = Logger.getLogger(MaintenanceRun.class.getName());
        Handler capture = new Handler() {
            @Override public void publish(LogRecord record) {
                logged.add(MessageFormat.format(record.getMessage(), record.getParameters()));
            }
            @Override public void flush() {}
            @Override public void close() {}
        };
        runLog.addHandler(capture);
        Map<String, Object> result;
        try {
            result = new MaintenanceHandler(aws.settings(MaintenanceHandler.SETTINGS, Map.of()), aws.clients(), policy)
                    .handleRequest(MaintenanceIntegrationTest.scheduledEvent(), TestContext.withMinutes(15));
        } finally {
            runLog.removeHandler(capture);
        }

        assertEquals(2, result.get("expired_albums"), "the two past their date: " + result);
        assertEquals(List.of(), result.get("errors"), "an expired gallery is news, not an error");
        List<String> named = logged.stream().filter(line -> line.contains("expired album")).toList();
        assertEquals(1, named.size(), "one line names them: " + logged);
        assertTrue(named.getFirst().contains("expired-last-year, expired-yesterday"), named.getFirst());
        for (String id : expiries.keySet()) {
            assertEquals(expiries.get(id).toEpochMilli(), albums.find(id).orElseThrow().expiresAt().toEpochMilli(),
                    "maintenance leaves the expiry as the photographer set it: " + id);
        }
    }
}

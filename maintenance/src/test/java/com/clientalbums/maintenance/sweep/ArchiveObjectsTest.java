package com.clientalbums.maintenance.sweep;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.store.ArchiveStore;
import com.clientalbums.maintenance.store.StoredObject;
import com.clientalbums.maintenance.sweep.ArchiveObjects.ArchiveGroup;
import com.clientalbums.maintenance.sweep.ArchiveObjects.Kind;
import com.clientalbums.maintenance.sweep.ArchiveObjects.ZipObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchiveObjectsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void anArchiveItsManifestAndItsCheckpointAreOneGroupAsYoungAsItsLatestWrite() {
        String archive = S3Keys.zipKey("album-1", "aaaa");
        ArchiveObjects listed = list(Map.of(
                archive, T0, S3Keys.manifestKey(archive), T0.minusSeconds(60), S3Keys.checkpointKey(archive), T0.plusSeconds(5)));

        ArchiveGroup group = listed.of("album-1").getFirst();

        assertEquals(1, listed.of("album-1").size());
        assertEquals(archive, group.archiveKey());
        assertTrue(group.hasArchive());
        assertEquals(Set.of(Kind.ARCHIVE, Kind.MANIFEST, Kind.CHECKPOINT),
                group.objects().stream().map(ZipObject::kind).collect(Collectors.toSet()));
        assertEquals(T0.plusSeconds(5), group.lastWritten());
    }

    @Test
    void sidecarsWithoutTheirArchiveAreAGroupThatIsNoArchive() {
        String building = S3Keys.zipKey("album-1", "bbbb");
        String published = S3Keys.zipKey("album-1", "cccc");
        ArchiveObjects listed = list(Map.of(S3Keys.manifestKey(building), T0, S3Keys.checkpointKey(building), T0,
                published, T0, S3Keys.manifestKey(published), T0));

        ArchiveGroup sidecarsOnly = listed.of("album-1").stream().filter(g -> g.archiveKey().equals(building)).findFirst().orElseThrow();

        assertFalse(sidecarsOnly.hasArchive());
        assertEquals(2, sidecarsOnly.objects().size());
        assertEquals(Set.of(published), listed.archiveKeys("album-1"), "only archives that exist count as there");
    }

    @Test
    void namesTheGeneratorDoesNotWriteAreStraysOfTheirOwnAndAlbumsStayApart() {
        ArchiveObjects listed = list(Map.of("zips/album-1/notes.txt", T0, "zips/album-1/dddd.manifest.json.bak", T0,
                S3Keys.zipKey("album-2", "eeee"), T0, "zips/loose.zip", T0));

        assertEquals(Set.of(Kind.OTHER), listed.of("album-1").stream().flatMap(g -> g.objects().stream())
                .map(ZipObject::kind).collect(Collectors.toSet()));
        assertEquals(2, listed.of("album-1").size(), "each stray is its own group");
        assertEquals(Set.of(S3Keys.zipKey("album-2", "eeee")), listed.archiveKeys("album-2"));
        assertEquals(List.of("zips/loose.zip"), listed.of("").stream().map(ArchiveGroup::archiveKey).toList(),
                "a key outside any album folder is an album of its own, no record's");
    }

    /** The listing as {@link ArchiveStore} gives it; the S3 side is exercised by the handler's integration tests. */
    private static ArchiveObjects list(Map<String, Instant> objects) {
        ArchiveStore store = new ArchiveStore() {
            @Override
            public List<StoredObject> archives() {
                return objects.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> new StoredObject(e.getKey(), e.getValue())).toList();
            }

            @Override
            public void deleteArchive(String key) {
                throw new UnsupportedOperationException("listing only");
            }
        };
        return ArchiveObjects.list(store);
    }
}

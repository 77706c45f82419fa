package com.clientalbums.maintenance.sweep;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.maintenance.store.ArchiveStore;
import com.clientalbums.maintenance.store.StoredObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Every object under {@code zips/}, by album and by the archive each belongs to: one paginated
 * listing per run. An archive {@code zips/{album_id}/{fp}.zip} has beside it its manifest
 * ({@code {fp}.manifest.json}) and, while its build is unfinished, its checkpoint
 * ({@code {fp}.checkpoint.json}); they are kept and deleted together, as one {@link ArchiveGroup}.
 * (A client's receipt of an archive lives under {@code receipts/} and outlives it.)
 * Web-size archives are named and kept the same way: which size an archive is, only the album record says.
 */
record ArchiveObjects(Map<String, List<ArchiveGroup>> byAlbum) {

    /** What an object under {@code zips/} is, told by its name. */
    enum Kind {
        ARCHIVE(null), MANIFEST(S3Keys::manifestKey), CHECKPOINT(S3Keys::checkpointKey),
        /** Not a name the generator writes; swept by age like an archive nobody publishes. */
        OTHER(null);

        /** The sidecar's name for an archive key, as S3Keys gives it; null for what is no sidecar. */
        private final UnaryOperator<String> nameBeside;

        Kind(UnaryOperator<String> nameBeside) {
            this.nameBeside = nameBeside;
        }

        boolean sidecar() { return nameBeside != null; }

        /** The archive a key of this kind of sidecar stands beside; empty for any other key. */
        Optional<String> archiveOf(String key) {
            if (nameBeside == null) return Optional.empty();
            // The suffix S3Keys puts in place of ".zip", learnt from S3Keys itself so the two never disagree.
            String sample = S3Keys.zipKey("album", "key");
            String suffix = nameBeside.apply(sample).substring(sample.length() - ".zip".length());
            if (!key.endsWith(suffix)) return Optional.empty();
            return Optional.of(key.substring(0, key.length() - suffix.length()) + ".zip");
        }
    }

    /** One object: its key, what it is, and the archive key it belongs to (its own for an archive or a stray). */
    record ZipObject(String key, Kind kind, String archiveKey, Instant lastModified) {

        static ZipObject of(StoredObject o) {
            String key = o.key();
            for (Kind kind : Kind.values()) {
                Optional<String> archive = kind.archiveOf(key);
                if (archive.isPresent()) return new ZipObject(key, kind, archive.get(), o.lastModified());
            }
            return new ZipObject(key, key.endsWith(".zip") ? Kind.ARCHIVE : Kind.OTHER, key, o.lastModified());
        }
    }

    /**
     * An archive key and whatever exists of it: the archive itself (absent while it is being
     * built, or once deleted), its manifest, its checkpoint.
     */
    record ArchiveGroup(String archiveKey, List<ZipObject> objects) {

        boolean hasArchive() {
            return objects.stream().anyMatch(o -> o.kind() == Kind.ARCHIVE);
        }

        /** The latest write to any of its objects: the group is as young as its youngest. */
        Instant lastWritten() {
            return objects.stream().map(ZipObject::lastModified).max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    static ArchiveObjects list(ArchiveStore store) {
        Map<String, Map<String, List<ZipObject>>> grouped = new LinkedHashMap<>();
        for (StoredObject o : store.archives()) {
            ZipObject object = ZipObject.of(o);
            grouped.computeIfAbsent(albumOf(o.key()), k -> new LinkedHashMap<>())
                    .computeIfAbsent(object.archiveKey(), k -> new ArrayList<>()).add(object);
        }
        Map<String, List<ArchiveGroup>> byAlbum = new LinkedHashMap<>();
        grouped.forEach((album, groups) -> byAlbum.put(album,
                groups.entrySet().stream().map(e -> new ArchiveGroup(e.getKey(), List.copyOf(e.getValue()))).toList()));
        return new ArchiveObjects(byAlbum);
    }

    /** The album folder of a key under {@code zips/}; "" for a key outside any. */
    static String albumOf(String key) {
        String rest = key.substring(S3Keys.ZIPS.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(0, slash);
    }

    List<ArchiveGroup> of(String albumId) {
        return byAlbum.getOrDefault(albumId, List.of());
    }

    /** The album's archive objects that exist (sidecars alone do not make an archive). */
    Set<String> archiveKeys(String albumId) {
        return of(albumId).stream().filter(ArchiveGroup::hasArchive).map(ArchiveGroup::archiveKey).collect(Collectors.toSet());
    }
}

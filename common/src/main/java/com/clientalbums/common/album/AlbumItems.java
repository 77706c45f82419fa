package com.clientalbums.common.album;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Converts between {@link Album} and its DynamoDB item, attribute by attribute. */
final class AlbumItems {
    private AlbumItems() {}

    static Album toAlbum(Map<String, AttributeValue> item) {
        return new Album(
                s(item, "album_id"),
                s(item, "name"),
                n(item, "photo_count"),
                t(item, "created_at"),
                s(item, "created_by"),
                ZipStatus.of(s(item, "zip_status")),
                s(item, "content_fingerprint"),
                n(item, "content_version"),
                s(item, "zip_fingerprint"),
                s(item, "zip_key"),
                n(item, "zip_size"),
                n(item, "zip_file_count"),
                t(item, "zip_generated_at"),
                t(item, "zip_generation_started_at"),
                s(item, "zip_error"),
                t(item, "requested_at"),
                s(item, "request_source"),
                t(item, "not_before"),
                s(item, "lease_owner"),
                t(item, "lease_expires_at"),
                n(item, "build_version"),
                (int) n(item, "attempts"),
                progress(item.get("progress")),
                builds(item.get("builds")),
                publishedParts(item.get("zip_parts")),
                s(item, "build_fingerprint"),
                partTasks(item.get("build_parts")),
                n(item, "parts_remaining"),
                publishedParts(item.get("web_parts")),
                watermark(item.get("watermark")),
                WebSize.OtherFiles.of(s(item, "web_other_files")).orElse(WebSize.OtherFiles.DEFAULT),
                t(item, "expires_at"),
                proofing(item),
                selection(item));
    }

    private static Proofing proofing(Map<String, AttributeValue> item) {
        AttributeValue limit = item.get("selection_limit");
        String due = s(item, "selection_due");
        return new Proofing(limit == null || limit.n() == null ? null : (int) n(item, "selection_limit"),
                due == null ? null : java.time.LocalDate.parse(due));
    }

    private static Selection selection(Map<String, AttributeValue> item) {
        String of = s(item, "selection_of");
        AttributeValue paths = item.get("selection_paths");
        if (of == null || paths == null || !paths.hasL()) return null;
        return new Selection(of, paths.l().stream().map(AttributeValue::s).toList());
    }

    /** {@code selection_of} and {@code selection_paths} of a favourites archive's record. */
    static Map<String, AttributeValue> selectionAttributes(Selection selection) {
        return Map.of("selection_of", str(selection.albumId()),
                "selection_paths", AttributeValue.fromL(selection.paths().stream().map(AlbumItems::str).toList()));
    }

    static AttributeValue publishedParts(List<PublishedPart> parts) {
        List<AttributeValue> list = new ArrayList<>();
        for (PublishedPart p : parts) {
            list.add(AttributeValue.fromM(Map.of("key", str(p.key()), "size", num(p.size()),
                    "file_count", num(p.fileCount()), "content_bytes", num(p.contentBytes()))));
        }
        return AttributeValue.fromL(list);
    }

    /** One entry of the {@code build_parts} map (its map key is the part index). */
    static AttributeValue partTask(PartTask task) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("key", str(task.key()));
        m.put("state", str(task.state().value()));
        if (task.owner() != null) m.put("owner", str(task.owner()));
        if (task.leaseExpiresAt() != null) m.put("lease_expires_at", time(task.leaseExpiresAt()));
        m.put("progress", progress(task.progress()));
        m.put("size", num(task.size()));
        m.put("photo_size", str(task.photoSize().value()));
        return AttributeValue.fromM(m);
    }

    private static List<PublishedPart> publishedParts(AttributeValue v) {
        if (v == null || !v.hasL()) return List.of();
        List<PublishedPart> out = new ArrayList<>();
        for (AttributeValue e : v.l()) {
            Map<String, AttributeValue> m = e.m();
            out.add(new PublishedPart(s(m, "key"), n(m, "size"), n(m, "file_count"), n(m, "content_bytes")));
        }
        return List.copyOf(out);
    }

    /** The {@code build_parts} map, in part order. */
    private static List<PartTask> partTasks(AttributeValue v) {
        if (v == null || !v.hasM()) return List.of();
        List<PartTask> out = new ArrayList<>();
        for (var e : v.m().entrySet()) {
            Map<String, AttributeValue> m = e.getValue().m();
            out.add(new PartTask(Integer.parseInt(e.getKey()), s(m, "key"), PartTask.State.of(s(m, "state")), s(m, "owner"),
                    t(m, "lease_expires_at"), progress(m.get("progress")), n(m, "size"),
                    PhotoSize.of(s(m, "photo_size")).orElse(PhotoSize.ORIGINAL)));
        }
        out.sort(java.util.Comparator.comparingInt(PartTask::index));
        return List.copyOf(out);
    }

    /** The {@code watermark} map attribute. */
    static AttributeValue watermark(Watermark w) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("kind", str(w.kind().value()));
        if (w.text() != null) m.put("text", str(w.text()));
        if (w.logoKey() != null) m.put("logo_key", str(w.logoKey()));
        m.put("position", str(w.position().value()));
        m.put("size", num(w.sizePercent()));
        m.put("opacity", num(w.opacityPercent()));
        m.put("on_previews", AttributeValue.fromBool(w.onPreviews()));
        return AttributeValue.fromM(m);
    }

    private static Watermark watermark(AttributeValue v) {
        if (v == null || !v.hasM()) return null;
        Map<String, AttributeValue> m = v.m();
        AttributeValue onPreviews = m.get("on_previews");
        return new Watermark(Watermark.Kind.of(s(m, "kind")).orElse(null), s(m, "text"), s(m, "logo_key"),
                Watermark.Position.of(s(m, "position")).orElse(null), (int) n(m, "size"), (int) n(m, "opacity"),
                onPreviews != null && Boolean.TRUE.equals(onPreviews.bool()));
    }

    static AttributeValue str(String v) { return AttributeValue.fromS(v); }

    static AttributeValue num(long v) { return AttributeValue.fromN(Long.toString(v)); }

    static AttributeValue time(Instant t) { return AttributeValue.fromS(Timestamps.format(t)); }

    static AttributeValue progress(Progress p) {
        return AttributeValue.fromM(Map.of(
                "files_done", num(p.filesDone()), "files_total", num(p.filesTotal()),
                "bytes_done", num(p.bytesDone()), "bytes_total", num(p.bytesTotal())));
    }

    static AttributeValue builds(List<BuildRecord> builds) {
        List<AttributeValue> list = new ArrayList<>();
        for (BuildRecord b : builds) {
            Map<String, AttributeValue> m = new HashMap<>();
            if (b.requestedAt() != null) m.put("requested_at", time(b.requestedAt()));
            if (b.startedAt() != null) m.put("started_at", time(b.startedAt()));
            if (b.finishedAt() != null) m.put("finished_at", time(b.finishedAt()));
            m.put("outcome", str(b.outcome()));
            m.put("files", num(b.files()));
            m.put("bytes", num(b.bytes()));
            m.put("seconds", AttributeValue.fromN(String.format(java.util.Locale.ROOT, "%.3f", b.seconds())));
            if (b.source() != null) m.put("source", str(b.source()));
            list.add(AttributeValue.fromM(m));
        }
        return AttributeValue.fromL(list);
    }

    private static Progress progress(AttributeValue v) {
        if (v == null || !v.hasM()) return Progress.NONE;
        Map<String, AttributeValue> m = v.m();
        return new Progress(n(m, "files_done"), n(m, "files_total"), n(m, "bytes_done"), n(m, "bytes_total"));
    }

    private static List<BuildRecord> builds(AttributeValue v) {
        if (v == null || !v.hasL()) return List.of();
        List<BuildRecord> out = new ArrayList<>();
        for (AttributeValue e : v.l()) {
            Map<String, AttributeValue> m = e.m();
            out.add(new BuildRecord(t(m, "requested_at"), t(m, "started_at"), t(m, "finished_at"),
                    s(m, "outcome"), n(m, "files"), n(m, "bytes"),
                    m.containsKey("seconds") ? Double.parseDouble(m.get("seconds").n()) : 0, s(m, "source")));
        }
        return List.copyOf(out);
    }

    private static String s(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null ? null : v.s();
    }

    private static long n(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null || v.n() == null ? 0 : (long) Double.parseDouble(v.n());
    }

    private static Instant t(Map<String, AttributeValue> m, String k) {
        return Timestamps.parse(s(m, k));
    }
}

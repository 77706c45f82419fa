package com.clientalbums.zip.reuse;

import com.clientalbums.common.store.S3Keys;
import com.clientalbums.zip.layout.ZipLayout;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads the manifest beside an archive ({@code S3Keys.manifestKey}): JSON, snake_case,
 * times as ISO-8601 UTC, e.g.
 * <pre>
 * {"version":1,"archive_size":52431400,"entries":[
 *   {"name":"Ceremony/IMG_0001.jpg","source_key":"albums/a/photos/Ceremony/IMG_0001.jpg",
 *    "etag":"\"9b2c…\"","size":4194304,"last_modified":"2024-06-15T14:30:07Z"}, …]}
 * </pre>
 * The build writes it before completing the archive's upload, so every archive has one. A manifest
 * of another version is refused rather than guessed at: a rebuild then copies nothing from that archive.
 */
public final class ArchiveManifests {
    /** Bump when the archive's records or the manifest's meaning change: older manifests are then not trusted. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new InstantText())
                    .addDeserializer(Instant.class, new InstantParser()))
            .build();

    private ArchiveManifests() {}

    /** What the archive planned by {@code layout} holds; {@code etags} by layout entry. */
    public static ArchiveManifest of(ZipLayout layout, List<String> etags) {
        if (etags.size() != layout.entries().size()) throw new IllegalArgumentException("one ETag per entry");
        List<ArchiveManifest.Entry> entries = new ArrayList<>(etags.size());
        for (int i = 0; i < etags.size(); i++) {
            ZipLayout.Entry e = layout.entries().get(i);
            entries.add(new ArchiveManifest.Entry(e.name(), e.source().key(), etags.get(i), e.size(), e.source().lastModified()));
        }
        return new ArchiveManifest(VERSION, layout.totalSize(), entries);
    }

    /** Puts the manifest of the archive at {@code zipKey}. */
    public static void write(S3Client s3, String bucket, String zipKey, ZipLayout layout, List<String> etags) {
        byte[] body = encode(of(layout, etags));
        s3.putObject(r -> r.bucket(bucket).key(S3Keys.manifestKey(zipKey)).contentType("application/json"),
                RequestBody.fromBytes(body));
    }

    /**
     * The manifest of the archive at {@code zipKey}.
     *
     * @throws software.amazon.awssdk.services.s3.model.NoSuchKeyException when it has none
     * @throws IOException when it is not a manifest of this version
     */
    public static ArchiveManifest read(S3Client s3, String bucket, String zipKey) throws IOException {
        return decode(s3.getObjectAsBytes(r -> r.bucket(bucket).key(S3Keys.manifestKey(zipKey))).asByteArray());
    }

    public static byte[] encode(ArchiveManifest manifest) {
        try {
            return JSON.writeValueAsBytes(manifest);
        } catch (JacksonException e) {
            throw new IllegalStateException("a manifest is always serializable", e);
        }
    }

    /** @throws IOException when {@code json} is not a manifest of {@link #VERSION} */
    public static ArchiveManifest decode(byte[] json) throws IOException {
        ArchiveManifest manifest;
        try {
            manifest = JSON.readValue(json, ArchiveManifest.class);
        } catch (JacksonException e) {
            throw new IOException("not an archive manifest: " + e.getOriginalMessage(), e);
        }
        if (manifest == null) throw new IOException("not an archive manifest: null");
        if (manifest.version() != VERSION) throw new IOException("manifest version " + manifest.version() + ", this build reads " + VERSION);
        return manifest;
    }

    private static final class InstantText extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(value.toString());
        }
    }

    private static final class InstantParser extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser in, DeserializationContext context) throws IOException {
            String text = in.getValueAsString();
            if (text != null) {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException e) {
                    // refused below, with the value in the message
                }
            }
            return (Instant) context.handleWeirdStringValue(Instant.class, in.getText(), "not an ISO-8601 instant");
        }
    }
}

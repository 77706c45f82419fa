package com.clientalbums.common.http;

import com.clientalbums.common.album.Timestamps;
import com.clientalbums.common.error.AlbumsException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.time.Instant;

/**
 * The APIs' JSON: snake_case property names from camelCase records, times as the fixed-width
 * UTC strings the tables hold ({@code 2026-11-29T12:00:00.000Z}), nulls written out (a client
 * reads {@code "download_url": null} as "not ready", not as a missing field).
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new SimpleModule("times").addSerializer(Instant.class, new InstantSerializer()))
            .build();

    private Json() {}

    public static ObjectMapper mapper() { return MAPPER; }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response is not serializable: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a request body; anything that is not the expected JSON is the caller's mistake (400). */
    public static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) throw AlbumsException.badRequest("A JSON request body is required");
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) throw AlbumsException.badRequest("A JSON request body is required");
            return value;
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().getLast().getFieldName();
            throw AlbumsException.badRequest(field == null
                    ? "The request body does not have the expected shape"
                    : "The request body's field '" + field + "' has the wrong type");
        } catch (JsonProcessingException e) {
            throw AlbumsException.badRequest("The request body is not valid JSON");
        }
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {
        InstantSerializer() { super(Instant.class); }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Timestamps.format(value));
        }
    }
}

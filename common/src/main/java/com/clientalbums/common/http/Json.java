package com.clientalbums.common.http;

import com.clientalbums.common.album.Timestamps;
import com.clientalbums.common.error.AlbumsException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The APIs' JSON: snake_case property names from camelCase records, times as the fixed-width
 * UTC strings the tables hold ({@code 2026-11-29T12:00:00.000Z}), nulls written out (a client
 * reads {@code "download_url": null} as "not ready", not as a missing field).
 *
 * <p>Request bodies are read with strict types: Jackson's coercions would turn
 * {@code {"album_id": 123}} into the album "123" and {@code "size": "10"} into a number, so a
 * value of the wrong JSON type (string, number, boolean, list, object) and an explicit
 * {@code null} are refused with a 400 naming the field. A field left out reads as null and is
 * the service's to require, with its own message. Unknown fields are ignored, so an older server takes a newer
 * client's body.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
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
            JsonNode tree = MAPPER.readTree(body);
            if (tree == null || tree.isNull()) throw AlbumsException.badRequest("A JSON request body is required");
            explicitNull(tree, "").ifPresent(field -> {
                throw AlbumsException.badRequest("The request body's field '" + field + "' must not be null");
            });
            return MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            Optional<String> expected = e instanceof MismatchedInputException m ? expected(m.getTargetType()) : Optional.empty();
            throw AlbumsException.badRequest(field(e.getPath())
                    .map(f -> "The request body's field '" + f + "' " + expected.map(t -> "must be " + t).orElse("has the wrong type"))
                    .orElse("The request body does not have the expected shape"));
        } catch (JsonProcessingException e) {
            throw AlbumsException.badRequest("The request body is not valid JSON");
        }
    }

    /**
     * The first value written as {@code null}, by its path. Jackson reads an explicit null and a
     * left-out field alike, but only the left-out one may be optional.
     */
    private static Optional<String> explicitNull(JsonNode node, String path) {
        if (node.isNull()) return Optional.of(path);
        if (node.isObject()) {
            for (var field : node.properties()) {
                var found = explicitNull(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
                if (found.isPresent()) return found;
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                var found = explicitNull(node.get(i), path + "[" + i + "]");
                if (found.isPresent()) return found;
            }
        }
        return Optional.empty();
    }

    /** Where in the body the mistake is, as a client writes it: {@code files[1].size}. */
    private static Optional<String> field(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) field.append('.');
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? Optional.empty() : Optional.of(field.toString());
    }

    /** The JSON type a Java type is read from, in words; empty for a type the message need not name. */
    private static Optional<String> expected(Class<?> type) {
        if (type == null) return Optional.empty();
        if (CharSequence.class.isAssignableFrom(type)) return Optional.of("a string");
        if (type == Boolean.class || type == boolean.class) return Optional.of("true or false");
        if (type == Float.class || type == Double.class || type == float.class || type == double.class) return Optional.of("a number");
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return Optional.of("a whole number");
        if (Collection.class.isAssignableFrom(type) || type.isArray()) return Optional.of("a list");
        if (type.isRecord() || Map.class.isAssignableFrom(type)) return Optional.of("an object");
        return Optional.empty();
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {
        InstantSerializer() { super(Instant.class); }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Timestamps.format(value));
        }
    }
}

package com.clientalbums.admin.albums;

import com.clientalbums.common.album.SettingsUpdate;
import com.clientalbums.common.album.Watermark;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.http.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The body of {@code PATCH /admin/albums/{album_id}}: any of {@code expires_at} (an ISO 8601 time,
 * or null for none), {@code watermark} (an object, or null for none) and {@code web_other_files}
 * ({@code include | omit}). A field left out is left as it is; here, unlike other bodies, an explicit
 * null is a value (it removes the setting), so the body is read as a tree rather than by
 * {@link Json#read}. Every mistake is a 400 naming the field.
 *
 * @param expiry    empty: unchanged
 * @param watermark empty: unchanged; {@code WatermarkChoice(null)}: no watermark
 * @param otherFiles empty: unchanged
 */
public record SettingsRequest(Optional<SettingsUpdate.Expiry> expiry, Optional<WatermarkChoice> watermark,
                              Optional<WebSize.OtherFiles> otherFiles) {

    /** @param watermark null for none */
    public record WatermarkChoice(Watermark watermark) {}

    static final String EXPIRES_AT = "expires_at", WATERMARK = "watermark", WEB_OTHER_FILES = "web_other_files";

    public static SettingsRequest parse(String body) {
        JsonNode tree = tree(body);
        if (!tree.has(EXPIRES_AT) && !tree.has(WATERMARK) && !tree.has(WEB_OTHER_FILES)) {
            throw AlbumsException.badRequest("Give at least one of expires_at, watermark and web_other_files");
        }
        return new SettingsRequest(
                Optional.ofNullable(tree.get(EXPIRES_AT)).map(SettingsRequest::expiry),
                Optional.ofNullable(tree.get(WATERMARK)).map(SettingsRequest::watermark),
                Optional.ofNullable(tree.get(WEB_OTHER_FILES)).map(SettingsRequest::otherFiles));
    }

    private static JsonNode tree(String body) {
        if (body == null || body.isBlank()) throw AlbumsException.badRequest("A JSON request body is required");
        try {
            JsonNode tree = Json.mapper().readTree(body);
            if (tree == null || !tree.isObject()) throw AlbumsException.badRequest("The request body must be a JSON object");
            return tree;
        } catch (JsonProcessingException e) {
            throw AlbumsException.badRequest("The request body is not valid JSON");
        }
    }

    private static SettingsUpdate.Expiry expiry(JsonNode node) {
        if (node.isNull()) return new SettingsUpdate.Expiry(null);
        String problem = "expires_at must be an ISO 8601 time with its offset (2027-06-30T23:59:59Z) or null";
        if (!node.isTextual()) throw AlbumsException.badRequest(problem);
        try {
            return new SettingsUpdate.Expiry(OffsetDateTime.parse(node.asText()).toInstant());
        } catch (DateTimeParseException e) {
            throw AlbumsException.badRequest(problem);
        }
    }

    private static WebSize.OtherFiles otherFiles(JsonNode node) {
        return (node.isTextual() ? WebSize.OtherFiles.of(node.asText()) : Optional.<WebSize.OtherFiles>empty())
                .orElseThrow(() -> AlbumsException.badRequest("web_other_files must be \"include\" or \"omit\""));
    }

    /** The watermark's own checks ({@link Watermark}) name its fields; these name a field of the wrong type. */
    private static WatermarkChoice watermark(JsonNode node) {
        if (node.isNull()) return new WatermarkChoice(null);
        if (!node.isObject()) throw AlbumsException.badRequest("watermark must be an object or null");
        Watermark.Kind kind = text(node, "kind").flatMap(Watermark.Kind::of).orElse(null);
        Watermark.Position position = text(node, "position").flatMap(Watermark.Position::of).orElse(null);
        if (kind != null && position == null) {
            throw AlbumsException.badRequest("watermark.position must be one of center, top-left, top-right, bottom-left, bottom-right");
        }
        JsonNode onPreviews = node.get("on_previews");
        if (onPreviews != null && !onPreviews.isBoolean()) throw AlbumsException.badRequest("watermark.on_previews must be true or false");
        return new WatermarkChoice(new Watermark(kind, text(node, "text").orElse(null), text(node, "logo_key").orElse(null), position,
                whole(node, "size"), whole(node, "opacity"), onPreviews != null && onPreviews.booleanValue()));
    }

    private static Optional<String> text(JsonNode watermark, String field) {
        JsonNode value = watermark.get(field);
        if (value == null || value.isNull()) return Optional.empty();
        if (!value.isTextual()) throw AlbumsException.badRequest("watermark." + field + " must be a string");
        return Optional.of(value.asText());
    }

    private static int whole(JsonNode watermark, String field) {
        JsonNode value = watermark.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw AlbumsException.badRequest("watermark." + field + " must be a whole number (percent)");
        }
        return value.intValue();
    }
}

package com.clientalbums.admin.albums;

import com.clientalbums.common.album.Proofing;
import com.clientalbums.common.album.SettingsUpdate;
import com.clientalbums.common.album.Watermark;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.http.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The body of {@code PATCH /admin/albums/{album_id}}: any of {@code expires_at} (an ISO 8601 time,
 * or null for none), {@code watermark} (an object, or null for none), {@code web_other_files}
 * ({@code include | omit}), and the proofing terms {@code selection_limit} (1 to 2,000 photos, or
 * null for none) and {@code selection_due} ({@code YYYY-MM-DD}, or null for none). A field left out is left as it is; here, unlike other bodies, an explicit
 * null is a value (it removes the setting), so the body is read as a tree rather than by
 * {@link Json#read}. Every mistake is a 400 naming the field.
 *
 * @param expiry    empty: unchanged
 * @param watermark empty: unchanged; {@code WatermarkChoice(null)}: no watermark
 * @param otherFiles empty: unchanged
 * @param selectionLimit empty: unchanged
 * @param selectionDue   empty: unchanged
 */
public record SettingsRequest(Optional<SettingsUpdate.Expiry> expiry, Optional<WatermarkChoice> watermark,
                              Optional<WebSize.OtherFiles> otherFiles, Optional<SettingsUpdate.SelectionLimit> selectionLimit,
                              Optional<SettingsUpdate.SelectionDue> selectionDue) {

    /** @param watermark null for none */
    public record WatermarkChoice(Watermark watermark) {}

    static final String EXPIRES_AT = "expires_at", WATERMARK = "watermark", WEB_OTHER_FILES = "web_other_files",
            SELECTION_LIMIT = "selection_limit", SELECTION_DUE = "selection_due";
    /** Exactly the form the field is documented in: {@link LocalDate#parse} alone would take {@code +2027-03-01}. */
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    public static SettingsRequest parse(String body) {
        JsonNode tree = tree(body);
        if (Stream.of(EXPIRES_AT, WATERMARK, WEB_OTHER_FILES, SELECTION_LIMIT, SELECTION_DUE).noneMatch(tree::has)) {
            throw AlbumsException.badRequest(
                    "Give at least one of expires_at, watermark, web_other_files, selection_limit and selection_due");
        }
        return new SettingsRequest(
                Optional.ofNullable(tree.get(EXPIRES_AT)).map(SettingsRequest::expiry),
                Optional.ofNullable(tree.get(WATERMARK)).map(SettingsRequest::watermark),
                Optional.ofNullable(tree.get(WEB_OTHER_FILES)).map(SettingsRequest::otherFiles),
                Optional.ofNullable(tree.get(SELECTION_LIMIT)).map(SettingsRequest::selectionLimit),
                Optional.ofNullable(tree.get(SELECTION_DUE)).map(SettingsRequest::selectionDue));
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

    private static SettingsUpdate.SelectionLimit selectionLimit(JsonNode node) {
        if (node.isNull()) return new SettingsUpdate.SelectionLimit(null);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > Proofing.MAX_FAVOURITES) {
            throw AlbumsException.badRequest("selection_limit must be a whole number of photos from 1 to "
                    + Proofing.MAX_FAVOURITES + ", or null for no limit");
        }
        return new SettingsUpdate.SelectionLimit(node.intValue());
    }

    private static SettingsUpdate.SelectionDue selectionDue(JsonNode node) {
        if (node.isNull()) return new SettingsUpdate.SelectionDue(null);
        String problem = "selection_due must be a day of the calendar written YYYY-MM-DD (2027-03-01), or null for no due date";
        if (!node.isTextual() || !DAY.matcher(node.asText()).matches()) throw AlbumsException.badRequest(problem);
        try {
            return new SettingsUpdate.SelectionDue(LocalDate.parse(node.asText()));
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

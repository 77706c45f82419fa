package com.clientalbums.admin.shares;

import com.clientalbums.common.access.Downloads;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.http.Json;
import com.clientalbums.common.share.FieldChange;
import com.clientalbums.common.share.PinHash;
import com.clientalbums.common.share.ShareChanges;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The studio's share-link bodies, validated: label 1–100 characters, PIN 4–8 digits as a string,
 * expiry an ISO-8601 time in the future, download limit 1–10,000 archive downloads. A {@code PATCH}
 * is read as a tree, since there {@code null} means "remove" (the PIN, the expiry, the limit),
 * which the strict reader of create bodies refuses.
 */
public final class ShareRequests {
    static final int MAX_LABEL_CHARS = 100;
    static final long MAX_DOWNLOAD_LIMIT = 10_000;

    private ShareRequests() {}

    /**
     * {@code POST /admin/albums/{album_id}/shares}; {@code sendTo} and {@code message} e-mail the new
     * link ({@link ShareMail}).
     */
    public record NewShare(String label, String pin, String expiresAt, String downloads, Long downloadLimit,
                           List<String> sendTo, String message) {
        public NewShare(String label, String pin, String expiresAt, String downloads, Long downloadLimit) {
            this(label, pin, expiresAt, downloads, downloadLimit, null, null);
        }
    }

    /** A new link's settings, validated; the PIN still in clear (it is hashed when stored). */
    record Valid(String label, String pin, Instant expiresAt, Downloads downloads, long downloadLimit) {}

    static Valid validate(NewShare body, Instant now) {
        if (body.downloads() == null) throw AlbumsException.badRequest("downloads is required: \"none\", \"web\", \"original\" or \"both\"");
        return new Valid(label(body.label()), body.pin() == null ? null : PinHash.requireValid(body.pin()),
                body.expiresAt() == null ? null : expiresAt(body.expiresAt(), now), Downloads.parse(body.downloads()),
                body.downloadLimit() == null ? 0 : downloadLimit(body.downloadLimit()));
    }

    /** {@code PATCH …/shares/{share_id}}: fields left out are kept; {@code null} removes the PIN, expiry or limit. */
    static ShareChanges changes(String body, Instant now) {
        JsonNode tree = tree(body);
        return new ShareChanges(
                field(tree, "label", false, node -> label(text(node, "label"))),
                field(tree, "pin", true, node -> PinHash.of(PinHash.requireValid(text(node, "pin")))),
                field(tree, "expires_at", true, node -> expiresAt(text(node, "expires_at"), now)),
                field(tree, "downloads", false, node -> Downloads.parse(text(node, "downloads"))),
                field(tree, "download_limit", true, node -> {
                    if (!node.isIntegralNumber()) throw AlbumsException.badRequest("download_limit must be a whole number");
                    return downloadLimit(node.asLong());
                }));
    }

    static String label(String raw) {
        String label = raw == null ? "" : raw.strip();
        int chars = label.codePointCount(0, label.length());
        if (chars < 1 || chars > MAX_LABEL_CHARS) throw AlbumsException.badRequest("label must be 1-" + MAX_LABEL_CHARS + " characters");
        if (label.codePoints().anyMatch(Character::isISOControl)) throw AlbumsException.badRequest("label must not contain control characters");
        return label;
    }

    static Instant expiresAt(String raw, Instant now) {
        Instant at;
        try {
            at = OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw AlbumsException.badRequest("expires_at must be an ISO-8601 time with its offset, e.g. 2027-06-30T18:00:00Z");
        }
        if (!at.isAfter(now)) throw AlbumsException.badRequest("expires_at must be in the future");
        return at;
    }

    static long downloadLimit(long limit) {
        if (limit < 1 || limit > MAX_DOWNLOAD_LIMIT) throw AlbumsException.badRequest("download_limit must be 1-10000 (leave it out for no limit)");
        return limit;
    }

    private interface Reader<T> {
        T read(JsonNode node);
    }

    private static <T> FieldChange<T> field(JsonNode tree, String name, boolean removable, Reader<T> reader) {
        if (!tree.has(name)) return FieldChange.keep();
        JsonNode node = tree.get(name);
        if (node.isNull()) {
            if (!removable) throw AlbumsException.badRequest("The request body's field '" + name + "' must not be null");
            return new FieldChange.Remove<>();
        }
        return new FieldChange.Set<>(reader.read(node));
    }

    private static String text(JsonNode node, String name) {
        if (!node.isTextual()) throw AlbumsException.badRequest("The request body's field '" + name + "' must be a string");
        return node.asText();
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
}

package com.clientalbums.coldstart;

import com.clientalbums.common.album.ZipStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Whether a function's first answer is the right one: what it says, and for the generator what it did. */
final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {}

    /** Throws an {@link AssertionError} naming the function and its answer unless the answer is right. */
    static void check(ColdFunction function, String answer, LoopbackAccount account) {
        JsonNode json = parse(answer);
        switch (function) {
            case CLIENT_API, ADMIN_API -> {
                require(function, answer, json.path("statusCode").asInt() == 200, "status 200");
                List<String> albums = parse(json.path("body").asText()).findValuesAsText("album_id");
                require(function, answer, albums.contains(LoopbackAccount.ALBUM), "the album " + LoopbackAccount.ALBUM + " listed");
            }
            case ZIP_GENERATOR -> {
                require(function, answer, json.path("batchItemFailures").isArray() && json.path("batchItemFailures").isEmpty(),
                        "no failed message");
                ZipStatus status = account.albums().find(account.lastBuildAlbum()).orElseThrow().zipStatus();
                require(function, answer, status == ZipStatus.READY, account.lastBuildAlbum() + " ready (is " + status + ")");
            }
            case MAINTENANCE -> {
                require(function, answer, json.path("errors").isArray() && json.path("errors").isEmpty(), "no errors");
                require(function, answer, json.path("albums_checked").asInt() >= 1, "albums checked");
            }
            case TRIVIAL -> require(function, answer, json.path("handled").asInt() == 1, "the event's one field counted");
        }
    }

    private static void require(ColdFunction function, String answer, boolean holds, String expected) {
        if (!holds) throw new AssertionError(function + " answered " + answer + "; expected " + expected);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}

package com.clientalbums.common.album;

import com.clientalbums.common.store.AlbumIds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The id of a favourites archive's record ({@code docs/favourites.md}): {@code {album_id}.{hash}},
 * the hash being the first 32 hex characters of the SHA-256 of the selection's sorted, distinct
 * paths joined by {@code "\n"}. The same photos chosen by anyone are the same id, so one record and
 * one build; a photo more or less is another id. An album id never holds '.' ({@link AlbumIds}), so
 * the two kinds of id cannot collide, a message's id says which table it belongs to, and
 * {@code zips/{id}/} is the selection's own prefix.
 */
public final class SelectionIds {
    private static final char SEPARATOR = '.';
    private static final int HASH_LENGTH = 32;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{" + HASH_LENGTH + "}");

    private SelectionIds() {}

    /** The id of the archive of {@code paths} (relative to the album's {@code photos/}) of album {@code albumId}. */
    public static String of(String albumId, Collection<String> paths) {
        if (!AlbumIds.isValid(albumId)) throw new IllegalArgumentException("not an album id: " + albumId);
        if (paths.isEmpty()) throw new IllegalArgumentException("a selection holds at least one photo");
        String joined = String.join("\n", paths.stream().sorted().distinct().toList());
        return albumId + SEPARATOR + HexFormat.of().formatHex(sha256(joined), 0, HASH_LENGTH / 2);
    }

    /** The id of {@code selection}'s archive. */
    public static String of(Selection selection) {
        return of(selection.albumId(), selection.paths());
    }

    /** Whether {@code id} names a favourites archive rather than an album (it need not be well formed). */
    public static boolean isSelection(String id) {
        return id != null && id.indexOf(SEPARATOR) >= 0;
    }

    /** The album a favourites archive's photos are chosen from. */
    public static String albumOf(String id) {
        if (!isValid(id)) throw new IllegalArgumentException("not a selection id: " + id);
        return id.substring(0, id.indexOf(SEPARATOR));
    }

    /** A valid album id, '.', 32 lower-case hex characters. */
    public static boolean isValid(String id) {
        if (id == null) return false;
        int dot = id.indexOf(SEPARATOR);
        return dot > 0 && AlbumIds.isValid(id.substring(0, dot)) && HASH.matcher(id.substring(dot + 1)).matches();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

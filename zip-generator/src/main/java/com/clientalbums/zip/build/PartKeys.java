package com.clientalbums.zip.build;

import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.store.S3Keys;
import com.clientalbums.zip.layout.ZipLayout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The object key of an archive (a part, or an album's one archive): named for exactly what it
 * holds — each entry's name, source photo, ETag, size and time, in order. The same content always
 * gets the same key, so a part whose photos did not change is already built and is kept as it is,
 * and a build never overwrites an archive a link may be reading.
 */
public final class PartKeys {
    private PartKeys() {}

    /** {@code zips/{album_id}/{32 hex}.zip}; {@code etags} by layout entry. */
    public static String keyOf(String albumId, ZipLayout layout, List<String> etags) {
        return keyOf(albumId, layout, etags, PhotoSize.ORIGINAL);
    }

    /**
     * As {@link #keyOf(String, ZipLayout, List)}, for an archive of {@code size}. A web-size part
     * is named apart from an original part even where both hold the same files (an album of
     * videos only): each part of a plan has a key, a manifest and a checkpoint of its own.
     * Original parts keep the keys they always had.
     */
    public static String keyOf(String albumId, ZipLayout layout, List<String> etags, PhotoSize size) {
        MessageDigest sha = sha256();
        if (size == PhotoSize.WEB) line(sha, size.value());
        var entries = layout.entries();
        for (int i = 0; i < entries.size(); i++) {
            var e = entries.get(i);
            line(sha, e.name(), e.source().key(), String.valueOf(etags.get(i)), Long.toString(e.size()),
                    Long.toString(e.source().lastModified().toEpochMilli()));
        }
        line(sha, Long.toString(layout.totalSize()));
        return S3Keys.zipKey(albumId, HexFormat.of().formatHex(sha.digest(), 0, 16));
    }

    private static void line(MessageDigest sha, String... fields) {
        for (String f : fields) {
            sha.update(f.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        sha.update((byte) '\n');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

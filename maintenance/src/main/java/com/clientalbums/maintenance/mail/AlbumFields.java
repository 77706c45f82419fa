package com.clientalbums.maintenance.mail;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.mail.MailFields;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code fields} of the triggers' mails that name an album: its name, and where in the portal
 * it is. Paths only, never an address: the template puts {@code PORTAL_URL} before them, and
 * never a download link (those are signed for one person and run out).
 */
final class AlbumFields {
    /** The studio has one page; an album is opened from its list (frontend/src/pages/studio/). */
    static final String STUDIO_PATH = "/studio/";

    private AlbumFields() {}

    static String name(Album album) {
        return album.name() == null || album.name().isBlank() ? album.albumId() : album.name();
    }

    /** The album's page for a signed-in client (frontend/src/scripts/albums.ts links it so). */
    static String albumPath(Album album) {
        return "/album/?id=" + URLEncoder.encode(album.albumId(), StandardCharsets.UTF_8);
    }

    /**
     * What a reader's mail about the album needs: {@code album_name}, and {@code path} for a client
     * or, for someone sent a share link, no path but the link's {@code label}: they open the album
     * with the link they were sent, whose token is kept nowhere else.
     */
    static Map<String, String> forReader(Album album, AlbumAudience.Member member) {
        Map<String, String> fields = new HashMap<>();
        fields.put(MailFields.ALBUM_NAME, name(album));
        if (member.client()) fields.put(MailFields.PATH, albumPath(album));
        else fields.put(MailFields.LABEL, member.linkLabel());
        return fields;
    }
}

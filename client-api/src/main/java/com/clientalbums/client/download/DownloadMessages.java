package com.clientalbums.client.download;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.http.ProgressView;

import java.text.NumberFormat;
import java.util.Locale;

/** What the download panel says, in words a client understands. */
final class DownloadMessages {
    private DownloadMessages() {}

    static final String READY = "Your download is ready.";
    static final String RETRYING = "The last attempt to prepare your download failed; trying again.";

    /** Pending or generating: how far, and how long still, when known. */
    static String preparing(Album album, ProgressView progress) {
        String opening = album.archiveStale()
                ? "New photos are being added; preparing an updated download"
                : "Preparing your download";
        if (progress == null || progress.filesTotal() <= 0) return opening + ".";
        if (progress.filesDone() <= 0 && progress.etaSeconds() == null) {
            return album.archiveStale() ? opening + "." : opening + " of " + photos(progress.filesTotal()) + ".";
        }
        String text = opening + ": " + count(progress.filesDone()) + " of " + photos(progress.filesTotal());
        if (progress.etaSeconds() != null && progress.etaSeconds() > 0) text += ", about " + duration(progress.etaSeconds()) + " left";
        return text + ".";
    }

    /** The generator's message, then what to do about it. */
    static String error(Album album) {
        String reason = album.zipError() == null || album.zipError().isBlank()
                ? "Your download could not be prepared."
                : album.zipError().strip();
        if (!reason.endsWith(".") && !reason.endsWith("!") && !reason.endsWith("?")) reason += ".";
        return reason + " Click " + (album.selection() == null ? "Download All" : "Download favourites") + " to try again.";
    }

    static String photos(long n) {
        return count(n) + (n == 1 ? " photo" : " photos");
    }

    static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.US).format(n);
    }

    /** 40 s, 3 min, 1 h 20 min. */
    static String duration(long seconds) {
        if (seconds < 60) return seconds + " s";
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 60) return minutes + " min";
        long hours = minutes / 60;
        long rest = minutes % 60;
        return hours + " h" + (rest > 0 ? " " + rest + " min" : "");
    }
}

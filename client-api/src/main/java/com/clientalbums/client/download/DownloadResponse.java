package com.clientalbums.client.download;

import com.clientalbums.common.http.ProgressView;

import java.util.List;

/**
 * The answer of {@code GET /albums/{album_id}/download}: the plan's {@code DownloadResponse}
 * ({@code album_id, download_url, expires_in, file_count, status, message}) plus the archive's
 * size, its parts and the build's progress.
 *
 * @param downloadUrl the first part's link (the whole archive's when there is one part); null unless ready
 * @param zipSize     the parts' sizes summed; null unless ready
 * @param parts       every part, in order, when ready; empty otherwise (a build's parts are in {@code progress})
 * @param status      {@code ready | pending | generating | error}
 * @param size        the size answered for: {@code original} or {@code web} (both are built together,
 *                    so a build's state and progress are the same for either)
 */
public record DownloadResponse(String albumId, String downloadUrl, long expiresIn, long fileCount, String status,
                               String message, Long zipSize, List<Part> parts, ProgressView progress, String size) {

    /** One downloadable file: a part of the album's archive (or the whole of it), or one photo. */
    public record Part(String downloadUrl, long size, long fileCount, String name) {}
}

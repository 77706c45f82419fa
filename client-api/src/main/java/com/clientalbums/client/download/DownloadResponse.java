package com.clientalbums.client.download;

import com.clientalbums.common.http.ProgressView;

import java.util.List;

/**
 * The answer of {@code GET /albums/{album_id}/download}: the plan's {@code DownloadResponse}
 * ({@code album_id, download_url, expires_in, file_count, status, message}) plus the archive's
 * size, its parts (one for now; a very large album may later come in several) and the build's
 * progress.
 *
 * @param status {@code ready | pending | generating | error}
 */
public record DownloadResponse(String albumId, String downloadUrl, long expiresIn, long fileCount, String status,
                               String message, Long zipSize, List<Part> parts, ProgressView progress) {

    /** One downloadable file. */
    public record Part(String downloadUrl, long size, long fileCount, String name) {}
}

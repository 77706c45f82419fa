package com.clientalbums.admin.uploads;

import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.http.PhotoPaths;
import com.clientalbums.common.http.PresignedLinks;
import com.clientalbums.common.store.FileTypes;
import com.clientalbums.common.store.S3Keys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Browser uploads straight to S3: one presigned PUT per photo, under
 * {@code albums/{album_id}/photos/{path}}, bound to the declared size and to the content type of
 * the file's extension (both are signed headers, so S3 refuses any other body rather than storing
 * what the link allows). The S3 event that follows each upload is what schedules the album's
 * rebuild, exactly as for {@code scripts/upload-album.sh}.
 *
 * <p>Only the files of {@link FileTypes} (photos, RAW, video, PDF) get a link, each signed for its
 * extension's content type whatever the browser guessed: the bucket never stores an upload typed
 * as a page or a script. The bytes themselves are checked when the photo's event arrives
 * ({@code previews/…/job/PhotoPreviews.java}, docs/uploads.md).
 */
public final class UploadLinks {
    /** Files per request; the front end asks for fewer at a time (rules/shared-rules.json). */
    public static final int MAX_FILES = 500;
    /** A single PUT's limit in S3. */
    public static final long MAX_BYTES = 5L * 1024 * 1024 * 1024;

    /** One file the browser wants to upload. */
    public record File(String path, Long size, String contentType) {}

    public record Request(List<File> files) {}

    /** Where and how to PUT one file: {@code headers} are the signed ones, to be sent as they are. */
    public record Upload(String path, String url, String method, Map<String, String> headers) {}

    public record Uploads(List<Upload> uploads) {}

    private final PresignedLinks links;
    private final Duration expiry;

    public UploadLinks(PresignedLinks links, Duration expiry) {
        this.links = links;
        this.expiry = expiry;
    }

    /** The album must exist (the caller checks); every file is checked before any link is made. */
    public Uploads sign(String albumId, Request request) {
        List<File> files = request.files();
        if (files == null || files.isEmpty()) throw AlbumsException.badRequest("List the files to upload in 'files'");
        if (files.size() > MAX_FILES) throw AlbumsException.badRequest("At most " + MAX_FILES + " files per request");
        List<String> keys = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (File f : files) {
            if (f == null) throw AlbumsException.badRequest("A file in 'files' is empty");
            String problem = PhotoPaths.uploadProblem(albumId, f.path());
            if (problem != null) throw AlbumsException.badRequest("Cannot upload " + f.path() + ": " + problem);
            keys.add(S3Keys.photoKey(albumId, f.path()));
            if (f.size() == null || f.size() < 0 || f.size() > MAX_BYTES) {
                throw AlbumsException.badRequest("Invalid size for " + f.path() + ": files of up to 5 GB can be uploaded");
            }
            types.add(contentType(f));
        }
        List<Upload> uploads = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            long size = files.get(i).size();
            String url = links.put(keys.get(i), expiry, types.get(i), size).url();
            // A browser cannot set Content-Length (it sends the file's own); other clients must send this one.
            uploads.add(new Upload(files.get(i).path(), url, "PUT",
                    Map.of("Content-Type", types.get(i), "Content-Length", Long.toString(size))));
        }
        return new Uploads(uploads);
    }

    /** The extension's type; a declared type may only be that one, octet-stream, or none. */
    private static String contentType(File f) {
        String type = FileTypes.contentType(f.path()).orElseThrow(() -> new AlbumsException(ErrorCode.FILE_TYPE_NOT_ALLOWED,
                "Cannot upload " + f.path() + ": only photos (JPEG, PNG, HEIC, TIFF, WebP, AVIF, GIF), camera RAW, video"
                        + " and PDF files can be uploaded; SVG, HTML, XML, scripts and other files are refused"));
        if (!FileTypes.fitsDeclared(f.path(), f.contentType())) {
            throw new AlbumsException(ErrorCode.FILE_TYPE_NOT_ALLOWED,
                    "Cannot upload " + f.path() + " as " + f.contentType().strip() + ": a file with this name is uploaded as " + type);
        }
        return type;
    }
}

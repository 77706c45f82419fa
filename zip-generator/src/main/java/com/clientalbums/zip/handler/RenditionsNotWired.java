package com.clientalbums.zip.handler;

import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.store.FileTypes;
import com.clientalbums.common.store.PhotoObject;
import com.clientalbums.previews.job.WebRendition;
import com.clientalbums.previews.job.WebRenditions;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * TEMPORARY, until the previews module's {@code S3WebRenditions} is wired in {@link GeneratorServices}:
 * makes no renditions, so images are left out of the web-size archive (never their originals in
 * their place: an original may carry GPS tags and no watermark). Videos and PDFs go in as the
 * album says, RAW files never, exactly as they will with renditions.
 */
final class RenditionsNotWired implements WebRenditions {
    @Override
    public List<WebRendition> prepare(String albumId, List<PhotoObject> photos, WebSize webSize, LongSupplier remainingMillis) {
        return photos.stream().map(p -> of(p, webSize)).toList();
    }

    private static WebRendition of(PhotoObject photo, WebSize webSize) {
        return switch (FileTypes.kind(photo.relativePath()).orElse(FileTypes.Kind.RAW)) {
            case IMAGE -> new WebRendition.Omitted(photo, "web-size renditions are not made by this generator yet");
            case RAW -> new WebRendition.Omitted(photo, "a RAW file is an original by nature");
            case VIDEO, DOCUMENT -> webSize.otherFiles() == WebSize.OtherFiles.INCLUDE
                    ? new WebRendition.Unchanged(photo)
                    : new WebRendition.Omitted(photo, "the album leaves videos and documents out of its web size");
        };
    }
}

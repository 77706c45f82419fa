package com.clientalbums.admin.albums;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.RequestSource;
import com.clientalbums.common.album.SettingsUpdate;
import com.clientalbums.common.album.Watermark;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.build.BuildRequests;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.store.AlbumIds;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code PATCH /admin/albums/{album_id}}: the album's expiry date, its web-size recipe (watermark,
 * videos and PDFs in the web size) and its proofing terms (a selection limit and due date). The recipe is part of the album's content fingerprint
 * ({@link WebSize#tag()}), so a new one is recorded as changed content — the archives become stale
 * exactly as after a changed photo — and one build is requested ({@link RequestSource#SETTINGS_CHANGED}),
 * which keeps every original part and remakes the renditions and the web-size archive. An expiry
 * date or proofing terms alone change no archive. A limit lowered below someone's favourites is
 * allowed: they keep their picks and must remove some before adding or sending them.
 */
public final class AlbumSettings {
    /** Writes tried when photos keep changing between the listing and the write; then 409. */
    static final int ATTEMPTS = 3;

    private final AlbumRepository albums;
    private final PhotoListing photos;
    private final BuildRequests builds;
    private final WatermarkLogos logos;
    private final Clock clock;
    private final int webSizePx;

    /** @param webSizePx {@code WEB_SIZE_PX}: the album's fingerprint includes its web-size recipe */
    public AlbumSettings(AlbumRepository albums, PhotoListing photos, BuildRequests builds, WatermarkLogos logos, Clock clock,
                         int webSizePx) {
        this.albums = albums;
        this.photos = photos;
        this.builds = builds;
        this.logos = logos;
        this.clock = clock;
        this.webSizePx = webSizePx;
    }

    /** The album's row as written; 404 for an unknown album, 409 when its photos would not hold still. */
    public AdminViews.AlbumRow update(String albumId, SettingsRequest request) {
        AlbumIds.require(albumId);
        request.watermark().map(SettingsRequest.WatermarkChoice::watermark)
                .filter(w -> w.kind() == Watermark.Kind.LOGO)
                .ifPresent(w -> logos.requireUploaded(albumId, w.logoKey()));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Album album = albums.find(albumId).orElseThrow(() -> AlbumsException.notFound("Album"));
            Optional<SettingsUpdate.Recipe> recipe = recipe(album, request);
            Optional<Album> written = albums.updateSettings(albumId, new SettingsUpdate(request.expiry(), recipe,
                    request.selectionLimit(), request.selectionDue()));
            if (written.isEmpty()) continue; // the photos changed since the read: read and list again
            // An album still without photos has nothing to rebuild; its first photo requests the build.
            if (recipe.isPresent() && recipe.get().photoCount() > 0) builds.request(albumId, RequestSource.SETTINGS_CHANGED);
            return AdminViews.AlbumRow.of(albums.find(albumId).orElse(written.get()), clock.instant());
        }
        throw new AlbumsException(ErrorCode.CONFLICT, "The album's photos kept changing while its settings were saved; try again");
    }

    /** The new recipe and what it makes of the photos as listed now; empty when the recipe stays as it is. */
    private Optional<SettingsUpdate.Recipe> recipe(Album album, SettingsRequest request) {
        WebSize before = WebSize.of(webSizePx, album);
        Watermark watermark = request.watermark().isPresent() ? request.watermark().get().watermark() : album.watermark();
        WebSize after = new WebSize(webSizePx, watermark, request.otherFiles().orElse(album.webOtherFiles()));
        if (after.tag().equals(before.tag())) return Optional.empty();
        List<PhotoObject> listed = photos.list(album.albumId());
        return Optional.of(new SettingsUpdate.Recipe(after.watermark(), after.otherFiles(), Fingerprint.of(listed, after),
                listed.size(), album.contentVersion()));
    }
}

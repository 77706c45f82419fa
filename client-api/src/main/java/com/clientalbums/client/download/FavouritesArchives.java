package com.clientalbums.client.download;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.album.Selection;
import com.clientalbums.common.album.SelectionIds;
import com.clientalbums.common.album.WebSize;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.build.BuildRequests;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.favourite.FavouriteRepository;
import com.clientalbums.common.favourite.Person;
import com.clientalbums.common.store.Fingerprint;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The record of a caller's favourites archive ({@code docs/favourites.md}): the favourites still in
 * the album now (a photo deleted since drops out, so the selection, and its id, is a new one), as a
 * record of the selection table keyed by {@link SelectionIds}. The first click on a selection writes
 * its record, {@code pending}, and wakes a generator; whoever asks for the same photos later finds
 * that record and its archive. A record whose recipe is no longer its album's (the photographer
 * changed the watermark) gets the album's, which makes its archives stale and rebuilt like the album's.
 */
final class FavouritesArchives {
    private final FavouriteRepository favourites;
    private final AlbumRepository selections;
    private final BuildRequests builds;
    private final PhotoListing listing;
    private final int webSizePx;
    private final Clock clock;

    FavouritesArchives(FavouriteRepository favourites, ArchiveRecords selections, PhotoListing listing, int webSizePx, Clock clock) {
        this.favourites = favourites;
        this.selections = selections.records();
        this.builds = selections.builds();
        this.listing = listing;
        this.webSizePx = webSizePx;
        this.clock = clock;
    }

    /**
     * The record of the archive of {@code caller}'s favourites in {@code album}, read consistently
     * after any write of its own.
     *
     * @throws AlbumsException 404 {@code NO_FAVOURITES} when the caller has no favourite in the album now
     */
    Album recordFor(Caller caller, Album album) {
        List<PhotoObject> photos = listing.list(album.albumId());
        Selection selection = new Selection(album.albumId(), chosen(caller, album.albumId(), photos));
        String id = SelectionIds.of(selection);
        Album record = selections.find(id).orElse(null);
        if (record == null) {
            List<PhotoObject> held = PhotoListing.keptTo(selection, photos);
            // Lost to another click on the same photos: theirs is the record, and their wake-up the build's.
            if (selections.registerSelection(album, selection, fingerprint(held, album), held.size(), clock.instant())) {
                builds.wake(id);
            }
            return latest(id);
        }
        if (!sameRecipe(record, album)) {
            List<PhotoObject> held = PhotoListing.keptTo(selection, photos);
            // Refused when another click copied it first (the content version moved): theirs is as good.
            return selections.copyRecipe(record, album, fingerprint(held, album), held.size()).orElseGet(() -> latest(id));
        }
        return record;
    }

    /** The caller's favourites that are photos of the album now, sorted; 404 when none. */
    private List<String> chosen(Caller caller, String albumId, List<PhotoObject> photos) {
        Set<String> paths = photos.stream().map(PhotoObject::relativePath).collect(Collectors.toSet());
        List<String> chosen = Person.idOf(caller).flatMap(person -> favourites.find(albumId, person))
                .map(f -> f.in(paths)).orElse(List.of());
        if (chosen.isEmpty()) {
            throw new AlbumsException(ErrorCode.NO_FAVOURITES, "You have no favourites in this album yet. Tap the heart on a photo to add it.");
        }
        return chosen;
    }

    /** The archive's fingerprint by the album's recipe, as the generator computes it over the same photos. */
    private String fingerprint(List<PhotoObject> held, Album album) {
        return Fingerprint.of(held, WebSize.of(webSizePx, album));
    }

    private static boolean sameRecipe(Album record, Album album) {
        return Objects.equals(record.watermark(), album.watermark()) && record.webOtherFiles() == album.webOtherFiles();
    }

    private Album latest(String id) {
        return selections.find(id).orElseThrow(() -> AlbumsException.notFound("Favourites archive"));
    }
}

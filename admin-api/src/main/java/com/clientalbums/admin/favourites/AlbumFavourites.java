package com.clientalbums.admin.favourites;

import com.clientalbums.admin.albums.AdminViews;
import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.favourite.FavouriteRepository;
import com.clientalbums.common.favourite.Favourites;
import com.clientalbums.common.share.Share;
import com.clientalbums.common.share.ShareRepository;
import com.clientalbums.common.store.AlbumIds;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;

import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The studio's view of an album's favourites ({@code /admin/albums/{album_id}/favourites}): each
 * person's picks still in the album and whether they sent them as their selection, and reopening a
 * sent selection so its person can change it again. Photos are matched against the album's listing
 * now, so a photo deleted after it was chosen is simply not shown.
 */
public final class AlbumFavourites {
    /** DynamoDB's limit on a sort key: a longer id cannot be anyone's. */
    private static final int MAX_PERSON_ID_BYTES = 1024;

    /**
     * Sent selections first, the newest first (what the photographer acts on), then everyone else
     * by name as a person reads names (accents and case do not push a name to the end), then by id
     * so two people of one name keep their order from call to call.
     */
    private static final Comparator<Favourites> ORDER = Comparator
            .comparing(Favourites::submittedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing((Favourites f) -> f.person().name(), Comparator.nullsLast(Collator.getInstance(Locale.ROOT)))
            .thenComparing(f -> f.person().id());

    /** {@code POST /admin/albums/{album_id}/favourites/reopen}'s body. */
    public record Reopen(String personId) {}

    private final AlbumRepository albums;
    private final FavouriteRepository favourites;
    private final ShareRepository shares;
    private final PhotoListing photos;
    private final Clock clock;

    public AlbumFavourites(AlbumRepository albums, FavouriteRepository favourites, ShareRepository shares, PhotoListing photos,
                           Clock clock) {
        this.albums = albums;
        this.favourites = favourites;
        this.shares = shares;
        this.photos = photos;
        this.clock = clock;
    }

    /**
     * Everyone with a favourite still in the album, or a sent selection (even one whose photos were
     * all deleted since: the photographer should hear of it); 404 for an unknown album.
     */
    public FavouriteViews.Listing list(String albumId) {
        Album album = requireAlbum(albumId);
        Set<String> inAlbum = photoPaths(albumId);
        List<Favourites> people = favourites.ofAlbum(albumId).stream()
                .filter(f -> f.submitted() || !f.in(inAlbum).isEmpty())
                .sorted(ORDER)
                .toList();
        Map<String, String> labels = people.stream().anyMatch(f -> f.person().shareId() != null) ? labels(albumId) : Map.of();
        return new FavouriteViews.Listing(albumId, album.proofing().limit(), AdminViews.day(album.proofing().due()),
                people.stream().map(f -> FavouriteViews.PersonFavourites.of(f, inAlbum,
                        f.person().shareId() == null ? null : labels.get(f.person().shareId()))).toList());
    }

    /**
     * Opens a sent selection again (an open one stays as it is); the person's favourites as they
     * are then. 404 for an unknown album, or a person unknown in it.
     */
    public FavouriteViews.PersonFavourites reopen(String albumId, Reopen request) {
        requireAlbum(albumId);
        String personId = request.personId();
        if (personId == null || personId.isBlank()) {
            throw AlbumsException.badRequest("person_id is required: the person_id of the selection to reopen, as the favourites list shows it");
        }
        if (personId.getBytes(StandardCharsets.UTF_8).length > MAX_PERSON_ID_BYTES) throw noSuchPerson();
        Favourites reopened = favourites.reopen(albumId, personId, clock.instant()).orElseThrow(AlbumFavourites::noSuchPerson);
        String shareId = reopened.person().shareId();
        String label = shareId == null ? null : shares.find(albumId, shareId).map(Share::label).orElse(null);
        return FavouriteViews.PersonFavourites.of(reopened, photoPaths(albumId), label);
    }

    private Album requireAlbum(String albumId) {
        AlbumIds.require(albumId);
        return albums.find(albumId).orElseThrow(() -> AlbumsException.notFound("Album"));
    }

    private Set<String> photoPaths(String albumId) {
        return photos.list(albumId).stream().map(PhotoObject::relativePath).collect(Collectors.toUnmodifiableSet());
    }

    /** The album's share links' labels by share id. */
    private Map<String, String> labels(String albumId) {
        return shares.ofAlbum(albumId).stream().collect(Collectors.toUnmodifiableMap(Share::shareId, Share::label));
    }

    private static AlbumsException noSuchPerson() {
        return AlbumsException.notFound("Person");
    }
}

package com.clientalbums.client.favourites;

import com.clientalbums.common.access.AlbumAccess;
import com.clientalbums.common.access.Viewing;
import com.clientalbums.common.album.Proofing;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.error.ErrorCode;
import com.clientalbums.common.favourite.FavouriteRepository;
import com.clientalbums.common.favourite.Favourites;
import com.clientalbums.common.favourite.Person;
import com.clientalbums.common.http.PhotoPaths;
import com.clientalbums.common.store.PhotoListing;
import com.clientalbums.common.store.PhotoObject;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The caller's favourites in an album, which are also their selection when the album has proofing
 * terms ({@code docs/favourites.md}). Whoever may see the album may keep favourites in it (another
 * client's album answers 404, as every album route does); a guest first gives a name. Photos are
 * the album's listing now, so a photo deleted since it was hearted drops out of every answer
 * without an error and no longer counts against the limit.
 */
public final class FavouriteService {
    /** The most paths one change may name: "select all" on a large album is a few such requests. */
    public static final int MAX_PATHS_PER_CHANGE = 500;

    private final AlbumAccess access;
    private final PhotoListing listing;
    private final FavouriteRepository favourites;
    private final SelectionMail mail;
    private final Clock clock;

    public FavouriteService(AlbumAccess access, PhotoListing listing, FavouriteRepository favourites, SelectionMail mail, Clock clock) {
        this.access = access;
        this.listing = listing;
        this.favourites = favourites;
        this.mail = mail;
        this.clock = clock;
    }

    /** {@code POST /albums/{album_id}/favourites}'s body. */
    public record Change(List<String> paths, Boolean favourite) {}

    /** {@code GET /albums/{album_id}/favourites}. */
    public FavouritesState state(Caller caller, String albumId) {
        Viewing viewing = access.open(caller, albumId);
        Optional<Favourites> mine = Person.idOf(caller).flatMap(id -> favourites.find(albumId, id));
        return state(caller, viewing, mine, photos(albumId));
    }

    /** {@code POST /albums/{album_id}/favourites}: adds or removes photos, then the state after it. */
    public FavouritesState change(Caller caller, String albumId, Change change) {
        Set<String> paths = requirePaths(change);
        Viewing viewing = access.open(caller, albumId);
        Person person = Person.of(caller, null).orElseThrow(() -> new AlbumsException(ErrorCode.NAME_REQUIRED,
                "Tell us your name first, so the photographer knows whose favourites these are."));
        Set<String> photos = photos(albumId);
        Favourites after;
        if (change.favourite()) {
            List<String> missing = paths.stream().filter(p -> !photos.contains(p)).limit(3).toList();
            if (!missing.isEmpty()) {
                throw new AlbumsException(ErrorCode.PHOTO_NOT_IN_ALBUM, "This album has no photo " + String.join(", ", missing) + ".");
            }
            after = favourites.add(albumId, person, paths, proofing(viewing).effectiveLimit(), photos, clock.instant());
        } else {
            // Removing a photo deleted from the album is allowed: it is how a stale page tidies up.
            after = favourites.remove(albumId, person, paths, clock.instant());
        }
        return state(caller, viewing, Optional.of(after), photos);
    }

    /**
     * {@code POST /albums/{album_id}/favourites/submit}: sends the selection to the photographer,
     * which locks it until they reopen it, and tells them by e-mail ({@link SelectionMail}). Sending
     * it again answers it as it is.
     */
    public FavouritesState submit(Caller caller, String albumId) {
        Viewing viewing = access.open(caller, albumId);
        Set<String> photos = photos(albumId);
        Optional<Favourites> mine = Person.idOf(caller).flatMap(id -> favourites.find(albumId, id));
        if (mine.isPresent() && mine.get().submitted()) return state(caller, viewing, mine, photos);
        int count = mine.map(f -> f.in(photos).size()).orElse(0);
        if (count == 0) throw new AlbumsException(ErrorCode.NO_FAVOURITES, "Choose at least one photo before sending your selection.");
        int limit = proofing(viewing).effectiveLimit();
        if (count > limit) {
            // The photographer lowered the limit after these were chosen: allowed, but not sendable.
            throw new AlbumsException(ErrorCode.SELECTION_LIMIT_REACHED, "You can choose up to " + limit + " photos and have chosen "
                    + count + ". Remove " + (count - limit) + " to send your selection.");
        }
        Instant now = clock.instant();
        Favourites sent = favourites.submit(albumId, mine.get().person().id(), now);
        mail.sent(viewing.album(), sent, count, now);
        return state(caller, viewing, Optional.of(sent), photos);
    }

    private FavouritesState state(Caller caller, Viewing viewing, Optional<Favourites> mine, Set<String> photos) {
        Proofing proofing = proofing(viewing);
        List<String> paths = mine.map(f -> f.in(photos)).orElse(List.of());
        Optional<Person> person = Person.of(caller, null);
        return new FavouritesState(paths, paths.size(), proofing.limit(), proofing.due() == null ? null : proofing.due().toString(),
                mine.map(Favourites::submittedAt).orElse(null), person.isEmpty(), person.map(Person::name).orElse(null));
    }

    private static Proofing proofing(Viewing viewing) {
        return viewing.album().proofing();
    }

    /** The album's photos now (hidden and system files are not photos). */
    private Set<String> photos(String albumId) {
        return listing.list(albumId).stream().map(PhotoObject::relativePath).collect(Collectors.toUnmodifiableSet());
    }

    /** The body's paths, each a valid photo path: 400 otherwise, before anything is read. */
    private static Set<String> requirePaths(Change change) {
        if (change.favourite() == null) throw AlbumsException.badRequest("Say whether the photos are favourites ('favourite': true or false).");
        if (change.paths() == null || change.paths().isEmpty()) throw AlbumsException.badRequest("Name at least one photo ('paths').");
        if (change.paths().size() > MAX_PATHS_PER_CHANGE) {
            throw AlbumsException.badRequest("Change at most " + MAX_PATHS_PER_CHANGE + " photos at a time.");
        }
        Set<String> paths = new LinkedHashSet<>();
        for (String path : change.paths()) paths.add(PhotoPaths.require(path));
        return paths;
    }
}

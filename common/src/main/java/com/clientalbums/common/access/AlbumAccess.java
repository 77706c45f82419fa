package com.clientalbums.common.access;

import com.clientalbums.common.album.Album;
import com.clientalbums.common.album.AlbumRepository;
import com.clientalbums.common.auth.Caller;
import com.clientalbums.common.error.AlbumsException;
import com.clientalbums.common.store.AlbumIds;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Who may see which album: the photographer every album, a client the albums granted to them.
 * An album a caller may not see answers exactly as one that does not exist — "Album not found",
 * 404 — so an album id never tells a client anything about other clients' albums.
 */
public final class AlbumAccess {
    private final AlbumRepository albums;
    private final GrantRepository grants;

    public AlbumAccess(AlbumRepository albums, GrantRepository grants) {
        this.albums = albums;
        this.grants = grants;
    }

    /** The album if the caller may see it; 400 for an invalid id, 404 otherwise. */
    public Album require(Caller caller, String albumId) {
        AlbumIds.require(albumId);
        if (!caller.isAdmin() && !grants.isGranted(caller.email(), albumId)) throw AlbumsException.notFound("Album");
        return albums.find(albumId).orElseThrow(() -> AlbumsException.notFound("Album"));
    }

    /** Every album the caller may see (a grant to an album since removed is skipped). */
    public List<Album> visible(Caller caller) {
        if (caller.isAdmin()) return albums.findAll();
        List<String> ids = grants.ofUser(caller.email()).stream().map(Grant::albumId).toList();
        // A client has a handful of albums: read them side by side rather than one after another.
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<Album>>> reads = new ArrayList<>();
            for (String id : ids) reads.add(pool.submit(() -> albums.find(id)));
            List<Album> found = new ArrayList<>();
            for (var read : reads) read.get().ifPresent(found::add);
            return found;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading albums", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}

package com.clientalbums.maintenance.deliveries;

import com.clientalbums.common.album.Album;

import java.util.List;
import java.util.function.Supplier;

/**
 * The album table read at most once: the first {@link #get()} reads it, later ones return that
 * list, or throw the failure the read met. Trying again within the same run would repeat a Scan
 * the SDK has already retried; the next run, minutes later, reads afresh.
 */
final class AlbumsReadOnce implements Supplier<List<Album>> {
    private final Supplier<List<Album>> read;
    private List<Album> albums;
    private RuntimeException failure;

    AlbumsReadOnce(Supplier<List<Album>> read) {
        this.read = read;
    }

    @Override
    public synchronized List<Album> get() {
        if (albums == null && failure == null) {
            try {
                albums = List.copyOf(read.get());
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) throw failure;
        return albums;
    }

    /** Whether {@code e} is this read's failure, as a step passes it on. */
    synchronized boolean failedWith(RuntimeException e) {
        return failure != null && failure == e;
    }
}

package com.clientalbums.maintenance.deliveries;

import com.clientalbums.common.album.Album;
import com.clientalbums.maintenance.sweep.MaintenanceReport;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the deliveries run hands a step: the time it starts at, and the album table as this run
 * read it. Reading the albums is a Scan of the whole table (docs/cost.md prices it), so the run
 * reads them once, on the first step's asking, and every later step gets the same list: changes
 * made meanwhile are the next run's, minutes later. A step that needs no albums never asks, and a
 * run whose time is up before any step asks reads nothing.
 *
 * @param albums every album record; throws if the table could not be read (and throws the same
 *               failure to every step after, without reading again)
 */
public record RunInput(Instant now, Supplier<List<Album>> albums) {
    private static final Logger LOG = System.getLogger(RunInput.class.getName());

    /**
     * {@code work} on each album in turn while time is left. An album whose work throws is
     * recorded under its id and the others go on; the next run tries it again.
     */
    public void eachAlbum(BooleanSupplier timeLeft, MaintenanceReport report, Consumer<Album> work) {
        for (Album album : albums.get()) {
            if (!timeLeft.getAsBoolean()) return;
            try {
                work.accept(album);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "album " + album.albumId() + " not done; the next run tries again", e);
                report.error(album.albumId(), e);
            }
        }
    }
}

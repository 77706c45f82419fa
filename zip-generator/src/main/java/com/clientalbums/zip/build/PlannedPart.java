package com.clientalbums.zip.build;

import com.clientalbums.common.album.PartTask;
import com.clientalbums.common.album.PhotoSize;
import com.clientalbums.common.album.Progress;
import com.clientalbums.zip.layout.ZipLayout;

import java.util.List;

/**
 * One part of an album as planned from a listing: its archive key (named for its content), its
 * byte-exact layout, each entry's listed ETag, and which archive it belongs to (the originals' or
 * the web-size one; both are built alike).
 */
public record PlannedPart(int index, String key, ZipLayout layout, List<String> etags, PhotoSize photoSize) {
    public PlannedPart {
        etags = List.copyOf(etags);
    }

    public long contentBytes() {
        return layout.entries().stream().mapToLong(ZipLayout.Entry::size).sum();
    }

    /** Nothing of it built yet. */
    public Progress nothingDone() {
        return new Progress(0, layout.entries().size(), 0, contentBytes());
    }

    /** All of it built. */
    public Progress allDone() {
        return new Progress(layout.entries().size(), layout.entries().size(), contentBytes(), contentBytes());
    }

    /** Its entry in the album's plan: done when its archive already exists, else waiting. */
    public PartTask task(boolean built) {
        return built
                ? new PartTask(index, key, PartTask.State.DONE, null, null, allDone(), layout.totalSize(), photoSize)
                : new PartTask(index, key, PartTask.State.TODO, null, null, nothingDone(), layout.totalSize(), photoSize);
    }
}

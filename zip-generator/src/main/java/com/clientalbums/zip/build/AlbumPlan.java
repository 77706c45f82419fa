package com.clientalbums.zip.build;

import java.util.List;

/** An album's photos as listed at one moment ({@code fingerprint}), cut into parts in download order. */
public record AlbumPlan(String fingerprint, List<PlannedPart> parts) {
    public AlbumPlan {
        parts = List.copyOf(parts);
    }
}

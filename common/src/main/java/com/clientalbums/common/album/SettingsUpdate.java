package com.clientalbums.common.album;

import java.time.Instant;
import java.util.Optional;

/**
 * A change of an album's settings ({@code PATCH /admin/albums/{album_id}}), written by
 * {@link AlbumRepository#updateSettings} in one conditional write. Each part is either left as it is
 * (empty) or set.
 *
 * @param expiry the new expiry date; empty leaves it, {@code Expiry(null)} removes it
 * @param recipe the new web-size recipe with the content fingerprint it makes; empty leaves the recipe
 */
public record SettingsUpdate(Optional<Expiry> expiry, Optional<Recipe> recipe) {

    /** @param at null for a gallery that does not expire */
    public record Expiry(Instant at) {}

    /**
     * The album's web-size recipe and what it makes of the album's content: the photos listed now
     * fingerprinted with the new recipe. Written only while the content version is still
     * {@code contentVersion} (the one read before the photos were listed), so a photo recorded in
     * between is not overwritten by an older listing: the caller reads and lists again.
     *
     * @param watermark null for none
     */
    public record Recipe(Watermark watermark, WebSize.OtherFiles otherFiles, String fingerprint, long photoCount,
                         long contentVersion) {}

    public boolean isEmpty() {
        return expiry.isEmpty() && recipe.isEmpty();
    }
}

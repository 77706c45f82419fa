package com.clientalbums.common.album;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A change of an album's settings ({@code PATCH /admin/albums/{album_id}}), written by
 * {@link AlbumRepository#updateSettings} in one conditional write. Each part is either left as it is
 * (empty) or set.
 *
 * @param expiry         the new expiry date; empty leaves it, {@code Expiry(null)} removes it
 * @param recipe         the new web-size recipe with the content fingerprint it makes; empty leaves the recipe
 * @param selectionLimit the {@link Proofing} limit; empty leaves it, {@code SelectionLimit(null)} removes it
 * @param selectionDue   the {@link Proofing} due date; empty leaves it, {@code SelectionDue(null)} removes it
 */
public record SettingsUpdate(Optional<Expiry> expiry, Optional<Recipe> recipe, Optional<SelectionLimit> selectionLimit,
                             Optional<SelectionDue> selectionDue) {

    /** Expiry and recipe only: the proofing terms are left as they are. */
    public SettingsUpdate(Optional<Expiry> expiry, Optional<Recipe> recipe) {
        this(expiry, recipe, Optional.empty(), Optional.empty());
    }

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

    /**
     * The most photos one person may choose. Set on its own, not merged with the due date the
     * caller read, so two photographers' tabs changing one each do not undo the other's.
     *
     * @param limit 1 to {@link Proofing#MAX_FAVOURITES}; null for no limit
     */
    public record SelectionLimit(Integer limit) {
        public SelectionLimit {
            if (limit != null && (limit < 1 || limit > Proofing.MAX_FAVOURITES)) {
                throw new IllegalArgumentException("selection limit must be 1-" + Proofing.MAX_FAVOURITES);
            }
        }
    }

    /** @param due null for no due date */
    public record SelectionDue(LocalDate due) {}

    public boolean isEmpty() {
        return expiry.isEmpty() && recipe.isEmpty() && selectionLimit.isEmpty() && selectionDue.isEmpty();
    }
}

package com.clientalbums.zip.build;

import com.clientalbums.common.album.PublishedPart;
import com.clientalbums.zip.reuse.PreviousEntry;

import java.util.List;

/**
 * The entries of an album's published archives that a rebuild may copy instead of reading their
 * photos again (their manifests and central directories). Read once per invocation, whatever
 * the number of parts it builds.
 */
@FunctionalInterface
public interface EarlierArchives {
    /** What {@code parts} hold; an archive that cannot be read is left out, never fatal (the rebuild copies less). */
    List<PreviousEntry> entriesOf(List<PublishedPart> parts);
}

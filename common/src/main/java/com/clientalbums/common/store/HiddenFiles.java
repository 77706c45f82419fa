package com.clientalbums.common.store;

import java.util.Locale;
import java.util.Set;

/**
 * Files that desktop systems and upload tools leave behind ({@code .DS_Store}, {@code Thumbs.db},
 * the plan's {@code .keep} markers, macOS resource forks under {@code __MACOSX}). They are not
 * photos: they are not counted, previewed or archived. The front end and {@code scripts/upload-album.sh}
 * leave the same files out, all checked against {@code rules/shared-rules.json}.
 */
public final class HiddenFiles {
    /**
     * Lower-cased; {@code Icon\r} is the macOS folder-icon file, invisible in Finder; the last two
     * are the folders Windows keeps at the top of every drive, so a synced card or disk brings them.
     */
    public static final Set<String> SYSTEM_NAMES = Set.of("thumbs.db", "ehthumbs.db", "desktop.ini", "__macosx", "icon\r",
            "$recycle.bin", "system volume information");

    private HiddenFiles() {}

    /** True when any component of the path is hidden or a system file. */
    public static boolean isHidden(String relativePath) {
        for (String part : relativePath.split("/")) {
            if (isHiddenName(part)) return true;
        }
        return false;
    }

    /** One path component. Also true for {@code .} and {@code ..}, so no entry can climb out of the extraction folder. */
    public static boolean isHiddenName(String component) {
        return component.startsWith(".") || SYSTEM_NAMES.contains(component.toLowerCase(Locale.ROOT));
    }
}

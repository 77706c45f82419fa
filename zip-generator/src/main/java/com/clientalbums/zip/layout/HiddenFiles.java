package com.clientalbums.zip.layout;

import java.util.Locale;
import java.util.Set;

/** System and hidden files that clients never want to find in their album download. */
final class HiddenFiles {

    /** Lower-cased; {@code Icon\r} is the macOS folder-icon file, invisible in Finder. */
    private static final Set<String> SYSTEM_NAMES =
            Set.of("thumbs.db", "ehthumbs.db", "desktop.ini", "__macosx", "icon\r");

    private HiddenFiles() {
    }

    /** Also true for {@code .} and {@code ..}, so no entry can climb out of the extraction folder. */
    static boolean isHidden(String component) {
        return component.startsWith(".") || SYSTEM_NAMES.contains(component.toLowerCase(Locale.ROOT));
    }
}

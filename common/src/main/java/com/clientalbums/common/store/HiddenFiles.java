package com.clientalbums.common.store;

import java.util.Locale;
import java.util.Set;

/**
 * Files that desktop systems and upload tools leave behind ({@code .DS_Store}, {@code Thumbs.db},
 * the plan's {@code .keep} markers, macOS resource forks). They are not photos: they are not
 * counted, previewed or archived.
 */
public final class HiddenFiles {
    private static final Set<String> SYSTEM_FILES = Set.of("thumbs.db", "desktop.ini", "ehthumbs.db", "icon\r");

    private HiddenFiles() {}

    /** True when any component of the path is hidden (starts with '.'), a system file, or {@code __MACOSX}. */
    public static boolean isHidden(String relativePath) {
        for (String part : relativePath.split("/")) {
            if (part.startsWith(".") || part.equals("__MACOSX") || SYSTEM_FILES.contains(part.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}

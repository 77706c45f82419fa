package com.clientalbums.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * {@code DATA/local.env}: {@code export} lines that point {@code scripts/} and the {@code aws}
 * CLI at the running system ({@code source data/local.env}). Values are single-quoted for the
 * shell; the file is readable by its owner only, since it may hold the demo password.
 */
public final class LocalEnvFile {
    private LocalEnvFile() {}

    public static void write(Path file, String header, Map<String, String> variables) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : header.split("\n")) text.append("# ").append(line).append('\n');
        variables.forEach((name, value) -> text.append("export ").append(name).append('=').append(quote(value)).append('\n'));
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the data folder's own permissions apply
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}

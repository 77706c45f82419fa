package com.clientalbums.local;

import com.clientalbums.local.auth.OwnerOnlyFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        OwnerOnlyFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
